import { ApiError, call } from "@alif/api";
import { AnswerSaver, type SaveState } from "@alif/app/autosave";
import { isAnswered, QuestionInput, type Response } from "@alif/app/question-input";
import { formatClock, useSecondsLeft, warningSeconds } from "@alif/app/timer";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, cx, Dialog, EmptyState, linkClass, Page, QueryState } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { AppealForm } from "../components/Appeals.tsx";
import { attemptServerTime, isOver, storedAnswers } from "../lib/paper.ts";
import { type Attempt, attemptQuery, keys, type Timed } from "../lib/queries.ts";

/** Typing is saved after a short pause, not at every letter. */
const TYPING_PAUSE_MS = 700;

function Clock(props: {
  attempt: Attempt;
  receivedAt: number;
  limitSeconds: number;
  onTimeUp(): void;
}) {
  const { t } = useTranslation();
  const { attempt, onTimeUp } = props;
  const left = useSecondsLeft(attempt.deadline, attemptServerTime(attempt), props.receivedAt) ?? 0;
  const warn = left <= warningSeconds(props.limitSeconds);
  useEffect(() => {
    if (left === 0) onTimeUp();
  }, [left, onTimeUp]);
  return (
    <div className="flex flex-col items-end">
      <p
        role="timer"
        className={cx(
          "rounded-xl px-3 py-1 font-black text-2xl tabular-nums",
          warn ? "bg-red-100 text-red-800" : "bg-slate-100",
        )}
        aria-label={t("paper.timeLeft", { time: formatClock(left) })}
        data-testid="clock"
      >
        ⏱ {formatClock(left)}
      </p>
      {warn && left > 0 ? (
        <p role="alert" className="font-bold text-red-800 text-sm">
          {t("paper.hurry")}
        </p>
      ) : null}
    </div>
  );
}

function SavedState(props: { state: SaveState | undefined; error: unknown }) {
  const { t } = useTranslation();
  const { state } = props;
  const text = state
    ? {
        saving: t("paper.saving"),
        saved: `✓ ${t("paper.saved")}`,
        retrying: `⚠ ${t("paper.retrying")}`,
        failed: `${t("paper.notSaved")} ${errorMessage(t, props.error)}`,
      }[state]
    : "";
  return (
    <p
      role="status"
      data-testid="save-state"
      data-state={state ?? "empty"}
      className={cx(
        "min-h-6 font-semibold",
        state === "saved" && "text-brand-700",
        state === "retrying" && "text-amber-800",
        state === "failed" && "text-red-700",
        state === "saving" && "text-muted",
      )}
    >
      {text}
    </p>
  );
}

/** Leaving the page and coming back online are recorded for the organizers, never acted on. */
function useIntegritySignals(attemptId: string, saver: AnswerSaver<Response>) {
  const { api } = useAuth();
  useEffect(() => {
    const signal = (kind: "tab_hidden" | "reconnected") =>
      void api.olimp
        .POST("/api/olimp/attempts/{attempt_id}/signals", {
          params: { path: { attempt_id: attemptId } },
          body: { kind },
        })
        .catch(() => undefined);
    const hidden = () => {
      if (document.visibilityState === "hidden") signal("tab_hidden");
    };
    const online = () => {
      saver.retryAll();
      signal("reconnected");
    };
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("online", online);
    return () => {
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("online", online);
    };
  }, [api, attemptId, saver]);
}

