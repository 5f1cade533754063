import { ApiError, call } from "@alif/api";
import { AnswerSaver, type SaveState } from "@alif/app/autosave";
import { isAnswered, QuestionInput, type Response } from "@alif/app/question-input";
import { formatClock, useSecondsLeft, warningSeconds } from "@alif/app/timer";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, cx, Dialog, Page, QueryState } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { AttemptResult } from "../../components/AttemptResult.tsx";
import { type Attempt, attemptQuery, keys } from "../../lib/queries.ts";

/** Typing is saved after a short pause, not at every letter. */
const TYPING_PAUSE_MS = 700;

function fromStored(attempt: Attempt): Map<string, Response> {
  return new Map(
    attempt.answers.map((a) => [
      a.question_id,
      a.choice !== null
        ? { choice: a.choice }
        : a.truth !== null
          ? { truth: a.truth }
          : { text: a.text },
    ]),
  );
}

function Clock(props: { attempt: Attempt; receivedAt: number; onTimeUp(): void }) {
  const { t } = useTranslation();
  const { attempt, onTimeUp } = props;
  const left = useSecondsLeft(attempt.deadline_at, attempt.server_time, props.receivedAt);
  const limit = (attempt.time_limit_minutes ?? 0) * 60 * attempt.time_factor;
  const warn = left !== null && left <= warningSeconds(limit);
  useEffect(() => {
    if (left === 0) onTimeUp();
  }, [left, onTimeUp]);
  if (left === null) return null;
  return (
    <div className="flex flex-col items-end">
      <p
        role="timer"
        className={cx(
          "rounded-xl px-3 py-1 font-black text-2xl tabular-nums",
          warn ? "bg-red-100 text-red-800" : "bg-slate-100",
        )}
        aria-label={t("take.timeLeft", { time: formatClock(left) })}
        data-testid="clock"
      >
        ⏱ {formatClock(left)}
      </p>
      {warn && left > 0 ? (
        <p role="alert" className="font-bold text-red-800 text-sm">
          {t("take.hurry")}
        </p>
      ) : null}
    </div>
  );
}

function SavedState(props: { state: SaveState | undefined; error: unknown }) {
  const { t } = useTranslation();
  const { state } = props;
  if (!state) return <p className="min-h-6 text-muted text-sm" />;
  const text = {
    saving: t("take.saving"),
    saved: t("take.saved"),
    retrying: t("take.retrying"),
    failed: `${t("take.notSaved")} ${errorMessage(t, props.error)}`,
  }[state];
  return (
    <p
      role="status"
      data-testid="save-state"
      className={cx(
        "min-h-6 font-semibold text-sm",
        state === "saved" && "text-brand-700",
        state === "retrying" && "text-amber-800",
        state === "failed" && "text-red-700",
        state === "saving" && "text-muted",
      )}
    >
      {`${state === "saved" ? "✓ " : state === "retrying" ? "⚠ " : ""}${text}`}
    </p>
  );
}

