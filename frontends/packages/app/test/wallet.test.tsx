import { signedInApi } from "@alif/testing";
import { useQueryClient } from "@tanstack/react-query";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MyCoins } from "../src/wallet.tsx";
import { renderInApp } from "./render.tsx";

const child = { id: "c1", role: "student", first_name: "Ali" };
const wallet = (balance: number) => ({ balance, streak_days: 2, last_active_date: null });

/** What a game's prize or a purchase does: every coin query is read again. */
function CoinsChanged() {
  const client = useQueryClient();
  return (
    <button type="button" onClick={() => void client.invalidateQueries({ queryKey: ["coins"] })}>
      won
    </button>
  );
}

describe("MyCoins", () => {
  it("shows my balance from main's wallet, read out as coins", async () => {
    const api = signedInApi(child).on("GET /api/main/wallet", wallet(120));
    await renderInApp(<MyCoins />, api);
    expect(await screen.findByText("120 tanga")).toBeInTheDocument();
  });

  it("follows a change of coins anywhere in the app", async () => {
    let balance = 120;
    const api = signedInApi(child).on("GET /api/main/wallet", () => Response.json(wallet(balance)));
    await renderInApp(
      <>
        <MyCoins />
        <CoinsChanged />
      </>,
      api,
    );
    await screen.findByText("120 tanga");
    balance = 150;
    await userEvent.click(screen.getByRole("button", { name: "won" }));
    expect(await screen.findByText("150 tanga")).toBeInTheDocument();
  });

  it("shows nothing while the wallet cannot be read", async () => {
    const api = signedInApi(child);
    const view = await renderInApp(<MyCoins />, api);
    await waitFor(() => expect(api.called("GET", "/api/main/wallet").length).toBeGreaterThan(0));
    expect(view.container.textContent).not.toContain("🪙");
  });
});
