import { loadPreferences } from "@alif/app/preferences";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderApp, signedInApi } from "./harness.tsx";

const child = { id: "c1", role: "student", first_name: "Ali" };

function reducedMotion(reduce: boolean) {
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: reduce && query.includes("reduce"),
    media: query,
    addEventListener() {},
    removeEventListener() {},
  }));
}

afterEach(() => vi.unstubAllGlobals());

describe("sound and motion", () => {
  it("start without motion when the system asks for reduced motion", () => {
    reducedMotion(true);
    expect(loadPreferences()).toEqual({ sound: true, motion: false });
    reducedMotion(false);
    expect(loadPreferences()).toEqual({ sound: true, motion: true });
  });

  it("are switched in the settings, remembered, and motion off stops the animations", async () => {
    reducedMotion(false);
    const api = signedInApi(child)
      .on("GET /api/games/me/stats", { games: [], coins: 0, xp: 0 })
      .on("GET /api/main/wallet", { user_id: "c1", balance: 0, streak_days: 0 });
    await renderApp("/", api);
    const user = userEvent.setup();
    const sound = await screen.findByRole("button", { name: "Ovoz" });
    expect(sound).toHaveAttribute("aria-pressed", "true");
    await user.click(sound);
    expect(sound).toHaveAttribute("aria-pressed", "false");
    await user.click(screen.getByRole("button", { name: "Sozlamalar" }));
    const dialog = screen.getByRole("dialog");
    await user.click(within(dialog).getByLabelText(/Harakat va animatsiya/));
    await waitFor(() => expect(document.documentElement.dataset.motion).toBe("off"));
    expect(loadPreferences()).toEqual({ sound: false, motion: false });
  });
});
