import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  Card,
  CardTitle,
  Dialog,
  Field,
  linkClass,
  Page,
  QueryState,
  Textarea,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { AppealsDesk } from "../components/AppealsDesk.tsx";
import { StateBadge } from "../components/OlympiadCard.tsx";
import { CertificatesDesk, ResultsDesk } from "../components/ResultsDesk.tsx";
import { localized } from "../lib/olympiad.ts";
import {
  attemptsQuery,
  keys,
  type Olympiad,
  olympiadQuery,
  type Question,
  questionsQuery,
  type Round,
} from "../lib/queries.ts";

/** The key as the organizer reads it: the right options' texts, the truth, or the text. */
function keyText(question: Question, t: (key: string) => string): string {
  const key = question.answer_key ?? {};
  if (Array.isArray(key.correct)) {
    const ids = key.correct as string[];
    return question.options
      .filter((o) => ids.includes(o.id))
      .map((o) => o.text)
      .join(", ");
  }
  if (typeof key.truth === "boolean")
    return key.truth ? t("common:answer.true") : t("common:answer.false");
  if (Array.isArray(key.accepted)) return (key.accepted as string[]).join(" / ");
  if (typeof key.value === "number") {
    const tolerance = typeof key.tolerance === "number" ? key.tolerance : 0;
    return tolerance > 0 ? `${key.value} ± ${tolerance}` : String(key.value);
  }
  return Object.values(key).map(String).join(", ");
}

/** Questions typed as text, through the shared parser; those without a clear answer are counted. */
function ImportSection(props: {
  olympiad: Olympiad;
  round: Round;
  sectionId: string;
  title: string;
}) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const [text, setText] = useState("");
  const imported = useMutation({
    mutationFn: () =>
      call(
        api.olimp.POST("/api/olimp/olympiads/{olympiad_id}/rounds/{round_id}/questions/import", {
          params: { path: { olympiad_id: props.olympiad.id, round_id: props.round.id } },
          body: { section_id: props.sectionId, text },
        }),
      ),
    onSuccess: () => {
      setText("");
      void client.invalidateQueries({ queryKey: keys.questions(props.round.id) });
    },
  });
  return (
    <div className="flex flex-col gap-2">
      <Field label={t("manage.importInto", { section: props.title })} hint={t("manage.importHint")}>
        <Textarea
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="font-mono"
        />
      </Field>
      {imported.data ? (
        <Alert tone={imported.data.flagged > 0 ? "warning" : "success"}>
          {t("manage.imported", { count: imported.data.added.length })}{" "}
          {imported.data.flagged > 0 ? t("manage.flagged", { count: imported.data.flagged }) : ""}
        </Alert>
      ) : null}
      {imported.error ? <Alert tone="error">{errorMessage(t, imported.error)}</Alert> : null}
      <Button
        variant="secondary"
        size="lg"
        loading={imported.isPending}
        disabled={!text.trim()}
        onClick={() => imported.mutate()}
      >
        {t("manage.import")}
      </Button>
    </div>
  );
}

function RoundPaper(props: { olympiad: Olympiad; round: Round }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { olympiad, round } = props;
  const questions = useQuery(questionsQuery(api, olympiad.id, round.id));
  const draft = olympiad.state === "draft";
  return (
    <Card className="flex flex-col gap-4">
      <CardTitle>{t("round.numbered", { n: round.number })}</CardTitle>
      {round.sections.map((section) => {
        const title =
          section.penalty > 0
            ? t("manage.section", { points: section.points, penalty: section.penalty })
            : t("manage.sectionPlain", { points: section.points });
        const inSection = questions.data?.filter((q) => q.section_id === section.id) ?? [];
        return (
          <section key={section.id} className="flex flex-col gap-3">
            <h3 className="font-bold text-lg">
              {title} · {t("manage.count", { count: inSection.length })}
            </h3>
            <ol className="flex list-decimal flex-col gap-2 pl-6">
              {inSection.map((q) => (
                <li key={q.id}>
                  <span className="whitespace-pre-line">{q.text}</span>{" "}
                  <span className="font-bold text-emerald-800">→ {keyText(q, t)}</span>
                </li>
              ))}
            </ol>
            {draft ? (
              <ImportSection
                olympiad={olympiad}
                round={round}
                sectionId={section.id}
                title={title}
              />
            ) : null}
          </section>
        );
      })}
    </Card>
  );
}

