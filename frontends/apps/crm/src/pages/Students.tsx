import { call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { formatDate, formatSoum, useTranslation } from "@alif/i18n";
import { formError } from "@alif/i18n/forms";
import { Alert, Button, Dialog, Field, Input, Page, QueryState } from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { type Columns, DataTable } from "../components/DataTable.tsx";
import {
  STUDENT_FIELDS,
  StudentFields,
  studentBody,
  studentDraft,
} from "../components/StudentForm.tsx";
import { useOffice } from "../lib/office.ts";
import { keys, type Student, studentName, studentPageQuery } from "../lib/queries.ts";
import type { TableSpec } from "../lib/tableState.ts";
import { useTableState } from "../lib/useTableState.ts";

export const STUDENT_TABLE: TableSpec = {
  filters: ["q", "phone"],
  sorts: ["name", "created_at"],
  defaultSort: "name",
};

function NewStudentDialog(props: { onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(studentDraft);
  const [key] = useState(() => crypto.randomUUID());
  const add = useMutation({
    mutationFn: () =>
      call(
        api.crm.POST("/api/crm/organizations/{organization_id}/students", {
          params: { path: { organization_id: office.id } },
          body: { ...studentBody(draft), idempotency_key: key },
        }),
      ),
    onSuccess: (student) => {
      void client.invalidateQueries({ queryKey: keys.students(office.id) });
      navigate(office.to(`students/${student.id}`));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const banner = formError(add.error, t, [...STUDENT_FIELDS]);
  return (
    <Dialog open onClose={props.onClose} title={t("students.new")}>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <StudentFields draft={draft} onChange={setDraft} error={add.error} />
        {banner ? <Alert tone="error">{banner}</Alert> : null}
        <div className="flex justify-end gap-3">
          <Button variant="secondary" onClick={props.onClose}>
            {t("actions.cancel")}
          </Button>
          <Button type="submit" loading={add.isPending} disabled={!draft.first_name.trim()}>
            {t("actions.add")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export default function Students() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const [state, change] = useTableState(STUDENT_TABLE);
  const page = useQuery(studentPageQuery(api, office.id, state));
  const [adding, setAdding] = useState(false);
  const [q, setQ] = useState(state.filters.q ?? "");
  const [phone, setPhone] = useState(state.filters.phone ?? "");
  const columns = useMemo(
    () =>
      [
        {
          id: "name",
          accessorFn: (row: Student) => studentName(row),
          header: () => t("label.name"),
          cell: ({ row }) => (
            <Link
              to={office.to(`students/${row.original.id}`)}
              className="inline-flex min-h-11 items-center font-bold text-brand-800 hover:underline"
            >
              {studentName(row.original)}
            </Link>
          ),
        },
        {
          id: "phone",
          header: () => t("label.phone"),
          enableSorting: false,
          cell: ({ row }) => row.original.phone ?? "—",
        },
        {
          id: "parent",
          header: () => t("label.parent"),
          enableSorting: false,
          cell: ({ row }) =>
            [row.original.parent_name, row.original.parent_phone].filter(Boolean).join(" · ") ||
            "—",
        },
        {
          id: "debt",
          header: () => t("debtors.debt"),
          enableSorting: false,
          cell: ({ row }) =>
            row.original.debt > 0 ? (
              <span className="font-bold text-red-800">
                {formatSoum(row.original.debt, i18n.language)}
              </span>
            ) : (
              "—"
            ),
        },
        {
          id: "created_at",
          accessorKey: "created_at",
          header: () => t("label.createdAt"),
          cell: ({ row }) => formatDate(row.original.created_at, i18n.language),
        },
      ] satisfies Columns<Student>,
    [t, i18n.language, office],
  );
  const search = (event: FormEvent) => {
    event.preventDefault();
    change({ filters: { q, phone } });
  };
  return (
    <Page
      title={t("students.heading")}
      actions={
        office.can("manage_students") ? (
          <Button onClick={() => setAdding(true)}>{t("students.new")}</Button>
        ) : null
      }
    >
      <form
        onSubmit={search}
        className="grid gap-3 rounded-[var(--radius-card)] bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      >
        <Field label={t("filters.name")}>
          <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </Field>
        <Field label={t("filters.phone")}>
          <Input
            type="tel"
            inputMode="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
        </Field>
        <Button type="submit" variant="secondary">
          {t("filters.search")}
        </Button>
      </form>
      <QueryState query={page}>
        {(data) => (
          <DataTable
            caption={t("students.heading")}
            columns={columns}
            rows={data.items}
            total={data.total}
            state={state}
            onChange={change}
            busy={page.isPlaceholderData}
          />
        )}
      </QueryState>
      {adding ? <NewStudentDialog onClose={() => setAdding(false)} /> : null}
    </Page>
  );
}
