import { useTranslation } from "@alif/i18n";
import { Button, Field, Input, Select, Textarea } from "@alif/ui";
import { type FormEvent, useState } from "react";
import {
  fitType,
  LANGUAGES,
  QUESTION_TYPES,
  type QuestionIn,
  type QuestionType,
} from "../lib/queries.ts";

type Option = NonNullable<QuestionIn["options"]>[number];

/** What is missing before a question can be saved, as text keys; empty when it is whole. */
export function problemsOf(q: QuestionIn): string[] {
  const problems: string[] = [];
  if (!q.text.trim()) problems.push("editor.needText");
  const options = (q.options ?? []).filter((o) => o.text.trim());
  switch (q.type ?? "single") {
    case "single":
    case "multiple": {
      if (options.length < 2) problems.push("editor.needTwoOptions");
      const correct = options.filter((o) => o.correct).length;
      if (correct === 0) problems.push("editor.needCorrect");
      if (q.type !== "multiple" && correct > 1) problems.push("editor.oneCorrect");
      const texts = options.map((o) => o.text.trim().toLowerCase());
      if (new Set(texts).size !== texts.length) problems.push("editor.duplicateOptions");
      break;
    }
    case "true_false":
      if (q.truth === null || q.truth === undefined) problems.push("editor.needTruth");
      break;
    case "short_answer":
      if (!(q.accepted_answers ?? []).some((a) => a.trim())) problems.push("editor.needAccepted");
      break;
    case "numeric":
      if (q.numeric_answer === null || q.numeric_answer === undefined) {
        problems.push("editor.needNumber");
      }
      break;
  }
  return problems;
}

export const emptyQuestion = (language: QuestionIn["language"] = "uz"): QuestionIn => ({
  type: "single",
  text: "",
  options: [
    { text: "", correct: true },
    { text: "", correct: false },
  ],
  points: 1,
  explanation: "",
  language,
});

/**
 * One question of any type: its text, options or answer key, points, explanation, language,
 * picture, topic and tags. Saving is offered once the question is whole.
 */
