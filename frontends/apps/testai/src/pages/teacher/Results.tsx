import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  Card,
  CardTitle,
  Dialog,
  EmptyState,
  Loading,
  Page,
  QueryState,
} from "@alif/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { AttemptResult } from "../../components/AttemptResult.tsx";
import { type ResultsReport, resultsQuery } from "../../lib/queries.ts";

const percent = (value: number | null) => (value === null ? "—" : `${Math.round(value)}%`);

/** How many students scored in each band: bars in plain HTML, readable by a screen reader. */
function Distribution(props: { bins: ResultsReport["distribution"] }) {
  const { t } = useTranslation();
  const most = Math.max(1, ...props.bins.map((b) => b.count));
  return (
    <figure>
      <figcaption className="mb-3 font-bold text-lg">{t("results.distribution")}</figcaption>
      <ol className="flex h-48 items-end gap-1" data-testid="distribution">
        {props.bins.map((bin) => (
          <li
            key={bin.low}
            className="flex h-full flex-1 flex-col items-center justify-end gap-1"
            aria-label={t("results.bin", { low: bin.low, high: bin.high, count: bin.count })}
          >
            <span className="font-bold text-sm">{bin.count || ""}</span>
            <span
              className="w-full rounded-t-lg bg-brand-500"
              style={{ height: `${(bin.count / most) * 100}%`, minHeight: bin.count ? 4 : 0 }}
            />
            <span className="text-muted text-xs">{bin.low}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}

function StudentAttempt(props: { testId: string; attemptId: string }) {
  const { api } = useAuth();
  const attempt = useQuery({
    queryKey: ["testai", "test", props.testId, "attempt", props.attemptId],
    queryFn: () =>
      call(
        api.testai.GET("/api/testai/tests/{test_id}/attempts/{attempt_id}", {
          params: { path: { test_id: props.testId, attempt_id: props.attemptId } },
        }),
      ),
  });
  return attempt.data ? (
    <AttemptResult attempt={attempt.data} />
  ) : (
    <QueryState query={attempt}>{() => <Loading />}</QueryState>
  );
}

function Report(props: { report: ResultsReport; testId: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const { report } = props;
  const [open, setOpen] = useState<{ name: string; attemptId: string } | null>(null);
  const csv = useMutation({
    mutationFn: async () => {
      const { data, error, response } = await api.testai.GET(
        "/api/testai/tests/{test_id}/results.csv",
        {
          params: { path: { test_id: props.testId } },
          parseAs: "blob",
        },
      );
      if (!response.ok || !data) {
        return call(Promise.resolve({ data: undefined, error, response }));
      }
      const link = document.createElement("a");
      link.href = URL.createObjectURL(data as Blob);
      link.download = `${report.title}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    },
  });
  const s = report.summary;
  if (report.students.length === 0) {
    return <EmptyState icon="📭" title={t("results.none")} />;
  }
  return (
    <div className="flex flex-col gap-4">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          [t("results.students"), `${s.graded_students}/${s.students}`],
          [t("results.mean"), percent(s.mean_percent)],
          [t("results.median"), percent(s.median_percent)],
          [t("results.passedCount"), String(s.passed)],
        ].map(([label, value]) => (
          <Card key={label} className="text-center">
            <p className="text-muted text-sm">{label}</p>
            <p className="font-black text-3xl">{value}</p>
          </Card>
        ))}
      </div>
      <Card>
        <Distribution bins={report.distribution} />
      </Card>
      <Card className="overflow-x-auto">
        <div className="mb-3 flex flex-wrap items-center gap-3">
          <CardTitle className="flex-1">{t("results.byStudent")}</CardTitle>
          <Button variant="secondary" loading={csv.isPending} onClick={() => csv.mutate()}>
            ⬇ {t("results.csv")}
          </Button>
        </div>
        {csv.error ? <Alert tone="error">{errorMessage(t, csv.error)}</Alert> : null}
        <table className="w-full text-left">
          <thead>
            <tr className="text-muted text-sm">
              <th className="py-2">{t("results.student")}</th>
              <th>{t("results.grade")}</th>
              <th>{t("results.attempts")}</th>
              <th>{t("results.when")}</th>
              <th />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {report.students.map((row) => {
              const name = `${row.first_name} ${row.last_name}`.trim();
              const last = row.attempt_ids[row.attempt_ids.length - 1];
              return (
                <tr key={row.student_id}>
                  <td className="py-2 font-semibold">{name}</td>
                  <td className={row.passed === false ? "text-amber-800" : "font-bold"}>
                    {percent(row.grade_percent)}
                  </td>
                  <td>{row.finished_attempts}</td>
                  <td className="text-sm">
                    {formatDate(row.last_submitted_at, i18n.language, true)}
                  </td>
                  <td>
                    {last ? (
                      <Button variant="ghost" onClick={() => setOpen({ name, attemptId: last })}>
                        {t("results.open")}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
      <Card className="overflow-x-auto">
        <CardTitle>{t("results.byQuestion")}</CardTitle>
        <p className="mb-2 text-muted text-sm">{t("results.facilityHint")}</p>
        <table className="w-full text-left">
          <thead>
            <tr className="text-muted text-sm">
              <th className="py-2">#</th>
              <th>{t("results.question")}</th>
              <th>{t("results.facility")}</th>
              <th>{t("results.discrimination")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {report.questions.map((q, i) => (
              <tr key={q.question_id}>
                <td className="py-2">{i + 1}</td>
                <td className="max-w-xs truncate">{q.text}</td>
                <td className="font-bold">
                  {q.facility === null ? "—" : `${Math.round(q.facility * 100)}%`}
                </td>
                <td>{q.discrimination === null ? "—" : q.discrimination.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Dialog open={open !== null} onClose={() => setOpen(null)} title={open?.name ?? ""}>
        {open ? <StudentAttempt testId={props.testId} attemptId={open.attemptId} /> : null}
      </Dialog>
    </div>
  );
}

export default function Results() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { testId = "" } = useParams();
  const report = useQuery(resultsQuery(api, testId));
  return (
    <QueryState query={report}>
      {(current) => (
        <Page
          title={t("results.heading")}
          subtitle={current.title}
          back={
            <Link to={`/tests/${testId}`} className="font-bold text-brand-700">
              ← {current.title}
            </Link>
          }
        >
          <Report report={current} testId={testId} />
        </Page>
      )}
    </QueryState>
  );
}
