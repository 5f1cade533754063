import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { formatSoum, useTranslation } from "@alif/i18n";
import { Card, CardTitle, Page, QueryState } from "@alif/ui";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { useOffice } from "../lib/office.ts";

const dashboardQuery = (api: ReturnType<typeof useAuth>["api"], id: string) =>
  queryOptions({
    queryKey: ["crm", id, "money", "dashboard"],
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/dashboard", {
          params: { path: { organization_id: id } },
        }),
      ),
  });

function Figure(props: { label: string; value: string; note?: string }) {
  return (
    <Card className="flex flex-col gap-1">
      <p className="text-muted">{props.label}</p>
      <p className="font-extrabold text-3xl text-ink">{props.value}</p>
      {props.note ? <p className="text-muted text-sm">{props.note}</p> : null}
    </Card>
  );
}

/**
 * Bars drawn as plain boxes with their numbers written on them: readable without colour, by a
 * screen reader (a list of label and value) and printed; a chart library would be heavier than
 * the whole screen for two bar charts.
 */
export function Bars(props: {
  title: string;
  rows: { label: string; value: number; text: string }[];
}) {
  const top = Math.max(1, ...props.rows.map((r) => r.value));
  return (
    <Card>
      <CardTitle>{props.title}</CardTitle>
      <ul className="flex flex-col gap-2">
        {props.rows.map((row) => (
          <li key={row.label} className="grid grid-cols-[7rem_1fr] items-center gap-3">
            <span className="truncate text-sm">{row.label}</span>
            <span className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className="h-6 rounded-lg bg-brand-600"
                style={{ width: `${Math.max(2, (row.value / top) * 100)}%` }}
              />
              <span className="whitespace-nowrap font-bold text-sm">{row.text}</span>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The director's month: students, leads and conversion, revenue against last month, debts. */
export default function Dashboard() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const dashboard = useQuery(dashboardQuery(api, office.id));
  const soum = (tiyin: number) => `${formatSoum(tiyin, i18n.language)} ${t("soum")}`;
  return (
    <QueryState query={dashboard}>
      {(d) => (
        <Page title={t("dashboard.heading")} subtitle={d.month.slice(0, 7)}>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <Figure
              label={t("dashboard.students")}
              value={String(d.active_students)}
              note={t("dashboard.frozen", { count: d.frozen_students })}
            />
            <Figure
              label={t("dashboard.leads")}
              value={String(d.new_leads)}
              note={t("dashboard.conversion", {
                count: d.converted_leads,
                percent: d.conversion_percent,
              })}
            />
            <Figure
              label={t("dashboard.revenue")}
              value={soum(d.revenue)}
              note={t("dashboard.lastMonth", { sum: soum(d.revenue_last_month) })}
            />
            <Figure
              label={t("dashboard.debts")}
              value={soum(d.debt_total)}
              note={t("dashboard.debtors", { count: d.debtors })}
            />
            <Figure
              label={t("dashboard.attendance")}
              value={d.attendance_percent === null ? "—" : `${d.attendance_percent}%`}
            />
            <Figure
              label={t("dashboard.fill")}
              value={d.fill_percent === null ? "—" : `${d.fill_percent}%`}
            />
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <Bars
              title={t("dashboard.revenueByMonth")}
              rows={d.revenue_by_month.map((m) => ({
                label: m.month.slice(0, 7),
                value: m.amount,
                text: soum(m.amount),
              }))}
            />
            <Bars
              title={t("dashboard.groupFill")}
              rows={d.groups.map((g) => ({
                label: g.name,
                value: g.percent,
                text: `${g.students}/${g.capacity} · ${g.percent}%`,
              }))}
            />
          </div>
        </Page>
      )}
    </QueryState>
  );
}