function Taking(props: { attempt: Attempt; receivedAt: number }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { attempt } = props;
  const [, render] = useReducer((n: number) => n + 1, 0);
  const [values, setValues] = useState(() => fromStored(attempt));
  const [index, setIndex] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const typing = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const refetch = useCallback(
    () => client.invalidateQueries({ queryKey: keys.attempt(attempt.id) }),
    [client, attempt.id],
  );
  const [saver] = useState(
    () =>
      new AnswerSaver<Response>(
        async (questionId, answer) => {
          try {
            await call(
              api.testai.PUT("/api/testai/attempts/{attempt_id}/answers/{question_id}", {
                params: { path: { attempt_id: attempt.id, question_id: questionId } },
                body: answer,
              }),
            );
          } catch (error) {
            // The server closed the attempt at its deadline: show what it graded.
            if (error instanceof ApiError && error.code === "attempt_closed") void refetch();
            throw error;
          }
        },
        render,
        attempt.answers,
      ),
  );
  useEffect(() => {
    const online = () => saver.retryAll();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      saver.dispose();
    };
  }, [saver]);

  const flushTyping = useCallback(() => {
    for (const timer of typing.current.values()) clearTimeout(timer);
    typing.current.clear();
  }, []);

  const answer = (question: Attempt["questions"][number], value: Response) => {
    setValues((current) => new Map(current).set(question.id, value));
    if (question.type === "short_answer" || question.type === "numeric") {
      const waiting = typing.current.get(question.id);
      if (waiting) clearTimeout(waiting);
      typing.current.set(
        question.id,
        setTimeout(() => {
          typing.current.delete(question.id);
          saver.save(question.id, value);
        }, TYPING_PAUSE_MS),
      );
    } else {
      saver.save(question.id, value);
    }
  };

  /** Typed answers still waiting for the pause are saved now (before moving on or submitting). */
  const saveTyped = () => {
    for (const questionId of typing.current.keys()) {
      const value = values.get(questionId);
      if (value) saver.save(questionId, value);
    }
    flushTyping();
  };

  const submit = useMutation({
    mutationFn: async () => {
      saveTyped();
      await saver.settled();
      return call(
        api.testai.POST("/api/testai/attempts/{attempt_id}/submit", {
          params: { path: { attempt_id: attempt.id } },
        }),
      );
    },
    onSuccess: (finished) => {
      client.setQueryData(keys.attempt(attempt.id), { attempt: finished, receivedAt: Date.now() });
      void client.invalidateQueries({ queryKey: keys.myTests });
      void client.invalidateQueries({ queryKey: keys.myResults });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === "attempt_closed") void refetch();
    },
  });
  const timeUp = useCallback(() => {
    if (!submit.isPending && !submit.isSuccess) submit.mutate();
  }, [submit]);

  const questions = attempt.questions;
  const question = questions[index];
  if (!question) return null;
  const unanswered = questions.filter((q) => !isAnswered(values.get(q.id))).length;
  const go = (next: number) => {
    saveTyped();
    setIndex(next);
  };

  return (
    <Page
      title={attempt.test_title}
      actions={<Clock attempt={attempt} receivedAt={props.receivedAt} onTimeUp={timeUp} />}
    >
      <nav aria-label={t("take.questions")}>
        <ol className="flex flex-wrap gap-2">
          {questions.map((q, i) => (
            <li key={q.id}>
              <button
                type="button"
                onClick={() => go(i)}
                aria-current={i === index ? "step" : undefined}
                aria-label={t("take.questionN", { n: i + 1 })}
                className={cx(
                  "grid size-11 place-items-center rounded-xl font-bold ring-2",
                  i === index ? "ring-brand-700" : "ring-transparent",
                  isAnswered(values.get(q.id)) ? "bg-brand-600 text-white" : "bg-slate-100",
                )}
              >
                {i + 1}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <Card className="flex flex-col gap-4">
        <p className="font-bold text-muted">
          {t("take.progress", { n: index + 1, total: questions.length })} ·{" "}
          {t("take.points", { count: question.points })}
        </p>
        <h2 className="whitespace-pre-line font-bold text-2xl" lang={question.language}>
          {question.text}
        </h2>
        {question.image_url ? (
          <img src={question.image_url} alt="" className="max-h-72 rounded-xl object-contain" />
        ) : null}
        <QuestionInput
          key={question.id}
          question={question}
          value={values.get(question.id)}
          onChange={(value) => answer(question, value)}
          disabled={submit.isPending}
        />
        <SavedState state={saver.states.get(question.id)} error={saver.errors.get(question.id)} />
      </Card>
      <div className="grid grid-cols-2 gap-3">
        <Button size="xl" variant="secondary" disabled={index === 0} onClick={() => go(index - 1)}>
          ← {t("take.previous")}
        </Button>
        {index < questions.length - 1 ? (
          <Button size="xl" onClick={() => go(index + 1)}>
            {t("take.next")} →
          </Button>
        ) : (
          <Button size="xl" variant="sun" onClick={() => setConfirming(true)}>
            {t("take.finish")}
          </Button>
        )}
      </div>
      {index < questions.length - 1 ? (
        <Button variant="ghost" onClick={() => setConfirming(true)}>
          {t("take.finish")}
        </Button>
      ) : null}
      {submit.error ? <Alert tone="error">{errorMessage(t, submit.error)}</Alert> : null}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("take.confirmTitle")}
        actions={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t("take.keepGoing")}
            </Button>
            <Button
              loading={submit.isPending}
              onClick={() => submit.mutate(undefined, { onSettled: () => setConfirming(false) })}
            >
              {t("take.submit")}
            </Button>
          </>
        }
      >
        <p className="text-lg">
          {unanswered > 0 ? t("take.unanswered", { count: unanswered }) : t("take.allAnswered")}
        </p>
        {saver.unsaved > 0 ? <p className="text-muted">{t("take.waitingForSaves")}</p> : null}
      </Dialog>
    </Page>
  );
}

export default function Take() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { attemptId = "" } = useParams();
  const attempt = useQuery(attemptQuery(api, attemptId));
  return (
    <QueryState query={attempt}>
      {({ attempt: current, receivedAt }) =>
        current.status === "finished" ? (
          <Page
            title={current.test_title}
            back={
              <Link to="/" className="font-bold text-brand-700">
                ← {t("student.heading")}
              </Link>
            }
          >
            <AttemptResult attempt={current} />
          </Page>
        ) : (
          <Taking attempt={current} receivedAt={receivedAt} />
        )
      }
    </QueryState>
  );
}
