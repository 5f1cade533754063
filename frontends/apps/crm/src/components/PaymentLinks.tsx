import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, formatMonth, formatSoum, useTranslation } from "@alif/i18n";
import { fieldError } from "@alif/i18n/forms";
import { Alert, Button, Card, CardTitle, Field, Input, QueryState, useToast } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { useOffice } from "../lib/office.ts";
import { moneyKeys, type PaymentLink, paymentLinksQuery } from "../lib/queries.ts";
import { soumToTiyin } from "../lib/schedule.ts";

const STATUS_TONE: Record<PaymentLink["status"], string> = {
  waiting: "bg-amber-100 text-amber-900",
  paid: "bg-emerald-100 text-emerald-900",
  cancelled: "bg-slate-100 text-slate-700",
  refunded: "bg-slate-100 text-slate-700",
};

function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

function NewLink(props: { studentId: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const [amount, setAmount] = useState("");
  const [month, setMonth] = useState(thisMonth);
  // One key per link being typed: a retried send after a lost answer makes one link.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const create = useMutation({
    mutationFn: () => {
      const tiyin = soumToTiyin(amount);
      if (!tiyin) throw new Error(t("money.badAmount"));
      return call(
        api.crm.POST(
          "/api/crm/organizations/{organization_id}/students/{student_id}/payment-links",
          {
            params: { path: { organization_id: office.id, student_id: props.studentId } },
            body: { amount: tiyin, month, idempotency_key: key },
          },
        ),
      );
    },
    onSuccess: () => {
      setAmount("");
      setKey(crypto.randomUUID());
      void client.invalidateQueries({
        queryKey: moneyKeys.paymentLinks(office.id, props.studentId),
      });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-3 sm:items-end" noValidate>
      <Field label={t("links.amountSoum")} error={fieldError(create.error, "amount", t)}>
        <Input
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          required
        />
      </Field>
      <Field label={t("links.month")} error={fieldError(create.error, "month", t)}>
        <Input type="month" value={month} onChange={(e) => setMonth(e.target.value)} required />
      </Field>
      <Button type="submit" loading={create.isPending} disabled={!amount.trim() || !month}>
        {t("links.create")}
      </Button>
      {create.error && !fieldError(create.error, "amount", t) ? (
        <Alert tone="error" className="sm:col-span-3">
          {errorMessage(t, create.error)}
        </Alert>
      ) : null}
    </form>
  );
}

function LinkRow(props: { link: PaymentLink; studentId: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const { link } = props;
  const refresh = () =>
    client.invalidateQueries({ queryKey: moneyKeys.paymentLinks(office.id, props.studentId) });
  const sms = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/sms/payment-link", {
          params: { path: { organization_id: office.id } },
          body: { link_id: link.id },
        }),
      ),
    onSuccess: (batch) => navigate(office.to(`sms/${batch.id}`)),
  });
  const cancel = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/payment-links/{link_id}/cancel", {
          params: { path: { organization_id: office.id, link_id: link.id } },
        }),
      ),
    onSettled: () => void refresh(),
  });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      toast.show(t("links.copied"), "success");
    } catch {
      window.prompt(t("links.copyByHand"), link.url);
    }
  };
  const waiting = link.status === "waiting";
  const error = sms.error ?? cancel.error;
  return (
    <li className="flex flex-col gap-2 py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-bold">{formatMonth(link.month, i18n.language)}</span>
        <span className="tabular-nums">
          {formatSoum(link.amount, i18n.language)} {t("soum")}
        </span>
        <span className={`rounded-full px-2 py-0.5 font-bold text-xs ${STATUS_TONE[link.status]}`}>
          {t(`links.status.${link.status}`)}
        </span>
        <span className="text-muted text-sm">
          {link.paid_at
            ? t("links.paidAt", { when: formatDate(link.paid_at, i18n.language, true) })
            : formatDate(link.created_at, i18n.language)}
        </span>
      </div>
      {waiting ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => void copy()}>
            {t("links.copy")}
          </Button>
          {office.can("send_sms") ? (
            <Button variant="secondary" loading={sms.isPending} onClick={() => sms.mutate()}>
              {t("links.sendSms")}
            </Button>
          ) : null}
          {office.can("request_payments") ? (
            <Button variant="ghost" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              {t("links.withdraw")}
            </Button>
          ) : null}
        </div>
      ) : null}
      {error ? <Alert tone="error">{errorMessage(t, error)}</Alert> : null}
    </li>
  );
}

/**
 * Payme/Click links on the student's card: the office makes one for a month's tuition, sends it
 * (SMS through the confirm screen, or copied), and sees it turn paid when the parent pays on
 * main's pay page. While one is waiting the list asks the server again now and then.
 */
export function PaymentLinks(props: { studentId: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const links = useQuery({
    ...paymentLinksQuery(api, office.id, props.studentId),
    refetchInterval: (query) =>
      query.state.data?.some((link) => link.status === "waiting") ? 15_000 : false,
  });
  // A link that turned paid (or refunded) changed the balance: show the new one too.
  const settled = links.data?.filter((link) => link.payment_entry_id).length ?? 0;
  const seen = useRef(settled);
  useEffect(() => {
    if (settled !== seen.current) {
      seen.current = settled;
      void client.invalidateQueries({
        queryKey: moneyKeys.studentMoney(office.id, props.studentId),
      });
    }
  }, [settled, client, office.id, props.studentId]);
  return (
    <Card className="flex flex-col gap-4">
      <CardTitle>{t("links.heading")}</CardTitle>
      {office.can("request_payments") ? <NewLink studentId={props.studentId} /> : null}
      <QueryState query={links}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="text-muted">{t("links.none")}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-slate-100">
              {rows.map((link) => (
                <LinkRow key={link.id} link={link} studentId={props.studentId} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </Card>
  );
}