/** Every participant's attempt with the integrity signals: shown, never acted on by themselves. */
function Attempts(props: { olympiad: Olympiad; round: Round }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const attempts = useQuery({
    ...attemptsQuery(api, props.olympiad.id, props.round.id),
    refetchInterval: 10_000,
  });
  return (
    <Card className="flex flex-col gap-3">
      <CardTitle>{t("manage.attempts")}</CardTitle>
      <QueryState query={attempts}>
        {(list) =>
          list.length === 0 ? (
            <p className="text-muted">{t("manage.noAttempts")}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-slate-100">
              {list.map((a) => (
                <li key={a.id} className="py-2">
                  <p className="font-bold">
                    {a.name} · {t("manage.answered", { count: a.answered })} ·{" "}
                    {t("manage.score", { score: a.score })}
                    {a.submitted_at ? ` · ${t("manage.submitted")}` : ""}
                  </p>
                  {a.signals.length > 0 ? (
                    <ul className="text-amber-900 text-sm">
                      {a.signals.map((s) => (
                        <li key={`${s.kind}-${s.recorded_at}`}>
                          ⚠ {t(`signals.${s.kind}`)} ·{" "}
                          {formatDate(s.recorded_at, i18n.language, true)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Card>
  );
}

/** A round whose results the ranking job computes: it has closed (the olympiad's clock says so). */
function closed(olympiad: Olympiad, round: Round): boolean {
  return (
    olympiad.state === "finished" ||
    olympiad.state === "results_published" ||
    Date.parse(round.closes_at) <= Date.parse(olympiad.server_time)
  );
}

export default function Manage() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { olympiadId = "" } = useParams();
  const olympiad = useQuery(olympiadQuery(api, olympiadId));
  const [confirming, setConfirming] = useState(false);
  const publish = useMutation({
    mutationFn: () =>
      call(
        api.olimp.POST("/api/olimp/olympiads/{olympiad_id}/publish", {
          params: { path: { olympiad_id: olympiadId } },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.olympiad(olympiadId) });
      void client.invalidateQueries({ queryKey: keys.olympiads });
    },
    onSettled: () => setConfirming(false),
  });
  return (
    <QueryState query={olympiad}>
      {({ data: o }) => (
        <Page
          title={localized(o.title, i18n.language)}
          subtitle={t("manage.heading")}
          back={
            <Link to={`/olympiads/${o.id}`} className={linkClass()}>
              ← {t("manage.toPage")}
            </Link>
          }
          actions={<StateBadge state={o.state} />}
        >
          {o.state === "draft" ? (
            <Card className="flex flex-col gap-3">
              <p>{t("manage.draftHint")}</p>
              {publish.error ? <Alert tone="error">{errorMessage(t, publish.error)}</Alert> : null}
              <Button size="xl" variant="sun" onClick={() => setConfirming(true)}>
                📣 {t("manage.publish")}
              </Button>
            </Card>
          ) : null}
          {o.rounds.map((round) => (
            <div key={round.id} className="flex flex-col gap-4">
              <RoundPaper olympiad={o} round={round} />
              {o.state !== "draft" ? <Attempts olympiad={o} round={round} /> : null}
              {o.state !== "draft" ? <AppealsDesk olympiad={o} round={round} /> : null}
              {closed(o, round) ? (
                <ResultsDesk olympiad={o} round={round} last={round === o.rounds.at(-1)} />
              ) : null}
              {o.state !== "draft" ? (
                <Link to={`/olympiads/${o.id}/rounds/${round.id}/board`} className={linkClass()}>
                  🏅 {t("round.board")}
                </Link>
              ) : null}
            </div>
          ))}
          {o.state === "results_published" ? <CertificatesDesk olympiad={o} /> : null}
          <Dialog
            open={confirming}
            onClose={() => setConfirming(false)}
            title={t("manage.confirmPublish")}
            actions={
              <>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  {t("common:actions.cancel")}
                </Button>
                <Button loading={publish.isPending} onClick={() => publish.mutate()}>
                  {t("manage.publish")}
                </Button>
              </>
            }
          >
            <p>{t("manage.publishWarning")}</p>
          </Dialog>
        </Page>
      )}
    </QueryState>
  );
}
