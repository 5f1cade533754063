import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, cx, Field, Page, QueryState, Textarea } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { QuestionEditor } from "../../components/QuestionEditor.tsx";
import {
  type ImportPreview,
  keys,
  type PreviewQuestion,
  type QuestionIn,
  testQuery,
  toQuestionIn,
} from "../../lib/queries.ts";

/** One parsed question under review: flagged ones wait for the teacher's fix. */
export type Reviewed = {
  key: number;
  preview: PreviewQuestion;
  question: QuestionIn;
  flagged: boolean;
  fixed: boolean;
  dropped: boolean;
};

/** The parser's questions, the flagged ones first (in their order), then the others. */
export function reviewOrder(preview: ImportPreview): Reviewed[] {
  const items = preview.questions.map((q, key) => ({
    key,
    preview: q,
    question: toQuestionIn(q),
    flagged: q.flagged,
    fixed: false,
    dropped: false,
  }));
  return [...items.filter((i) => i.flagged), ...items.filter((i) => !i.flagged)];
}

/** Questions to save, in the document's order; null while a flagged question is not fixed. */
export function readyToSave(items: Reviewed[]): QuestionIn[] | null {
  const kept = items.filter((i) => !i.dropped);
  if (kept.some((i) => i.flagged && !i.fixed)) return null;
  return [...kept].sort((a, b) => a.key - b.key).map((i) => i.question);
}

