import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, formatSoum, useTranslation } from "@alif/i18n";
import { fieldError } from "@alif/i18n/forms";
import {
  Alert,
  Button,
  Card,
  CardTitle,
  Dialog,
  Field,
  Input,
  QueryState,
  Select,
  Textarea,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useOffice } from "../lib/office.ts";
import { type Method, moneyKeys, receiptQuery, studentMoneyQuery } from "../lib/queries.ts";
import { soumToTiyin } from "../lib/schedule.ts";

/** A receipt as the cashier hands it over (or prints it: the page prints just the receipt). */
/** Money given back from a payment (the director): at most what is left of it, with a reason. */
function RefundForm(props: { paymentId: string; left: number }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [key, setKey] = useState(() => crypto.randomUUID());
  const refund = useMutation({
    mutationFn: () => {
      const tiyin = soumToTiyin(amount);
      if (!tiyin) throw new Error(t("money.badAmount"));
      return call(
        api.crm.POST("/api/crm/organizations/{organization_id}/payments/{payment_id}/refund", {
          params: { path: { organization_id: office.id, payment_id: props.paymentId } },
          body: { amount: tiyin, reason: reason.trim(), idempotency_key: key },
        }),
      );
    },
    onSuccess: () => {
      setAmount("");
      setReason("");
      setKey(crypto.randomUUID());
      void client.invalidateQueries({ queryKey: moneyKeys.money(office.id) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    refund.mutate();
  };
  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-3 border-slate-200 border-t pt-3"
      noValidate
    >
      <p className="font-bold">
        {t("refund.title", { left: formatSoum(props.left, i18n.language) })}
      </p>
      <Field label={t("money.amountSoum")} error={fieldError(refund.error, "amount", t)}>
        <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      </Field>
      <Field label={t("refund.reason")} error={fieldError(refund.error, "reason", t)}>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {refund.error && !fieldError(refund.error, "amount", t) ? (
        <Alert tone="error">{errorMessage(t, refund.error)}</Alert>
      ) : null}
      <Button
        type="submit"
        variant="secondary"
        loading={refund.isPending}
        disabled={!amount.trim() || !reason.trim()}
      >
        {t("refund.give")}
      </Button>
    </form>
  );
}

function ReceiptDialog(props: { paymentId: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const receipt = useQuery(receiptQuery(api, office.id, props.paymentId));
  return (
    <Dialog
      open
      onClose={props.onClose}
      title={t("money.receipt")}
      actions={<Button onClick={() => window.print()}>{t("money.print")}</Button>}
    >
      <QueryState query={receipt}>
        {(r) => (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-muted">{t("money.number")}</dt>
            <dd className="font-bold">№ {r.number}</dd>
            <dt className="text-muted">{t("money.centre")}</dt>
            <dd>{r.organization_name}</dd>
            <dt className="text-muted">{t("label.student")}</dt>
            <dd>{r.student_name}</dd>
            <dt className="text-muted">{t("money.amount")}</dt>
            <dd className="font-bold">
              {formatSoum(r.amount, i18n.language)} {t("soum")}
            </dd>
            {r.refunded ? (
              <>
                <dt className="text-muted">{t("money.refunded")}</dt>
                <dd>
                  {formatSoum(r.refunded, i18n.language)} {t("soum")}
                </dd>
              </>
            ) : null}
            <dt className="text-muted">{t("money.method")}</dt>
            <dd>{t(`methods.${r.method}`)}</dd>
            <dt className="text-muted">{t("money.paidAt")}</dt>
            <dd>{formatDate(r.paid_at, i18n.language, true)}</dd>
            {r.taken_by ? (
              <>
                <dt className="text-muted">{t("money.takenBy")}</dt>
                <dd>{r.taken_by}</dd>
              </>
            ) : null}
          </dl>
        )}
      </QueryState>
      {office.can("refund_payments") &&
      receipt.data &&
      receipt.data.amount > receipt.data.refunded ? (
        <RefundForm
          paymentId={props.paymentId}
          left={receipt.data.amount - receipt.data.refunded}
        />
      ) : null}
    </Dialog>
  );
}

function TakePayment(props: { studentId: string; onPaid(paymentId: string): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const [amount, setAmount] = useState("");
  const [method, setMethod] = useState<Method>("cash");
  const [note, setNote] = useState("");
  // One key per payment being typed: a retried send after a lost answer pays once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const pay = useMutation({
    mutationFn: () => {
      const tiyin = soumToTiyin(amount);
      if (!tiyin) throw new Error(t("money.badAmount"));
      return call(
        api.crm.POST("/api/crm/organizations/{organization_id}/students/{student_id}/payments", {
          params: { path: { organization_id: office.id, student_id: props.studentId } },
          body: { amount: tiyin, method, note: note.trim(), idempotency_key: key },
        }),
      );
    },
    onSuccess: (entry) => {
      setAmount("");
      setNote("");
      setKey(crypto.randomUUID());
      void client.invalidateQueries({ queryKey: moneyKeys.money(office.id) });
      props.onPaid(entry.id);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    pay.mutate();
  };
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-3" noValidate>
      <Field label={t("money.amountSoum")} error={fieldError(pay.error, "amount", t)}>
        <Input
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          required
        />
      </Field>
      <Field label={t("money.method")}>
        <Select value={method} onChange={(e) => setMethod(e.target.value as Method)}>
          {(["cash", "card"] as const).map((m) => (
            <option key={m} value={m}>
              {t(`methods.${m}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("label.notes")}>
        <Textarea value={note} onChange={(e) => setNote(e.target.value)} rows={1} />
      </Field>
      {pay.error && !fieldError(pay.error, "amount", t) ? (
        <Alert tone="error" className="sm:col-span-3">
          {errorMessage(t, pay.error)}
        </Alert>
      ) : null}
      <div className="sm:col-span-3">
        <Button type="submit" loading={pay.isPending} disabled={!amount.trim()}>
          {t("money.take")}
        </Button>
      </div>
    </form>
  );
}

/** A student's balance, every charge and payment, and the cashier's payment form. */
export function StudentMoney(props: { studentId: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const money = useQuery(studentMoneyQuery(api, office.id, props.studentId));
  const [receipt, setReceipt] = useState<string | null>(null);
  return (
    <Card className="flex flex-col gap-4">
      <CardTitle>{t("money.heading")}</CardTitle>
      <QueryState query={money}>
        {(m) => (
          <>
            <p
              aria-live="polite"
              className={
                m.debt > 0 ? "font-extrabold text-red-800 text-xl" : "font-extrabold text-xl"
              }
            >
              {m.debt > 0
                ? t("money.owes", { sum: formatSoum(m.debt, i18n.language) })
                : m.debt < 0
                  ? t("money.ahead", { sum: formatSoum(-m.debt, i18n.language) })
                  : t("money.settled")}
            </p>
            {office.can("take_payments") ? (
              <TakePayment studentId={props.studentId} onPaid={setReceipt} />
            ) : null}
            {m.entries.length === 0 ? (
              <p className="text-muted">{t("money.noEntries")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">{t("money.history")}</caption>
                  <thead className="text-muted">
                    <tr>
                      <th scope="col" className="px-2 py-1">
                        {t("money.when")}
                      </th>
                      <th scope="col" className="px-2 py-1">
                        {t("money.what")}
                      </th>
                      <th scope="col" className="px-2 py-1 text-right">
                        {t("money.amount")}
                      </th>
                      <th scope="col" className="px-2 py-1">
                        <span className="sr-only">{t("money.receipt")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {[...m.entries].reverse().map((e) => (
                      <tr key={e.id}>
                        <td className="px-2 py-1">{formatDate(e.created_at, i18n.language)}</td>
                        <td className="px-2 py-1">
                          {t(`entries.${e.kind}`)}
                          {e.period ? ` · ${e.period.slice(0, 7)}` : ""}
                          {e.method ? ` · ${t(`methods.${e.method}`)}` : ""}
                        </td>
                        <td className="px-2 py-1 text-right font-bold">
                          {formatSoum(e.amount, i18n.language)}
                        </td>
                        <td className="px-2 py-1">
                          {e.kind === "payment" ? (
                            <Button variant="ghost" onClick={() => setReceipt(e.id)}>
                              {t("money.receiptNo", { number: e.receipt_number ?? "" })}
                            </Button>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </QueryState>
      {receipt ? <ReceiptDialog paymentId={receipt} onClose={() => setReceipt(null)} /> : null}
    </Card>
  );
}
