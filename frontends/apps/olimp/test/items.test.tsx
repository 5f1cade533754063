import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { json, renderApp, signedInApi, signedOutApi } from "./harness.tsx";

const user = { id: "u1", role: "student", first_name: "Ali" };
const item = (id: string, title: string) => ({ id, title, created_at: "2026-12-07T10:00:00Z" });
const page = (items: unknown[]) => ({ items, total: items.length, limit: 100, offset: 0 });

describe("signing in", () => {
  it("sends a signed-out user to main's login and back to this page", async () => {
    const assign = vi.fn();
    vi.stubGlobal("location", {
      ...window.location,
      assign,
      href: "http://olimp.alif24.localhost:8080/",
      hostname: "olimp.alif24.localhost",
      port: "8080",
      protocol: "http:",
      origin: "http://olimp.alif24.localhost:8080",
    });
    try {
      await renderApp("/", signedOutApi());
      await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
      expect(assign).toHaveBeenCalledWith(
        `http://alif24.localhost:8080/login?next=${encodeURIComponent("http://olimp.alif24.localhost:8080/")}`,
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("my list", () => {
  it("shows my items and my coins, and adds an item through the API", async () => {
    const items = [item("i1", "Birinchi")];
    const api = signedInApi(user)
      .on("GET /api/main/wallet", { user_id: "u1", balance: 42, streak_days: 0 })
      .on("GET /api/olimp/items", () => json(200, page(items)))
      .on("POST /api/olimp/items", async (request: Request) => {
        const body = (await request.json()) as { title: string };
        items.unshift(item("i2", body.title));
        return json(201, items[0]);
      });
    await renderApp("/", api);
    expect(await screen.findByText("Birinchi")).toBeInTheDocument();
    expect(await screen.findByText("42")).toBeInTheDocument();

    await userEvent.type(screen.getByRole("textbox", { name: /Nomi/ }), "  Ikkinchi ");
    await userEvent.click(screen.getByRole("button", { name: "Qoʻshish" }));

    expect(await screen.findByText("Ikkinchi")).toBeInTheDocument();
    expect(api.called("POST", "/api/olimp/items").map((c) => c.body)).toEqual([
      { title: "Ikkinchi" },
    ]);
    expect(api.calls.find((c) => c.path.startsWith("/api/olimp/"))?.auth).toBe("Bearer token-u1");
  });

  it("says so when the list is empty, and removes an item", async () => {
    let items = [item("i1", "Birinchi")];
    const api = signedInApi(user)
      .on("GET /api/olimp/items", () => json(200, page(items)))
      .on("DELETE /api/olimp/items/:id", (_request: Request, params: Record<string, string>) => {
        items = items.filter((i) => i.id !== params.id);
        return new Response(null, { status: 204 });
      });
    await renderApp("/", api);
    await userEvent.click(await screen.findByRole("button", { name: "«Birinchi»ni oʻchirish" }));

    expect(
      await screen.findByText("Hali hech narsa yoʻq. Birinchisini qoʻshing!"),
    ).toBeInTheDocument();
    expect(api.called("DELETE", "/api/olimp/items/i1")).toHaveLength(1);
  });
});

describe("an unknown address", () => {
  it("says the page was not found and leads to the start", async () => {
    await renderApp("/no/such/page", signedOutApi());
    expect(await screen.findByRole("heading", { name: "Bu sahifa topilmadi" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Bosh sahifaga" })).toHaveAttribute("href", "/");
  });
});
