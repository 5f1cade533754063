import { useTranslation } from "@alif/i18n";
import { Button, cx, Select } from "@alif/ui";
import {
  type ColumnDef,
  type RowData,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { useId } from "react";
import {
  fromSorting,
  PAGE_SIZES,
  type Sorting,
  type TableState,
  toSorting,
} from "../lib/tableState.ts";

export const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });
// The cells' value types differ column by column; the table library's own examples type the
// list with `any` for that reason.
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Columns<T extends RowData> = ColumnDef<typeof features, T, any>[];

function arrow(sorted: false | "asc" | "desc"): string {
  if (sorted === "asc") return "▲";
  if (sorted === "desc") return "▼";
  return "↕";
}

/**
 * A page of a server-side list. The server sorts and pages; the table only draws the page and
 * turns header clicks and page buttons into a new state, which the page writes to the address.
 */
export function DataTable<T extends RowData & { id: string }>(props: {
  caption: string;
  columns: Columns<T>;
  rows: T[];
  total: number;
  state: TableState;
  onChange(change: { sort?: string | null; page?: number; size?: number }): void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const sizeId = useId();
  const sorting = toSorting(props.state.sort);
  const pagination = { pageIndex: props.state.page - 1, pageSize: props.state.size };
  const table = useTable({
    features,
    columns: props.columns,
    data: props.rows,
    getRowId: (row: T) => row.id,
    rowCount: props.total,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    // Ascending first, then descending, then the server's own order.
    sortDescFirst: false,
    state: { sorting, pagination },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      props.onChange({ sort: fromSorting(next as Sorting[]) });
    },
    onPaginationChange: (updater) => {
      const next = typeof updater === "function" ? updater(pagination) : updater;
      if (next.pageSize !== pagination.pageSize) props.onChange({ size: next.pageSize });
      else props.onChange({ page: next.pageIndex + 1 });
    },
  });
  const pages = Math.max(1, Math.ceil(props.total / props.state.size));
  const from = props.total === 0 ? 0 : (props.state.page - 1) * props.state.size + 1;
  const to = Math.min(props.total, props.state.page * props.state.size);
  return (
    <div className="flex flex-col gap-3">
      <div className="overflow-x-auto rounded-[var(--radius-card)] bg-white shadow-sm ring-1 ring-slate-200">
        <table className={cx("w-full text-left", props.busy && "opacity-60")}>
          <caption className="sr-only">{props.caption}</caption>
          <thead className="bg-slate-50 text-muted text-sm">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const label = header.isPlaceholder ? null : <table.FlexRender header={header} />;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className="px-4 py-2 font-bold"
                      aria-sort={
                        sorted === "asc"
                          ? "ascending"
                          : sorted === "desc"
                            ? "descending"
                            : undefined
                      }
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="inline-flex min-h-11 items-center gap-1.5 rounded-lg hover:text-ink"
                        >
                          {label}
                          <span aria-hidden="true" className="text-xs">
                            {arrow(sorted)}
                          </span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-brand-50/40">
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="px-4 py-2 align-middle">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {props.rows.length === 0 ? (
          <p className="px-4 py-8 text-center text-muted">{t("table.empty")}</p>
        ) : null}
      </div>
      <nav
        aria-label={t("table.pages")}
        className="flex flex-wrap items-center justify-between gap-3 text-muted"
      >
        <p aria-live="polite">{t("table.range", { from, to, total: props.total })}</p>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={sizeId} className="font-bold text-sm">
            {t("table.size")}
          </label>
          <div className="w-24">
            <Select
              id={sizeId}
              value={props.state.size}
              onChange={(e) => table.setPageSize(Number(e.target.value))}
            >
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </div>
          <Button
            variant="secondary"
            onClick={() => table.previousPage()}
            disabled={props.state.page <= 1}
          >
            {t("table.previous")}
          </Button>
          <span className="min-w-16 text-center font-bold text-ink">
            {t("table.page", { page: props.state.page, pages })}
          </span>
          <Button
            variant="secondary"
            onClick={() => table.nextPage()}
            disabled={props.state.page >= pages}
          >
            {t("table.next")}
          </Button>
        </div>
      </nav>
    </div>
  );
}
