import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { apiError, json, meOf, renderApp, signedInApi } from "./harness.tsx";

const child = { id: "c1", role: "student", first_name: "Ali" };
const profile = (avatar = "lion") => ({
  student_profile: { avatar, birth_date: null, grade: 2, school_name: "" },
});
const item = (
  id: string,
  code: string,
  kind: string,
  name: string,
  price: number,
  owned = false,
) => ({
  id,
  code,
  kind,
  name,
  description: "",
  price,
  image: `/shop/${code}.svg`,
  is_active: true,
  owned,
});
const lion = item("i1", "avatar-lion", "avatar", "Sher", 50);
const rocket = item("i2", "avatar-rocket", "avatar", "Raketa", 80);
const space = item("i3", "theme-space", "theme", "Koinot", 150);

function shop(balance: number) {
  return signedInApi(child, profile())
    .on("GET /api/main/wallet", { user_id: "c1", balance, streak_days: 0 })
    .on("GET /api/main/shop/items", [lion, rocket, space])
    .on("GET /api/main/shop/inventory", []);
}

describe("the shop", () => {
  it("buys an item after a yes, with one key, and offers to wear it", async () => {
    const owned = { item: lion, price: 50, equipped: false, acquired_at: "2026-11-20T10:00:00Z" };
    let avatar = "lion";
    const api = shop(60)
      .on("POST /api/main/shop/items/:id/buy", () =>
        json(200, { inventory_item: owned, balance: 10 }),
      )
      .on("POST /api/main/shop/inventory/:id/equip", () => {
        avatar = "avatar-lion";
        return json(200, { ...owned, equipped: true });
      })
      .on("GET /api/main/me", () => json(200, meOf(child, profile(avatar))));
    await renderApp("/shop", api);
    const user = userEvent.setup();
    const card = (await screen.findByText("Sher")).closest("li") as HTMLElement;
    await user.click(within(card).getByRole("button", { name: "Sotib olish" }));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByText("Sotib olasanmi?")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Ha, olaman!" }));
    expect(await within(dialog).findByText("Sher endi seniki!")).toBeInTheDocument();
    const [purchase] = api.called("POST", "/api/main/shop/items/i1/buy");
    expect(purchase?.body).toEqual({ idempotency_key: expect.stringMatching(/.{8,}/) });

    await user.click(within(dialog).getByRole("button", { name: "Rasm qilib qoʻyish" }));
    expect(await screen.findByText("Sher tanlandi!")).toBeInTheDocument();
    expect(api.called("POST", "/api/main/shop/inventory/i1/equip")).toHaveLength(1);
    // The new picture is loaded for the header at once.
    await waitFor(() => expect(api.called("GET", "/api/main/me").length).toBeGreaterThan(1));
  });

  it("says how many coins are missing instead of letting a child try", async () => {
    await renderApp("/shop", shop(60));
    const card = (await screen.findByText("Raketa")).closest("li") as HTMLElement;
    expect(within(card).getByRole("button", { name: "Sotib olish" })).toBeDisabled();
    expect(within(card).getByText("Yana 20 tanga kerak")).toBeInTheDocument();
  });

  it("shows the server's refusal in a child's words", async () => {
    const api = shop(60).on("POST /api/main/shop/items/:id/buy", () =>
      apiError(409, "insufficient_coins"),
    );
    await renderApp("/shop", api);
    const user = userEvent.setup();
    const card = (await screen.findByText("Sher")).closest("li") as HTMLElement;
    await user.click(within(card).getByRole("button", { name: "Sotib olish" }));
    await user.click(screen.getByRole("button", { name: "Ha, olaman!" }));
    expect(await screen.findByText("Tangalar yetarli emas.")).toBeInTheDocument();
  });

  it("lists my items and takes one off", async () => {
    const api = shop(10)
      .on("GET /api/main/shop/inventory", [
        { item: space, price: 150, equipped: true, acquired_at: "2026-11-20T10:00:00Z" },
      ])
      .on("POST /api/main/shop/inventory/:id/unequip", () =>
        json(200, {
          item: space,
          price: 150,
          equipped: false,
          acquired_at: "2026-11-20T10:00:00Z",
        }),
      );
    await renderApp("/shop", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("tab", { name: /Meniki/ }));
    await user.click(await screen.findByRole("button", { name: "Olib tashlash" }));
    expect(await screen.findByText("Olib tashlandi.")).toBeInTheDocument();
    expect(api.called("POST", "/api/main/shop/inventory/i3/unequip")).toHaveLength(1);
  });

  it("is for children only", async () => {
    const parent = { id: "p1", role: "parent", first_name: "Dilnoza" };
    await renderApp("/shop", signedInApi(parent).on("GET /api/main/children", []));
    expect(await screen.findByText("Farzandlarim")).toBeInTheDocument();
  });
});
