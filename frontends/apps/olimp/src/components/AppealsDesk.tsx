import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  Card,
  CardTitle,
  cx,
  Dialog,
  Field,
  Input,
  QueryState,
  Textarea,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  type Appeal,
  type AppealAccept,
  appealsQuery,
  attemptsQuery,
  deskKeys,
  keys,
  type Olympiad,
  type Question,
  questionsQuery,
  type Round,
  resultKeys,
} from "../lib/queries.ts";

type Decision = "accept" | "reject";

/** The corrected key as the organizer sets it, starting from the key the question has now. */
type Correction = { correct: string[]; truth: boolean; accepted: string; value: string };

function startingCorrection(question: Question): Correction {
  const key = question.answer_key ?? {};
  return {
    correct: Array.isArray(key.correct) ? (key.correct as string[]) : [],
    truth: typeof key.truth === "boolean" ? key.truth : true,
    accepted: Array.isArray(key.accepted) ? (key.accepted as string[]).join("; ") : "",
    value: typeof key.value === "number" ? String(key.value) : "",
  };
}

/** The body of an accept: the corrected key in the question's own terms (decision 53). */
function acceptBody(question: Question, fix: Correction, reply: string): AppealAccept {
  switch (question.type) {
    case "single":
    case "multiple":
      return { reply, correct: fix.correct };
    case "true_false":
      return { reply, truth: fix.truth };
    case "short_answer":
      return {
        reply,
        accepted: fix.accepted
          .split(";")
          .map((a) => a.trim())
          .filter(Boolean),
      };
    default:
      return { reply, value: Number(fix.value.replace(",", ".")) };
  }
}

/** The corrected key's control for each question type. */
function KeyEditor(props: {
  question: Question;
  fix: Correction;
  onChange(fix: Correction): void;
}) {
  const { t } = useTranslation();
  const { question, fix, onChange } = props;
  if (question.type === "single" || question.type === "multiple") {
    const single = question.type === "single";
    return (
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-bold">{t("desk.correctKey")}</legend>
        {question.options.map((o) => (
          <label key={o.id} className="flex min-h-11 items-center gap-3">
            <input
              type={single ? "radio" : "checkbox"}
              name={`key-${question.id}`}
              className="size-6 accent-brand-600"
              checked={fix.correct.includes(o.id)}
              onChange={() =>
                onChange({
                  ...fix,
                  correct: single
                    ? [o.id]
                    : fix.correct.includes(o.id)
                      ? fix.correct.filter((id) => id !== o.id)
                      : [...fix.correct, o.id],
                })
              }
            />
            {o.text}
          </label>
        ))}
      </fieldset>
    );
  }
  if (question.type === "true_false") {
    return (
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-bold">{t("desk.correctKey")}</legend>
        {[true, false].map((truth) => (
          <label key={String(truth)} className="flex min-h-11 items-center gap-3">
            <input
              type="radio"
              name={`key-${question.id}`}
              className="size-6 accent-brand-600"
              checked={fix.truth === truth}
              onChange={() => onChange({ ...fix, truth })}
            />
            {truth ? t("common:answer.true") : t("common:answer.false")}
          </label>
        ))}
      </fieldset>
    );
  }
  if (question.type === "short_answer") {
    return (
      <Field label={t("desk.correctKey")} hint={t("desk.acceptedHint")}>
        <Input
          value={fix.accepted}
          onChange={(e) => onChange({ ...fix, accepted: e.target.value })}
        />
      </Field>
    );
  }
  return (
    <Field label={t("desk.correctKey")}>
      <Input
        inputMode="decimal"
        value={fix.value}
        onChange={(e) => onChange({ ...fix, value: e.target.value })}
      />
    </Field>
  );
}

