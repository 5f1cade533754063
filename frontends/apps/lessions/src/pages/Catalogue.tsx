import { MyCoins } from "@alif/app/wallet";
import { useAuth, useMe } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { EmptyState, Field, Page, QueryState, Select } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { CourseCard } from "../components/CourseCard.tsx";
import { catalogueQuery, GRADES } from "../lib/queries.ts";

/** The courses I may take: my classes' courses first, then the platform's; by grade and subject
 * (kept in the address, so "back" returns to the same list). */
export default function Catalogue() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const gradeParam = params.get("grade");
  const grade = gradeParam === null || gradeParam === "" ? null : Number(gradeParam);
  const subject = params.get("subject") ?? "";
  const courses = useQuery(catalogueQuery(api, grade, subject));
  // Subjects to choose from: those of the courses in the current grade (the list is short).
  const all = useQuery(catalogueQuery(api, grade, ""));
  const subjects = [
    ...new Set((all.data?.items ?? []).map((c) => c.subject).filter(Boolean)),
  ].sort();

  const choose = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Page title={t("catalogue.heading")} actions={me.user.role === "student" ? <MyCoins /> : null}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("catalogue.grade")}>
          <Select value={gradeParam ?? ""} onChange={(e) => choose("grade", e.target.value)}>
            <option value="">{t("catalogue.allGrades")}</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {g === 0 ? t("grades.preschool") : t("grades.one", { grade: g })}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("catalogue.subject")}>
          <Select value={subject} onChange={(e) => choose("subject", e.target.value)}>
            <option value="">{t("catalogue.allSubjects")}</option>
            {subjects.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <QueryState query={courses}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState icon="🔍" title={t("catalogue.empty")} />
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {page.items.map((course) => (
                <CourseCard key={course.id} course={course} to={`/courses/${course.id}`} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </Page>
  );
}
