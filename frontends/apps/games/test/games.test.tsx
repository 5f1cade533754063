import { Game2048 } from "@alif/game-engines";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PressLimiter } from "../src/lib/session.ts";
import { apiError, json, renderApp, signedInApi, signedOutApi } from "./harness.tsx";

const SEED = "0123456789abcdef0123456789abcdef";
const child = { id: "c1", role: "student", first_name: "Ali" };
const profile = {
  student_profile: { avatar: "lion", birth_date: null, grade: 2, school_name: "" },
};

const started = (game: string) => ({
  id: "s1",
  game,
  seed: SEED,
  engine_version: 1,
  ranked: true,
  started_at: "2026-11-20T10:00:00Z",
  expires_at: "2026-11-20T13:00:00Z",
  limits: {
    ticks_per_second: 60,
    max_presses_per_second: 15,
    max_inputs: 200000,
    max_seconds: 10800,
  },
});

function result(extra: Record<string, unknown> = {}) {
  return {
    id: "s1",
    game: "2048",
    status: "finished",
    ranked: true,
    started_at: "2026-11-20T10:00:00Z",
    expires_at: "2026-11-20T13:00:00Z",
    finished_at: "2026-11-20T10:05:00Z",
    score: 1200,
    claimed_score: 1200,
    flagged: false,
    flag_reason: null,
    rejection: null,
    over: false,
    stats: { moves: 40, max_tile: 128 },
    seconds_played: 300,
    coins: 3,
    coins_paid: 3,
    xp: 15,
    ...extra,
  };
}

const stats = {
  games: [
    {
      game: "2048",
      played: 2,
      best_score: 900,
      coins: 4,
      xp: 20,
      seconds_played: 600,
      seconds_played_this_week: 600,
      last_played_at: null,
    },
    {
      game: "tetris",
      played: 0,
      best_score: null,
      coins: 0,
      xp: 0,
      seconds_played: 0,
      seconds_played_this_week: 0,
      last_played_at: null,
    },
  ],
  coins: 4,
  xp: 20,
};
const rules = {
  engine_version: 1,
  ticks_per_second: 60,
  max_inputs: 200000,
  max_game_minutes: 180,
  coins_daily_cap: 150,
  games: [
    {
      game: "2048",
      actions: ["U", "D", "L", "R"],
      max_presses_per_second: 15,
      coins_per_points: 400,
      max_coins_per_game: 20,
      max_xp_per_game: 100,
      minimum_play: "10 moves",
    },
  ],
};

function games(extra?: (api: ReturnType<typeof signedInApi>) => void) {
  const api = signedInApi(child, profile)
    .on("GET /api/games/me/stats", stats)
    .on("GET /api/games/rules", rules)
    .on("GET /api/main/wallet", { user_id: "c1", balance: 42, streak_days: 2 });
  extra?.(api);
  return api;
}

