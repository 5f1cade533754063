import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { Avatar, Card, EmptyState, linkClass, Page, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ProgressBar } from "../components/CourseCard.tsx";
import { childProgressQuery, childrenQuery } from "../lib/queries.ts";

function ChildCourses(props: { childId: string; name: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const courses = useQuery(childProgressQuery(api, props.childId));
  return (
    <QueryState query={courses}>
      {(list) =>
        list.length === 0 ? (
          <p className="text-muted">{t("children.none", { name: props.name })}</p>
        ) : (
          <ul className="flex flex-col gap-4">
            {list.map((p) => (
              <li key={p.course.id} className="flex flex-col gap-2">
                <Link to={`/courses/${p.course.id}`} className={linkClass("text-lg")}>
                  {p.course.title}
                </Link>
                <ProgressBar
                  percent={p.percent}
                  label={t("children.progressOf", { name: props.name, course: p.course.title })}
                />
                <p className="text-muted">
                  {t("course.done", { done: p.completed_lessons, total: p.required_lessons })}
                  {p.completed_at ? ` · ${t("course.completed")}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}

/** A parent's children and the courses each has started, with their progress. */
export default function Children() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const children = useQuery(childrenQuery(api));
  return (
    <Page title={t("children.heading")}>
      <Link to="/catalogue" className={linkClass("self-start")}>
        {t("teach.toCatalogue")} →
      </Link>
      <QueryState query={children}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState icon="👪" title={t("children.noChildren")} />
          ) : (
            <div className="grid gap-4 md:grid-cols-2">
              {list.map((child) => (
                <Card key={child.id} className="flex flex-col gap-4">
                  <h2 className="flex items-center gap-3 font-extrabold text-2xl">
                    <Avatar name={child.first_name} avatar={child.avatar} />
                    {child.first_name}
                  </h2>
                  <ChildCourses childId={child.id} name={child.first_name} />
                </Card>
              ))}
            </div>
          )
        }
      </QueryState>
    </Page>
  );
}
