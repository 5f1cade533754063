import { useTranslation } from "@alif/i18n";
import { Button, cx, Field, Input, Select } from "@alif/ui";
import type { QuestionIn } from "../lib/queries.ts";

type QuestionType = NonNullable<QuestionIn["type"]>;
const TYPES: QuestionType[] = ["single", "multiple", "true_false", "short_answer", "numeric"];

export function emptyQuestion(): QuestionIn {
  return { type: "single", text: "", options: [{ text: "" }, { text: "" }] };
}

/** Only the fields a question of its type takes (the API refuses options on a numeric one). */
export function fitQuestion(q: QuestionIn): QuestionIn {
  const type = q.type ?? "single";
  const choice = type === "single" || type === "multiple";
  return {
    ...q,
    type,
    text: q.text.trim(),
    options: choice ? (q.options ?? []).filter((o) => o.text.trim()) : [],
    truth: type === "true_false" ? (q.truth ?? null) : null,
    accepted_answers:
      type === "short_answer"
        ? (q.accepted_answers ?? []).map((a) => a.trim()).filter(Boolean)
        : [],
    numeric_answer: type === "numeric" ? (q.numeric_answer ?? null) : null,
  };
}

/** One question with its answer: the type, the text and, by type, the options (which are
 * right), true or false, the accepted answers or the number. */
export function QuestionEditor(props: {
  question: QuestionIn;
  index: number;
  onChange(question: QuestionIn): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const { question: q, index, onChange } = props;
  const type = q.type ?? "single";
  const options = q.options ?? [];
  const label = (key: string) => `${t(key)} (${t("editor.questionN", { n: index + 1 })})`;
  return (
    <fieldset className="flex flex-col gap-3 rounded-2xl bg-slate-50 p-4 ring-1 ring-slate-200">
      <legend className="px-1 font-bold">{t("editor.questionN", { n: index + 1 })}</legend>
      <div className="grid gap-3 sm:grid-cols-[1fr_14rem]">
        <Field label={label("editor.questionText")}>
          <Input
            value={q.text}
            onChange={(e) => onChange({ ...q, text: e.target.value })}
            maxLength={4000}
          />
        </Field>
        <Field label={label("editor.questionType")}>
          <Select
            value={type}
            onChange={(e) => {
              const next = e.target.value as QuestionType;
              const choice = next === "single" || next === "multiple";
              onChange({
                ...q,
                type: next,
                options: choice && options.length < 2 ? [{ text: "" }, { text: "" }] : options,
              });
            }}
          >
            {TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`editor.types.${ty}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {type === "single" || type === "multiple" ? (
        <div className="flex flex-col gap-2">
          {options.map((option, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: options have no id until saved
            <div key={i} className="flex items-end gap-2">
              <label
                className={cx(
                  "inline-flex min-h-12 cursor-pointer items-center gap-2 rounded-xl px-3 font-bold ring-2",
                  option.correct ? "bg-emerald-50 ring-emerald-600" : "bg-white ring-slate-200",
                )}
              >
                <input
                  type={type === "single" ? "radio" : "checkbox"}
                  name={`correct-${index}`}
                  className="size-5 accent-emerald-600"
                  checked={Boolean(option.correct)}
                  onChange={() =>
                    onChange({
                      ...q,
                      options: options.map((o, j) => ({
                        ...o,
                        correct: type === "single" ? j === i : j === i ? !o.correct : o.correct,
                      })),
                    })
                  }
                />
                <span className="sr-only">{t("editor.correctOption", { n: i + 1 })}</span>✓
              </label>
              <Field label={t("editor.option", { n: i + 1 })} className="flex-1">
                <Input
                  value={option.text}
                  maxLength={500}
                  onChange={(e) =>
                    onChange({
                      ...q,
                      options: options.map((o, j) =>
                        j === i ? { ...o, text: e.target.value } : o,
                      ),
                    })
                  }
                />
              </Field>
              <Button
                variant="ghost"
                aria-label={t("editor.removeOption", { n: i + 1 })}
                disabled={options.length <= 2}
                onClick={() => onChange({ ...q, options: options.filter((_, j) => j !== i) })}
              >
                ✕
              </Button>
            </div>
          ))}
          <Button
            variant="ghost"
            className="self-start"
            disabled={options.length >= 10}
            onClick={() => onChange({ ...q, options: [...options, { text: "" }] })}
          >
            ➕ {t("editor.addOption")}
          </Button>
        </div>
      ) : null}
      {type === "true_false" ? (
        <div className="flex gap-2" role="radiogroup" aria-label={t("editor.answer")}>
          {[true, false].map((truth) => (
            <label
              key={String(truth)}
              className={cx(
                "inline-flex min-h-12 cursor-pointer items-center gap-2 rounded-xl px-4 font-bold ring-2",
                q.truth === truth ? "bg-emerald-50 ring-emerald-600" : "bg-white ring-slate-200",
              )}
            >
              <input
                type="radio"
                name={`truth-${index}`}
                className="size-5 accent-emerald-600"
                checked={q.truth === truth}
                onChange={() => onChange({ ...q, truth })}
              />
              {truth ? t("quiz.true") : t("quiz.false")}
            </label>
          ))}
        </div>
      ) : null}
      {type === "short_answer" ? (
        <Field label={t("editor.accepted")} hint={t("editor.acceptedHint")}>
          <Input
            value={(q.accepted_answers ?? []).join("; ")}
            onChange={(e) => onChange({ ...q, accepted_answers: e.target.value.split(";") })}
          />
        </Field>
      ) : null}
      {type === "numeric" ? (
        <Field label={t("editor.answer")}>
          <Input
            inputMode="decimal"
            value={q.numeric_answer ?? ""}
            onChange={(e) => {
              const value = e.target.value.replace(",", ".");
              const n = Number(value);
              onChange({ ...q, numeric_answer: value === "" || !Number.isFinite(n) ? null : n });
            }}
          />
        </Field>
      ) : null}
      <Button variant="ghost" className="self-end" onClick={props.onRemove}>
        🗑️ {t("editor.removeQuestion")}
      </Button>
    </fieldset>
  );
}
