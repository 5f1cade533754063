import { ApiError, call } from "@alif/api";
import { MyCoins } from "@alif/app/wallet";
import { appOrigin, useAuth, useMe } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  buttonClass,
  Card,
  Coins,
  EmptyState,
  Loading,
  linkClass,
  Page,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { BlockView } from "../components/blocks/BlockView.tsx";
import type { Answer, Answers } from "../components/blocks/QuizBlock.tsx";
import { CertificateCard } from "../components/CertificateCard.tsx";
import { ProgressBar } from "../components/CourseCard.tsx";
import {
  type AnswersResult,
  courseProgressQuery,
  keys,
  type LearnerLesson,
  lessonQuery,
  writeKey,
} from "../lib/queries.ts";
import { nextLesson } from "./Course.tsx";

/** A lesson the server will not open: a child is told to ask a parent (never an offer); a locked
 * one opens later. */
function Closed(props: { error: unknown }) {
  const { t } = useTranslation();
  const me = useMe();
  const code = props.error instanceof ApiError ? props.error.code : null;
  if (code === "lesson_not_available") {
    const child = me.user.role === "student";
    return (
      <EmptyState
        icon="🔒"
        title={child ? t("closed.askParent") : t("closed.notOpen")}
        action={
          me.user.role === "parent" ? (
            <a href={`${appOrigin("main")}/subscription`} className={buttonClass("primary", "lg")}>
              {t("closed.plans")}
            </a>
          ) : undefined
        }
      />
    );
  }
  if (code === "lesson_locked") {
    return <EmptyState icon="⏳" title={t("closed.later")} />;
  }
  return <Alert tone="error">{errorMessage(t, props.error)}</Alert>;
}

/** Where the learner stands after the last block: the lesson done or what is missing, the course's
 * progress and, when this finished the course, its coins. */