function ReviewItem(props: { item: Reviewed; onChange(change: Partial<Reviewed>): void }) {
  const { t } = useTranslation();
  const { item } = props;
  const [editing, setEditing] = useState(item.flagged);
  const open = item.flagged && !item.fixed;
  return (
    <li>
      <Card
        className={cx(
          "flex flex-col gap-3",
          open && "ring-2 ring-amber-400",
          item.dropped && "opacity-60",
        )}
        data-testid={item.flagged ? "flagged" : "parsed"}
      >
        <div className="flex flex-wrap items-start gap-2">
          <p className="flex-1 font-bold">
            {item.preview.number ? `${item.preview.number}. ` : ""}
            {item.question.text}
          </p>
          <span className="rounded-full bg-slate-100 px-3 py-1 text-sm">
            {t(`types.${item.question.type ?? "single"}`)}
          </span>
        </div>
        {open ? (
          <Alert tone="warning">
            <ul>
              {item.preview.problems.map((problem) => (
                <li key={problem}>{t(`problems.${problem}`)}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {item.fixed ? <p className="font-semibold text-brand-700">✓ {t("import.fixed")}</p> : null}
        {item.dropped ? (
          <Button variant="secondary" onClick={() => props.onChange({ dropped: false })}>
            {t("import.restore")}
          </Button>
        ) : editing ? (
          <QuestionEditor
            initial={item.question}
            saveLabel={t("import.keep")}
            onSave={(question) => {
              props.onChange({ question, fixed: item.flagged });
              setEditing(false);
            }}
            onCancel={item.flagged ? undefined : () => setEditing(false)}
          />
        ) : (
          <ul className="flex flex-col gap-1 pl-2">
            {(item.question.options ?? []).map((option, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: parsed options have no id
              <li key={i} className={cx(option.correct && "font-bold text-brand-800")}>
                {option.correct ? "✓ " : "○ "}
                {option.text}
              </li>
            ))}
            {item.question.accepted_answers?.length ? (
              <li className="font-bold text-brand-800">
                ✓ {item.question.accepted_answers.join(" / ")}
              </li>
            ) : null}
            {item.question.numeric_answer !== null && item.question.numeric_answer !== undefined ? (
              <li className="font-bold text-brand-800">✓ {item.question.numeric_answer}</li>
            ) : null}
          </ul>
        )}
        {!item.dropped ? (
          <div className="flex flex-wrap gap-2">
            {!editing ? (
              <Button variant="ghost" onClick={() => setEditing(true)}>
                ✏️ {t("editor.edit")}
              </Button>
            ) : null}
            <Button variant="ghost" onClick={() => props.onChange({ dropped: true })}>
              🗑 {t("import.drop")}
            </Button>
          </div>
        ) : null}
      </Card>
    </li>
  );
}

/** The parser's preview, reviewed in place: flagged questions first, each fixed or dropped. */
export function ImportReview(props: {
  preview: ImportPreview;
  saving: boolean;
  onSave(questions: QuestionIn[]): void;
}) {
  const { t } = useTranslation();
  const [items, setItems] = useState(() => reviewOrder(props.preview));
  const ready = readyToSave(items);
  const open = items.filter((i) => i.flagged && !i.fixed && !i.dropped).length;
  const change = (key: number, patch: Partial<Reviewed>) =>
    setItems((current) => current.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  return (
    <div className="flex flex-col gap-4">
      <Alert tone={open ? "warning" : "success"}>
        {t("import.found", { count: props.preview.total })}{" "}
        {open ? t("import.flagged", { count: open }) : t("import.allGood")}
      </Alert>
      {props.preview.warnings.map((warning) => (
        <Alert key={warning} tone="info">
          {t(`warnings.${warning}`)}
        </Alert>
      ))}
      <ol className="flex flex-col gap-3">
        {items.map((item) => (
          <ReviewItem key={item.key} item={item} onChange={(patch) => change(item.key, patch)} />
        ))}
      </ol>
      <Button
        size="lg"
        loading={props.saving}
        disabled={!ready || ready.length === 0}
        onClick={() => ready && props.onSave(ready)}
      >
        {t("import.save", { count: items.filter((i) => !i.dropped).length })}
      </Button>
    </div>
  );
}

export default function Import() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { testId = "" } = useParams();
  const test = useQuery(testQuery(api, testId));
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const parse = useMutation({
    mutationFn: () => {
      if (file) {
        const form = new FormData();
        form.append("file", file);
        return call(
          api.testai.POST("/api/testai/import/file", {
            // The file goes as it is: multipart, with the boundary the browser writes.
            body: form as unknown as { file: string },
            bodySerializer: (body) => body as unknown as FormData,
          }),
        );
      }
      return call(api.testai.POST("/api/testai/import/text", { body: { text } }));
    },
  });
  const save = useMutation({
    mutationFn: (questions: QuestionIn[]) =>
      call(
        api.testai.POST("/api/testai/tests/{test_id}/questions/bulk", {
          params: { path: { test_id: testId } },
          body: { questions, source: "imported" },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.test(testId) });
      navigate(`/tests/${testId}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file || text.trim()) parse.mutate();
  };
  return (
    <QueryState query={test}>
      {(current) => (
        <Page
          title={t("import.heading")}
          subtitle={current.title}
          back={
            <Link to={`/tests/${testId}`} className="font-bold text-brand-700">
              ← {current.title}
            </Link>
          }
        >
          {parse.data ? (
            <>
              <ImportReview
                key={parse.submittedAt}
                preview={parse.data}
                saving={save.isPending}
                onSave={(questions) => save.mutate(questions)}
              />
              {save.error ? <Alert tone="error">{errorMessage(t, save.error)}</Alert> : null}
              <Button variant="ghost" onClick={() => parse.reset()}>
                {t("import.again")}
              </Button>
            </>
          ) : (
            <Card>
              <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
                <Field label={t("import.paste")} hint={t("import.pasteHint")}>
                  <Textarea
                    rows={10}
                    maxLength={200000}
                    value={text}
                    disabled={Boolean(file)}
                    onChange={(e) => setText(e.target.value)}
                  />
                </Field>
                <Field label={t("import.file")} hint={t("import.fileHint")}>
                  <input
                    type="file"
                    accept=".docx,.pdf,.txt"
                    className="min-h-11"
                    onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                  />
                </Field>
                <Button
                  type="submit"
                  size="lg"
                  loading={parse.isPending}
                  disabled={!file && !text.trim()}
                >
                  {t("import.check")}
                </Button>
                {parse.error ? <Alert tone="error">{errorMessage(t, parse.error)}</Alert> : null}
              </form>
            </Card>
          )}
        </Page>
      )}
    </QueryState>
  );
}
