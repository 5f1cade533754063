import { call } from "@alif/api";
import { appOrigin, useAuth } from "@alif/auth";
import { formatDate, useTranslation } from "@alif/i18n";
import { Card, CardTitle, linkClass } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";

/** A parent's view of a child's courses on lessions: each course begun, its share of required
 * lessons done, and when it was completed (with its badge). Nothing when lessions cannot be
 * reached. */
export function ChildCourses(props: { childId: string; name: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const courses = useQuery({
    queryKey: ["lessions", "child", props.childId],
    queryFn: () =>
      call(
        api.lessions.GET("/api/lessions/children/{child_id}/progress", {
          params: { path: { child_id: props.childId } },
        }),
      ),
  });
  if (!courses.data) return null;
  return (
    <Card className="flex flex-col gap-3">
      <CardTitle>{t("childCourses.title", { name: props.name })}</CardTitle>
      {courses.data.length === 0 ? (
        <p className="text-muted">{t("childCourses.none")}</p>
      ) : (
        <ul className="flex flex-col gap-4">
          {courses.data.map((p) => (
            <li key={p.course.id} className="flex flex-col gap-1">
              <p className="font-bold">
                {p.badge ? <span aria-hidden="true">{p.badge} </span> : null}
                {p.course.title}
              </p>
              <div className="flex items-center gap-3">
                <div
                  role="progressbar"
                  aria-label={t("childCourses.progress", { course: p.course.title })}
                  aria-valuenow={p.percent}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  className="h-3 flex-1 overflow-hidden rounded-full bg-slate-200"
                >
                  <div
                    className="h-full rounded-full bg-emerald-600"
                    style={{ width: `${p.percent}%` }}
                  />
                </div>
                <span className="w-12 text-right font-bold">{p.percent}%</span>
              </div>
              <p className="text-muted text-sm">
                {t("childCourses.lessons", {
                  done: p.completed_lessons,
                  total: p.required_lessons,
                })}
                {p.completed_at
                  ? ` · ${t("childCourses.completed", { date: formatDate(p.completed_at, i18n.language) })}`
                  : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
      <a href={`${appOrigin("lessions")}/children`} className={linkClass("self-start")}>
        {t("childCourses.more")}
      </a>
    </Card>
  );
}
