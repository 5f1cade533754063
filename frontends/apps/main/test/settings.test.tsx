import { loadPreferences } from "@alif/app/preferences";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, path, renderApp, signedInApi } from "./harness.tsx";

const parent = { id: "p1", role: "parent", first_name: "Dilnoza" };
const sessions = [
  {
    id: "s1",
    kind: "web",
    user_agent:
      "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36",
    ip_address: "10.0.0.1",
    created_at: "2026-11-01T10:00:00Z",
    last_used_at: "2026-11-27T10:00:00Z",
    current: true,
  },
  {
    id: "s2",
    kind: "web",
    user_agent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/131.0",
    ip_address: "10.0.0.2",
    created_at: "2026-10-01T10:00:00Z",
    last_used_at: "2026-11-20T08:30:00Z",
    current: false,
  },
];

describe("settings", () => {
  it("lists my devices and signs another one out", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/auth/sessions", sessions)
      .on("DELETE /api/main/auth/sessions/:id", () => new Response(null, { status: 204 }));
    await renderApp("/settings", api);
    const current = (await screen.findByText("Chrome · Android")).closest("li");
    expect(current && within(current).getByText("Shu qurilma")).toBeInTheDocument();
    const other = screen.getByText("Firefox · Windows").closest("li") as HTMLElement;
    expect(within(other).getByText(/20-noyabr, 2026/)).toBeInTheDocument();
    await userEvent.setup().click(within(other).getByRole("button", { name: "Chiqish" }));
    expect(await screen.findByText("Qurilmadan chiqildi.")).toBeInTheDocument();
    expect(api.called("DELETE", "/api/main/auth/sessions/s2")).toHaveLength(1);
  });

  it("changes the password, and explains a wrong current one", async () => {
    let attempt = 0;
    const api = signedInApi(parent)
      .on("GET /api/main/auth/sessions", sessions)
      .on("POST /api/main/me/password", () =>
        ++attempt === 1 ? apiError(403, "wrong_password") : new Response(null, { status: 204 }),
      );
    await renderApp("/settings", api);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Joriy parol/), "old-password");
    await user.type(screen.getByLabelText(/^Yangi parol( \*)?$/), "a-new-password");
    await user.type(screen.getByLabelText(/Yangi parolni takrorlang/), "a-new-password");
    const card = screen
      .getByRole("heading", { name: "Parolni oʻzgartirish" })
      .closest("div") as HTMLElement;
    await user.click(within(card).getByRole("button", { name: "Saqlash" }));
    expect(await screen.findByText("Joriy parol notoʻgʻri.")).toBeInTheDocument();
    await user.click(within(card).getByRole("button", { name: "Saqlash" }));
    expect(await screen.findByText(/Parol oʻzgartirildi/)).toBeInTheDocument();
    expect(api.called("POST", "/api/main/me/password")[1]?.body).toEqual({
      current_password: "old-password",
      new_password: "a-new-password",
    });
  });

  it("signs out of every device", async () => {
    const api = signedInApi(parent).on("GET /api/main/auth/sessions", sessions);
    const { session } = await renderApp("/settings", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Hamma qurilmalardan chiqish" }));
    const dialog = screen.getByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Hamma qurilmalardan chiqish" }));
    await waitFor(() => expect(path()).toBe("/"));
    expect(api.called("POST", "/api/main/auth/logout")[0]).toMatchObject({
      body: { everywhere: true },
      auth: "Bearer token-p1",
    });
    expect(session.isSignedIn).toBe(false);
  });

  it("saves a language choice to the account too", async () => {
    const api = signedInApi(parent)
      .on("GET /api/main/auth/sessions", sessions)
      .on("PATCH /api/main/me", (request: Request) =>
        request.json().then((body: unknown) => Response.json({ ok: body })),
      );
    await renderApp("/settings", api);
    const user = userEvent.setup();
    const languageCard = (await screen.findByRole("heading", { name: "Til" })).closest(
      "div",
    ) as HTMLElement;
    await user.click(within(languageCard).getByRole("button", { name: "EN English" }));
    expect(await screen.findByRole("heading", { name: "Settings" })).toBeInTheDocument();
    await waitFor(() =>
      expect(api.called("PATCH", "/api/main/me")[0]?.body).toEqual({ language: "en" }),
    );
  });

  it("gives a child a simple page: language, sound shared with the games, and a picture", async () => {
    const child = { id: "c1", role: "student", first_name: "Ali" };
    const api = signedInApi(child)
      .on("GET /api/main/shop/inventory", [])
      .on("PATCH /api/main/me", (request: Request) =>
        request.json().then((body: unknown) => Response.json({ ok: body })),
      );
    await renderApp("/settings", api);
    const user = userEvent.setup();
    expect(await screen.findByRole("heading", { name: "Til" })).toBeInTheDocument();
    expect(screen.queryByText(/10\.0\.0/)).not.toBeInTheDocument(); // no devices, no addresses
    expect(screen.queryByRole("heading", { name: /Parol/ })).not.toBeInTheDocument();

    const sound = screen.getByRole("button", { name: /Yoqilgan/ });
    expect(sound).toHaveAttribute("aria-pressed", "true");
    await user.click(sound);
    expect(screen.getByRole("button", { name: /Oʻchirilgan/ })).toHaveAttribute(
      "aria-pressed",
      "false",
    );
    expect(loadPreferences().sound).toBe(false); // what the games app reads
    expect(document.cookie).toContain("alif24.preferences=");

    await user.click(screen.getByRole("button", { name: "Rasmingni tanla" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "fox" }));
    await waitFor(() =>
      expect(api.called("PATCH", "/api/main/me")[0]?.body).toEqual({ avatar: "fox" }),
    );
  });
});
