import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { fieldError, formError } from "@alif/i18n/forms";
import { Alert, Button, Field, Input, Select } from "@alif/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { keys, type QuizDetail, type QuizUpdate, type ReviewTime } from "../lib/queries.ts";

const REVIEW: ReviewTime[] = ["immediately", "after_close", "never"];
const GRADING = ["highest", "average", "first", "last"] as const;
const FIELDS = [
  "title",
  "time_limit_minutes",
  "attempts_allowed",
  "pass_percent",
  "opens_at",
  "closes_at",
];

/** `2026-12-07T10:00:00Z` as the value of a datetime-local input (the device's time zone). */
function toLocalInput(value: string | null): string {
  if (!value) return "";
  const date = new Date(value);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}

/** A test's rules: time, attempts, grading, shuffling, when results show, its window. */
export function Settings(props: { test: QuizDetail }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { test } = props;
  const [form, setForm] = useState({
    title: test.title,
    subject: test.subject,
    time: test.time_limit_minutes ? String(test.time_limit_minutes) : "",
    attempts: test.attempts_allowed ? String(test.attempts_allowed) : "",
    grading: test.grading_method,
    shuffleQuestions: test.shuffle_questions,
    shuffleOptions: test.shuffle_options,
    results: test.results_shown,
    answers: test.answers_shown,
    opens: toLocalInput(test.opens_at),
    closes: toLocalInput(test.closes_at),
    pass: String(test.pass_percent),
  });
  const set = (change: Partial<typeof form>) => setForm((current) => ({ ...current, ...change }));
  const save = useMutation({
    mutationFn: () => {
      const body: QuizUpdate = {
        title: form.title.trim(),
        subject: form.subject.trim(),
        time_limit_minutes: form.time ? Number(form.time) : null,
        attempts_allowed: form.attempts ? Number(form.attempts) : null,
        grading_method: form.grading,
        shuffle_questions: form.shuffleQuestions,
        shuffle_options: form.shuffleOptions,
        results_shown: form.results,
        answers_shown: form.answers,
        opens_at: fromLocalInput(form.opens),
        closes_at: fromLocalInput(form.closes),
        pass_percent: Number(form.pass) || 0,
      };
      return call(
        api.testai.PATCH("/api/testai/tests/{test_id}", {
          params: { path: { test_id: test.id } },
          body,
        }),
      );
    },
    onSuccess: (saved) => {
      client.setQueryData(keys.test(test.id), saved);
      void client.invalidateQueries({ queryKey: ["testai", "tests"] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const error = (field: string) => fieldError(save.error, field, t);
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("settings.title")} error={error("title")}>
          <Input
            required
            maxLength={200}
            value={form.title}
            onChange={(e) => set({ title: e.target.value })}
          />
        </Field>
        <Field label={t("settings.subject")}>
          <Input
            maxLength={80}
            value={form.subject}
            onChange={(e) => set({ subject: e.target.value })}
          />
        </Field>
        <Field
          label={t("settings.time")}
          hint={t("settings.timeHint")}
          error={error("time_limit_minutes")}
        >
          <Input
            type="number"
            min={1}
            max={600}
            value={form.time}
            onChange={(e) => set({ time: e.target.value })}
          />
        </Field>
        <Field
          label={t("settings.attempts")}
          hint={t("settings.attemptsHint")}
          error={error("attempts_allowed")}
        >
          <Input
            type="number"
            min={1}
            max={100}
            value={form.attempts}
            onChange={(e) => set({ attempts: e.target.value })}
          />
        </Field>
        <Field label={t("settings.grading")}>
          <Select
            value={form.grading}
            onChange={(e) => set({ grading: e.target.value as (typeof GRADING)[number] })}
          >
            {GRADING.map((value) => (
              <option key={value} value={value}>
                {t(`settings.gradingMethods.${value}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("settings.pass")} error={error("pass_percent")}>
          <Input
            type="number"
            min={0}
            max={100}
            value={form.pass}
            onChange={(e) => set({ pass: e.target.value })}
          />
        </Field>
        <Field label={t("settings.results")}>
          <Select
            value={form.results}
            onChange={(e) => set({ results: e.target.value as ReviewTime })}
          >
            {REVIEW.map((value) => (
              <option key={value} value={value}>
                {t(`settings.review.${value}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("settings.answers")}>
          <Select
            value={form.answers}
            onChange={(e) => set({ answers: e.target.value as ReviewTime })}
          >
            {REVIEW.map((value) => (
              <option key={value} value={value}>
                {t(`settings.review.${value}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("settings.opens")} error={error("opens_at")}>
          <Input
            type="datetime-local"
            value={form.opens}
            onChange={(e) => set({ opens: e.target.value })}
          />
        </Field>
        <Field label={t("settings.closes")} error={error("closes_at")}>
          <Input
            type="datetime-local"
            value={form.closes}
            onChange={(e) => set({ closes: e.target.value })}
          />
        </Field>
      </div>
      <label className="flex min-h-11 items-center gap-3 font-semibold">
        <input
          type="checkbox"
          className="size-6 accent-brand-600"
          checked={form.shuffleQuestions}
          onChange={(e) => set({ shuffleQuestions: e.target.checked })}
        />
        {t("settings.shuffleQuestions")}
      </label>
      <label className="flex min-h-11 items-center gap-3 font-semibold">
        <input
          type="checkbox"
          className="size-6 accent-brand-600"
          checked={form.shuffleOptions}
          onChange={(e) => set({ shuffleOptions: e.target.checked })}
        />
        {t("settings.shuffleOptions")}
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" loading={save.isPending} disabled={!form.title.trim()}>
          {t("settings.save")}
        </Button>
        {save.isSuccess ? (
          <p role="status" className="font-semibold text-brand-700">
            ✓ {t("settings.saved")}
          </p>
        ) : null}
      </div>
      {formError(save.error, t, FIELDS) ? (
        <Alert tone="error">{formError(save.error, t, FIELDS)}</Alert>
      ) : null}
    </form>
  );
}
