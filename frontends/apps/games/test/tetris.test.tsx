import { replay, Tetris } from "@alif/game-engines";
import { act, fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { json, renderApp, signedInApi } from "./harness.tsx";

const SEED = "fedcba9876543210fedcba9876543210";
const child = { id: "c1", role: "student", first_name: "Ali" };
const started = {
  id: "s2",
  game: "tetris",
  seed: SEED,
  engine_version: 1,
  ranked: true,
  started_at: "2026-11-20T10:00:00Z",
  expires_at: "2026-11-20T13:00:00Z",
  limits: {
    ticks_per_second: 60,
    max_presses_per_second: 20,
    max_inputs: 200000,
    max_seconds: 10800,
  },
};

describe("Tetris", () => {
  beforeEach(() =>
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ["performance", "setTimeout", "Date"] }),
  );
  afterEach(() => vi.useRealTimers());

  it("logs held keys as press and release, taps once, and the log replays to the score shown", async () => {
    let finished: { inputs: [number, string][]; end_tick: number; claimed_score: number } | null =
      null;
    const api = signedInApi(child)
      .on("GET /api/games/me/stats", { games: [], coins: 0, xp: 0 })
      .on("GET /api/games/rules", {
        engine_version: 1,
        ticks_per_second: 60,
        max_inputs: 1,
        max_game_minutes: 1,
        coins_daily_cap: 150,
        games: [],
      })
      .on("POST /api/games/sessions", () => json(201, started))
      .on("POST /api/games/sessions/:id/finish", async (request: Request) => {
        finished = (await request.json()) as typeof finished;
        return json(200, {
          ...started,
          status: "finished",
          finished_at: "2026-11-20T10:01:00Z",
          score: finished?.claimed_score ?? 0,
          claimed_score: finished?.claimed_score ?? 0,
          flagged: false,
          flag_reason: null,
          rejection: null,
          over: false,
          stats: { lines: 0, pieces: 2 },
          seconds_played: 2,
          coins: 0,
          coins_paid: null,
          xp: 0,
        });
      });
    await renderApp("/play/tetris", api);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(await screen.findByRole("button", { name: /Oʻynash/ }));
    await screen.findByRole("img", { name: /Tetris maydoni/ });

    fireEvent.keyDown(window, { key: "ArrowLeft" });
    fireEvent.keyDown(window, { key: "ArrowLeft", repeat: true }); // auto-repeat never reaches the log
    await act(() => vi.advanceTimersByTimeAsync(300));
    fireEvent.keyUp(window, { key: "ArrowLeft" });
    fireEvent.keyDown(window, { key: "ArrowUp" });
    fireEvent.keyDown(window, { key: " " });
    await act(() => vi.advanceTimersByTimeAsync(200));
    fireEvent.keyDown(window, { key: "c" });
    await act(() => vi.advanceTimersByTimeAsync(500));
    await user.click(screen.getByRole("button", { name: "Tugatish" }));
    await user.click(screen.getByRole("button", { name: "Ha, tugatish" }));
    await screen.findByTestId("verified-score");
    // The result, with "play again", comes first and takes the focus: in view on a phone.
    const heading = screen.getByRole("heading", { level: 1, name: "Oʻyin tugadi" });
    expect(heading).toHaveFocus();
    const again = screen.getByRole("button", { name: /Yana oʻynash/ });
    const field = screen.getByRole("img", { name: /Tetris maydoni/ });
    expect(again.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    expect(finished).not.toBeNull();
    const log = finished as unknown as {
      inputs: [number, string][];
      end_tick: number;
      claimed_score: number;
    };
    expect(log.inputs.map(([, action]) => action)).toEqual(["L+", "L-", "CW", "HD", "HOLD"]);
    const [press, release] = log.inputs.map(([tick]) => tick);
    expect((release ?? 0) - (press ?? 0)).toBeGreaterThanOrEqual(18); // 300 ms held
    // The server's replay of this log gives exactly the score the player saw.
    const replayed = replay("tetris", SEED, log.inputs, log.end_tick);
    expect(replayed.score).toBe(log.claimed_score);
    expect(log.claimed_score).toBeGreaterThan(0); // the hard drop scored
    expect(new Tetris(SEED).tick).toBe(0);
  });

  it("pauses while asking whether to finish, with a pause button that keeps its size", async () => {
    const api = signedInApi(child)
      .on("GET /api/games/me/stats", { games: [], coins: 0, xp: 0 })
      .on("POST /api/games/sessions", () => json(201, started));
    await renderApp("/play/tetris", api);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(await screen.findByRole("button", { name: /Oʻynash/ }));
    const pause = await screen.findByTestId("pause");
    const look = pause.className;
    await user.click(pause);
    expect(screen.getByTestId("pause")).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByTestId("pause")).toHaveAccessibleName("Pauza");
    expect(screen.getByTestId("pause").className).toBe(look);
    await user.click(screen.getByTestId("pause"));
    expect(screen.getByTestId("pause")).toHaveAttribute("aria-pressed", "false");

    await user.click(screen.getByRole("button", { name: "Tugatish" }));
    expect(screen.getByRole("heading", { name: "Oʻyinni tugatasanmi?" })).toBeInTheDocument();
    expect(screen.getByTestId("pause")).toHaveAttribute("aria-pressed", "true");
    await user.click(screen.getByRole("button", { name: "Davom etish" }));
    expect(api.called("POST", "/api/games/sessions/s2/finish")).toHaveLength(0);
    expect(screen.getByRole("img", { name: /Tetris maydoni/ })).toBeInTheDocument();
  });
});
