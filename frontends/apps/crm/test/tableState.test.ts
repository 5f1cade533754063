// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  fromSorting,
  readTableState,
  toQuery,
  toSorting,
  writeTableState,
} from "../src/lib/tableState.ts";
import { LEAD_TABLE } from "../src/pages/Leads.tsx";

const read = (query: string) => readTableState(new URLSearchParams(query), LEAD_TABLE);
const write = (query: string, change: Parameters<typeof writeTableState>[2]) =>
  writeTableState(new URLSearchParams(query), LEAD_TABLE, change).toString();

describe("a table's state in the address", () => {
  it("reads page, size, sort and the known filters", () => {
    expect(read("page=3&size=50&sort=name&source=telegram&q=Ali&colour=red")).toEqual({
      page: 3,
      size: 50,
      sort: "name",
      filters: { source: "telegram", q: "Ali" },
    });
  });

  it("falls back to the defaults for what is missing or malformed", () => {
    expect(read("page=-2&size=7&sort=password")).toEqual({
      page: 1,
      size: 20,
      sort: "-created_at",
      filters: {},
    });
    expect(read("page=abc&q=%20%20")).toMatchObject({ page: 1, filters: {} });
  });

  it("starts again at page one when the sort, a filter or the size changes", () => {
    expect(write("page=4&source=instagram", { sort: "name" })).toBe("source=instagram&sort=name");
    expect(write("page=4&sort=name", { filters: { q: "Vali" } })).toBe("sort=name&q=Vali");
    expect(write("page=4", { size: 50 })).toBe("size=50");
  });

  it("keeps the filters when only the page changes, and leaves defaults out", () => {
    expect(write("q=Ali&sort=name", { page: 2 })).toBe("q=Ali&sort=name&page=2");
    expect(write("page=2&sort=name", { page: 1 })).toBe("sort=name");
    expect(write("sort=name", { sort: "-created_at" })).toBe("");
    expect(write("size=50", { size: 20 })).toBe("");
  });

  it("drops a filter that is cleared", () => {
    expect(write("source=telegram&q=Ali", { filters: { source: "", q: " Ali " } })).toBe("q=Ali");
  });

  it("turns the state into the list endpoint's query", () => {
    expect(toQuery(read("page=3&size=50&sort=name&status=open"))).toEqual({
      limit: 50,
      offset: 100,
      sort: "name",
      status: "open",
    });
  });

  it("converts between the address's sort and the table library's", () => {
    expect(toSorting("-next_step_on")).toEqual([{ id: "next_step_on", desc: true }]);
    expect(toSorting(null)).toEqual([]);
    expect(fromSorting([{ id: "name", desc: false }])).toBe("name");
    expect(fromSorting([])).toBeNull();
  });
});
