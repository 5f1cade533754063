import { useAuth } from "@alif/auth";
import { formatDate, useTranslation } from "@alif/i18n";
import { Button, Card, CardTitle, cx, EmptyState, linkClass, Page, QueryState } from "@alif/ui";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";

import { HISTORY_PAGE, historyQuery, statsQuery } from "../lib/queries.ts";

/** Minutes played, rounded up: a short first game is "1 minute", not "0". */
function minutes(seconds: number): number {
  return Math.ceil(seconds / 60);
}

/** My games: best scores, coins and time per game, and every game I finished. */
export default function MyScores() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const stats = useQuery(statsQuery(api));
  const [offset, setOffset] = useState(0);
  const history = useQuery({ ...historyQuery(api, "", offset), placeholderData: keepPreviousData });
  return (
    <Page
      title={t("nav.myScores")}
      back={
        <Link to="/" className={linkClass("self-start")}>
          ← {t("nav.games")}
        </Link>
      }
    >
      <QueryState query={stats}>
        {(data) => (
          <div className="grid gap-4 sm:grid-cols-2">
            {data.games.map((g) => (
              <Card key={g.game}>
                <CardTitle>{g.game === "2048" ? "2048" : "Tetris"}</CardTitle>
                <dl className="grid grid-cols-2 gap-2">
                  <dt className="text-muted">{t("stats.best")}</dt>
                  <dd className="font-black text-xl tabular-nums">{g.best_score ?? "—"}</dd>
                  <dt className="text-muted">{t("stats.played")}</dt>
                  <dd className="font-bold">{g.played}</dd>
                  <dt className="text-muted">{t("stats.coins")}</dt>
                  <dd className="font-bold">🪙 {g.coins}</dd>
                  <dt className="text-muted">{t("stats.time")}</dt>
                  <dd className="font-bold">
                    {t("stats.minutes", { minutes: minutes(g.seconds_played) })}
                  </dd>
                </dl>
              </Card>
            ))}
          </div>
        )}
      </QueryState>
      <section aria-labelledby="history" className="flex flex-col gap-3">
        <h2 id="history" className="font-extrabold text-2xl">
          {t("stats.history")}
        </h2>
        <QueryState query={history}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState icon="🎮" title={t("stats.none")} />
            ) : (
              <>
                <ul
                  className={cx("flex flex-col gap-2", history.isPlaceholderData && "opacity-60")}
                >
                  {page.items.map((s) => (
                    <li
                      key={s.id}
                      className="flex flex-wrap items-center gap-3 rounded-2xl bg-white px-4 py-3 ring-1 ring-slate-200"
                    >
                      <span className="w-16 font-bold">
                        {s.game === "2048" ? "2048" : "Tetris"}
                      </span>
                      <span className="flex-1 text-muted text-sm">
                        {formatDate(s.finished_at ?? s.started_at, i18n.language, true)}
                      </span>
                      {s.rejection ? (
                        <span className="rounded-full bg-red-100 px-3 py-1 font-bold text-red-900 text-sm">
                          {t("stats.refused")}
                        </span>
                      ) : s.flagged ? (
                        <span className="rounded-full bg-amber-100 px-3 py-1 font-bold text-amber-900 text-sm">
                          {t("stats.notCounted")}
                        </span>
                      ) : (
                        <>
                          <span className="font-black text-lg tabular-nums">{s.score ?? "—"}</span>
                          {s.coins_paid ? (
                            <span className="font-bold">🪙 +{s.coins_paid}</span>
                          ) : null}
                        </>
                      )}
                    </li>
                  ))}
                </ul>
                {page.total > HISTORY_PAGE ? (
                  <div className="flex justify-between gap-3">
                    <Button
                      variant="secondary"
                      disabled={offset === 0}
                      onClick={() => setOffset(Math.max(0, offset - HISTORY_PAGE))}
                    >
                      ← {t("stats.newer")}
                    </Button>
                    <Button
                      variant="secondary"
                      disabled={offset + HISTORY_PAGE >= page.total}
                      onClick={() => setOffset(offset + HISTORY_PAGE)}
                    >
                      {t("stats.older")} →
                    </Button>
                  </div>
                ) : null}
              </>
            )
          }
        </QueryState>
      </section>
    </Page>
  );
}
