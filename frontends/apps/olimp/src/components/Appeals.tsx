import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, CardTitle, Field, Select, Textarea } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type Attempt, resultKeys } from "../lib/queries.ts";

/** After the paper closes: contest a question (numbered as the participant saw them), see replies. */
export function AppealForm(props: { attempt: Attempt }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const { attempt } = props;
  const key = resultKeys.myAppeals(attempt.id);
  const appeals = useQuery({
    queryKey: key,
    queryFn: () =>
      call(
        api.olimp.GET("/api/olimp/attempts/{attempt_id}/appeals", {
          params: { path: { attempt_id: attempt.id } },
        }),
      ),
  });
  const [questionId, setQuestionId] = useState("");
  const [text, setText] = useState("");
  const send = useMutation({
    mutationFn: () =>
      call(
        api.olimp.POST("/api/olimp/attempts/{attempt_id}/appeals", {
          params: { path: { attempt_id: attempt.id } },
          body: { question_id: questionId, text: text.trim() },
        }),
      ),
    onSuccess: () => {
      setText("");
      setQuestionId("");
      void client.invalidateQueries({ queryKey: key });
    },
  });
  const number = new Map(attempt.questions.map((q, i) => [q.id, i + 1]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <Card className="flex flex-col gap-3 text-left">
      <CardTitle>{t("appeal.heading")}</CardTitle>
      {appeals.data && appeals.data.length > 0 ? (
        <ul className="flex flex-col gap-2" aria-label={t("appeal.mine")}>
          {appeals.data.map((a) => (
            <li key={a.id} className="rounded-xl bg-slate-50 p-3">
              <p className="font-bold">
                {t("paper.questionN", { n: number.get(a.question_id) ?? "?" })} ·{" "}
                {t(`appeal.states.${a.status}`)}
              </p>
              <p className="whitespace-pre-line">{a.text}</p>
              {a.reply ? <p className="text-brand-800">↪ {a.reply}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <Field label={t("appeal.question")}>
          <Select value={questionId} onChange={(e) => setQuestionId(e.target.value)} required>
            <option value="">{t("appeal.choose")}</option>
            {attempt.questions.map((q, i) => (
              <option key={q.id} value={q.id}>
                {t("paper.questionN", { n: i + 1 })}: {q.text.slice(0, 60)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("appeal.why")}>
          <Textarea
            rows={3}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
        {send.error ? <Alert tone="error">{errorMessage(t, send.error)}</Alert> : null}
        <Button
          type="submit"
          variant="secondary"
          size="lg"
          loading={send.isPending}
          disabled={!questionId || !text.trim()}
        >
          {t("appeal.send")}
        </Button>
      </form>
    </Card>
  );
}
