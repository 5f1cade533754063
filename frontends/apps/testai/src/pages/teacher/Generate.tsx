import { ApiError, call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  buttonClass,
  Card,
  Field,
  Input,
  Page,
  QueryState,
  Select,
  Spinner,
  Textarea,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import {
  keys,
  LANGUAGES,
  type Language,
  QUESTION_TYPES,
  type QuestionType,
  type QuizDetail,
  testQuery,
} from "../../lib/queries.ts";

function GenerateForm(props: { test: QuizDetail }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { test } = props;
  const [form, setForm] = useState({
    subject: test.subject,
    topic: "",
    source: "",
    grade: String(test.grade ?? 5),
    language: test.language as Language,
    count: "5",
    difficulty: "3",
  });
  const [types, setTypes] = useState<QuestionType[]>(["single"]);
  const set = (change: Partial<typeof form>) => setForm((current) => ({ ...current, ...change }));
  const extract = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append("file", file);
      return call(
        api.testai.POST("/api/testai/sources/extract", {
          body: body as unknown as { file: string },
          bodySerializer: (value) => value as unknown as FormData,
        }),
      );
    },
    onSuccess: (extracted) => set({ source: extracted.text.slice(0, 20000) }),
  });
  const generate = useMutation({
    mutationFn: () =>
      call(
        api.testai.POST("/api/testai/ai/generate", {
          body: {
            subject: form.subject.trim(),
            topic: form.topic.trim(),
            source_text: form.source.trim() || null,
            grade: Number(form.grade),
            language: form.language,
            count: Number(form.count),
            types,
            difficulty: Number(form.difficulty),
            test_id: test.id,
          },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.test(test.id) }),
  });
  const approveAll = useMutation({
    mutationFn: (ids: string[]) =>
      call(
        api.testai.POST("/api/testai/tests/{test_id}/questions/approve", {
          params: { path: { test_id: test.id } },
          body: { question_ids: ids },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.test(test.id) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.subject.trim() && types.length && (form.topic.trim() || form.source.trim())) {
      generate.mutate();
    }
  };
  const notConfigured =
    generate.error instanceof ApiError &&
    (generate.error.code === "ai_not_configured" || generate.error.status === 503);

  if (generate.data) {
    const result = generate.data;
    return (
      <Card className="flex flex-col gap-3">
        <Alert tone="success">
          {t("generate.made", { accepted: result.accepted, requested: result.requested })}
        </Alert>
        {result.dropped.length ? (
          <p className="text-muted text-sm">
            {t("generate.dropped", { count: result.dropped.reduce((n, d) => n + d.count, 0) })}
          </p>
        ) : null}
        <ol className="flex flex-col gap-2">
          {result.questions.map((q) => (
            <li key={q.id} className="rounded-2xl bg-slate-50 p-3">
              <p className="font-bold">{q.text}</p>
              {q.source_excerpt ? (
                <p className="text-muted text-sm italic">“{q.source_excerpt}”</p>
              ) : null}
            </li>
          ))}
        </ol>
        <div className="flex flex-wrap gap-2">
          <Link to={`/tests/${test.id}`} className={buttonClass("primary")}>
            {t("generate.review")}
          </Link>
          <Button
            variant="secondary"
            loading={approveAll.isPending}
            disabled={approveAll.isSuccess}
            onClick={() => approveAll.mutate(result.questions.map((q) => q.id))}
          >
            {approveAll.isSuccess ? `✓ ${t("generate.accepted")}` : t("generate.acceptAll")}
          </Button>
          <Button variant="ghost" onClick={() => generate.reset()}>
            {t("generate.more")}
          </Button>
        </div>
        {approveAll.error ? <Alert tone="error">{errorMessage(t, approveAll.error)}</Alert> : null}
      </Card>
    );
  }

  return (
    <Card>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("settings.subject")}>
            <Input
              required
              maxLength={80}
              value={form.subject}
              onChange={(e) => set({ subject: e.target.value })}
            />
          </Field>
          <Field label={t("generate.topic")}>
            <Input
              maxLength={200}
              value={form.topic}
              onChange={(e) => set({ topic: e.target.value })}
            />
          </Field>
          <Field label={t("settings.grade")}>
            <Select value={form.grade} onChange={(e) => set({ grade: e.target.value })}>
              {Array.from({ length: 12 }, (_, i) => String(i)).map((g) => (
                <option key={g} value={g}>
                  {g === "0" ? t("generate.preschool") : g}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("editor.language")}>
            <Select
              value={form.language}
              onChange={(e) => set({ language: e.target.value as Language })}
            >
              {LANGUAGES.map((value) => (
                <option key={value} value={value}>
                  {t(`common:language.${value}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("generate.count")}>
            <Input
              type="number"
              min={1}
              max={50}
              value={form.count}
              onChange={(e) => set({ count: e.target.value })}
            />
          </Field>
          <Field label={t("generate.difficulty")}>
            <Select value={form.difficulty} onChange={(e) => set({ difficulty: e.target.value })}>
              {["1", "2", "3", "4", "5"].map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <fieldset className="flex flex-wrap gap-4">
          <legend className="mb-1 font-bold">{t("generate.types")}</legend>
          {QUESTION_TYPES.map((type) => (
            <label key={type} className="flex min-h-11 items-center gap-2">
              <input
                type="checkbox"
                className="size-6 accent-brand-600"
                checked={types.includes(type)}
                onChange={(e) =>
                  setTypes((current) =>
                    e.target.checked ? [...current, type] : current.filter((x) => x !== type),
                  )
                }
              />
              {t(`types.${type}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t("generate.source")} hint={t("generate.sourceHint")}>
          <Textarea
            rows={6}
            maxLength={20000}
            value={form.source}
            onChange={(e) => set({ source: e.target.value })}
          />
        </Field>
        <Field label={t("generate.sourceFile")}>
          <input
            type="file"
            accept=".docx,.pdf,.txt"
            className="min-h-11"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) extract.mutate(file);
            }}
          />
        </Field>
        {extract.error ? <Alert tone="error">{errorMessage(t, extract.error)}</Alert> : null}
        <Button
          type="submit"
          size="lg"
          loading={generate.isPending}
          disabled={
            !form.subject.trim() || types.length === 0 || !(form.topic.trim() || form.source.trim())
          }
        >
          ✨ {t("generate.go")}
        </Button>
        {generate.isPending ? (
          <div className="flex items-center gap-3" role="status">
            <Spinner />
            <p>{t("generate.working")}</p>
          </div>
        ) : null}
        {generate.error ? (
          <Alert tone={notConfigured ? "warning" : "error"}>
            {errorMessage(t, generate.error)}
            {notConfigured ? <span className="mt-1 block">{t("generate.useImport")}</span> : null}
          </Alert>
        ) : null}
      </form>
    </Card>
  );
}

export default function Generate() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { testId = "" } = useParams();
  const test = useQuery(testQuery(api, testId));
  return (
    <QueryState query={test}>
      {(current) => (
        <Page
          title={t("generate.heading")}
          subtitle={current.title}
          back={
            <Link to={`/tests/${testId}`} className="font-bold text-brand-700">
              ← {current.title}
            </Link>
          }
        >
          <GenerateForm test={current} />
        </Page>
      )}
    </QueryState>
  );
}