describe("signing in", () => {
  it("sends a signed-out child to main's child login and back to this page", async () => {
    const assign = vi.fn();
    vi.stubGlobal("location", {
      ...window.location,
      assign,
      href: "http://games.alif24.localhost:8080/play/2048",
      hostname: "games.alif24.localhost",
      port: "8080",
      protocol: "http:",
      origin: "http://games.alif24.localhost:8080",
    });
    try {
      await renderApp("/play/2048", signedOutApi());
      await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
      expect(assign).toHaveBeenCalledWith(
        `http://alif24.localhost:8080/login/child?next=${encodeURIComponent("http://games.alif24.localhost:8080/play/2048")}`,
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("the game picker", () => {
  it("shows both games with my best score and my coins", async () => {
    await renderApp("/", games());
    expect(await screen.findByText("Ali, qaysi oʻyinni oʻynaymiz?")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /2048/ })).toHaveAttribute("href", "/play/2048");
    expect(screen.getByRole("link", { name: /Tetris/ })).toHaveAttribute("href", "/play/tetris");
    expect(await screen.findByText(/Rekordim: 900/)).toBeInTheDocument();
    expect(await screen.findByText("42")).toBeInTheDocument();
  });
});

describe("2048", () => {
  beforeEach(() =>
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ["performance", "setTimeout", "Date"] }),
  );
  afterEach(() => vi.useRealTimers());

  it("plays on the server's seed, logs each move with its tick and shows the verified score and coins", async () => {
    const api = games((a) =>
      a
        .on("POST /api/games/sessions", () => json(201, started("2048")))
        .on("POST /api/games/sessions/:id/finish", () => json(200, result())),
    );
    await renderApp("/play/2048", api);
    await userEvent
      .setup({ advanceTimers: vi.advanceTimersByTime })
      .click(await screen.findByRole("button", { name: /Oʻynash/ }));
    expect(api.called("POST", "/api/games/sessions")[0]?.body).toEqual({ game: "2048" });

    // The board is the engine's board for this seed.
    const expected = new Game2048(SEED);
    const board = await screen.findByRole("list", { name: "2048 taxtasi" });
    const values = within(board)
      .getAllByRole("listitem")
      .slice(0, 16)
      .map((c) => c.getAttribute("aria-label"));
    expect(values).toEqual(expected.cells.map((e) => (e ? String(2 ** e) : "boʻsh")));

    fireEvent.keyDown(window, { key: "ArrowLeft" });
    await act(() => vi.advanceTimersByTimeAsync(500)); // 30 ticks later
    fireEvent.keyDown(window, { key: "ArrowUp" });
    fireEvent.keyDown(window, { key: "ArrowUp", repeat: true }); // the keyboard's repeat: ignored
    await act(() => vi.advanceTimersByTimeAsync(1000));
    fireEvent.keyDown(window, { key: "d" });
    expected.move("L");
    expected.move("U");
    expected.move("R");
    expect(screen.getByTestId("live-score")).toHaveTextContent(String(expected.score));

    const ender = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await ender.click(screen.getByRole("button", { name: "Tugatish" }));
    // "Finish" asks first: a thumb that lands on it by mistake does not end the game.
    expect(api.called("POST", "/api/games/sessions/s1/finish")).toHaveLength(0);
    await ender.click(screen.getByRole("button", { name: "Ha, tugatish" }));
    expect(await screen.findByTestId("verified-score")).toHaveTextContent("1200");
    expect(screen.getByTestId("coins-paid")).toHaveTextContent("+3");
    expect(screen.getByText(/Yangi rekord!/)).toBeInTheDocument();
    const body = api.called("POST", "/api/games/sessions/s1/finish")[0]?.body as {
      inputs: [number, string][];
      end_tick: number;
      claimed_score: number;
    };
    expect(body.inputs.map(([, action]) => action)).toEqual(["L", "U", "R"]);
    const [first = 0, second = 0, third = 0] = body.inputs.map(([tick]) => tick);
    expect(second - first).toBeGreaterThanOrEqual(30);
    expect(third - second).toBeGreaterThanOrEqual(60);
    expect(body.end_tick).toBeGreaterThan(third);
    expect(body.claimed_score).toBe(expected.score);
  });

  it("says honestly when today's coins are used up", async () => {
    const api = games((a) =>
      a
        .on("POST /api/games/sessions", () => json(201, started("2048")))
        .on("POST /api/games/sessions/:id/finish", () =>
          json(200, result({ coins: 3, coins_paid: 0 })),
        ),
    );
    await renderApp("/play/2048", api);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(await screen.findByRole("button", { name: /Oʻynash/ }));
    await user.click(await screen.findByRole("button", { name: "Chapga" }));
    await user.click(screen.getByRole("button", { name: "Tugatish" }));
    await user.click(screen.getByRole("button", { name: "Ha, tugatish" }));
    expect(
      await screen.findByText(/Bugungi tangalar chegarasiga yetding \(150 tanga\)/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId("coins-paid")).not.toBeInTheDocument();
  });

  it("keeps the log when the answer is lost and sends the same one again", async () => {
    let tries = 0;
    const api = games((a) =>
      a
        .on("POST /api/games/sessions", () => json(201, started("2048")))
        .on("POST /api/games/sessions/:id/finish", () =>
          ++tries === 1 ? apiError(503, "service_unavailable") : json(200, result()),
        ),
    );
    await renderApp("/play/2048", api);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(await screen.findByRole("button", { name: /Oʻynash/ }));
    await user.click(await screen.findByRole("button", { name: "Oʻngga" }));
    await user.click(screen.getByRole("button", { name: "Tugatish" }));
    await user.click(screen.getByRole("button", { name: "Ha, tugatish" }));
    expect(await screen.findByText("Natija yuborilmadi")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Yana yuborish" }));
    expect(await screen.findByTestId("verified-score")).toHaveTextContent("1200");
    const [one, two] = api.called("POST", "/api/games/sessions/s1/finish");
    expect(two?.body).toEqual(one?.body);
  });

  it("explains a game the server refused", async () => {
    const api = games((a) =>
      a
        .on("POST /api/games/sessions", () => json(201, started("2048")))
        .on("POST /api/games/sessions/:id/finish", () => apiError(409, "session_expired")),
    );
    await renderApp("/play/2048", api);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(await screen.findByRole("button", { name: /Oʻynash/ }));
    await user.click(await screen.findByRole("button", { name: "Pastga" }));
    await user.click(screen.getByRole("button", { name: "Tugatish" }));
    await user.click(screen.getByRole("button", { name: "Ha, tugatish" }));
    expect(await screen.findByText("Bu oʻyin hisoblanmadi")).toBeInTheDocument();
  });

  it("explains a start the server refused", async () => {
    const api = games((a) =>
      a.on("POST /api/games/sessions", () =>
        apiError(429, "too_many_games_started", { retry_after: 30 }),
      ),
    );
    await renderApp("/play/2048", api);
    await userEvent
      .setup({ advanceTimers: vi.advanceTimersByTime })
      .click(await screen.findByRole("button", { name: /Oʻynash/ }));
    expect(await screen.findByRole("alert")).toBeInTheDocument();
  });
});

describe("the press limit", () => {
  it("lets through at most the allowed presses in any 60 ticks", () => {
    const limiter = new PressLimiter(15);
    const allowed = Array.from({ length: 40 }, (_, i) => limiter.allow(i)).filter(Boolean);
    expect(allowed).toHaveLength(15);
    expect(limiter.allow(59)).toBe(false);
    expect(limiter.allow(60)).toBe(true); // tick 0 has left the window
  });
});

describe("leaderboards", () => {
  it("shows a board, my place, and switches the period and the class", async () => {
    const board = (period: string) => ({
      game: "2048",
      period,
      scope: "global",
      scope_id: null,
      starts_at: null,
      ends_at: null,
      entries: [
        {
          rank: 1,
          name: "Laylo K.",
          score: 5000,
          reached_at: "2026-11-20T10:00:00Z",
          is_me: false,
        },
        { rank: 2, name: "Ali K.", score: 1200, reached_at: "2026-11-20T10:00:00Z", is_me: true },
      ],
      me: { rank: 2, score: 1200, reached_at: "2026-11-20T10:00:00Z" },
      players: 2,
    });
    const api = games((a) =>
      // The fake tries the last route first: the fixed path goes after the pattern.
      a
        .on("GET /api/games/leaderboards/:game", (request: Request) =>
          json(200, board(new URL(request.url).searchParams.get("period") ?? "week")),
        )
        .on("GET /api/games/leaderboards/scopes", [
          { scope: "global", id: null, name: "ALIF24" },
          { scope: "group", id: "g1", name: "3-A" },
        ]),
    );
    await renderApp("/leaderboards", api);
    expect(await screen.findByText("Ali K. (sen)")).toBeInTheDocument();
    expect(screen.getByText("🥇")).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("tab", { name: "Bugun" }));
    await waitFor(() => expect(api.calls.some((c) => c.path.includes("period=day"))).toBe(true));
    await user.selectOptions(await screen.findByLabelText("Qayerda"), "group:g1");
    await waitFor(() => expect(api.calls.some((c) => c.path.includes("group_id=g1"))).toBe(true));
  });
});
