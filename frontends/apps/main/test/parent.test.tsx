import { onlineManager } from "@tanstack/react-query";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, path, renderApp, signedInApi } from "./harness.tsx";

const parent = { id: "p1", role: "parent", first_name: "Dilnoza" };
const ali = {
  id: "c1",
  first_name: "Ali",
  last_name: "Karimov",
  username: "ali",
  status: "active",
  language: "uz",
  birth_date: "2018-03-08",
  grade: 2,
  school_name: "",
  avatar: "lion",
  relation: "mother",
  created_at: "2026-01-01T00:00:00Z",
  last_login_at: null,
  pin_failed_attempts: 0,
  pin_locked_until: null,
  covered_by_plan: false,
};

describe("parent home", () => {
  it("shows which children the plan covers, on each child and on the plan's card", async () => {
    const mine = {
      features: [],
      coverages: [],
      trial_available: false,
      trial_days: null,
      seats_left: 0,
      subscription: {
        plan: { id: "m", name: "Oila — 1 oy", features: [], max_children: 1 },
        starts_at: "2026-11-20T10:00:00Z",
        ends_at: "2099-12-20T10:00:00Z",
        is_active: true,
        is_trial: false,
        trial_used: true,
        periods: [],
      },
      children: [
        { child_id: "c1", first_name: "Ali", covered: true },
        { child_id: "c2", first_name: "Laylo", covered: false },
      ],
    };
    const laylo = { ...ali, id: "c2", first_name: "Laylo", covered_by_plan: false };
    await renderApp(
      "/home",
      signedInApi(parent)
        .on("GET /api/main/children", [{ ...ali, covered_by_plan: true }, laylo])
        .on("GET /api/main/subscriptions/me", mine),
    );
    const first = await screen.findByRole("link", { name: /Ali Karimov/ });
    expect(await within(first).findByText(/Tarifda/)).toBeInTheDocument();
    const second = screen.getByRole("link", { name: /Laylo Karimov/ });
    expect(within(second).getByText("Tarifsiz")).toBeInTheDocument();
    expect(screen.getByText("Tarifda: 1 / 2 farzand")).toBeInTheDocument();
  });

  it("shows a child locked out of PIN sign-in on the child's page", async () => {
    const locked = { ...ali, pin_failed_attempts: 5, pin_locked_until: "2099-01-01T10:00:00Z" };
    await renderApp("/children/c1", signedInApi(parent).on("GET /api/main/children/:id", locked));
    expect(
      await screen.findByText(/Ali hozir PIN bilan kira olmaydi: 5 marta notoʻgʻri PIN/),
    ).toBeInTheDocument();
  });

  it("tells the parent about wrong PINs that have not locked the child yet", async () => {
    const guessed = { ...ali, pin_failed_attempts: 2, pin_locked_until: null };
    await renderApp("/children/c1", signedInApi(parent).on("GET /api/main/children/:id", guessed));
    expect(await screen.findByText("Bugun notoʻgʻri PIN terildi: 2 marta.")).toBeInTheDocument();
    expect(screen.queryByText(/kira olmaydi/)).not.toBeInTheDocument();
  });

  it("lists the children", async () => {
    await renderApp("/home", signedInApi(parent).on("GET /api/main/children", [ali]));
    const link = await screen.findByRole("link", { name: /Ali Karimov/ });
    expect(link).toHaveAttribute("href", "/children/c1");
    expect(within(link).getByText(/@ali · 2-sinf/)).toBeInTheDocument();
    expect(within(link).getByText("Hali kirmagan")).toBeInTheDocument();
  });

  it("shows a friendly empty state with the way to add a child", async () => {
    await renderApp("/home", signedInApi(parent).on("GET /api/main/children", []));
    expect(await screen.findByText("Hali farzand qoʻshilmagan")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Farzand qoʻshish/ })).toHaveAttribute(
      "href",
      "/children/new",
    );
  });

  it("shows a load failure with a retry", async () => {
    let calls = 0;
    const api = signedInApi(parent).on("GET /api/main/children", () =>
      ++calls === 1 ? apiError(503, "service_unavailable") : json(200, [ali]),
    );
    await renderApp("/home", api);
    expect(await screen.findByText(/Xizmat vaqtincha ishlamayapti/)).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Qayta urinish" }));
    expect(await screen.findByRole("link", { name: /Ali Karimov/ })).toBeInTheDocument();
  });

  it("creates a family invitation code", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/children", [])
      .on("POST /api/main/family/invitations", () =>
        json(201, { code: "K7P2QX9A", expires_at: "2026-11-28T10:00:00Z" }),
      );
    await renderApp("/home", api);
    await userEvent.setup().click(await screen.findByRole("button", { name: "Kod yaratish" }));
    expect(await screen.findByText("K7P2QX9A")).toBeInTheDocument();
  });
});

