/**
 * A server-side table's state in the address: page, page size, sort and filters, so a list can be
 * shared, bookmarked and come back with the browser's back button exactly as it was left.
 */

export interface TableState {
  /** 1-based, as people read it in the address. */
  page: number;
  size: number;
  /** A column, with a leading "-" for descending; null for the server's own order. */
  sort: string | null;
  filters: Record<string, string>;
}

export interface TableSpec {
  filters: readonly string[];
  sorts: readonly string[];
  defaultSort: string | null;
  sizes?: readonly number[];
}

export const PAGE_SIZES = [20, 50, 100] as const;

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/** The state the address says; anything unknown or malformed falls back to the default. */
export function readTableState(params: URLSearchParams, spec: TableSpec): TableState {
  const sizes = spec.sizes ?? PAGE_SIZES;
  const size = positive(params.get("size"), sizes[0] ?? 20);
  const sort = params.get("sort");
  const filters: Record<string, string> = {};
  for (const key of spec.filters) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return {
    page: positive(params.get("page"), 1),
    size: sizes.includes(size) ? size : (sizes[0] ?? 20),
    sort: sort && spec.sorts.includes(sort.replace(/^-/, "")) ? sort : spec.defaultSort,
    filters,
  };
}

/**
 * The address after a change. Changing the sort, a filter or the page size starts again at page
 * one (page 7 of another order is a different list); defaults are left out of the address.
 */
export function writeTableState(
  params: URLSearchParams,
  spec: TableSpec,
  change: Partial<Omit<TableState, "filters">> & { filters?: Record<string, string | null> },
): URLSearchParams {
  const next = new URLSearchParams(params);
  const resetsPage =
    change.sort !== undefined || change.size !== undefined || change.filters !== undefined;
  const page = change.page ?? (resetsPage ? 1 : readTableState(params, spec).page);
  if (page > 1) next.set("page", String(page));
  else next.delete("page");
  if (change.size !== undefined) {
    if (change.size === (spec.sizes ?? PAGE_SIZES)[0]) next.delete("size");
    else next.set("size", String(change.size));
  }
  if (change.sort !== undefined) {
    if (change.sort === null || change.sort === spec.defaultSort) next.delete("sort");
    else next.set("sort", change.sort);
  }
  for (const [key, value] of Object.entries(change.filters ?? {})) {
    if (value?.trim()) next.set(key, value.trim());
    else next.delete(key);
  }
  return next;
}

export interface Sorting {
  id: string;
  desc: boolean;
}

/** "-name" → [{ id: "name", desc: true }], the table library's shape. */
export function toSorting(sort: string | null): Sorting[] {
  if (!sort) return [];
  return [{ id: sort.replace(/^-/, ""), desc: sort.startsWith("-") }];
}

export function fromSorting(sorting: readonly Sorting[]): string | null {
  const first = sorting[0];
  if (!first) return null;
  return `${first.desc ? "-" : ""}${first.id}`;
}

/** The list endpoint's query: limit and offset for the page, the sort, the filters. */
export function toQuery(state: TableState): Record<string, string | number> {
  return {
    limit: state.size,
    offset: (state.page - 1) * state.size,
    ...(state.sort ? { sort: state.sort } : {}),
    ...state.filters,
  };
}
