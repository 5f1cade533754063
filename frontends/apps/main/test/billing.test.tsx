import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiError, json, renderApp, signedInApi } from "./harness.tsx";

const parent = { id: "p1", role: "parent", first_name: "Dilnoza" };
const plan = (id: string, name: string, price: number) => ({
  id,
  code: id,
  name,
  description: "",
  audience: "family",
  price,
  duration_days: 30,
  features: ["olimp", "games_plus"],
  max_children: 3,
  is_active: true,
  sort_order: 0,
});
const month = plan("month", "Oila — 1 oy", 2_990_000);
const year = plan("year", "Oila — 1 yil", 29_900_000);
const none = {
  features: [],
  coverages: [],
  subscription: null,
  trial_available: true,
  trial_days: null,
  children: [],
  seats_left: null,
};
const held = (extra = {}) => ({
  plan: { ...month, max_children: 1 },
  starts_at: "2026-11-20T10:00:00Z",
  ends_at: "2026-12-20T10:00:00Z",
  is_active: true,
  is_trial: false,
  trial_used: true,
  periods: [],
  ...extra,
});
const order = (status: string, extra = {}) => ({
  id: "o1",
  plan_id: "month",
  plan_code: "month",
  plan_name: "Oila — 1 oy",
  organization_id: null,
  extend: false,
  base_amount: 2_990_000,
  discount: 0,
  amount: 2_990_000,
  status,
  provider: null,
  created_at: "2026-11-20T10:00:00Z",
  expires_at: "2026-11-21T10:00:00Z",
  paid_at: null,
  cancelled_at: null,
  refunded_at: null,
  ...extra,
});

function billing(mine: unknown = none) {
  return signedInApi(parent)
    .on("GET /api/main/subscriptions/me", mine)
    .on("GET /api/main/subscriptions/plans", [month, year])
    .on("GET /api/main/orders", { items: [], total: 0, limit: 10, offset: 0 });
}