describe("adding a child", () => {
  it("warns before adding a child the plan has no place for", async () => {
    const full = {
      features: [],
      coverages: [],
      subscription: null,
      trial_available: false,
      trial_days: null,
      children: [],
      seats_left: 0,
    };
    await renderApp(
      "/children/new",
      signedInApi(parent).on("GET /api/main/subscriptions/me", full),
    );
    expect(await screen.findByText(/barcha oʻrinlar band/)).toBeInTheDocument();
  });

  async function fill(pin: string, repeat: string) {
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/^Ismi/), "Laylo");
    await user.type(screen.getByLabelText(/^Login/), "laylo");
    await user.type(screen.getByLabelText(/^PIN kod( \*)?$/), pin);
    await user.type(screen.getByLabelText(/PIN kodni takrorlang/), repeat);
    await user.selectOptions(screen.getByLabelText("Sinf"), "4");
    await user.click(screen.getByRole("button", { name: "Farzandni qoʻshish" }));
    return user;
  }

  it("checks the PIN twice, creates the child and opens its page", async () => {
    const created = {
      ...ali,
      id: "c2",
      first_name: "Laylo",
      last_name: "",
      username: "laylo",
      grade: 4,
    };
    const api = signedInApi(parent)
      .on("POST /api/main/children", () => json(201, created))
      .on("GET /api/main/children/:id", created);
    await renderApp("/children/new", api);
    await fill("2024", "2025");
    expect(await screen.findByText("PIN kodlar bir xil emas.")).toBeInTheDocument();
    expect(api.called("POST", "/api/main/children")).toHaveLength(0);

    const user = userEvent.setup();
    await user.clear(screen.getByLabelText(/PIN kodni takrorlang/));
    await user.type(screen.getByLabelText(/PIN kodni takrorlang/), "2024");
    await user.click(screen.getByRole("button", { name: "Farzandni qoʻshish" }));
    await waitFor(() => expect(path()).toBe("/children/c2"));
    expect(api.called("POST", "/api/main/children")[0]?.body).toEqual({
      first_name: "Laylo",
      last_name: "",
      birth_date: null,
      grade: 4,
      school_name: "",
      username: "laylo",
      pin: "2024",
      relation: "guardian",
    });
    expect(await screen.findByText("Laylo qoʻshildi!")).toBeInTheDocument();
  });

  it("offline, says there is no connection at once and sends the child once only", async () => {
    const api = signedInApi(parent).on("POST /api/main/children", () => {
      throw new TypeError("Failed to fetch");
    });
    await renderApp("/children/new", api);
    await screen.findByLabelText(/^Ismi/);
    onlineManager.setOnline(false);
    try {
      await fill("2024", "2024");
      expect(await screen.findByText(/Internet bilan aloqa yoʻq/)).toBeInTheDocument();
      expect(api.called("POST", "/api/main/children")).toHaveLength(1);
      onlineManager.setOnline(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(api.called("POST", "/api/main/children")).toHaveLength(1);
    } finally {
      onlineManager.setOnline(true);
    }
  });

  it("sends one key per child: the same on a retry, a new one for a changed form", async () => {
    let answers = 0;
    const api = signedInApi(parent).on("POST /api/main/children", () => {
      answers += 1;
      return answers === 1 ? apiError(503, "service_unavailable") : apiError(409, "username_taken");
    });
    await renderApp("/children/new", api);
    const user = await fill("2024", "2024");
    await screen.findByRole("alert");
    await user.click(screen.getByRole("button", { name: "Farzandni qoʻshish" }));
    await waitFor(() => expect(api.called("POST", "/api/main/children")).toHaveLength(2));
    await user.type(screen.getByLabelText(/^Login/), "2");
    await user.click(screen.getByRole("button", { name: "Farzandni qoʻshish" }));
    await waitFor(() => expect(api.called("POST", "/api/main/children")).toHaveLength(3));
    const [first, retry, changed] = api
      .called("POST", "/api/main/children")
      .map((call) => call.idempotencyKey);
    expect(first).toMatch(/.{8,}/);
    expect(retry).toBe(first);
    expect(changed).not.toBe(first);
    expect(changed).toMatch(/.{8,}/);
  });

  it("shows a taken username at the username field", async () => {
    const api = signedInApi(parent).on("POST /api/main/children", () =>
      apiError(409, "username_taken"),
    );
    await renderApp("/children/new", api);
    await fill("2024", "2024");
    const field = await screen.findByLabelText(/^Login/);
    await waitFor(() => expect(field).toHaveAttribute("aria-invalid", "true"));
    expect(field).toHaveAccessibleDescription(/Bu login band/);
  });
});

describe("a child's page", () => {
  it("sets a new PIN", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/children/:id", ali)
      .on("PUT /api/main/children/:id/pin", () => new Response(null, { status: 204 }));
    await renderApp("/children/c1", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: /PIN kodni yangilash/ }));
    const dialog = screen.getByRole("dialog");
    await user.type(within(dialog).getByLabelText(/Yangi PIN/), "9876");
    await user.click(within(dialog).getByRole("button", { name: "Saqlash" }));
    expect(await screen.findByText("PIN yangilandi.")).toBeInTheDocument();
    expect(api.called("PUT", "/api/main/children/c1/pin")[0]?.body).toEqual({ pin: "9876" });
  });

  it("removes the child from the family after a confirmation", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/children/:id", ali)
      .on("GET /api/main/children", [])
      .on("DELETE /api/main/children/:id", () => new Response(null, { status: 204 }));
    await renderApp("/children/c1", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Oiladan olib tashlash" }));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByText("Ali oiladan olib tashlansinmi?")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Oiladan olib tashlash" }));
    await waitFor(() => expect(path()).toBe("/home"));
    expect(api.called("DELETE", "/api/main/children/c1")).toHaveLength(1);
  });

  it("says so when the child is not in this family", async () => {
    await renderApp(
      "/children/zzz",
      signedInApi(parent).on("GET /api/main/children/:id", () => apiError(404, "child_not_found")),
    );
    expect(await screen.findAllByText("Bunday farzand topilmadi.")).not.toHaveLength(0);
  });

  it("is only for parents", async () => {
    const teacher = { id: "t1", role: "teacher", first_name: "Jasur" };
    await renderApp("/children/new", signedInApi(teacher));
    await waitFor(() => expect(path()).toBe("/home"));
  });
});
