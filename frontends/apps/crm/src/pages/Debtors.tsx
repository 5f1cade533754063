import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, formatSoum, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, Field, Input, Page, QueryState, Select, useToast } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useOffice } from "../lib/office.ts";
import { debtorsQuery, groupsQuery, moneyKeys, studentName, today } from "../lib/queries.ts";

const FILTERS = ["group_id", "min_days_overdue", "min_amount"] as const;

function ChargeMonth() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const toast = useToast();
  const [month, setMonth] = useState(today().slice(0, 7));
  const run = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/charges/run", {
          params: { path: { organization_id: office.id } },
          body: { month },
        }),
      ),
    onSuccess: (result) => {
      toast.show(t("debtors.charged", { count: result.enrolments }), "success");
      void client.invalidateQueries({ queryKey: moneyKeys.money(office.id) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate();
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <Field label={t("debtors.month")}>
        <Input type="month" value={month} onChange={(e) => setMonth(e.target.value)} required />
      </Field>
      <Button type="submit" variant="secondary" loading={run.isPending}>
        {t("debtors.charge")}
      </Button>
      {run.error ? <Alert tone="error">{errorMessage(t, run.error)}</Alert> : null}
    </form>
  );
}

/** Who owes: by group, days overdue and amount; a reminder goes through the SMS confirm step. */
export default function Debtors() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const debtors = useQuery(debtorsQuery(api, office.id, filters));
  const groups = useQuery(groupsQuery(api, office.id));
  const [days, setDays] = useState(filters.min_days_overdue ?? "");
  const [amount, setAmount] = useState(filters.min_amount ?? "");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const set = (change: Record<string, string>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(change)) {
        if (value.trim()) next.set(key, value.trim());
        else next.delete(key);
      }
      return next;
    });
  const remind = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/sms/debt", {
          params: { path: { organization_id: office.id } },
          body: { student_ids: [...chosen] },
        }),
      ),
    onSuccess: (batch) => navigate(office.to(`sms/${batch.id}`)),
  });
  const filter = (event: FormEvent) => {
    event.preventDefault();
    set({ min_days_overdue: days, min_amount: amount });
  };
  const toggle = (id: string) =>
    setChosen((now) => {
      const next = new Set(now);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Page
      title={t("debtors.heading")}
      actions={office.can("manage_billing") ? <ChargeMonth /> : null}
    >
      <form
        onSubmit={filter}
        className="grid gap-3 rounded-[var(--radius-card)] bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end"
      >
        <Field label={t("label.group")}>
          <Select
            value={filters.group_id ?? ""}
            onChange={(e) => set({ group_id: e.target.value })}
          >
            <option value="">{t("filters.all")}</option>
            {(groups.data ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("debtors.minDays")}>
          <Input
            type="number"
            min={0}
            inputMode="numeric"
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </Field>
        <Field label={t("debtors.minAmount")}>
          <Input
            type="number"
            min={0}
            inputMode="numeric"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </Field>
        <Button type="submit" variant="secondary">
          {t("filters.search")}
        </Button>
      </form>
      <QueryState query={debtors}>
        {(list) => (
          <Card className="flex flex-col gap-3">
            <p aria-live="polite" className="font-bold">
              {t("debtors.total", {
                count: list.length,
                sum: formatSoum(
                  list.reduce((s, d) => s + d.debt, 0),
                  i18n.language,
                ),
              })}
            </p>
            {list.length === 0 ? (
              <p className="text-muted">{t("debtors.none")}</p>
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left">
                  <caption className="sr-only">{t("debtors.heading")}</caption>
                  <thead className="text-muted text-sm">
                    <tr>
                      <th scope="col" className="px-2 py-2">
                        <span className="sr-only">{t("debtors.choose")}</span>
                      </th>
                      <th scope="col" className="px-2 py-2">
                        {t("label.student")}
                      </th>
                      <th scope="col" className="px-2 py-2">
                        {t("label.parentPhone")}
                      </th>
                      <th scope="col" className="px-2 py-2 text-right">
                        {t("debtors.debt")}
                      </th>
                      <th scope="col" className="px-2 py-2">
                        {t("debtors.since")}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {list.map((d) => {
                      const name = studentName(d);
                      return (
                        <tr key={d.student_id}>
                          <td className="px-2">
                            <input
                              type="checkbox"
                              aria-label={t("debtors.chooseOne", { name })}
                              checked={chosen.has(d.student_id)}
                              onChange={() => toggle(d.student_id)}
                              className="size-6 accent-brand-700"
                            />
                          </td>
                          <td className="px-2 py-2">
                            <Link
                              to={office.to(`students/${d.student_id}`)}
                              className="inline-flex min-h-11 items-center font-bold text-brand-800 hover:underline"
                            >
                              {name}
                            </Link>
                          </td>
                          <td className="px-2 py-2">{d.parent_phone ?? d.phone ?? "—"}</td>
                          <td className="px-2 py-2 text-right font-bold">
                            {formatSoum(d.debt, i18n.language)}
                          </td>
                          <td className="px-2 py-2">
                            {d.overdue_since
                              ? t("debtors.days", {
                                  date: formatDate(d.overdue_since, i18n.language),
                                  count: d.days_overdue,
                                })
                              : "—"}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {office.can("send_sms") && list.length > 0 ? (
              <div className="flex flex-wrap gap-2">
                <Button
                  variant="secondary"
                  onClick={() => setChosen(new Set(list.map((d) => d.student_id)))}
                >
                  {t("debtors.chooseAll")}
                </Button>
                <Button
                  loading={remind.isPending}
                  disabled={chosen.size === 0}
                  onClick={() => remind.mutate()}
                >
                  {t("debtors.remind", { count: chosen.size })}
                </Button>
              </div>
            ) : null}
            {remind.error ? <Alert tone="error">{errorMessage(t, remind.error)}</Alert> : null}
          </Card>
        )}
      </QueryState>
    </Page>
  );
}
