import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, EmptyState, Field, linkClass, Page, QueryState, Select } from "@alif/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import {
  courseQuery,
  type GroupProgress,
  groupProgressQuery,
  groupsQuery,
} from "../../lib/queries.ts";

function Cell(props: { cell: GroupProgress["learners"][number]["cells"][number] }) {
  const { t } = useTranslation();
  const { cell } = props;
  const mark = cell.completed ? "✅" : cell.opened ? "▶️" : "·";
  const label = cell.completed
    ? t("table.done")
    : cell.opened
      ? t("table.opened")
      : t("table.notStarted");
  return (
    <td className="px-3 py-2 text-center">
      <span aria-hidden="true">{mark}</span>
      <span className="sr-only">{label}</span>
      {cell.quiz_score !== null ? <span className="ml-1 text-sm">{cell.quiz_score}%</span> : null}
    </td>
  );
}

/** The CSV needs the session's token, so it is fetched and handed to the browser as a file. */
function CsvButton(props: { courseId: string; groupId: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const csv = useMutation({
    mutationFn: async () => {
      const { data, error, response } = await api.lessions.GET(
        "/api/lessions/courses/{course_id}/groups/{group_id}/progress.csv",
        {
          params: { path: { course_id: props.courseId, group_id: props.groupId } },
          parseAs: "blob",
        },
      );
      if (!response.ok || !data) {
        return call(Promise.resolve({ data: undefined, error, response }));
      }
      const link = document.createElement("a");
      link.href = URL.createObjectURL(data as Blob);
      link.download = `progress-${props.groupId}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    },
  });
  return (
    <div className="flex flex-col gap-2">
      <Button
        variant="secondary"
        onClick={() => csv.mutate()}
        loading={csv.isPending}
        className="self-start"
      >
        📄 {t("table.csv")}
      </Button>
      {csv.error ? <Alert tone="error">{errorMessage(t, csv.error)}</Alert> : null}
    </div>
  );
}

function Table(props: { courseId: string; groupId: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const table = useQuery(groupProgressQuery(api, props.courseId, props.groupId));
  return (
    <QueryState query={table}>
      {(data) =>
        data.learners.length === 0 ? (
          <EmptyState icon="👥" title={t("table.noLearners")} />
        ) : (
          <div className="flex flex-col gap-3">
            <CsvButton courseId={props.courseId} groupId={props.groupId} />
            <section
              className="overflow-x-auto rounded-2xl bg-white ring-1 ring-slate-200"
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls by keyboard too
              tabIndex={0}
              aria-label={t("table.caption")}
            >
              <table className="w-full border-collapse text-left">
                <caption className="sr-only">{t("table.caption")}</caption>
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      {t("table.learner")}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      %
                    </th>
                    {data.lessons.map((lesson) => (
                      <th
                        key={lesson.lesson_id}
                        scope="col"
                        className="min-w-28 px-3 py-2 text-center"
                      >
                        {lesson.title}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.learners.map((row) => (
                    <tr key={row.learner_id} className="border-slate-100 border-t">
                      <th scope="row" className="px-3 py-2 font-bold">
                        {row.name}
                      </th>
                      <td className="px-3 py-2 font-bold">{row.percent}%</td>
                      {row.cells.map((cell) => (
                        <Cell key={cell.lesson_id} cell={cell} />
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
        )
      }
    </QueryState>
  );
}

/** My classes' progress in a course: learners × lessons, and the same as a CSV file. */
export default function ClassProgress() {
  const { t } = useTranslation();
  const { courseId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const { api } = useAuth();
  const course = useQuery(courseQuery(api, courseId));
  const groups = useQuery(groupsQuery(api));
  const shared = course.data?.visibility === "groups" ? new Set(course.data.group_ids) : null;
  const mine = (groups.data ?? []).filter((g) => !g.archived_at && (!shared || shared.has(g.id)));
  const groupId = params.get("group") ?? mine[0]?.id ?? "";
  return (
    <Page
      title={t("table.heading")}
      subtitle={course.data?.title}
      back={
        <Link to={`/teach/courses/${courseId}`} className={linkClass()}>
          ← {t("editor.toCourse")}
        </Link>
      }
    >
      <QueryState query={groups}>
        {() =>
          mine.length === 0 ? (
            <EmptyState icon="👥" title={t("table.noGroups")} />
          ) : (
            <>
              <Field label={t("table.group")} className="max-w-sm">
                <Select
                  value={groupId}
                  onChange={(e) => setParams({ group: e.target.value }, { replace: true })}
                >
                  {mine.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name}
                    </option>
                  ))}
                </Select>
              </Field>
              {groupId ? <Table courseId={courseId} groupId={groupId} /> : null}
            </>
          )
        }
      </QueryState>
    </Page>
  );
}
