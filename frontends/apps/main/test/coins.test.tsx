import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, renderApp, signedInApi } from "./harness.tsx";

const child = { id: "c1", role: "student", first_name: "Ali" };
const parent = { id: "p1", role: "parent", first_name: "Dilnoza" };
const studentProfile = {
  student_profile: { avatar: "lion", birth_date: null, grade: 2, school_name: "" },
};

function transaction(n: number, source = "games", amount = 5) {
  return {
    id: `t${n}`,
    kind: amount > 0 ? "reward" : "spend",
    source,
    amount,
    balance_after: 100,
    reference: null,
    description: source === "shop" ? "Sher" : "",
    created_at: "2026-11-20T10:00:00Z",
  };
}

function page(items: unknown[], total = items.length, offset = 0) {
  return { items, total, limit: 20, offset };
}

describe("a child's coins", () => {
  it("shows the balance, the streak and what was earned lately on the home page", async () => {
    const api = signedInApi(child, studentProfile)
      .on("GET /api/main/wallet", { user_id: "c1", balance: 135, streak_days: 3 })
      .on("GET /api/main/wallet/transactions", page([transaction(1), transaction(2, "shop", -50)]))
      .on("GET /api/main/shop/inventory", []);
    await renderApp("/home", api);
    expect(await screen.findByText("135")).toBeInTheDocument();
    expect(screen.getByText("3 kun ketma-ket")).toBeInTheDocument();
    const recent = await screen.findByRole("heading", { name: /Yaqinda yigʻganlaring/ });
    // Only what was earned, not what was spent.
    const list = within(recent.parentElement as HTMLElement).getAllByRole("listitem");
    expect(list).toHaveLength(1);
    expect(list[0]).toHaveTextContent("Oʻyinlar");
    expect(screen.getByRole("link", { name: /Doʻkon/ })).toHaveAttribute("href", "/shop");
    // A child is never offered a subscription.
    expect(screen.queryByText(/Obuna|tarif/i)).not.toBeInTheDocument();
    expect(api.called("GET", "/api/main/subscriptions/plans")).toHaveLength(0);
  });

  it("invites a child with no streak to start one", async () => {
    const api = signedInApi(child, studentProfile)
      .on("GET /api/main/wallet", { user_id: "c1", balance: 0, streak_days: 0 })
      .on("GET /api/main/wallet/transactions", page([]));
    await renderApp("/wallet", api);
    expect(await screen.findByText("Bugun tanga yigʻ — seriyani boshla!")).toBeInTheDocument();
    expect(await screen.findByText("Hali tanga yoʻq")).toBeInTheDocument();
  });

  it("filters the history by source and pages through it", async () => {
    const api = signedInApi(child, studentProfile)
      .on("GET /api/main/wallet", { user_id: "c1", balance: 135, streak_days: 1 })
      .on("GET /api/main/wallet/transactions", (request: Request) => {
        const url = new URL(request.url);
        const offset = Number(url.searchParams.get("offset"));
        const source = url.searchParams.get("source");
        if (source === "tests") return json(200, page([]));
        return json(
          200,
          page(
            Array.from({ length: offset ? 5 : 20 }, (_, i) => transaction(offset + i)),
            25,
            offset,
          ),
        );
      });
    await renderApp("/wallet", api);
    expect(await screen.findByText("1 / 2")).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: /Eskilari/ }));
    expect(await screen.findByText("2 / 2")).toBeInTheDocument();
    expect(api.calls.some((c) => c.path.includes("offset=20"))).toBe(true);
    await user.click(screen.getByRole("button", { name: /Testlar/ }));
    expect(await screen.findByText("Bu yerdan hali tanga kelmagan.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Testlar/ })).toHaveAttribute("aria-pressed", "true");
    expect(
      api.calls.some((c) => c.path.includes("source=tests") && c.path.includes("offset=0")),
    ).toBe(true);
  });
});

describe("a parent's view of the coins", () => {
  it("lists each child's coins and streak, and opens one child's history", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/wallet", { user_id: "p1", balance: 0, streak_days: 0 })
      .on("GET /api/main/wallet/children", [
        { user_id: "c1", first_name: "Ali", last_name: "Karimov", balance: 120, streak_days: 4 },
      ])
      .on("GET /api/main/children/:id", {
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
      })
      .on("GET /api/main/wallet/children/:id", { user_id: "c1", balance: 120, streak_days: 4 })
      .on("GET /api/main/wallet/children/:id/transactions", page([transaction(1)]));
    await renderApp("/wallet", api);
    const link = await screen.findByRole("link", { name: /Ali Karimov/ });
    expect(link).toHaveTextContent("4 kun ketma-ket");
    // A parent has no coins of their own: no empty wallet of theirs is shown.
    expect(screen.queryByText("Sizning tangalaringiz")).not.toBeInTheDocument();
    await userEvent.setup().click(link);
    expect(
      await screen.findByRole("heading", { name: "Ali Karimov: tangalar" }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(api.called("GET", "/api/main/wallet/children/c1/transactions")).toHaveLength(1),
    );
  });

  it("says so when the child is not theirs", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/children/:id", () => apiError(404, "child_not_found"))
      .on("GET /api/main/wallet/children/:id", () => apiError(404, "child_not_found"));
    await renderApp("/children/zz/coins", api);
    expect(await screen.findAllByText("Bunday farzand topilmadi.")).not.toHaveLength(0);
  });
});
