import { call } from "@alif/api";
import { QuestionInput } from "@alif/app/question-input";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, buttonClass, Card, cx, Page, QueryState } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { Assign } from "../../components/Assign.tsx";
import { ExtraTime } from "../../components/ExtraTime.tsx";
import { emptyQuestion, QuestionEditor } from "../../components/QuestionEditor.tsx";
import { Settings } from "../../components/Settings.tsx";
import {
  keys,
  type Question,
  type QuestionIn,
  type QuizDetail,
  testQuery,
  toQuestionIn,
} from "../../lib/queries.ts";

type Tab = "questions" | "settings" | "assign";

/** The question as a student will see it: the text, the picture and the answer controls. */
function Preview(props: { question: Question }) {
  const { question } = props;
  const [value, setValue] = useState<Parameters<typeof QuestionInput>[0]["value"]>();
  return (
    <div className="flex flex-col gap-3 rounded-2xl bg-slate-50 p-4" data-testid="preview">
      <p className="whitespace-pre-line font-bold text-xl">{question.text}</p>
      {question.image_url ? (
        <img src={question.image_url} alt="" className="max-h-60 rounded-xl object-contain" />
      ) : null}
      <QuestionInput
        question={{
          ...question,
          options: question.options.map((o) => ({ id: o.id, text: o.text })),
        }}
        value={value}
        onChange={setValue}
      />
    </div>
  );
}

function QuestionRow(props: {
  test: QuizDetail;
  question: Question;
  index: number;
  onMove(from: number, to: number): void;
  moving: boolean;
}) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { test, question, index } = props;
  const [mode, setMode] = useState<"view" | "edit" | "preview">("view");
  const refresh = () => client.invalidateQueries({ queryKey: keys.test(test.id) });
  const save = useMutation({
    mutationFn: (body: QuestionIn) =>
      call(
        api.testai.PUT("/api/testai/tests/{test_id}/questions/{question_id}", {
          params: { path: { test_id: test.id, question_id: question.id } },
          body,
        }),
      ),
    onSuccess: () => {
      setMode("view");
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () =>
      call(
        api.testai.DELETE("/api/testai/tests/{test_id}/questions/{question_id}", {
          params: { path: { test_id: test.id, question_id: question.id } },
        }),
      ),
    onSuccess: refresh,
  });
  const approve = useMutation({
    mutationFn: () =>
      call(
        api.testai.POST("/api/testai/tests/{test_id}/questions/approve", {
          params: { path: { test_id: test.id } },
          body: { question_ids: [question.id] },
        }),
      ),
    onSuccess: refresh,
  });
  const editable = test.can_edit && test.status === "draft";
  const last = index === test.questions.length - 1;
  return (
    <li>
      <Card className="flex flex-col gap-3">
        <div className="flex flex-wrap items-start gap-2">
          <p className="flex-1 font-bold text-lg">
            {index + 1}. {question.text}
          </p>
          <span className="rounded-full bg-slate-100 px-3 py-1 text-sm">
            {t(`types.${question.type}`)} · {t("take.points", { count: question.points })}
          </span>
        </div>
        {question.needs_key ? <Alert tone="warning">{t("editor.needsKey")}</Alert> : null}
        {question.review_required ? (
          <Alert
            tone="warning"
            action={
              editable ? (
                <Button
                  variant="secondary"
                  loading={approve.isPending}
                  onClick={() => approve.mutate()}
                >
                  {t("generate.accept")}
                </Button>
              ) : null
            }
          >
            {t("generate.needsReview")}
            {question.source_excerpt ? (
              <span className="mt-1 block text-sm italic">“{question.source_excerpt}”</span>
            ) : null}
          </Alert>
        ) : null}
        {mode === "edit" ? (
          <QuestionEditor
            initial={toQuestionIn(question)}
            saving={save.isPending}
            onSave={(body) => save.mutate(body)}
            onCancel={() => setMode("view")}
          />
        ) : mode === "preview" ? (
          <Preview question={question} />
        ) : null}
        {save.error ? <Alert tone="error">{errorMessage(t, save.error)}</Alert> : null}
        {remove.error ? <Alert tone="error">{errorMessage(t, remove.error)}</Alert> : null}
        <div className="flex flex-wrap gap-2">
          <Button
            variant="ghost"
            onClick={() => setMode(mode === "preview" ? "view" : "preview")}
            aria-pressed={mode === "preview"}
          >
            👁 {t("editor.preview")}
          </Button>
          {editable ? (
            <>
              <Button variant="ghost" onClick={() => setMode("edit")}>
                ✏️ {t("editor.edit")}
              </Button>
              <Button
                variant="ghost"
                disabled={index === 0 || props.moving}
                aria-label={t("editor.moveUp", { n: index + 1 })}
                onClick={() => props.onMove(index, index - 1)}
              >
                ↑
              </Button>
              <Button
                variant="ghost"
                disabled={last || props.moving}
                aria-label={t("editor.moveDown", { n: index + 1 })}
                onClick={() => props.onMove(index, index + 1)}
              >
                ↓
              </Button>
              <Button variant="ghost" loading={remove.isPending} onClick={() => remove.mutate()}>
                🗑 {t("editor.remove")}
              </Button>
            </>
          ) : null}
        </div>
      </Card>
    </li>
  );
}

