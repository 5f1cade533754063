import { MyCoins } from "@alif/app/wallet";
import { useAuth, useMe } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { Alert, buttonClass, Card, Coins, cx, linkClass, Page, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { CertificateCard } from "../components/CertificateCard.tsx";
import { ProgressBar } from "../components/CourseCard.tsx";
import {
  type CourseDetail,
  type CourseProgress,
  courseProgressQuery,
  courseQuery,
} from "../lib/queries.ts";
import { isTeacher } from "../lib/roles.ts";

type State = CourseProgress["lessons"][number];

function status(state: State | undefined): "done" | "started" | "locked" | "new" {
  if (state?.locked) return "locked";
  if (state?.progress?.completed_at) return "done";
  if (state?.progress) return "started";
  return "new";
}

const ICONS = { done: "✅", started: "▶️", locked: "🔒", new: "⭐" } as const;

/** The lesson to go on with: the first one begun and not finished, else the first not done. */
export function nextLesson(progress: CourseProgress): State | undefined {
  const open = progress.lessons.filter((l) => !l.locked && !l.progress?.completed_at);
  return open.find((l) => l.progress) ?? open[0];
}

function Lessons(props: { course: CourseDetail; progress: CourseProgress }) {
  const { t } = useTranslation();
  const states = new Map(props.progress.lessons.map((l) => [l.lesson_id, l]));
  return (
    <div className="flex flex-col gap-4">
      {props.course.modules.map((module) => {
        const lessons = props.course.lessons.filter(
          (l) => l.module_id === module.id && l.published,
        );
        if (lessons.length === 0) return null;
        return (
          <Card key={module.id}>
            <h2 className="mb-3 font-extrabold text-xl">{module.title}</h2>
            <ol className="flex flex-col gap-2">
              {lessons.map((lesson) => {
                const s = status(states.get(lesson.id));
                const label = t(`course.status.${s}`);
                const body = (
                  <>
                    <span aria-hidden="true" className="text-2xl">
                      {ICONS[s]}
                    </span>
                    <span className="flex-1">{lesson.title}</span>
                    <span className="sr-only">{label}</span>
                    {s === "locked" ? (
                      <span className="font-normal text-base text-muted">
                        {t("course.opensLater")}
                      </span>
                    ) : null}
                  </>
                );
                const row =
                  "flex min-h-14 items-center gap-3 rounded-2xl px-4 font-bold text-lg ring-1 ring-slate-200";
                return (
                  <li key={lesson.id}>
                    {s === "locked" ? (
                      <div className={cx(row, "bg-slate-50 text-muted")}>{body}</div>
                    ) : (
                      <Link
                        to={`/lessons/${lesson.id}`}
                        className={cx(row, "bg-white hover:ring-4 hover:ring-brand-200")}
                      >
                        {body}
                      </Link>
                    )}
                  </li>
                );
              })}
            </ol>
          </Card>
        );
      })}
    </div>
  );
}

export default function CoursePage() {
  const { t } = useTranslation();
  const { courseId = "" } = useParams();
  const { api } = useAuth();
  const me = useMe();
  const course = useQuery(courseQuery(api, courseId));
  const progress = useQuery(courseProgressQuery(api, courseId));
  const student = me.user.role === "student";
  return (
    <QueryState query={course}>
      {(c) => (
        <Page
          title={c.title}
          subtitle={c.description || undefined}
          back={
            <Link to="/catalogue" className={linkClass()}>
              ← {t("catalogue.heading")}
            </Link>
          }
          actions={
            student ? (
              <MyCoins />
            ) : isTeacher(me.user.role) && c.owner_id === me.user.id ? (
              <Link to={`/teach/courses/${c.id}`} className={buttonClass("secondary")}>
                ✏️ {t("course.edit")}
              </Link>
            ) : null
          }
        >
          <QueryState query={progress}>
            {(p) => {
              const next = nextLesson(p);
              return (
                <>
                  <Card className="flex flex-col gap-4">
                    <ProgressBar percent={p.percent} label={t("course.progress")} />
                    <p className="text-lg">
                      {t("course.done", { done: p.completed_lessons, total: p.required_lessons })}
                    </p>
                    {p.completed_at ? (
                      <>
                        <Alert tone="success">
                          {t("course.completed")}{" "}
                          {p.coins > 0 ? <Coins amount={p.coins} className="font-black" /> : null}
                        </Alert>
                        <CertificateCard courseId={c.id} badge={c.badge} />
                      </>
                    ) : c.reward_coins > 0 && student ? (
                      <p className="text-muted">
                        {t("course.reward")} <Coins amount={c.reward_coins} />
                      </p>
                    ) : null}
                    {next && student ? (
                      <Link
                        to={`/lessons/${next.lesson_id}`}
                        className={buttonClass("primary", "xl", "self-start")}
                      >
                        {next.progress ? t("course.continue") : t("course.start")}
                      </Link>
                    ) : null}
                  </Card>
                  <Lessons course={c} progress={p} />
                </>
              );
            }}
          </QueryState>
        </Page>
      )}
    </QueryState>
  );
}
