import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, formatNumber, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  Card,
  CardTitle,
  cx,
  Dialog,
  EmptyState,
  linkClass,
  QueryState,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import {
  type CertificateRow,
  certificatesQuery,
  deskKeys,
  keys,
  type Olympiad,
  type Results,
  type Round,
  resultsQuery,
  tieRule,
} from "../lib/queries.ts";

const MEDALS = { gold: "🥇", silver: "🥈", bronze: "🥉" } as const;

function minutes(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function ResultsTable(props: { results: Results }) {
  const { t, i18n } = useTranslation();
  const { rows } = props.results;
  if (rows.length === 0) return <EmptyState icon="🏁" title={t("board.empty")} />;
  return (
    <div className="overflow-x-auto rounded-2xl ring-1 ring-slate-100">
      <table className="w-full text-left">
        <caption className="sr-only">{t("desk.results")}</caption>
        <thead className="bg-slate-100 text-sm">
          <tr>
            <th scope="col" className="p-3">
              {t("board.rank")}
            </th>
            <th scope="col" className="p-3">
              {t("board.name")}
            </th>
            <th scope="col" className="hidden p-3 md:table-cell">
              {t("board.where")}
            </th>
            <th scope="col" className="p-3 text-right">
              {t("board.score")}
            </th>
            <th scope="col" className="hidden p-3 text-right sm:table-cell">
              {t("board.time")}
            </th>
            <th scope="col" className="p-3">
              {t("desk.award")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id and names repeat; the table is replaced whole
              key={`${row.rank}-${i}`}
              className="border-slate-100 border-t"
            >
              <td className="p-3 font-black text-lg tabular-nums">{row.rank}</td>
              <td className="p-3">
                {row.name}
                <span className="block text-muted text-sm">
                  {t("grade", { grade: row.grade })} ·{" "}
                  {t("desk.percentile", { percent: Math.round(row.percentile) })}
                </span>
              </td>
              <td className="hidden p-3 text-sm md:table-cell">
                {[row.region ? t(`common:regions.${row.region}`) : "", row.district, row.school]
                  .filter(Boolean)
                  .join(", ")}
              </td>
              <td className="p-3 text-right font-black text-lg tabular-nums">
                {formatNumber(row.score, i18n.language)}
              </td>
              <td className="hidden p-3 text-right tabular-nums sm:table-cell">
                {minutes(row.seconds)}
              </td>
              <td className="whitespace-nowrap p-3">
                {row.award ? (
                  <>
                    <span aria-hidden="true">{MEDALS[row.award]}</span>{" "}
                    {/* On a phone the medal is enough to see; the word stays for screen readers. */}
                    <span className="sr-only sm:not-sr-only">
                      {t(`results.awards.${row.award}`)}
                    </span>
                  </>
                ) : null}
                {row.qualified ? `✓ ${t("desk.qualified")}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The organizer's results of a round: the table (provisional until published, ranked by the job
 * once the round closes and again after every accepted appeal) and, on the last round, the step
 * that publishes them: prizes and certificates follow.
 */
export function ResultsDesk(props: { olympiad: Olympiad; round: Round; last: boolean }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { olympiad, round } = props;
  const results = useQuery(resultsQuery(api, olympiad.id, round.id));
  const [confirming, setConfirming] = useState(false);
  const publish = useMutation({
    mutationFn: () =>
      call(
        api.olimp.POST("/api/olimp/olympiads/{olympiad_id}/results/publish", {
          params: { path: { olympiad_id: olympiad.id } },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.olympiad(olympiad.id) });
      void client.invalidateQueries({ queryKey: deskKeys.results(round.id) });
    },
    onSettled: () => setConfirming(false),
  });
  const canPublish = props.last && olympiad.state === "finished";
  return (
    <Card className="flex flex-col gap-3" data-testid="results-desk">
      <CardTitle>
        {olympiad.rounds.length > 1
          ? `${t("desk.results")} · ${t("round.numbered", { n: round.number })}`
          : t("desk.results")}
      </CardTitle>
      <p className="text-muted text-sm">
        {t("desk.tieBreak", { rule: t(`tieBreaks.${tieRule(olympiad.tie_breaks)}`) })}
      </p>
      <QueryState query={results}>
        {(table) =>
          table.ranked_at === null ? (
            <p className="text-muted">{t("desk.notRanked")}</p>
          ) : (
            <>
              <p className={cx("font-semibold", table.published ? "text-emerald-800" : "")}>
                {table.published ? t("desk.published") : t("desk.provisional")} ·{" "}
                {t("desk.participants", { count: table.participants })}
                {/* While provisional, when it was last computed (appeals re-rank it). */}
                {table.published
                  ? ""
                  : ` · ${t("desk.rankedAt", { date: formatDate(table.ranked_at, i18n.language, true) })}`}
              </p>
              <ResultsTable results={table} />
            </>
          )
        }
      </QueryState>
      {canPublish ? (
        <div className="flex flex-col gap-3">
          <p>{t("manage.resultsHint")}</p>
          {publish.error ? <Alert tone="error">{errorMessage(t, publish.error)}</Alert> : null}
          <Button size="xl" variant="sun" onClick={() => setConfirming(true)}>
            🏅 {t("manage.publishResults")}
          </Button>
        </div>
      ) : null}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("desk.confirmPublish")}
        actions={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t("common:actions.cancel")}
            </Button>
            <Button loading={publish.isPending} onClick={() => publish.mutate()}>
              {t("manage.publishResults")}
            </Button>
          </>
        }
      >
        <p>{t("desk.publishWarning")}</p>
      </Dialog>
    </Card>
  );
}

function CertificateItem(props: { olympiadId: string; certificate: CertificateRow }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { certificate: c } = props;
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () =>
      call(
        api.olimp.POST("/api/olimp/olympiads/{olympiad_id}/certificates/{code}/revoke", {
          params: { path: { olympiad_id: props.olympiadId, code: c.code } },
        }),
      ),
    onSuccess: () =>
      void client.invalidateQueries({ queryKey: deskKeys.certificates(props.olympiadId) }),
    onSettled: () => setConfirming(false),
  });
  return (
    <li className="flex items-start gap-3 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-bold">
          {c.award ? `${MEDALS[c.award]} ` : ""}
          {c.holder_name}
        </p>
        <p className="text-sm">
          {c.achievement}
          {c.prize > 0 ? ` · ${t("desk.prize", { count: c.prize })}` : ""}
        </p>
        <Link
          to={`/certificates/${encodeURIComponent(c.code)}`}
          className={cx(linkClass(), "font-mono")}
        >
          {c.code}
        </Link>
        {c.revoked_at ? (
          <p className="font-bold text-red-800">
            {t("desk.revokedOn", { date: formatDate(c.revoked_at, i18n.language) })}
          </p>
        ) : null}
      </div>
      {c.revoked_at ? null : (
        <Button
          variant="secondary"
          className="shrink-0"
          onClick={() => setConfirming(true)}
          aria-label={t("desk.revokeFor", { name: c.holder_name })}
        >
          {t("desk.revoke")}
        </Button>
      )}
      {revoke.error ? <Alert tone="error">{errorMessage(t, revoke.error)}</Alert> : null}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("desk.confirmRevoke", { name: c.holder_name })}
        actions={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t("common:actions.cancel")}
            </Button>
            <Button variant="danger" loading={revoke.isPending} onClick={() => revoke.mutate()}>
              {t("desk.revoke")}
            </Button>
          </>
        }
      >
        <p>{t("desk.revokeWarning")}</p>
      </Dialog>
    </li>
  );
}

/** Every certificate the olympiad issued, each with its public page and a way to revoke it. */
export function CertificatesDesk(props: { olympiad: Olympiad }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const certificates = useQuery({
    ...certificatesQuery(api, props.olympiad.id),
    // The finalisation job issues them a moment after publication: look again until they are.
    refetchInterval: (query) => (query.state.data?.length === 0 ? 5_000 : false),
  });
  return (
    <Card className="flex flex-col gap-2" data-testid="certificates-desk">
      <CardTitle>{t("desk.certificates")}</CardTitle>
      <QueryState query={certificates}>
        {(list) =>
          list.length === 0 ? (
            <p className="text-muted">{t("desk.noCertificates")}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-slate-100">
              {list.map((c) => (
                <CertificateItem key={c.code} olympiadId={props.olympiad.id} certificate={c} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </Card>
  );
}
