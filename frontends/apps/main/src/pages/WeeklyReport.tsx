import type { MainSchema } from "@alif/api";
import { useAuth } from "@alif/auth";
import { formatDate, formatNumber, useTranslation } from "@alif/i18n";
import { buttonClass, Card, cx, EmptyState, Page, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { weeklyReportQuery } from "../lib/queries.ts";
import { isWeek, shiftWeek, weekContaining, weekDays } from "../lib/weeks.ts";

type ChildWeek = MainSchema<"ChildWeekRead">;

/** A score as people write it: 8, 7.5 (never 7.499999). */
function score(value: number, language: string): string {
  return new Intl.NumberFormat(language === "uz" ? "uz-Latn" : language, {
    maximumFractionDigits: 1,
  }).format(value);
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-col rounded-xl bg-brand-50 p-3">
      <dt className="text-muted text-sm">{label}</dt>
      <dd className="font-extrabold text-2xl tabular-nums">{value}</dd>
    </div>
  );
}

function ChildReport({ child }: { child: ChildWeek }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const idle =
    child.tests.length === 0 &&
    child.games_played === 0 &&
    child.coins_earned === 0 &&
    child.coins_spent === 0;
  return (
    <Card>
      <h2 className="mb-3 font-extrabold text-xl">{child.name}</h2>
      {idle ? (
        <p className="text-muted">{t("report.childIdle")}</p>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            <Stat
              label={t("report.average")}
              value={child.average_percent === null ? "—" : `${child.average_percent}%`}
            />
            <Stat label={t("report.games")} value={formatNumber(child.games_played, language)} />
            <Stat
              label={t("report.earned")}
              value={`+${formatNumber(child.coins_earned, language)}`}
            />
            <Stat label={t("report.spent")} value={formatNumber(child.coins_spent, language)} />
          </dl>
          <h3 className="mt-4 mb-2 font-bold">
            {t("report.tests", { count: child.tests.length })}
          </h3>
          {child.tests.length === 0 ? (
            <p className="text-muted">{t("report.noTests")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {child.tests.map((test) => (
                <li
                  key={`${test.title}-${test.submitted_at}`}
                  className="flex flex-wrap items-center justify-between gap-2 border-slate-200 border-b pb-2 last:border-0"
                >
                  <span className="flex flex-col">
                    <span className="font-bold">{test.title}</span>
                    <span className="text-muted text-sm">
                      {formatDate(test.submitted_at, language, true)}
                    </span>
                  </span>
                  <span className="font-extrabold tabular-nums">
                    {t("report.score", {
                      score: score(test.score, language),
                      max: score(test.max_score, language),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}

/** A parent's week, child by child; any week, this one (in Tashkent) unless the address says. */
export default function WeeklyReport() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const [params] = useSearchParams();
  const current = weekContaining(new Date());
  const asked = params.get("week");
  const week = isWeek(asked) ? asked : current;
  const report = useQuery(weeklyReportQuery(api, week));
  const later = week < current; // same-width names compare by time
  const step = (by: number) => `?week=${shiftWeek(week, by)}`;
  return (
    <Page title={t("report.title")} subtitle={t("report.subtitle")}>
      <nav
        aria-label={t("report.weekNav")}
        className="flex flex-wrap items-center justify-between gap-3"
      >
        <Link to={step(-1)} className={buttonClass("secondary", "lg")}>
          <span aria-hidden="true">‹</span> {t("report.previous")}
        </Link>
        <p className="text-center">
          <strong className="block text-xl tabular-nums">{weekDays(week)}</strong>
          {week === current ? <span className="text-muted">{t("report.thisWeek")}</span> : null}
        </p>
        {later ? (
          <Link to={step(1)} className={buttonClass("secondary", "lg")}>
            {t("report.next")} <span aria-hidden="true">›</span>
          </Link>
        ) : (
          <span className={cx(buttonClass("secondary", "lg"), "invisible")} aria-hidden="true">
            {t("report.next")}
          </span>
        )}
      </nav>
      <QueryState query={report}>
        {(data) =>
          data.children.length === 0 ? (
            <EmptyState
              icon="📊"
              title={t("report.noChildren")}
              action={
                <Link to="/children/new" className={buttonClass("primary", "lg")}>
                  {t("home.addChild")}
                </Link>
              }
            >
              {t("report.noChildrenText")}
            </EmptyState>
          ) : (
            <div className="flex flex-col gap-4">
              {data.children.map((child) => (
                <ChildReport key={child.child_id} child={child} />
              ))}
            </div>
          )
        }
      </QueryState>
    </Page>
  );
}
