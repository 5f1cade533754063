import { useAuth } from "@alif/auth";
import { formatDate, useTranslation } from "@alif/i18n";
import { Button, cx, Field, Input, Page, QueryState, Select } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { type Columns, DataTable } from "../components/DataTable.tsx";
import { LeadBoard } from "../components/LeadBoard.tsx";
import { NewLeadDialog } from "../components/LeadForm.tsx";
import { useOffice } from "../lib/office.ts";
import {
  boardQuery,
  type Lead,
  leadPageQuery,
  SOURCES,
  type Stage,
  stagesQuery,
} from "../lib/queries.ts";
import type { TableSpec } from "../lib/tableState.ts";
import { useTableState } from "../lib/useTableState.ts";

export const LEAD_TABLE: TableSpec = {
  filters: ["q", "status", "stage_id", "source", "next_step_by"],
  sorts: ["created_at", "name", "next_step_on"],
  defaultSort: "-created_at",
};

function useLeadColumns(stages: Stage[]): Columns<Lead> {
  const { t, i18n } = useTranslation();
  const office = useOffice();
  return useMemo(() => {
    const stageName = new Map(stages.map((s) => [s.id, s.name]));
    return [
      {
        id: "name",
        accessorKey: "name",
        header: () => t("label.name"),
        cell: ({ row }) => (
          <Link
            to={office.to(`leads/${row.original.id}`)}
            className="inline-flex min-h-11 items-center font-bold text-brand-800 hover:underline"
          >
            {row.original.name}
          </Link>
        ),
      },
      { id: "phone", accessorKey: "phone", header: () => t("label.phone"), enableSorting: false },
      {
        id: "source",
        header: () => t("label.source"),
        enableSorting: false,
        cell: ({ row }) => t(`sources.${row.original.source}`),
      },
      {
        id: "stage",
        header: () => t("label.stage"),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.status === "open"
            ? stageName.get(row.original.stage_id)
            : t(`status.${row.original.status}`),
      },
      {
        id: "next_step_on",
        accessorKey: "next_step_on",
        header: () => t("leads.nextStep"),
        cell: ({ row }) => formatDate(row.original.next_step_on, i18n.language),
      },
      {
        id: "created_at",
        accessorKey: "created_at",
        header: () => t("label.createdAt"),
        cell: ({ row }) => formatDate(row.original.created_at, i18n.language),
      },
    ] satisfies Columns<Lead>;
  }, [t, i18n.language, office, stages]);
}

/** The filters above the table; the search box changes the address on submit, not per key. */
function LeadFilters(props: {
  stages: Stage[];
  filters: Record<string, string>;
  onChange(filters: Record<string, string | null>): void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState(props.filters.q ?? "");
  const search = (event: FormEvent) => {
    event.preventDefault();
    props.onChange({ q });
  };
  return (
    <form
      onSubmit={search}
      className="grid gap-3 rounded-[var(--radius-card)] bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-5"
    >
      <Field label={t("filters.q")} className="lg:col-span-2">
        <Input value={q} onChange={(e) => setQ(e.target.value)} type="search" />
      </Field>
      <Field label={t("label.status")}>
        <Select
          value={props.filters.status ?? ""}
          onChange={(e) => props.onChange({ status: e.target.value })}
        >
          <option value="">{t("filters.all")}</option>
          {(["open", "won", "lost"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("label.stage")}>
        <Select
          value={props.filters.stage_id ?? ""}
          onChange={(e) => props.onChange({ stage_id: e.target.value })}
        >
          <option value="">{t("filters.all")}</option>
          {props.stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("label.source")}>
        <Select
          value={props.filters.source ?? ""}
          onChange={(e) => props.onChange({ source: e.target.value })}
        >
          <option value="">{t("filters.all")}</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`sources.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("filters.nextStepBy")}>
        <Input
          type="date"
          value={props.filters.next_step_by ?? ""}
          onChange={(e) => props.onChange({ next_step_by: e.target.value })}
        />
      </Field>
      <div className="flex items-end lg:col-span-4">
        <Button type="submit" variant="secondary">
          {t("filters.search")}
        </Button>
      </div>
    </form>
  );
}

function LeadTable(props: { stages: Stage[] }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const [state, change] = useTableState(LEAD_TABLE);
  const page = useQuery(leadPageQuery(api, office.id, state));
  const columns = useLeadColumns(props.stages);
  return (
    <div className="flex flex-col gap-4">
      <LeadFilters
        key={state.filters.q ?? ""}
        stages={props.stages}
        filters={state.filters}
        onChange={(filters) => change({ filters })}
      />
      <QueryState query={page}>
        {(data) => (
          <DataTable
            caption={t("leads.heading")}
            columns={columns}
            rows={data.items}
            total={data.total}
            state={state}
            onChange={change}
            busy={page.isPlaceholderData}
          />
        )}
      </QueryState>
    </div>
  );
}

function Board(props: { stages: Stage[] }) {
  const { api } = useAuth();
  const office = useOffice();
  const leads = useQuery(boardQuery(api, office.id));
  return (
    <QueryState query={leads}>
      {(page) => <LeadBoard stages={props.stages} leads={page.items} />}
    </QueryState>
  );
}

/** The pipeline: a board of the open leads by stage, or a table of every lead. */
export default function Leads() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const office = useOffice();
  const [params] = useSearchParams();
  const [adding, setAdding] = useState(false);
  const stages = useQuery(stagesQuery(api, office.id));
  const view = params.get("view") === "table" ? "table" : "board";
  const tab = (name: "board" | "table") => (
    <Link
      to={name === "table" ? "?view=table" : "?"}
      aria-current={view === name ? "page" : undefined}
      className={cx(
        "inline-flex min-h-12 items-center rounded-xl px-4 font-bold",
        view === name ? "bg-ink text-white" : "text-brand-800 hover:bg-brand-50",
      )}
    >
      {t(`leads.${name}`)}
    </Link>
  );
  return (
    <Page
      title={t("leads.heading")}
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <nav
            aria-label={t("leads.views")}
            className="flex gap-1 rounded-2xl bg-white p-1 ring-1 ring-slate-200"
          >
            {tab("board")}
            {tab("table")}
          </nav>
          <Button onClick={() => setAdding(true)} disabled={!stages.data}>
            {t("leads.new")}
          </Button>
        </div>
      }
    >
      <QueryState query={stages}>
        {(list) => (
          <>
            {view === "table" ? <LeadTable stages={list} /> : <Board stages={list} />}
            {adding ? <NewLeadDialog open stages={list} onClose={() => setAdding(false)} /> : null}
          </>
        )}
      </QueryState>
    </Page>
  );
}