function Finished(props: { lesson: LearnerLesson["lesson"]; onAgain(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const progress = useQuery(courseProgressQuery(api, props.lesson.course_id));
  const p = progress.data;
  if (!p) return <Loading />;
  const mine = p.lessons.find((l) => l.lesson_id === props.lesson.id);
  const done = Boolean(mine?.progress?.completed_at);
  const next = nextLesson(p);
  return (
    <Card className="flex flex-col items-center gap-5 py-8 text-center">
      <span aria-hidden="true" className="text-7xl">
        {done ? "🎉" : "💪"}
      </span>
      <h2 className="font-extrabold text-3xl" tabIndex={-1} ref={(el) => el?.focus()}>
        {done ? t("finished.done") : t("finished.notYet")}
      </h2>
      {!done && props.lesson.completion === "quiz" ? (
        <p className="text-lg">{t("finished.needQuiz", { mark: props.lesson.pass_mark })}</p>
      ) : null}
      <div className="w-full max-w-md">
        <ProgressBar percent={p.percent} label={t("course.progress")} />
      </div>
      {p.completed_at ? (
        <>
          <p className="flex flex-wrap items-center justify-center gap-2 font-bold text-xl">
            {t("finished.courseDone")}
            {p.coins > 0 ? <Coins amount={p.coins} signed className="text-2xl" /> : null}
          </p>
          <CertificateCard courseId={p.course.id} badge={p.course.badge} />
        </>
      ) : null}
      <div className="flex flex-wrap justify-center gap-3">
        {next && next.lesson_id !== props.lesson.id ? (
          <Link to={`/lessons/${next.lesson_id}`} className={buttonClass("primary", "xl")}>
            {t("finished.next")}
          </Link>
        ) : null}
        <Button variant="secondary" size="lg" onClick={props.onAgain}>
          {t("finished.again")}
        </Button>
        <Link to={`/courses/${props.lesson.course_id}`} className={buttonClass("secondary", "lg")}>
          {t("finished.toCourse")}
        </Link>
      </div>
    </Card>
  );
}

/** The lesson one block at a time, resumed at the block where the learner stopped. A student's
 * place and time are sent at each step (each write with its own key, so a retry counts once). */
function Player(props: { data: LearnerLesson }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const me = useMe();
  const client = useQueryClient();
  const { lesson, progress } = props.data;
  const blocks = lesson.blocks;
  const last = Math.max(blocks.length - 1, 0);
  const [position, setPosition] = useState(() => Math.min(progress?.position ?? 0, last));
  const [finished, setFinished] = useState(false);
  const [answers, setAnswers] = useState<Answers>({});
  const [result, setResult] = useState<AnswersResult | null>(null);
  const since = useRef(Date.now());
  const records = me.user.role === "student";

  const save = useMutation({
    mutationFn: (body: { position: number; reached_end: boolean }) => {
      const now = Date.now();
      const seconds = Math.min(3600, Math.round((now - since.current) / 1000));
      since.current = now;
      return call(
        api.lessions.POST("/api/lessions/lessons/{lesson_id}/progress", {
          params: { path: { lesson_id: lesson.id } },
          body: { idempotency_key: writeKey(), seconds, ...body },
        }),
      );
    },
    retry: 2,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.courseProgress(lesson.course_id) });
      void client.invalidateQueries({ queryKey: ["coins"] });
    },
  });
  const record = useCallback(
    (at: number, end: boolean) => {
      if (records) save.mutate({ position: at, reached_end: end });
    },
    [records, save.mutate],
  );

  // Opening the lesson is the first write (a lesson completed by opening is done now).
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    record(position, blocks.length <= 1);
  }, [record, position, blocks.length]);

  const check = useMutation({
    mutationFn: () =>
      call(
        api.lessions.POST("/api/lessions/lessons/{lesson_id}/answers", {
          params: { path: { lesson_id: lesson.id } },
          body: {
            answers: Object.entries(answers).map(([question_id, answer]) => ({
              question_id,
              answer,
            })),
          },
        }),
      ),
    onSuccess: (graded) => {
      setResult(graded);
      void client.invalidateQueries({ queryKey: keys.courseProgress(lesson.course_id) });
      void client.invalidateQueries({ queryKey: ["coins"] });
    },
  });

  const go = (to: number) => {
    setPosition(to);
    record(to, to === last);
    window.scrollTo({ top: 0 });
  };

  if (blocks.length === 0) return <EmptyState icon="📭" title={t("player.empty")} />;
  if (finished) {
    return (
      <Finished
        lesson={lesson}
        onAgain={() => {
          setFinished(false);
          setPosition(0);
        }}
      />
    );
  }
  const block = blocks[position];
  return (
    <div className="flex flex-col gap-6">
      <ProgressBar
        percent={Math.round((100 * (position + 1)) / blocks.length)}
        label={t("player.step", { step: position + 1, steps: blocks.length })}
      />
      <p className="sr-only" aria-live="polite">
        {t("player.step", { step: position + 1, steps: blocks.length })}
      </p>
      {block ? (
        <Card>
          <BlockView
            key={position}
            block={block}
            quiz={{
              answers,
              onAnswer: (id: string, answer: Answer) => setAnswers((a) => ({ ...a, [id]: answer })),
              onCheck: () => check.mutate(),
              checking: check.isPending,
              result,
              error: check.error,
              passMark: lesson.pass_mark,
            }}
          />
        </Card>
      ) : null}
      {!records ? <Alert tone="info">{t("player.preview")}</Alert> : null}
      <div className="flex items-center gap-3">
        <Button
          variant="secondary"
          size="xl"
          onClick={() => go(position - 1)}
          disabled={position === 0}
          aria-label={t("player.back")}
        >
          ←
        </Button>
        <span className="flex-1" />
        {position < last ? (
          <Button size="xl" onClick={() => go(position + 1)}>
            {t("player.next")} →
          </Button>
        ) : (
          <Button
            size="xl"
            variant="sun"
            loading={save.isPending}
            onClick={() => {
              if (records) save.mutate({ position, reached_end: true });
              setFinished(true);
            }}
          >
            {t("player.finish")} ✓
          </Button>
        )}
      </div>
    </div>
  );
}

export default function LessonPage() {
  const { t } = useTranslation();
  const { lessonId = "" } = useParams();
  const { api } = useAuth();
  const me = useMe();
  const lesson = useQuery(lessonQuery(api, lessonId));
  const data = lesson.data;
  return (
    <Page
      title={data?.lesson.title ?? t("player.lesson")}
      back={
        data ? (
          <Link to={`/courses/${data.lesson.course_id}`} className={linkClass()}>
            ← {t("player.toCourse")}
          </Link>
        ) : (
          <Link to="/" className={linkClass()}>
            ← {t("catalogue.heading")}
          </Link>
        )
      }
      actions={me.user.role === "student" ? <MyCoins /> : null}
    >
      {lesson.isPending ? (
        <Loading />
      ) : lesson.isError ? (
        <Closed error={lesson.error} />
      ) : data ? (
        <Player key={data.lesson.id} data={data} />
      ) : null}
    </Page>
  );
}