function Questions(props: { test: QuizDetail }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { test } = props;
  const [adding, setAdding] = useState(false);
  const editable = test.can_edit && test.status === "draft";
  const add = useMutation({
    mutationFn: (body: QuestionIn) =>
      call(
        api.testai.POST("/api/testai/tests/{test_id}/questions", {
          params: { path: { test_id: test.id } },
          body,
        }),
      ),
    onSuccess: () => {
      setAdding(false);
      void client.invalidateQueries({ queryKey: keys.test(test.id) });
    },
  });
  const reorder = useMutation({
    mutationFn: (ids: string[]) =>
      call(
        api.testai.PUT("/api/testai/tests/{test_id}/questions/order", {
          params: { path: { test_id: test.id } },
          body: { question_ids: ids },
        }),
      ),
    onSuccess: (questions) =>
      client.setQueryData(keys.test(test.id), (current: QuizDetail | undefined) =>
        current ? { ...current, questions } : current,
      ),
  });
  const move = (from: number, to: number) => {
    const ids = test.questions.map((q) => q.id);
    const [moved] = ids.splice(from, 1);
    if (moved) ids.splice(to, 0, moved);
    reorder.mutate(ids);
  };
  return (
    <div className="flex flex-col gap-3">
      {editable ? (
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => setAdding(true)} disabled={adding}>
            + {t("editor.add")}
          </Button>
          <Link to={`/tests/${test.id}/import`} className={buttonClass("secondary")}>
            📋 {t("import.heading")}
          </Link>
          <Link to={`/tests/${test.id}/generate`} className={buttonClass("secondary")}>
            ✨ {t("generate.heading")}
          </Link>
        </div>
      ) : (
        <Alert tone="info">{t("editor.readOnly")}</Alert>
      )}
      {adding ? (
        <Card>
          <QuestionEditor
            initial={emptyQuestion(test.language)}
            saving={add.isPending}
            onSave={(body) => add.mutate(body)}
            onCancel={() => setAdding(false)}
          />
          {add.error ? <Alert tone="error">{errorMessage(t, add.error)}</Alert> : null}
        </Card>
      ) : null}
      {reorder.error ? <Alert tone="error">{errorMessage(t, reorder.error)}</Alert> : null}
      {test.questions.length === 0 && !adding ? (
        <p className="text-muted">{t("editor.empty")}</p>
      ) : (
        <ol className="flex flex-col gap-3">
          {test.questions.map((question, index) => (
            <QuestionRow
              key={question.id}
              test={test}
              question={question}
              index={index}
              onMove={move}
              moving={reorder.isPending}
            />
          ))}
        </ol>
      )}
    </div>
  );
}

function Actions(props: { test: QuizDetail }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { test } = props;
  const path = { params: { path: { test_id: test.id } } };
  const update = (saved: QuizDetail) => {
    client.setQueryData(keys.test(test.id), saved);
    void client.invalidateQueries({ queryKey: ["testai", "tests"] });
  };
  const publish = useMutation({
    mutationFn: () => call(api.testai.POST("/api/testai/tests/{test_id}/publish", path)),
    onSuccess: update,
  });
  const archive = useMutation({
    mutationFn: () => call(api.testai.POST("/api/testai/tests/{test_id}/archive", path)),
    onSuccess: update,
  });
  const duplicate = useMutation({
    mutationFn: () => call(api.testai.POST("/api/testai/tests/{test_id}/duplicate", path)),
    onSuccess: (copy) => navigate(`/tests/${copy.id}`),
  });
  const error = publish.error ?? archive.error ?? duplicate.error;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {test.status === "draft" && test.can_edit ? (
          <Button loading={publish.isPending} onClick={() => publish.mutate()}>
            🚀 {t("tests.publish")}
          </Button>
        ) : null}
        {test.status === "published" ? (
          <Link to={`/tests/${test.id}/live`} className={buttonClass("primary")}>
            🎮 {t("live.hostButton")}
          </Link>
        ) : null}
        <Link to={`/tests/${test.id}/results`} className={buttonClass("secondary")}>
          📊 {t("results.heading")}
        </Link>
        <Button
          variant="secondary"
          loading={duplicate.isPending}
          onClick={() => duplicate.mutate()}
        >
          {t("tests.duplicate")}
        </Button>
        {test.status === "published" && test.can_edit ? (
          <Button variant="ghost" loading={archive.isPending} onClick={() => archive.mutate()}>
            {t("tests.archive")}
          </Button>
        ) : null}
      </div>
      {error ? <Alert tone="error">{errorMessage(t, error)}</Alert> : null}
    </div>
  );
}

export default function TestEditor() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { testId = "" } = useParams();
  const test = useQuery(testQuery(api, testId));
  const [tab, setTab] = useState<Tab>("questions");
  return (
    <QueryState query={test}>
      {(current) => (
        <Page
          title={current.title}
          subtitle={`${t(`status.${current.status}`)} · ${t("student.questionCount", { count: current.question_count })} · ${t("tests.totalPoints", { count: current.total_points })}`}
          back={
            <Link to="/" className="font-bold text-brand-700">
              ← {t("tests.heading")}
            </Link>
          }
        >
          <Actions test={current} />
          <div role="tablist" className="flex gap-2 overflow-x-auto">
            {(["questions", "settings", "assign"] as const).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={tab === name}
                onClick={() => setTab(name)}
                className={cx(
                  "min-h-12 rounded-2xl px-4 font-bold",
                  tab === name ? "bg-brand-600 text-white" : "bg-slate-100",
                )}
              >
                {t(`tabs.${name}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel">
            {tab === "questions" ? (
              <Questions test={current} />
            ) : tab === "settings" ? (
              <div className="flex flex-col gap-4">
                <Card>
                  <Settings test={current} />
                </Card>
                {/* Extra time stretches the limit; only whoever may edit the test grants it. */}
                {current.time_limit_minutes && current.can_edit ? (
                  <Card>
                    <ExtraTime test={current} />
                  </Card>
                ) : null}
              </div>
            ) : (
              <Card>
                <Assign test={current} />
              </Card>
            )}
          </div>
        </Page>
      )}
    </QueryState>
  );
}
