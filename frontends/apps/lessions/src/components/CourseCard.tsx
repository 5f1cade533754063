import { useTranslation } from "@alif/i18n";
import { cx } from "@alif/ui";
import { Link } from "react-router";
import type { Course } from "../lib/queries.ts";

/** A course's cover (or its subject's picture), title and grades; the whole card is the link. */
export function CourseCard(props: { course: Course; to: string; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  const { course } = props;
  const cover = coverSources(course);
  return (
    <li>
      <Link
        to={props.to}
        className={cx(
          "flex h-full min-h-24 flex-col gap-2 overflow-hidden rounded-3xl bg-white ring-1 ring-slate-200",
          "hover:ring-4 hover:ring-brand-200",
        )}
      >
        {cover ? (
          <img
            {...cover}
            sizes="(min-width: 640px) 33vw, 100vw"
            alt=""
            loading="lazy"
            className="aspect-video w-full object-cover"
          />
        ) : (
          <span
            aria-hidden="true"
            className="grid aspect-[3/1] place-items-center bg-sky-100 text-5xl"
          >
            📚
          </span>
        )}
        <span className="flex flex-col gap-1 px-4 pb-4">
          <span className="font-extrabold text-ink text-xl">{course.title}</span>
          <span className="text-muted">
            {[course.subject, gradesText(t, course.grades)].filter(Boolean).join(" · ")}
          </span>
          {props.extra}
        </span>
      </Link>
    </li>
  );
}

/** The cover's address with its smaller copies for the browser to choose from, or null. */
export function coverSources(course: Course): { src: string; srcSet?: string } | null {
  if (!course.cover) return null;
  const { url, variants = [] } = course.cover;
  if (variants.length === 0) return { src: url };
  return { src: url, srcSet: variants.map((v) => `${v.url} ${v.width}w`).join(", ") };
}

export function gradesText(
  t: (key: string, o?: Record<string, unknown>) => string,
  grades: number[],
) {
  if (grades.length === 0) return "";
  const sorted = [...grades].sort((a, b) => a - b);
  const names = sorted.map((g) => (g === 0 ? t("grades.preschool") : String(g)));
  return t("grades.list", { grades: names.join(", ") });
}

/** A bar with the share done, read out as "40%". */
export function ProgressBar(props: { percent: number; label: string }) {
  return (
    <div className="flex items-center gap-3">
      <div
        role="progressbar"
        aria-label={props.label}
        aria-valuenow={props.percent}
        aria-valuemin={0}
        aria-valuemax={100}
        className="h-4 flex-1 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="h-full rounded-full bg-emerald-600"
          style={{ width: `${props.percent}%` }}
        />
      </div>
      <span className="w-14 text-right font-bold">{props.percent}%</span>
    </div>
  );
}