export function QuestionEditor(props: {
  initial: QuestionIn;
  onSave(question: QuestionIn): void;
  onCancel?(): void;
  saving?: boolean;
  saveLabel?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState<QuestionIn>(() => ({
    ...props.initial,
    options: props.initial.options?.length
      ? props.initial.options
      : [
          { text: "", correct: true },
          { text: "", correct: false },
        ],
  }));
  const [accepted, setAccepted] = useState((props.initial.accepted_answers ?? []).join("\n"));
  const [number, setNumber] = useState(
    props.initial.numeric_answer === null || props.initial.numeric_answer === undefined
      ? ""
      : String(props.initial.numeric_answer),
  );
  const [tolerance, setTolerance] = useState(String(props.initial.tolerance ?? 0));
  const [points, setPoints] = useState(String(props.initial.points ?? 1));
  const [tags, setTags] = useState((props.initial.tags ?? []).join(", "));
  const type = q.type ?? "single";
  const options = q.options ?? [];
  const draft: QuestionIn = fitType({
    ...q,
    accepted_answers: accepted.split("\n"),
    numeric_answer: number.trim() === "" ? null : Number(number.replace(",", ".")),
    tolerance: Math.max(0, Number(tolerance.replace(",", ".")) || 0),
    points: Math.min(100, Math.max(1, Math.round(Number(points)) || 1)),
    tags: tags
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean)
      .slice(0, 20),
  });
  if (Number.isNaN(draft.numeric_answer)) draft.numeric_answer = null;
  const problems = problemsOf(draft);
  const set = (change: Partial<QuestionIn>) => setQ((current) => ({ ...current, ...change }));
  const setOption = (i: number, change: Partial<Option>) =>
    set({
      options: options.map((o, j) => {
        if (j === i) return { ...o, ...change };
        // One correct option for single choice: marking one unmarks the others.
        return change.correct && type === "single" ? { ...o, correct: false } : o;
      }),
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problems.length === 0) props.onSave(draft);
  };

  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-4"
      noValidate
      aria-label={t("editor.title")}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t("editor.type")}>
          <Select value={type} onChange={(e) => set({ type: e.target.value as QuestionType })}>
            {QUESTION_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`types.${value}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("editor.points")}>
          <Input
            type="number"
            min={1}
            max={100}
            value={points}
            onChange={(e) => setPoints(e.target.value)}
          />
        </Field>
        <Field label={t("editor.language")}>
          <Select
            value={q.language ?? "uz"}
            onChange={(e) => set({ language: e.target.value as QuestionIn["language"] })}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(`common:language.${language}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t("editor.text")}>
        <Textarea
          rows={3}
          maxLength={4000}
          required
          value={q.text}
          onChange={(e) => set({ text: e.target.value })}
        />
      </Field>
      {type === "single" || type === "multiple" ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-bold">
            {type === "single" ? t("editor.optionsOne") : t("editor.optionsMany")}
          </legend>
          {options.map((option, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: options have no id until saved
            <div key={i} className="flex items-center gap-2">
              <input
                type={type === "single" ? "radio" : "checkbox"}
                name="correct"
                className="size-6 accent-brand-600"
                checked={option.correct ?? false}
                aria-label={t("editor.correctN", { n: i + 1 })}
                onChange={(e) => setOption(i, { correct: e.target.checked })}
              />
              <Input
                className="flex-1"
                maxLength={500}
                value={option.text}
                aria-label={t("editor.optionN", { n: i + 1 })}
                onChange={(e) => setOption(i, { text: e.target.value })}
              />
              <Button
                variant="ghost"
                aria-label={t("editor.removeOptionN", { n: i + 1 })}
                disabled={options.length <= 2}
                onClick={() => set({ options: options.filter((_, j) => j !== i) })}
              >
                ✕
              </Button>
            </div>
          ))}
          <Button
            variant="secondary"
            disabled={options.length >= 10}
            onClick={() => set({ options: [...options, { text: "", correct: false }] })}
          >
            + {t("editor.addOption")}
          </Button>
        </fieldset>
      ) : null}
      {type === "true_false" ? (
        <fieldset className="flex gap-4">
          <legend className="mb-1 font-bold">{t("editor.truth")}</legend>
          {[true, false].map((truth) => (
            <label key={String(truth)} className="flex min-h-11 items-center gap-2 font-semibold">
              <input
                type="radio"
                name="truth"
                className="size-6 accent-brand-600"
                checked={q.truth === truth}
                onChange={() => set({ truth })}
              />
              {truth ? t("take.true") : t("take.false")}
            </label>
          ))}
        </fieldset>
      ) : null}
      {type === "short_answer" ? (
        <Field label={t("editor.accepted")} hint={t("editor.acceptedHint")}>
          <Textarea rows={3} value={accepted} onChange={(e) => setAccepted(e.target.value)} />
        </Field>
      ) : null}
      {type === "numeric" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t("editor.number")}>
            <Input inputMode="decimal" value={number} onChange={(e) => setNumber(e.target.value)} />
          </Field>
          <Field label={t("editor.tolerance")}>
            <Input
              type="number"
              min={0}
              step="any"
              value={tolerance}
              onChange={(e) => setTolerance(e.target.value)}
            />
          </Field>
        </div>
      ) : null}
      <Field label={t("editor.explanation")} hint={t("editor.explanationHint")}>
        <Textarea
          rows={2}
          maxLength={4000}
          value={q.explanation ?? ""}
          onChange={(e) => set({ explanation: e.target.value })}
        />
      </Field>
      <details>
        <summary className="min-h-11 cursor-pointer font-bold">{t("editor.more")}</summary>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          <Field label={t("editor.image")}>
            <Input
              type="url"
              maxLength={500}
              value={q.image_url ?? ""}
              onChange={(e) => set({ image_url: e.target.value })}
            />
          </Field>
          <Field label={t("editor.topic")}>
            <Input
              maxLength={120}
              value={q.topic ?? ""}
              onChange={(e) => set({ topic: e.target.value })}
            />
          </Field>
          <Field label={t("editor.tags")} hint={t("editor.tagsHint")}>
            <Input value={tags} onChange={(e) => setTags(e.target.value)} />
          </Field>
        </div>
      </details>
      {problems.length > 0 ? (
        <ul className="list-disc pl-6 text-amber-800 text-sm" data-testid="editor-problems">
          {problems.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={props.saving} disabled={problems.length > 0}>
          {props.saveLabel ?? t("editor.save")}
        </Button>
        {props.onCancel ? (
          <Button variant="secondary" onClick={props.onCancel}>
            {t("editor.cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
