import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, signedInApi } from "./harness.tsx";

const parent = { id: "p1", role: "parent", first_name: "Dilnoza" };
const ali = {
  id: "c1",
  first_name: "Ali",
  last_name: "Karimov",
  username: "ali",
  status: "active",
  avatar: "",
  grade: 2,
  birth_date: null,
  school_name: "",
  relation: "mother",
  language: "uz",
  created_at: "2026-01-01T00:00:00Z",
  last_login_at: null,
  pin_failed_attempts: 0,
  pin_locked_until: null,
  covered_by_plan: false,
};

function progress(code: string, statuses: string[]) {
  const count = (s: string) => statuses.filter((x) => x === s).length;
  return {
    alphabet: code,
    mastered: count("mastered"),
    learning: count("learning"),
    not_started: count("not_started"),
    open_letters: 5,
    letters: statuses.map((status, i) => ({
      letter: i + 1,
      upper: "ABDEF"[i] ?? "?",
      status,
      box: 0,
      right: 0,
      wrong: 0,
    })),
  };
}

function childPage() {
  return signedInApi(parent)
    .on("GET /api/main/children/:id", ali)
    .on("GET /api/main/wallet/children/:id", { user_id: "c1", balance: 120, streak_days: 0 })
    .on("GET /api/main/children/:id/groups", [])
    .on("GET /api/main/children/:id/group-invitations", []);
}

describe("a parent's view of a child's letters", () => {
  it("shows each alphabet the child began, letter by letter", async () => {
    const api = childPage().on(
      "GET /api/harf/children/:id/alphabets/:code/progress",
      (_request: Request, params: Record<string, string>) =>
        json(
          200,
          params.code === "uz-Latn"
            ? progress("uz-Latn", ["mastered", "learning", "not_started"])
            : progress(params.code ?? "", ["not_started", "not_started"]),
        ),
    );
    await renderApp("/children/c1", api);
    const card = (await screen.findByRole("heading", { name: "Alining harflari" })).parentElement;
    if (!card) throw new Error("no card");
    expect(
      within(card).getByText("1 oʻrganildi, 1 oʻrganilmoqda, 1 boshlanmagan"),
    ).toBeInTheDocument();
    expect(within(card).getByText("A: oʻrganildi")).toBeInTheDocument();
    expect(within(card).getByText("B: oʻrganilmoqda")).toBeInTheDocument();
    expect(within(card).queryByText(/Rus/)).not.toBeInTheDocument(); // not begun: not listed
    expect(api.called("GET", "/api/harf/children/c1/alphabets/uz-Latn/progress")).toHaveLength(1);
  });

  it("says when the child has not begun, and shows nothing when harf is down", async () => {
    const api = childPage().on("GET /api/harf/children/:id/alphabets/:code/progress", () =>
      json(200, progress("ru", ["not_started"])),
    );
    const view = await renderApp("/children/c1", api);
    expect(await screen.findByText("Hali harf oʻrganishni boshlamagan.")).toBeInTheDocument();
    view.unmount();

    const down = childPage().on("GET /api/harf/children/:id/alphabets/:code/progress", () =>
      apiError(503, "service_unavailable"),
    );
    await renderApp("/children/c1", down);
    await screen.findByRole("heading", { name: "Ali Karimov" });
    await waitFor(() =>
      expect(down.calls.filter((c) => c.path.startsWith("/api/harf/")).length).toBeGreaterThan(3),
    );
    expect(screen.queryByRole("heading", { name: "Alining harflari" })).not.toBeInTheDocument();
  });
});
