import { useTranslation } from "@alif/i18n";
import { Alert, Card, cx } from "@alif/ui";
import type { Attempt } from "../lib/queries.ts";

type Item = NonNullable<Attempt["review"]>[number];

function correctAnswer(
  question: Attempt["questions"][number],
  item: Item,
  t: (k: string) => string,
) {
  switch (question.type) {
    case "single":
    case "multiple":
      return question.options
        .filter((o) => item.correct_option_ids.includes(o.id))
        .map((o) => o.text)
        .join(", ");
    case "true_false":
      return item.truth === null ? "" : item.truth ? t("take.true") : t("take.false");
    case "short_answer":
      return item.accepted_answers.join(" / ");
    default:
      return item.numeric_answer === null
        ? ""
        : item.tolerance
          ? `${item.numeric_answer} ± ${item.tolerance}`
          : String(item.numeric_answer);
  }
}

function givenAnswer(
  attempt: Attempt,
  question: Attempt["questions"][number],
  t: (k: string) => string,
) {
  const answer = attempt.answers.find((a) => a.question_id === question.id);
  if (!answer) return "";
  if (answer.choice) {
    return question.options
      .filter((o) => answer.choice?.includes(o.id))
      .map((o) => o.text)
      .join(", ");
  }
  if (answer.truth !== null) return answer.truth ? t("take.true") : t("take.false");
  return answer.text ?? "";
}

/** A finished attempt: the score and each question's review, as far as the test shows them. */
export function AttemptResult(props: { attempt: Attempt }) {
  const { t } = useTranslation();
  const { attempt } = props;
  return (
    <div className="flex flex-col gap-4">
      {attempt.closed_by_server ? <Alert tone="info">{t("result.closedByServer")}</Alert> : null}
      {attempt.percent === null ? (
        <Card className="text-center">
          <p className="text-5xl" aria-hidden="true">
            📬
          </p>
          <p className="font-bold text-xl">{t("result.submitted")}</p>
          <p className="text-muted">{t("result.later")}</p>
        </Card>
      ) : (
        <Card className="text-center">
          <p className="text-5xl" aria-hidden="true">
            {attempt.passed ? "🏆" : "📘"}
          </p>
          <p className="font-black text-5xl" data-testid="percent">
            {Math.round(attempt.percent)}%
          </p>
          <p className="text-lg">
            {t("result.score", { score: attempt.score ?? 0, max: attempt.max_score ?? 0 })}
          </p>
          {attempt.passed !== null ? (
            <p
              className={cx(
                "font-bold text-xl",
                attempt.passed ? "text-brand-700" : "text-amber-800",
              )}
            >
              {attempt.passed ? t("result.passed") : t("result.notPassed")}
            </p>
          ) : null}
        </Card>
      )}
      {attempt.review ? (
        <ol className="flex flex-col gap-3">
          {attempt.questions.map((question, i) => {
            const item = attempt.review?.find((r) => r.question_id === question.id);
            if (!item) return null;
            return (
              <li key={question.id}>
                <Card
                  className={cx(
                    "flex flex-col gap-1 ring-2",
                    item.correct ? "ring-brand-300" : "ring-red-200",
                  )}
                >
                  <p className="font-bold">
                    {i + 1}. {question.text}
                  </p>
                  <p>
                    {t("result.yourAnswer")}: {givenAnswer(attempt, question, t) || "—"}{" "}
                    {item.correct ? "✓" : "✗"}
                  </p>
                  {!item.correct && correctAnswer(question, item, t) ? (
                    <p className="font-semibold text-brand-800">
                      {t("result.correctAnswer")}: {correctAnswer(question, item, t)}
                    </p>
                  ) : null}
                  {item.explanation ? <p className="text-muted">{item.explanation}</p> : null}
                  <p className="text-muted text-sm">
                    {t("result.earned", { earned: item.earned, points: item.points })}
                  </p>
                </Card>
              </li>
            );
          })}
        </ol>
      ) : null}
    </div>
  );
}
