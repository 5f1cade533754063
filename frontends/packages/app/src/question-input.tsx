import { useTranslation } from "@alif/i18n";
import { cx, Field, Input } from "@alif/ui";

/** A student's answer to one question of the assessment kernel (testai's tests, olimp's papers). */
export type Response = { choice?: string[] | null; truth?: boolean | null; text?: string | null };

/** What the input needs of a question as a student sees it. */
export type AnsweredQuestion = {
  id: string;
  type: string;
  options: { id: string; text: string }[];
};

export function isAnswered(value: Response | undefined): boolean {
  if (!value) return false;
  if (value.choice) return value.choice.length > 0;
  if (value.truth !== undefined && value.truth !== null) return true;
  return Boolean(value.text?.trim());
}

/** A checked answer: the chosen option turns green or red (lessions' quizzes say at once). */
export type Mark = "right" | "wrong" | null;

const choiceClass = (chosen: boolean, mark: Mark) =>
  cx(
    "flex min-h-14 w-full cursor-pointer items-center gap-3 rounded-2xl p-4 text-left font-semibold text-lg ring-2",
    chosen && mark === "right"
      ? "bg-emerald-50 ring-emerald-600"
      : chosen && mark === "wrong"
        ? "bg-red-50 ring-red-600"
        : chosen
          ? "bg-brand-50 ring-brand-600"
          : "bg-white ring-slate-200 hover:ring-brand-300",
  );

/** How a student answers one question, for each question type of the API; `mark` colours the
 * chosen option once the answer has been checked (a typed answer's field, too). */
export function QuestionInput(props: {
  question: AnsweredQuestion;
  value: Response | undefined;
  onChange(value: Response): void;
  disabled?: boolean;
  mark?: Mark;
}) {
  const { t } = useTranslation();
  const { question, value, onChange, disabled, mark = null } = props;
  const name = `q-${question.id}`;
  switch (question.type) {
    case "single":
    case "multiple": {
      const chosen = new Set(value?.choice ?? []);
      const multiple = question.type === "multiple";
      return (
        <fieldset className="flex flex-col gap-3" disabled={disabled}>
          <legend className="mb-2 text-muted">
            {multiple ? t("common:answer.chooseMany") : t("common:answer.chooseOne")}
          </legend>
          {question.options.map((option) => (
            <label key={option.id} className={choiceClass(chosen.has(option.id), mark)}>
              <input
                type={multiple ? "checkbox" : "radio"}
                name={name}
                className="size-6 accent-brand-600"
                checked={chosen.has(option.id)}
                onChange={() => {
                  if (!multiple) return onChange({ choice: [option.id] });
                  const next = new Set(chosen);
                  if (next.has(option.id)) next.delete(option.id);
                  else next.add(option.id);
                  onChange({
                    choice: question.options.map((o) => o.id).filter((id) => next.has(id)),
                  });
                }}
              />
              <span>{option.text}</span>
            </label>
          ))}
        </fieldset>
      );
    }
    case "true_false":
      return (
        <fieldset className="grid grid-cols-2 gap-3" disabled={disabled}>
          <legend className="sr-only">{t("common:answer.chooseOne")}</legend>
          {[true, false].map((truth) => (
            <label key={String(truth)} className={choiceClass(value?.truth === truth, mark)}>
              <input
                type="radio"
                name={name}
                className="size-6 accent-brand-600"
                checked={value?.truth === truth}
                onChange={() => onChange({ truth })}
              />
              <span>{truth ? t("common:answer.true") : t("common:answer.false")}</span>
            </label>
          ))}
        </fieldset>
      );
    default:
      return (
        <Field
          label={
            question.type === "numeric"
              ? t("common:answer.yourNumber")
              : t("common:answer.yourAnswer")
          }
        >
          <Input
            className={cx(
              "min-h-14 text-xl",
              mark === "right" && "ring-2 ring-emerald-600",
              mark === "wrong" && "ring-2 ring-red-600",
            )}
            inputMode={question.type === "numeric" ? "decimal" : "text"}
            autoComplete="off"
            maxLength={500}
            disabled={disabled}
            value={value?.text ?? ""}
            onChange={(e) => onChange({ text: e.target.value })}
          />
        </Field>
      );
  }
}
