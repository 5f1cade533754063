import { useMe } from "@alif/auth";
import { formatDate, useTranslation } from "@alif/i18n";
import { Card, cx } from "@alif/ui";
import { Link } from "react-router";
import { fitsGrade, localized } from "../lib/olympiad.ts";
import type { Olympiad } from "../lib/queries.ts";

const STATE_TONES: Record<Olympiad["state"], string> = {
  draft: "bg-slate-200 text-slate-900",
  announced: "bg-sky-100 text-sky-900",
  registration: "bg-emerald-100 text-emerald-900",
  waiting: "bg-sun-100 text-amber-900",
  running: "bg-red-100 text-red-900",
  finished: "bg-slate-100 text-slate-800",
  results_published: "bg-violet-100 text-violet-900",
};

export function StateBadge(props: { state: Olympiad["state"] }) {
  const { t } = useTranslation();
  return (
    <span
      className={cx("rounded-full px-3 py-1 font-bold text-sm", STATE_TONES[props.state])}
      data-testid="state"
    >
      {t(`states.${props.state}`)}
    </span>
  );
}

/** Who it is for: grades, and the region or school when it is not the whole country. */
export function Audience(props: { olympiad: Olympiad }) {
  const { t } = useTranslation();
  const { olympiad } = props;
  const grades =
    olympiad.grade_min === olympiad.grade_max
      ? t("grade", { grade: olympiad.grade_min })
      : t("grades", { min: olympiad.grade_min, max: olympiad.grade_max });
  const where =
    olympiad.scope === "country"
      ? t("scopes.country")
      : olympiad.scope === "organization"
        ? t("scopes.organization")
        : [olympiad.region ? t(`common:regions.${olympiad.region}`) : "", olympiad.district]
            .filter(Boolean)
            .join(", ");
  return (
    <span>
      {grades} · {where}
    </span>
  );
}

/** Whether the signed-in child (or which of a parent's children) may take part. */
function Eligibility(props: {
  olympiad: Olympiad;
  childGrades?: { name: string; grade: number | null }[];
}) {
  const { t } = useTranslation();
  const me = useMe();
  const { olympiad } = props;
  if (me.user.role === "student") {
    const fits = fitsGrade(olympiad, me.student_profile?.grade);
    return (
      <p className={cx("font-bold", fits ? "text-emerald-800" : "text-muted")}>
        {fits ? `✓ ${t("eligible.you")}` : t("eligible.notYourGrade")}
      </p>
    );
  }
  if (me.user.role === "parent" && props.childGrades) {
    const fitting = props.childGrades.filter((c) => fitsGrade(olympiad, c.grade));
    return (
      <p className={cx("font-bold", fitting.length ? "text-emerald-800" : "text-muted")}>
        {fitting.length
          ? `✓ ${t("eligible.children", { names: fitting.map((c) => c.name).join(", ") })}`
          : t("eligible.noChild")}
      </p>
    );
  }
  return null;
}

export function OlympiadCard(props: {
  olympiad: Olympiad;
  childGrades?: { name: string; grade: number | null }[];
}) {
  const { t, i18n } = useTranslation();
  const { olympiad } = props;
  const round = olympiad.rounds[0];
  return (
    <Card className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <StateBadge state={olympiad.state} />
        <span className="font-semibold text-muted">{t(`subjects.${olympiad.subject}`)}</span>
      </div>
      <h3 className="font-black text-xl">
        <Link
          to={`/olympiads/${olympiad.id}`}
          className="inline-flex min-h-11 items-center text-brand-700 underline-offset-4 hover:underline"
        >
          {localized(olympiad.title, i18n.language)}
        </Link>
      </h3>
      <p className="text-muted">
        <Audience olympiad={olympiad} />
      </p>
      {round ? (
        <p>{t("startsAt", { date: formatDate(round.opens_at, i18n.language, true) })}</p>
      ) : null}
      <Eligibility olympiad={olympiad} childGrades={props.childGrades} />
    </Card>
  );
}