describe("subscription and payments", () => {
  it("orders a plan with a promo code and says honestly that payments are not connected", async () => {
    const api = billing()
      .on("POST /api/main/orders", () =>
        json(201, order("pending", { discount: 299_000, amount: 2_691_000 })),
      )
      .on("GET /api/main/orders/:id/checkout", () => apiError(503, "payments_not_configured"));
    await renderApp("/subscription", api);
    const user = userEvent.setup();
    expect(await screen.findByText("29 900 soʻm")).toBeInTheDocument();
    await user.click(screen.getAllByRole("button", { name: "Tanlash" })[0] as HTMLElement);
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText("Promokod"), "yangi10");
    await user.click(within(dialog).getByRole("button", { name: "Buyurtma berish" }));
    expect(await within(dialog).findByText("26 910 soʻm")).toBeInTheDocument();
    const body = api.called("POST", "/api/main/orders")[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ plan_id: "month", extend: false, promo_code: "YANGI10" });
    expect(String(body.idempotency_key).length).toBeGreaterThanOrEqual(8);

    await user.click(within(dialog).getByRole("button", { name: "Payme" }));
    expect(
      await within(dialog).findByText("Bu toʻlov usuli hozircha mavjud emas."),
    ).toBeInTheDocument();
    expect(within(dialog).getByText(/toʻlov tizimi hali ulanmagan/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === "/api/main/orders/o1/checkout?provider=payme")).toBe(
      true,
    );
  });

  it("sends the parent to the provider's page", async () => {
    const assign = vi.fn();
    vi.stubGlobal("location", { ...window.location, assign });
    try {
      const api = billing()
        .on("POST /api/main/orders", () => json(201, order("pending")))
        .on("GET /api/main/orders/:id/checkout", {
          provider: "click",
          url: "https://my.click.uz/services/pay?x=1",
        });
      await renderApp("/subscription", api);
      const user = userEvent.setup();
      await user.click(
        (await screen.findAllByRole("button", { name: "Tanlash" }))[0] as HTMLElement,
      );
      await user.click(screen.getByRole("button", { name: "Buyurtma berish" }));
      await user.click(await screen.findByRole("button", { name: "Click" }));
      await waitFor(() =>
        expect(assign).toHaveBeenCalledWith("https://my.click.uz/services/pay?x=1"),
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("starts the free trial once", async () => {
    const trial = {
      ...none,
      trial_available: false,
      subscription: {
        plan: month,
        starts_at: "2026-11-20T10:00:00Z",
        ends_at: "2026-11-27T10:00:00Z",
        is_active: true,
        is_trial: true,
        trial_used: true,
        periods: [],
      },
    };
    const withTrial = { ...none, trial_days: 7 };
    let started = false;
    const api = billing()
      .on("GET /api/main/subscriptions/me", () => json(200, started ? trial : withTrial))
      .on("POST /api/main/subscriptions/trial", () => {
        started = true;
        return json(201, trial);
      });
    await renderApp("/subscription", api);
    expect(await screen.findByText("Bepul sinov 7 kun davom etadi.")).toBeInTheDocument();
    await userEvent
      .setup()
      .click(await screen.findByRole("button", { name: "Bepul sinovni boshlash" }));
    expect(await screen.findByText("Bepul sinov boshlandi!")).toBeInTheDocument();
    expect(screen.getByText("Sinov muddati")).toBeInTheDocument();
    expect(
      screen.queryByRole("button", { name: "Bepul sinovni boshlash" }),
    ).not.toBeInTheDocument();
  });

  it("extends an active plan only when asked, and only with the same plan", async () => {
    const active = {
      ...none,
      trial_available: false,
      subscription: {
        plan: month,
        starts_at: "2026-11-01T10:00:00Z",
        ends_at: "2026-12-01T10:00:00Z",
        is_active: true,
        is_trial: false,
        trial_used: true,
        periods: [],
      },
    };
    const api = billing(active).on("POST /api/main/orders", () =>
      json(201, order("pending", { extend: true })),
    );
    await renderApp("/subscription", api);
    const user = userEvent.setup();
    expect(await screen.findByText(/Boshqa tarifga joriy obuna tugagach/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Tanlash" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Uzaytirish" }));
    expect(screen.getByText(/joriy obunangiz tugaydigan kundan/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Uzaytirishga buyurtma berish" }));
    await waitFor(() =>
      expect(api.called("POST", "/api/main/orders")[0]?.body).toMatchObject({
        plan_id: "month",
        extend: true,
      }),
    );
  });

  it("explains a promo code that cannot be used", async () => {
    const api = billing().on("POST /api/main/subscriptions/promo/redeem", () =>
      apiError(409, "promo_code_already_used"),
    );
    await renderApp("/subscription", api);
    const user = userEvent.setup();
    const card = (await screen.findByText("Bepul kunlar uchun promokod")).closest(
      "div",
    ) as HTMLElement;
    await user.type(within(card).getByLabelText("Promokod"), "BAHOR");
    await user.click(within(card).getByRole("button", { name: "Qoʻllash" }));
    expect(await screen.findByText(/Siz bu promokoddan/)).toBeInTheDocument();
  });

  it("is not shown to a teacher", async () => {
    const teacher = { id: "t1", role: "teacher", first_name: "Jasur" };
    await renderApp("/subscription", signedInApi(teacher));
    await waitFor(() => expect(screen.queryByText("Tariflar")).not.toBeInTheDocument());
  });
});

describe("the payment return page", () => {
  beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  it("asks until the order is paid, then says so", async () => {
    let polls = 0;
    const api = billing({
      ...none,
      subscription: {
        plan: month,
        starts_at: "2026-11-20T10:00:00Z",
        ends_at: "2026-12-20T10:00:00Z",
        is_active: true,
        is_trial: false,
        trial_used: true,
        periods: [],
      },
    }).on("GET /api/main/orders/:id", () => json(200, order(++polls < 3 ? "paying" : "paid")));
    await renderApp("/payments/return?order_id=o1", api);
    expect(await screen.findByText("Toʻlov tasdiqlanmoqda…")).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(4500));
    expect(await screen.findByText("Toʻlov qabul qilindi!")).toBeInTheDocument();
    expect(await screen.findByText(/20-dekabr, 2026 gacha faol/)).toBeInTheDocument();
    const seen = polls;
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(polls).toBe(seen); // no more asking once it is paid
  });

  it("says when the payment did not go through", async () => {
    const api = billing().on("GET /api/main/orders/:id", order("cancelled"));
    await renderApp("/payments/return?order_id=o1", api);
    expect(await screen.findByText("Toʻlov bekor qilindi")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Tariflarga qaytish" })).toHaveAttribute(
      "href",
      "/subscription",
    );
  });

  it("stops asking after a while and offers to check again", async () => {
    const api = billing().on("GET /api/main/orders/:id", order("pending"));
    await renderApp("/payments/return?order_id=o1", api);
    expect(await screen.findByText("Toʻlov tasdiqlanmoqda…")).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(3 * 60_000 + 5000));
    expect(await screen.findByText("Tasdiq hali kelmadi")).toBeInTheDocument();
    const count = api.called("GET", "/api/main/orders/o1").length;
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(api.called("GET", "/api/main/orders/o1")).toHaveLength(count);
    await act(async () => {
      screen.getByRole("button", { name: "Yana tekshirish" }).click();
    });
    await waitFor(() =>
      expect(api.called("GET", "/api/main/orders/o1").length).toBeGreaterThan(count),
    );
  });

  it("says when the order is not this parent's", async () => {
    const api = billing().on("GET /api/main/orders/:id", () => apiError(404, "order_not_found"));
    await renderApp("/payments/return?order_id=nope", api);
    expect(await screen.findByText("Buyurtma topilmadi")).toBeInTheDocument();
  });

  it("asks for the plans and the family's plan in the page's language", async () => {
    const api = billing();
    await renderApp("/subscription", api);
    await screen.findByText("29 900 soʻm");
    expect(api.called("GET", "/api/main/subscriptions/plans")[0]?.path).toContain("language=uz");
    expect(api.called("GET", "/api/main/subscriptions/me")[0]?.path).toContain("language=uz");
  });

  it("warns before paying during a trial that the trial's days end", async () => {
    const api = billing({
      ...none,
      trial_available: false,
      subscription: held({ is_trial: true, ends_at: "2026-11-27T10:00:00Z" }),
    });
    await renderApp("/subscription", api);
    const user = userEvent.setup();
    await user.click((await screen.findAllByRole("button", { name: "Tanlash" }))[0] as HTMLElement);
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByText(/sinovning qolgan kunlari tugaydi/)).toBeInTheDocument();
  });

  it("shows which children the plan covers and lets the parent choose the covered child", async () => {
    const children = [
      { child_id: "c1", first_name: "Ali", covered: true },
      { child_id: "c2", first_name: "Laylo", covered: false },
    ];
    const mine = { ...none, trial_available: false, subscription: held(), children, seats_left: 0 };
    const api = billing(mine).on("PUT /api/main/subscriptions/covered-children", () =>
      json(200, mine),
    );
    await renderApp("/subscription", api);
    const user = userEvent.setup();
    const list = (await screen.findByRole("heading", { name: /qaysi farzandlarni/ }))
      .parentElement as HTMLElement;
    expect(within(list).getByText("Ali").closest("li")).toHaveTextContent("Tarifda");
    expect(within(list).getByText("Laylo").closest("li")).toHaveTextContent("Tarifsiz");

    await user.click(screen.getByRole("button", { name: "Farzandlarni tanlash" }));
    const dialog = screen.getByRole("dialog");
    const ali = within(dialog).getByRole("checkbox", { name: "Ali" });
    const laylo = within(dialog).getByRole("checkbox", { name: "Laylo" });
    expect(laylo).toBeDisabled(); // a one-child plan: untick Ali first
    await user.click(ali);
    await user.click(laylo);
    await user.click(within(dialog).getByRole("button", { name: "Saqlash" }));
    await waitFor(() =>
      expect(api.called("PUT", "/api/main/subscriptions/covered-children")[0]?.body).toEqual({
        child_ids: ["c2"],
      }),
    );
  });
});
