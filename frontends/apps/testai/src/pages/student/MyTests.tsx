import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, EmptyState, Field, Input, Page, QueryState } from "@alif/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { type AssignedTest, myResultsQuery, myTestsQuery } from "../../lib/queries.ts";

function isDone(test: AssignedTest): boolean {
  if (test.attempt_in_progress) return false;
  const closed = test.closes_at !== null && Date.parse(test.closes_at) < Date.now();
  const noneLeft = test.attempts_allowed !== null && test.attempts_used >= test.attempts_allowed;
  return closed || noneLeft;
}

function DueTest(props: { test: AssignedTest }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const navigate = useNavigate();
  const { test } = props;
  const start = useMutation({
    mutationFn: () =>
      test.attempt_in_progress
        ? Promise.resolve({ id: test.attempt_in_progress })
        : call(api.testai.POST("/api/testai/attempts", { body: { test_id: test.test_id } })),
    onSuccess: (attempt) => navigate(`/attempts/${attempt.id}`),
  });
  const notYet = test.opens_at !== null && Date.parse(test.opens_at) > Date.now();
  return (
    <li>
      <Card className="flex flex-col gap-3">
        <div>
          <h3 className="font-extrabold text-xl">{test.title}</h3>
          <p className="text-muted">
            {[
              test.subject,
              t("student.questionCount", { count: test.question_count }),
              test.your_time_minutes ? t("student.minutes", { count: test.your_time_minutes }) : "",
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {test.due_at ? (
            <p className="font-semibold">
              {t("student.dueAt", { date: formatDate(test.due_at, i18n.language, true) })}
            </p>
          ) : null}
          {test.attempts_allowed !== null ? (
            <p className="text-muted text-sm">
              {t("student.attemptsUsed", {
                used: test.attempts_used,
                allowed: test.attempts_allowed,
              })}
            </p>
          ) : null}
        </div>
        {notYet ? (
          <Alert tone="info">
            {t("student.opensAt", { date: formatDate(test.opens_at, i18n.language, true) })}
          </Alert>
        ) : (
          <Button size="xl" loading={start.isPending} onClick={() => start.mutate()}>
            {test.attempt_in_progress ? t("student.continue") : t("student.start")}
          </Button>
        )}
        {start.error ? <Alert tone="error">{errorMessage(t, start.error)}</Alert> : null}
      </Card>
    </li>
  );
}

/** A test shared by its code (a teacher's link carries `?code=`). */
function ByCode() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get("code") ?? "");
  const start = useMutation({
    mutationFn: () =>
      call(api.testai.POST("/api/testai/attempts", { body: { code: code.trim().toUpperCase() } })),
    onSuccess: (attempt) => navigate(`/attempts/${attempt.id}`),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) start.mutate();
  };
  return (
    <Card>
      <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <Field label={t("student.code")} className="flex-1">
          <Input
            value={code}
            maxLength={16}
            autoCapitalize="characters"
            autoComplete="off"
            className="font-mono text-xl uppercase"
            onChange={(e) => setCode(e.target.value)}
          />
        </Field>
        <Button type="submit" size="lg" loading={start.isPending} disabled={!code.trim()}>
          {t("student.start")}
        </Button>
      </form>
      {start.error ? <Alert tone="error">{errorMessage(t, start.error)}</Alert> : null}
    </Card>
  );
}

function Done() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const results = useQuery(myResultsQuery(api));
  return (
    <section aria-labelledby="done" className="flex flex-col gap-3">
      <h2 id="done" className="font-extrabold text-2xl">
        {t("student.done")}
      </h2>
      <QueryState query={results}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="text-muted">{t("student.noneDone")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {rows.map((row) => (
                <li key={row.test_id}>
                  <Card className="flex items-center gap-3">
                    <div className="flex-1">
                      <p className="font-bold text-lg">{row.title}</p>
                      <p className="text-muted text-sm">
                        {formatDate(row.last_submitted_at, i18n.language, true)}
                      </p>
                    </div>
                    <p className="font-black text-2xl" data-testid="my-grade">
                      {row.results_hidden || row.grade_percent === null
                        ? t("student.resultLater")
                        : `${Math.round(row.grade_percent)}%`}
                    </p>
                  </Card>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

export default function MyTests() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const tests = useQuery(myTestsQuery(api));
  return (
    <Page title={t("student.heading")}>
      <section aria-labelledby="due" className="flex flex-col gap-3">
        <h2 id="due" className="font-extrabold text-2xl">
          {t("student.due")}
        </h2>
        <QueryState query={tests}>
          {(all) => {
            const due = all.filter((test) => !isDone(test));
            return due.length === 0 ? (
              <EmptyState icon="🎉" title={t("student.noneDue")} />
            ) : (
              <ul className="flex flex-col gap-3">
                {due.map((test) => (
                  <DueTest key={test.test_id} test={test} />
                ))}
              </ul>
            );
          }}
        </QueryState>
      </section>
      <ByCode />
      <Done />
    </Page>
  );
}
