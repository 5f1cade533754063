import { ApiError, call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, Coins, Loading, linkClass, QueryState } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, Navigate, useParams, useSearchParams } from "react-router";
import { Exercise } from "../components/exercises/Exercise.tsx";
import { Today } from "../components/Today.tsx";
import { type Saying, useSay } from "../lib/audio.ts";
import { chime } from "../lib/chime.ts";
import {
  type Alphabet,
  type AnswerResult,
  alphabetQuery,
  type Exercise as ExerciseData,
  type ExerciseKind,
  isAlphabet,
  keys,
  rulesQuery,
  type TraceRules,
} from "../lib/queries.ts";
import type { Stroke } from "../lib/tracing.ts";

const KINDS: ExerciseKind[] = [
  "hear_and_tap",
  "find_in_word",
  "match_case",
  "build_word",
  "minimal_pair",
  "script_bridge",
  "trace",
];

function Feedback(props: { result: AnswerResult; onNext(): void; loading: boolean }) {
  const { t } = useTranslation();
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => next.current?.focus(), []);
  const { result } = props;
  return (
    <div className="flex flex-col items-center gap-4">
      <p
        role="status"
        className={`flex items-center gap-3 rounded-3xl px-6 py-4 font-black text-3xl motion-safe:animate-pop ${
          result.correct ? "bg-emerald-100 text-emerald-900" : "bg-sky-100 text-sky-900"
        }`}
      >
        <span aria-hidden="true" className="text-5xl">
          {result.correct ? "⭐" : "🤗"}
        </span>
        {result.correct ? t("right") : t("rightIs", { answer: result.answer.join("") })}
      </p>
      {result.milestones.map((reached) => (
        <Card
          key={`${reached.milestone}-${reached.alphabet}`}
          className="flex items-center gap-4 bg-sun-100 motion-safe:animate-pop"
        >
          <span aria-hidden="true" className="text-5xl">
            🎉
          </span>
          <span className="flex flex-col">
            <span className="font-extrabold text-xl">{t(`milestone.${reached.milestone}`)}</span>
            {reached.coins > 0 ? (
              <Coins amount={reached.coins} signed className="text-2xl" />
            ) : null}
          </span>
        </Card>
      ))}
      <button
        ref={next}
        type="button"
        onClick={props.onNext}
        disabled={props.loading}
        className="min-h-20 rounded-3xl bg-brand-600 px-10 font-black text-3xl text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        {t("next")} <span aria-hidden="true">▶</span>
      </button>
    </div>
  );
}

function Session(props: { alphabet: Alphabet; rules: TraceRules }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const sayAloud = useSay();
  const { alphabet } = props;
  const code = alphabet.code;
  const [search] = useSearchParams();
  const chosenLetter = Number(search.get("letter")) || null;
  const askedKind = search.get("kind");
  const kind = KINDS.includes(askedKind as ExerciseKind) ? (askedKind as ExerciseKind) : null;
  const [exercise, setExercise] = useState<ExerciseData | null>(null);
  const [result, setResult] = useState<AnswerResult | null>(null);
  const [stars, setStars] = useState(0);

  const give = useMutation({
    mutationFn: async () => {
      const number =
        chosenLetter ??
        (
          await call(
            api.harf.GET("/api/harf/alphabets/{code}/next", { params: { path: { code } } }),
          )
        ).letter;
      return call(
        api.harf.POST("/api/harf/alphabets/{code}/letters/{number}/exercises", {
          params: { path: { code, number }, query: kind ? { kind } : {} },
        }),
      );
    },
    onSuccess: (made) => {
      setExercise(made);
      setResult(null);
    },
  });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    give.mutate();
  }, [give]);

  const say = useCallback(
    (word?: number | null, as?: Saying) => {
      if (exercise) void sayAloud({ alphabet, number: exercise.letter, word, as });
    },
    [alphabet, exercise, sayAloud],
  );

  const answered = (found: AnswerResult) => {
    setResult(found);
    if (found.correct) setStars((count) => count + 1);
    chime(found.correct ? "right" : "wrong");
    // The right answer, spoken: the word for a built word, the sound after hearing it, else the
    // letter's name.
    say(
      exercise?.kind === "build_word" ? exercise.word : null,
      exercise?.kind === "hear_and_tap" ? "sound" : "name",
    );
    void client.invalidateQueries({ queryKey: keys.progress(code) });
    void client.invalidateQueries({ queryKey: keys.today });
    if (found.milestones.length > 0) void client.invalidateQueries({ queryKey: ["coins"] });
  };
  const answer = useMutation({
    mutationFn: (given: string[]) =>
      call(
        api.harf.POST("/api/harf/exercises/{exercise_id}/answer", {
          params: { path: { exercise_id: exercise?.id ?? "" } },
          body: { answer: given },
        }),
      ),
    onSuccess: answered,
  });
  const trace = useMutation({
    mutationFn: (strokes: Stroke[]) =>
      call(
        api.harf.POST("/api/harf/exercises/{exercise_id}/trace", {
          params: { path: { exercise_id: exercise?.id ?? "" } },
          body: { strokes },
        }),
      ),
    onSuccess: answered,
  });

  if (give.error instanceof ApiError && give.error.code === "feature_not_included") {
    return (
      <p className="flex items-center gap-3 rounded-3xl bg-slate-100 p-5 font-bold text-lg">
        <span aria-hidden="true" className="text-4xl">
          🔒
        </span>
        {t("askParent")}
      </p>
    );
  }
  const error = give.error ?? answer.error ?? trace.error;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center justify-between gap-3">
        <Link to={`/${code}`} className={linkClass()}>
          ✕ {t("finish")}
        </Link>
        <p className="font-black text-2xl" aria-live="polite">
          <span aria-hidden="true">⭐ </span>
          {t("stars", { count: stars })}
        </p>
      </div>
      {error ? (
        <Alert
          tone="error"
          action={
            <Button variant="secondary" onClick={() => give.mutate()}>
              {t("common:actions.retry")}
            </Button>
          }
        >
          {errorMessage(t, error)}
        </Alert>
      ) : null}
      {exercise ? (
        <Card className="py-8">
          <Exercise
            key={exercise.id}
            exercise={exercise}
            alphabet={alphabet}
            rules={props.rules}
            result={result}
            busy={answer.isPending || trace.isPending}
            onAnswer={(given) => answer.mutate(given)}
            onTrace={(strokes) => trace.mutate(strokes)}
            say={say}
          />
        </Card>
      ) : give.isPending ? (
        <Loading />
      ) : null}
      {result ? (
        <Feedback result={result} loading={give.isPending} onNext={() => give.mutate()} />
      ) : null}
      <Today />
    </div>
  );
}

export default function Practise() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { code } = useParams();
  const valid = isAlphabet(code);
  const alphabet = useQuery({ ...alphabetQuery(api, valid ? code : "uz-Latn"), enabled: valid });
  const rules = useQuery(rulesQuery(api));
  if (!valid) return <Navigate to="/" replace />;
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="sr-only">{t("practise")}</h1>
      <QueryState query={alphabet}>
        {(data) => (
          <QueryState query={rules}>
            {(found) => <Session alphabet={data} rules={found} />}
          </QueryState>
        )}
      </QueryState>
    </div>
  );
}
