import { isAnswered, QuestionInput, type Response } from "@alif/app/question-input";
import { useTranslation } from "@alif/i18n";
import { Alert, Button, cx } from "@alif/ui";
import type { AnswersResult, StudentQuestion } from "../../lib/queries.ts";

/** One answer, as the API takes it: `choice` (option ids), `truth` or `text`. */
export type Answer = Response;
export type Answers = Record<string, Answer>;

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
  const answered = questions.every((q) => isAnswered(answers[q.id]));
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
