import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { buttonClass, EmptyState, linkClass, Page, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { CourseCard } from "../../components/CourseCard.tsx";
import { authoredQuery } from "../../lib/queries.ts";

/** The courses I author (a moderator: and the platform's catalogue). */
export default function MyCourses() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const courses = useQuery(authoredQuery(api));
  return (
    <Page
      title={t("teach.heading")}
      actions={
        <Link to="/teach/new" className={buttonClass("primary", "lg")}>
          ➕ {t("teach.new")}
        </Link>
      }
    >
      <Link to="/catalogue" className={linkClass("self-start")}>
        {t("teach.toCatalogue")} →
      </Link>
      <QueryState query={courses}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon="📝" title={t("teach.empty")} />
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {page.items.map((course) => (
                <CourseCard
                  key={course.id}
                  course={course}
                  to={`/teach/courses/${course.id}`}
                  extra={
                    <span className="font-bold text-brand-800">
                      {t(`teach.status.${course.status}`)}
                    </span>
                  }
                />
              ))}
            </ul>
          )
        }
      </QueryState>
    </Page>
  );
}
