import { useTranslation } from "@alif/i18n";
import { Alert, Button, cx, Field, Input } from "@alif/ui";
import type { AnswersResult, StudentQuestion } from "../../lib/queries.ts";

/** One answer, as the API takes it: `choice` (option ids), `truth` or `text`. */
export type Answer = { choice?: string[]; truth?: boolean; text?: string };
export type Answers = Record<string, Answer>;

const choiceClass = (chosen: boolean, mark: "right" | "wrong" | null) =>
  cx(
    "flex min-h-14 w-full cursor-pointer items-center gap-3 rounded-2xl p-4 text-left font-semibold text-lg ring-2",
    mark === "right"
      ? "bg-emerald-50 ring-emerald-600"
      : mark === "wrong"
        ? "bg-red-50 ring-red-600"
        : chosen
          ? "bg-brand-50 ring-brand-600"
          : "bg-white ring-slate-200 hover:ring-brand-300",
  );

/** How a learner answers one question, for each question type of the kernel. */
export function QuestionInput(props: {
  question: StudentQuestion;
  value: Answer | undefined;
  onChange(value: Answer): void;
  mark: "right" | "wrong" | null;
}) {
  const { t } = useTranslation();
  const { question, value, onChange, mark } = props;
  const name = `q-${question.id}`;
  switch (question.type) {
    case "single":
    case "multiple": {
      const chosen = new Set(value?.choice ?? []);
      const multiple = question.type === "multiple";
      return (
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-2 text-muted">
            {multiple ? t("quiz.chooseMany") : t("quiz.chooseOne")}
          </legend>
          {question.options.map((option) => (
            <label
              key={option.id}
              className={choiceClass(chosen.has(option.id), chosen.has(option.id) ? mark : null)}
            >
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
        <fieldset className="grid grid-cols-2 gap-3">
          <legend className="sr-only">{t("quiz.chooseOne")}</legend>
          {[true, false].map((truth) => (
            <label
              key={String(truth)}
              className={choiceClass(value?.truth === truth, value?.truth === truth ? mark : null)}
            >
              <input
                type="radio"
                name={name}
                className="size-6 accent-brand-600"
                checked={value?.truth === truth}
                onChange={() => onChange({ truth })}
              />
              <span>{truth ? t("quiz.true") : t("quiz.false")}</span>
            </label>
          ))}
        </fieldset>
      );
    default:
      return (
        <Field label={question.type === "numeric" ? t("quiz.yourNumber") : t("quiz.yourAnswer")}>
          <Input
            className="min-h-14 text-xl"
            inputMode={question.type === "numeric" ? "decimal" : "text"}
            autoComplete="off"
            maxLength={500}
            value={value?.text ?? ""}
            onChange={(e) => onChange({ text: e.target.value })}
          />
        </Field>
      );
  }
}

/** The questions of a quiz (or a story's end), checked on the server; each question then shows
 * whether it was right, and the score with "passed" or "try again". */
export function QuizBlock(props: {
  questions: StudentQuestion[];
  answers: Answers;
  onAnswer(questionId: string, answer: Answer): void;
  onCheck(): void;
  checking: boolean;
  result: AnswersResult | null;
  error?: string | null;
  passMark?: number;
}) {
  const { t } = useTranslation();
  const { questions, answers, result } = props;
  const fraction = new Map(result?.questions.map((q) => [q.question_id, q.fraction]));
  const mine = questions.map((q) => fraction.get(q.id)).filter((f) => f !== undefined);
  const right = mine.filter((f) => f === 1).length;
  const answered = questions.every((q) => answers[q.id] !== undefined);
  return (
    <section className="flex flex-col gap-6" aria-label={t("quiz.heading")}>
      <ol className="flex flex-col gap-6">
        {questions.map((question, index) => {
          const f = fraction.get(question.id);
          const mark = f === undefined ? null : f === 1 ? "right" : "wrong";
          return (
            <li key={question.id} className="flex flex-col gap-3">
              <h3 className="font-bold text-xl">
                <span className="text-muted">{index + 1}. </span>
                {question.text}
              </h3>
              {question.image_url ? (
                <img src={question.image_url} alt="" className="max-h-64 w-auto rounded-xl" />
              ) : null}
              <QuestionInput
                question={question}
                value={answers[question.id]}
                onChange={(answer) => props.onAnswer(question.id, answer)}
                mark={mark}
              />
              {mark ? (
                <p
                  className={cx(
                    "font-bold text-lg",
                    mark === "right" ? "text-emerald-800" : "text-red-800",
                  )}
                >
                  {mark === "right" ? t("quiz.right") : t("quiz.wrong")}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      {result && mine.length > 0 ? (
        <Alert tone={result.passed ? "success" : "info"}>
          <span aria-live="polite">
            {t("quiz.score", { right, total: questions.length })}{" "}
            {result.passed ? t("quiz.passed") : t("quiz.tryAgain", { mark: props.passMark ?? 0 })}
          </span>
        </Alert>
      ) : null}
      {props.error ? <Alert tone="error">{props.error}</Alert> : null}
      <Button
        size="lg"
        onClick={props.onCheck}
        loading={props.checking}
        disabled={!answered}
        className="self-start"
      >
        {result ? t("quiz.checkAgain") : t("quiz.check")}
      </Button>
    </section>
  );
}
