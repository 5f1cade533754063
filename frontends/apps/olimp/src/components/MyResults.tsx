import { useAuth } from "@alif/auth";
import { formatNumber, useTranslation } from "@alif/i18n";
import { buttonClass, Card, CardTitle, linkClass, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { myResultsQuery } from "../lib/queries.ts";

const MEDALS = { gold: "🥇", silver: "🥈", bronze: "🥉" } as const;

/** One participant's results: each round's place and award, and the certificate once published. */
export function MyResults(props: { olympiadId: string; studentId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const results = useQuery(myResultsQuery(api, props.olympiadId, props.studentId));
  return (
    <Card className="flex flex-col gap-3" data-testid="my-results">
      <CardTitle>{t("results.heading", { name: props.name })}</CardTitle>
      <QueryState query={results}>
        {(mine) =>
          !mine.published ? (
            <p className="text-muted">{t("results.notYet")}</p>
          ) : (
            <>
              <ul className="flex flex-col gap-2">
                {mine.rounds.map((r) => (
                  <li key={r.round_id} className="text-lg">
                    {mine.rounds.length > 1 ? `${t("round.numbered", { n: r.number })}: ` : ""}
                    <strong>
                      {r.award ? `${MEDALS[r.award]} ${t(`results.awards.${r.award}`)} · ` : ""}
                      {t("results.place", { rank: r.rank ?? "—", total: r.participants })}
                    </strong>{" "}
                    · {t("results.score", { score: formatNumber(r.score ?? 0, i18n.language) })}
                    {r.percentile !== null
                      ? ` · ${t("results.better", { percent: Math.round(r.percentile) })}`
                      : ""}
                  </li>
                ))}
              </ul>
              {mine.certificate ? (
                <div className="flex flex-wrap items-center gap-3">
                  <a
                    href={`/api/olimp/certificates/${encodeURIComponent(mine.certificate.code)}/pdf`}
                    className={buttonClass("sun", "lg")}
                    download
                  >
                    ⬇️ {t(`results.download.${mine.certificate.kind}`)}
                  </a>
                  <Link
                    to={`/certificates/${encodeURIComponent(mine.certificate.code)}`}
                    className={linkClass()}
                  >
                    {t("results.verify")}
                  </Link>
                </div>
              ) : null}
            </>
          )
        }
      </QueryState>
    </Card>
  );
}
