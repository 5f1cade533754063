import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, renderApp, signedInApi } from "./harness.tsx";

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

function course(title: string, percent: number, done: number, completedAt: string | null) {
  return {
    course: { id: title, title },
    required_lessons: 3,
    completed_lessons: done,
    percent,
    completed_at: completedAt,
    coins: completedAt ? 20 : 0,
    badge: completedAt ? "🏅" : null,
    certificate_code: null,
    lessons: [],
  };
}

describe("a parent's view of a child's courses", () => {
  it("shows each course the child began with its share done, and the completed ones", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/children/:id", ali)
      .on("GET /api/main/wallet/children/:id", { user_id: "c1", balance: 0, streak_days: 0 })
      .on("GET /api/main/children/:id/groups", [])
      .on("GET /api/main/children/:id/group-invitations", [])
      .on("GET /api/lessions/children/:id/progress", () =>
        json(200, [
          course("Sanaymiz", 100, 3, "2026-12-08T00:00:00Z"),
          course("Ertaklar", 33, 1, null),
        ]),
      );
    await renderApp("/children/c1", api);
    const card = (await screen.findByRole("heading", { name: "Alining kurslari" })).parentElement;
    if (!card) throw new Error("no card");
    const bars = within(card).getAllByRole("progressbar");
    expect(bars.map((bar) => bar.getAttribute("aria-valuenow"))).toEqual(["100", "33"]);
    expect(
      within(card).getByText(/3 ta darsdan 3 tasi tugagan · 8-dekabr, 2026 kuni/),
    ).toBeVisible();
    expect(within(card).getByText("3 ta darsdan 1 tasi tugagan")).toBeVisible();
    expect(api.called("GET", "/api/lessions/children/c1/progress")).toHaveLength(1);
  });
});
