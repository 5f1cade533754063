import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isWeek, shiftWeek, weekContaining, weekDays } from "../src/lib/weeks.ts";
import { path, renderApp, signedInApi } from "./harness.tsx";

const parent = { id: "p1", role: "parent", first_name: "Dilnoza" };
const ali = {
  child_id: "c1",
  name: "Ali Karimov",
  tests: [
    { title: "Harflar", score: 8, max_score: 10, submitted_at: "2026-12-01T09:00:00Z" },
    { title: "Sonlar", score: 7.5, max_score: 12.5, submitted_at: "2026-12-03T09:00:00Z" },
  ],
  average_percent: 70,
  games_played: 3,
  coins_earned: 45,
  coins_spent: 20,
};
const zarina = {
  child_id: "c2",
  name: "Zarina Karimova",
  tests: [],
  average_percent: null,
  games_played: 0,
  coins_earned: 0,
  coins_spent: 0,
};
const report = (week: string, children: unknown[]) => ({
  week,
  starts_at: "2026-11-29T19:00:00Z",
  ends_at: "2026-12-06T19:00:00Z",
  children,
});
const weekOf = (request: Request) => new URL(request.url).searchParams.get("week") ?? "";

afterEach(() => vi.useRealTimers());

describe("weeks", () => {
  it("counts ISO weeks by Tashkent's calendar, across years", () => {
    // Sunday 20:00 UTC is already Monday 01:00 in Tashkent: the next week.
    expect(weekContaining(new Date("2026-12-06T18:59:00Z"))).toBe("2026-W49");
    expect(weekContaining(new Date("2026-12-06T19:00:00Z"))).toBe("2026-W50");
    expect(shiftWeek("2026-W53", 1)).toBe("2027-W01");
    expect(shiftWeek("2026-W01", -1)).toBe("2025-W52");
    expect(weekDays("2026-W49")).toBe("30.11–06.12.2026");
    expect(isWeek("2026-W53")).toBe(true);
    expect(isWeek("2025-W53")).toBe(false);
    expect(isWeek("2026-49")).toBe(false);
  });
});

describe("the weekly report", () => {
  it("shows each child's tests with scores, the average, games and coins", async () => {
    const api = signedInApi(parent).on("GET /api/main/reports/weekly", (request: Request) =>
      Response.json(report(weekOf(request), [ali, zarina])),
    );
    await renderApp("/reports/weekly?week=2026-W49", api);
    const card = (await screen.findByRole("heading", { name: "Ali Karimov" })).parentElement;
    if (!card) throw new Error("no card");
    const stat = (label: string) => within(card).getByText(label).nextElementSibling?.textContent;
    expect(stat("Oʻrtacha ball")).toBe("70%");
    expect(stat("Oʻyinlar")).toBe("3");
    expect(stat("Topilgan tangalar")).toBe("+45");
    expect(stat("Sarflangan tangalar")).toBe("20");
    expect(within(card).getByText("Topshirilgan testlar: 2")).toBeInTheDocument();
    expect(within(card).getByText("Harflar")).toBeInTheDocument();
    expect(within(card).getByText("8 / 10")).toBeInTheDocument();
    expect(within(card).getByText("7,5 / 12,5")).toBeInTheDocument();
    expect(screen.getByText("Bu hafta hech narsa qilinmadi.")).toBeInTheDocument();
    expect(screen.getByText("30.11–06.12.2026")).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === "/api/main/reports/weekly?week=2026-W49")).toBe(true);
  });

  it("opens on this week in Tashkent and steps to the previous and back", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-06T20:00:00Z")); // Monday 01:00 in Tashkent
    const api = signedInApi(parent).on("GET /api/main/reports/weekly", (request: Request) =>
      Response.json(report(weekOf(request), weekOf(request) === "2026-W49" ? [ali] : [zarina])),
    );
    await renderApp("/reports/weekly", api);
    expect(await screen.findByText("07.12–13.12.2026")).toBeInTheDocument();
    expect(screen.getByText("Shu hafta")).toBeInTheDocument();
    // Nothing to see in the future: no next week from this one.
    expect(screen.queryByRole("link", { name: /Keyingi hafta/ })).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByRole("link", { name: /Oldingi hafta/ }));
    expect(await screen.findByText("30.11–06.12.2026")).toBeInTheDocument();
    expect(await screen.findByText("8 / 10")).toBeInTheDocument();
    expect(path()).toBe("/reports/weekly?week=2026-W49");
    await user.click(screen.getByRole("link", { name: /Keyingi hafta/ }));
    expect(await screen.findByText("07.12–13.12.2026")).toBeInTheDocument();
    await waitFor(() => expect(path()).toBe("/reports/weekly?week=2026-W50"));
    expect(api.called("GET", "/api/main/reports/weekly").map((c) => c.path)).toEqual([
      "/api/main/reports/weekly?week=2026-W50",
      "/api/main/reports/weekly?week=2026-W49",
    ]);
  });

  it("says so when there are no children to report on", async () => {
    const api = signedInApi(parent).on("GET /api/main/reports/weekly", report("2026-W49", []));
    await renderApp("/reports/weekly?week=2026-W49", api);
    expect(await screen.findByText("Hisobot uchun farzand yoʻq")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Farzand qoʻshish" })).toHaveAttribute(
      "href",
      "/children/new",
    );
  });

  it("is reached from the parent's home page", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/children", [])
      .on("GET /api/main/reports/weekly", report("2026-W49", [ali]));
    await renderApp("/home", api);
    await userEvent.setup().click(await screen.findByRole("link", { name: "Hisobotni ochish" }));
    expect(await screen.findByRole("heading", { name: "Ali Karimov" })).toBeInTheDocument();
    expect(path()).toBe("/reports/weekly");
  });
});