function AppealItem(props: {
  olympiad: Olympiad;
  round: Round;
  appeal: Appeal;
  question: Question | undefined;
  number: number;
  name: string;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { olympiad, round, appeal, question } = props;
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [reply, setReply] = useState("");
  const [fix, setFix] = useState<Correction | null>(null);
  const path = {
    olympiad_id: olympiad.id,
    round_id: round.id,
    appeal_id: appeal.id,
  };
  const decide = useMutation({
    mutationFn: (decision: Decision) =>
      decision === "accept" && question && fix
        ? call(
            api.olimp.POST(
              "/api/olimp/olympiads/{olympiad_id}/rounds/{round_id}/appeals/{appeal_id}/accept",
              { params: { path }, body: acceptBody(question, fix, reply.trim()) },
            ),
          )
        : call(
            api.olimp.POST(
              "/api/olimp/olympiads/{olympiad_id}/rounds/{round_id}/appeals/{appeal_id}/reject",
              { params: { path }, body: { reply: reply.trim() } },
            ),
          ),
    onSuccess: () => {
      setDeciding(null);
      // An accepted appeal re-grades everyone: the key, the attempts and the ranking change.
      for (const key of [
        resultKeys.appeals(round.id),
        keys.questions(round.id),
        keys.attempts(round.id),
        deskKeys.results(round.id),
      ])
        void client.invalidateQueries({ queryKey: key });
    },
  });
  const open = (decision: Decision) => {
    decide.reset();
    setReply("");
    if (question) setFix(startingCorrection(question));
    setDeciding(decision);
  };
  return (
    <li className="flex flex-col gap-2 py-3">
      <p className="font-bold">
        {props.name} · {t("paper.questionN", { n: props.number })} ·{" "}
        <span
          className={cx(
            appeal.status === "open" && "text-amber-800",
            appeal.status === "accepted" && "text-emerald-800",
            appeal.status === "rejected" && "text-red-800",
          )}
        >
          {t(`appeal.states.${appeal.status}`)}
        </span>
      </p>
      {question ? <p className="text-muted">{question.text}</p> : null}
      <p className="whitespace-pre-line">“{appeal.text}”</p>
      <p className="text-muted text-sm">{formatDate(appeal.created_at, i18n.language, true)}</p>
      {appeal.reply ? <p className="text-brand-800">↪ {appeal.reply}</p> : null}
      {appeal.status === "open" && olympiad.state !== "results_published" ? (
        <div className="flex flex-wrap gap-3">
          <Button onClick={() => open("accept")} disabled={!question}>
            ✓ {t("desk.accept")}
          </Button>
          <Button variant="secondary" onClick={() => open("reject")}>
            {t("desk.reject")}
          </Button>
        </div>
      ) : null}
      <Dialog
        open={deciding !== null}
        onClose={() => setDeciding(null)}
        title={deciding === "accept" ? t("desk.acceptTitle") : t("desk.rejectTitle")}
        actions={
          <>
            <Button variant="secondary" onClick={() => setDeciding(null)}>
              {t("common:actions.cancel")}
            </Button>
            <Button
              variant={deciding === "accept" ? "primary" : "danger"}
              loading={decide.isPending}
              disabled={!reply.trim()}
              onClick={() => deciding && decide.mutate(deciding)}
            >
              {deciding === "accept" ? t("desk.accept") : t("desk.reject")}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-3">
          {question ? <p className="font-semibold">{question.text}</p> : null}
          {deciding === "accept" && question && fix ? (
            <>
              <p>{t("desk.acceptHint")}</p>
              <KeyEditor question={question} fix={fix} onChange={setFix} />
            </>
          ) : null}
          <Field label={t("desk.reply")} hint={t("desk.replyHint")}>
            <Textarea
              rows={3}
              maxLength={2000}
              required
              value={reply}
              onChange={(e) => setReply(e.target.value)}
            />
          </Field>
          {decide.error ? <Alert tone="error">{errorMessage(t, decide.error)}</Alert> : null}
        </div>
      </Dialog>
    </li>
  );
}

/**
 * The round's appeals for its organizer: each with the participant, the question and why;
 * accept with the corrected key (the question is re-graded for everyone, the round re-ranked) or
 * reject with a reply the participant reads.
 */
export function AppealsDesk(props: { olympiad: Olympiad; round: Round }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { olympiad, round } = props;
  const appeals = useQuery({
    ...appealsQuery(api, olympiad.id, round.id),
    refetchInterval: olympiad.state === "results_published" ? false : 15_000,
  });
  const questions = useQuery(questionsQuery(api, olympiad.id, round.id));
  const attempts = useQuery(attemptsQuery(api, olympiad.id, round.id));
  const names = new Map((attempts.data ?? []).map((a) => [a.student_id, a.name]));
  const order = new Map((questions.data ?? []).map((q, i) => [q.id, i + 1]));
  return (
    <Card className="flex flex-col gap-2" data-testid="appeals-desk">
      <CardTitle>{t("desk.appeals")}</CardTitle>
      <QueryState query={appeals}>
        {(list) =>
          list.length === 0 ? (
            <p className="text-muted">{t("desk.noAppeals")}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-slate-100">
              {list.map((a) => (
                <AppealItem
                  key={a.id}
                  olympiad={olympiad}
                  round={round}
                  appeal={a}
                  question={questions.data?.find((q) => q.id === a.question_id)}
                  number={order.get(a.question_id) ?? 0}
                  name={names.get(a.student_id) ?? ""}
                />
              ))}
            </ul>
          )
        }
      </QueryState>
    </Card>
  );
}
