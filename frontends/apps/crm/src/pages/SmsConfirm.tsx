import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, CardTitle, Field, Page, QueryState, Textarea } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { useOffice } from "../lib/office.ts";
import { type Batch, batchQuery, moneyKeys } from "../lib/queries.ts";

/**
 * The step nothing skips: the server prepared a draft (who and what); a person reads the text,
 * changes it if needed, unticks anyone who should not get it, and only then is anything sent.
 */
function Draft(props: { batch: Batch }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const [text, setText] = useState(props.batch.text);
  const [chosen, setChosen] = useState(
    () => new Set(props.batch.recipients.map((r) => r.student_id)),
  );
  const confirm = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/sms/{batch_id}/confirm", {
          params: { path: { organization_id: office.id, batch_id: props.batch.id } },
          body: { text: text.trim(), student_ids: [...chosen] },
        }),
      ),
    onSuccess: (batch) => client.setQueryData(moneyKeys.batch(office.id, batch.id), batch),
  });
  const toggle = (id: string) =>
    setChosen((now) => {
      const next = new Set(now);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <Field label={t("sms.text")} hint={t("sms.textHint")}>
          <Textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={4}
            maxLength={480}
          />
        </Field>
      </Card>
      <Card>
        <CardTitle>{t("sms.recipients", { count: chosen.size })}</CardTitle>
        <ul className="flex flex-col divide-y divide-slate-100">
          {props.batch.recipients.map((r) => (
            <li key={r.student_id}>
              <label className="flex min-h-12 cursor-pointer items-center gap-3">
                <input
                  type="checkbox"
                  checked={chosen.has(r.student_id)}
                  onChange={() => toggle(r.student_id)}
                  className="size-6 accent-brand-700"
                />
                <span className="flex flex-1 flex-col py-1">
                  <span className="font-bold">{r.phone}</span>
                  {/* What this parent will read: the text with the child's name and sum in it. */}
                  <span className="text-muted text-sm">{r.text}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {props.batch.left_out && props.batch.left_out.length > 0 ? (
          <p className="mt-2 text-muted text-sm">
            {t("sms.leftOut", { count: props.batch.left_out.length })}
          </p>
        ) : null}
      </Card>
      {confirm.error ? <Alert tone="error">{errorMessage(t, confirm.error)}</Alert> : null}
      <Button
        size="lg"
        loading={confirm.isPending}
        disabled={chosen.size === 0 || !text.trim()}
        onClick={() => confirm.mutate()}
      >
        {t("sms.send", { count: chosen.size })}
      </Button>
    </div>
  );
}

export default function SmsConfirm() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const { batchId = "" } = useParams();
  const batch = useQuery(batchQuery(api, office.id, batchId));
  return (
    <QueryState query={batch}>
      {(b) => (
        <Page narrow title={t(`sms.title.${b.kind}`)} subtitle={t("sms.subtitle")}>
          {b.status === "sent" ? (
            <>
              <Alert tone="success">
                {t("sms.sent", {
                  count: b.recipients.length,
                  when: formatDate(b.confirmed_at, i18n.language, true),
                })}
              </Alert>
              <Card>
                <p className="whitespace-pre-line">{b.text}</p>
                <ul className="mt-3 text-muted">
                  {b.recipients.map((r) => (
                    <li key={r.student_id}>{r.phone}</li>
                  ))}
                </ul>
              </Card>
            </>
          ) : (
            <Draft batch={b} />
          )}
        </Page>
      )}
    </QueryState>
  );
}