function Taking(props: { timed: Timed<Attempt> }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { data: attempt, receivedAt } = props.timed;
  const [, render] = useReducer((n: number) => n + 1, 0);
  const [values, setValues] = useState(() => storedAnswers(attempt));
  const [index, setIndex] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const typing = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const key = keys.attempt(attempt.round_id);
  const reread = useCallback(() => client.invalidateQueries({ queryKey: key }), [client, key]);

  const [saver] = useState(
    () =>
      new AnswerSaver<Response>(
        async (questionId, { revision: _, ...answer }) => {
          try {
            await call(
              api.olimp.PUT("/api/olimp/attempts/{attempt_id}/answers/{question_id}", {
                params: { path: { attempt_id: attempt.id, question_id: questionId } },
                body: answer,
              }),
            );
          } catch (error) {
            // The deadline passed on the server: show the handed-in paper.
            if (error instanceof ApiError && error.code === "attempt_closed") void reread();
            throw error;
          }
        },
        render,
        Object.keys(attempt.answers).map((question_id) => ({ question_id, revision: 0 })),
      ),
  );
  useEffect(() => () => saver.dispose(), [saver]);
  useIntegritySignals(attempt.id, saver);

  const saveTyped = () => {
    for (const [questionId, timer] of typing.current) {
      clearTimeout(timer);
      const value = values.get(questionId);
      if (value) saver.save(questionId, value);
    }
    typing.current.clear();
  };
  const answer = (questionId: string, type: string, value: Response) => {
    setValues((current) => new Map(current).set(questionId, value));
    if (type === "short_answer" || type === "numeric") {
      const waiting = typing.current.get(questionId);
      if (waiting) clearTimeout(waiting);
      typing.current.set(
        questionId,
        setTimeout(() => {
          typing.current.delete(questionId);
          saver.save(questionId, value);
        }, TYPING_PAUSE_MS),
      );
    } else {
      saver.save(questionId, value);
    }
  };

  const submit = useMutation({
    mutationFn: async () => {
      saveTyped();
      await saver.settled();
      return call(
        api.olimp.POST("/api/olimp/attempts/{attempt_id}/submit", {
          params: { path: { attempt_id: attempt.id } },
        }),
      );
    },
    onSuccess: (handedIn) => client.setQueryData(key, { data: handedIn, receivedAt: Date.now() }),
    onError: (error) => {
      if (error instanceof ApiError && error.code === "attempt_closed") void reread();
    },
  });
  const timeUp = useCallback(() => void reread(), [reread]);

  const questions = attempt.questions;
  const question = questions[index];
  if (!question) return <EmptyState icon="📄" title={t("paper.empty")} />;
  const unanswered = questions.filter((q) => !isAnswered(values.get(q.id))).length;
  const waiting = [...saver.states.values()].some((s) => s === "retrying");
  const go = (next: number) => {
    saveTyped();
    setIndex(next);
  };
  return (
    <Page
      title={t("paper.heading")}
      actions={
        <Clock
          attempt={attempt}
          receivedAt={receivedAt}
          limitSeconds={(Date.parse(attempt.deadline) - Date.parse(attempt.started_at)) / 1000}
          onTimeUp={timeUp}
        />
      }
    >
      {waiting ? (
        <Alert tone="warning" title={t("paper.offlineTitle")}>
          {t("paper.offline")}
        </Alert>
      ) : null}
      <nav aria-label={t("paper.questions")}>
        <ol className="flex flex-wrap gap-2">
          {questions.map((q, i) => {
            const state = saver.states.get(q.id);
            return (
              <li key={q.id}>
                <button
                  type="button"
                  onClick={() => go(i)}
                  aria-current={i === index ? "step" : undefined}
                  aria-label={t(
                    isAnswered(values.get(q.id)) ? "paper.questionAnswered" : "paper.questionN",
                    {
                      n: i + 1,
                    },
                  )}
                  data-answered={isAnswered(values.get(q.id))}
                  className={cx(
                    "relative grid size-12 place-items-center rounded-xl font-bold text-lg ring-2",
                    i === index ? "ring-brand-800" : "ring-transparent",
                    isAnswered(values.get(q.id)) ? "bg-brand-600 text-white" : "bg-slate-100",
                  )}
                >
                  {i + 1}
                  {state === "retrying" || state === "failed" ? (
                    <span aria-hidden="true" className="absolute -top-1 -right-1 text-sm">
                      ⚠
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <Card className="flex flex-col gap-4">
        <p className="font-bold text-muted">
          {t("paper.progress", { n: index + 1, total: questions.length })} ·{" "}
          {t("paper.points", { count: question.points })}
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
          onChange={(value) => answer(question.id, question.type, value)}
          disabled={submit.isPending}
        />
        <SavedState state={saver.states.get(question.id)} error={saver.errors.get(question.id)} />
      </Card>
      <div className="grid grid-cols-2 gap-3">
        <Button size="xl" variant="secondary" disabled={index === 0} onClick={() => go(index - 1)}>
          ← {t("paper.previous")}
        </Button>
        {index < questions.length - 1 ? (
          <Button size="xl" onClick={() => go(index + 1)}>
            {t("paper.next")} →
          </Button>
        ) : (
          <Button size="xl" variant="sun" onClick={() => setConfirming(true)}>
            {t("paper.finish")}
          </Button>
        )}
      </div>
      {index < questions.length - 1 ? (
        <Button variant="ghost" onClick={() => setConfirming(true)}>
          {t("paper.finish")}
        </Button>
      ) : null}
      {submit.error ? <Alert tone="error">{errorMessage(t, submit.error)}</Alert> : null}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("paper.confirmTitle")}
        actions={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t("paper.keepGoing")}
            </Button>
            <Button
              loading={submit.isPending}
              onClick={() => submit.mutate(undefined, { onSettled: () => setConfirming(false) })}
            >
              {t("paper.submit")}
            </Button>
          </>
        }
      >
        <p className="text-lg">
          {unanswered > 0 ? t("paper.unanswered", { count: unanswered }) : t("paper.allAnswered")}
        </p>
        {saver.unsaved > 0 ? <p className="text-muted">{t("paper.waitingForSaves")}</p> : null}
      </Dialog>
    </Page>
  );
}

function HandedIn(props: { attempt: Attempt; olympiadId: string }) {
  const { t } = useTranslation();
  const { attempt } = props;
  return (
    <Page title={t("paper.done")} narrow>
      <Card className="flex flex-col items-center gap-3 text-center">
        <p aria-hidden="true" className="text-6xl">
          🎉
        </p>
        <p className="text-lg">
          {attempt.submitted_at ? t("paper.handedIn") : t("paper.timeIsUp")}{" "}
          {t("paper.answeredOf", {
            n: Object.keys(attempt.answers).length,
            total: attempt.questions.length,
          })}
        </p>
        <Link
          to={`/olympiads/${props.olympiadId}/rounds/${attempt.round_id}/board`}
          className={linkClass()}
        >
          🏅 {t("round.board")}
        </Link>
        <Link to={`/olympiads/${props.olympiadId}`} className={linkClass()}>
          ← {t("paper.back")}
        </Link>
      </Card>
      <AppealForm attempt={attempt} />
    </Page>
  );
}

/** The participant's paper: started here, or resumed with the answers and time the server kept. */
export default function Paper() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { olympiadId = "", roundId = "" } = useParams();
  const attempt = useQuery(attemptQuery(api, olympiadId, roundId));
  if (attempt.error instanceof ApiError) {
    return (
      <Page title={t("paper.heading")} narrow>
        <Alert tone="warning">{errorMessage(t, attempt.error)}</Alert>
        <Link to={`/olympiads/${olympiadId}`} className={linkClass()}>
          ← {t("paper.back")}
        </Link>
      </Page>
    );
  }
  return (
    <QueryState query={attempt}>
      {(timed) =>
        isOver(timed.data) ? (
          <HandedIn attempt={timed.data} olympiadId={olympiadId} />
        ) : (
          <Taking timed={timed} />
        )
      }
    </QueryState>
  );
}
