import { type CrmComponents, call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { formatDate, formatSoum, useTranslation } from "@alif/i18n";
import { Button, Card, CardTitle, Field, Input, Page, QueryState, Select } from "@alif/ui";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { ExportButton } from "../components/ExportButton.tsx";
import { useOffice } from "../lib/office.ts";

type EntryKind = CrmComponents["schemas"]["EntryKind"];
const KINDS: EntryKind[] = ["charge", "discount", "payment", "refund"];
const PAGE = 50;

function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

/** The books: charges − discounts − payments + refunds against the students' debts. */
function Reconciliation() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const books = useQuery({
    queryKey: ["crm", office.id, "money", "reconciliation"],
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/reports/reconciliation", {
          params: { path: { organization_id: office.id } },
        }),
      ),
  });
  const soum = (tiyin: number) => `${formatSoum(tiyin, i18n.language)} ${t("soum")}`;
  return (
    <Card className="flex flex-col gap-3">
      <CardTitle>{t("books.reconciliation")}</CardTitle>
      <QueryState query={books}>
        {(b) => (
          <>
            <p
              className={
                b.balanced ? "font-bold text-emerald-800" : "font-extrabold text-red-800 text-lg"
              }
            >
              {b.balanced
                ? t("books.balanced")
                : t("books.notBalanced", { count: b.mismatched_students.length })}
            </p>
            <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 tabular-nums">
              <dt>{t("entries.charge")}</dt>
              <dd className="text-right">{soum(b.charges)}</dd>
              <dt>− {t("entries.discount")}</dt>
              <dd className="text-right">{soum(b.discounts)}</dd>
              <dt>− {t("entries.payment")}</dt>
              <dd className="text-right">{soum(b.payments)}</dd>
              <dt>+ {t("entries.refund")}</dt>
              <dd className="text-right">{soum(b.refunds)}</dd>
              <dt className="font-bold">{t("books.expected")}</dt>
              <dd className="text-right font-bold">{soum(b.expected_debts)}</dd>
              <dt className="font-bold">{t("books.recorded")}</dt>
              <dd className="text-right font-bold">{soum(b.recorded_debts)}</dd>
            </dl>
            {b.mismatched_students.length > 0 ? (
              <ul className="flex flex-wrap gap-2">
                {b.mismatched_students.map((id) => (
                  <li key={id}>
                    <Link className="underline" to={office.to(`students/${id}`)}>
                      {id.slice(0, 8)}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </QueryState>
    </Card>
  );
}

/** Teachers' pay for a month: lessons held × the amount + a share of their groups' tuition. */
function TeachersPay(props: { month: string; onMonth(month: string): void }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const pay = useQuery({
    queryKey: ["crm", office.id, "money", "teachers-pay", props.month],
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/reports/teachers-pay", {
          params: { path: { organization_id: office.id }, query: { month: props.month } },
        }),
      ),
    enabled: /^\d{4}-\d{2}$/.test(props.month),
  });
  return (
    <Card className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <CardTitle>{t("books.teachersPay")}</CardTitle>
        <Field label={t("links.month")}>
          <Input type="month" value={props.month} onChange={(e) => props.onMonth(e.target.value)} />
        </Field>
      </div>
      <QueryState query={pay}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="text-muted">{t("books.noTeachers")}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-muted">
                  <tr>
                    <th className="px-2 py-1">{t("label.teacher")}</th>
                    <th className="px-2 py-1 text-right">{t("books.lessonsHeld")}</th>
                    <th className="px-2 py-1 text-right">{t("books.tuition")}</th>
                    <th className="px-2 py-1 text-right">{t("books.rate")}</th>
                    <th className="px-2 py-1 text-right">{t("books.pay")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 tabular-nums">
                  {rows.map((r) => (
                    <tr key={r.teacher_id}>
                      <td className="px-2 py-1">{r.name}</td>
                      <td className="px-2 py-1 text-right">{r.lessons_held}</td>
                      <td className="px-2 py-1 text-right">
                        {formatSoum(r.tuition, i18n.language)}
                      </td>
                      <td className="px-2 py-1 text-right">
                        {r.share_percent}% · {formatSoum(r.lesson_amount, i18n.language)}
                      </td>
                      <td className="px-2 py-1 text-right font-bold">
                        {formatSoum(r.pay, i18n.language)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </Card>
  );
}

/** The audit log: every money change, who and when, newest first; paged on the server. */
function AuditLog(props: {
  kind: EntryKind | "";
  offset: number;
  onChange(change: Record<string, string | null>): void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const query = {
    limit: PAGE,
    offset: props.offset,
    ...(props.kind ? { kind: props.kind } : {}),
  };
  const log = useQuery({
    queryKey: ["crm", office.id, "money", "entries", query],
    queryFn: () =>
      call(
        api.crm.GET("/api/crm/organizations/{organization_id}/money/entries", {
          params: { path: { organization_id: office.id }, query },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <Card className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <CardTitle>{t("books.auditLog")}</CardTitle>
        <div className="flex flex-wrap items-end gap-3">
          <Field label={t("money.what")}>
            <Select
              value={props.kind}
              onChange={(e) => props.onChange({ kind: e.target.value || null, offset: null })}
            >
              <option value="">{t("filters.all")}</option>
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`entries.${kind}`)}
                </option>
              ))}
            </Select>
          </Field>
          <ExportButton what="money-entries" query={props.kind ? { kind: props.kind } : {}} />
        </div>
      </div>
      <QueryState query={log}>
        {(page) => (
          <>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-muted">
                  <tr>
                    <th className="px-2 py-1">{t("money.when")}</th>
                    <th className="px-2 py-1">{t("money.what")}</th>
                    <th className="px-2 py-1 text-right">{t("money.amount")}</th>
                    <th className="px-2 py-1">{t("books.who")}</th>
                    <th className="px-2 py-1">{t("label.student")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {page.items.map((e) => (
                    <tr key={e.id}>
                      <td className="px-2 py-1 whitespace-nowrap">
                        {formatDate(e.created_at, i18n.language, true)}
                      </td>
                      <td className="px-2 py-1">
                        {t(`entries.${e.kind}`)}
                        {e.period ? ` · ${e.period.slice(0, 7)}` : ""}
                        {e.method ? ` · ${t(`methods.${e.method}`)}` : ""}
                        {e.note ? ` · ${e.note}` : ""}
                      </td>
                      <td className="px-2 py-1 text-right font-bold tabular-nums">
                        {formatSoum(e.amount, i18n.language)}
                      </td>
                      <td className="px-2 py-1">
                        {e.created_by_id
                          ? (e.created_by_name ?? "—")
                          : e.method === "payme" || e.method === "click"
                            ? t(`methods.${e.method}`)
                            : t("books.system")}
                      </td>
                      <td className="px-2 py-1">
                        <Link className="underline" to={office.to(`students/${e.student_id}`)}>
                          {t("books.card")}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="flex items-center justify-between gap-3">
              <span className="text-muted text-sm">
                {t("books.range", {
                  from: page.total === 0 ? 0 : props.offset + 1,
                  to: Math.min(props.offset + PAGE, page.total),
                  total: page.total,
                })}
              </span>
              <div className="flex gap-2">
                <Button
                  variant="secondary"
                  disabled={props.offset === 0}
                  onClick={() =>
                    props.onChange({ offset: String(Math.max(0, props.offset - PAGE)) })
                  }
                >
                  {t("books.previous")}
                </Button>
                <Button
                  variant="secondary"
                  disabled={props.offset + PAGE >= page.total}
                  onClick={() => props.onChange({ offset: String(props.offset + PAGE) })}
                >
                  {t("books.next")}
                </Button>
              </div>
            </div>
          </>
        )}
      </QueryState>
    </Card>
  );
}

/** The director's books: reconciliation, teachers' pay and the audit log (state in the URL). */
export default function Money() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const change = (values: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(values)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  const kind = (params.get("kind") ?? "") as EntryKind | "";
  const offset = Math.max(0, Number(params.get("offset") ?? 0) || 0);
  return (
    <Page title={t("books.heading")}>
      <div className="grid gap-4 lg:grid-cols-2">
        <Reconciliation />
        <TeachersPay
          month={params.get("month") ?? thisMonth()}
          onMonth={(month) => change({ month })}
        />
      </div>
      <AuditLog kind={kind} offset={offset} onChange={change} />
    </Page>
  );
}
