import { usePreferences } from "@alif/app/preferences";
import { useAuth } from "@alif/auth";
import { Play2048 as Player, ticksAt } from "@alif/game-engines";
import { useTranslation } from "@alif/i18n";
import { Card, cx } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { type PointerEvent, useCallback, useEffect, useRef, useState } from "react";
import { GameStart, ScoreBar } from "../components/GameFrame.tsx";
import { GameResult } from "../components/GameResult.tsx";
import { slide, spawnedCell, TILE_STYLES } from "../lib/g2048.ts";
import { statsQuery } from "../lib/queries.ts";
import { PressLimiter, useGameSession, useSendOnLeave } from "../lib/session.ts";
import { play as sound } from "../lib/sound.ts";

type Move = "U" | "D" | "L" | "R";
const KEYS: Record<string, Move> = {
  ArrowUp: "U",
  ArrowDown: "D",
  ArrowLeft: "L",
  ArrowRight: "R",
  w: "U",
  s: "D",
  a: "L",
  d: "R",
};
const SWIPE = 24; // pixels before a touch counts as a swipe

type View = {
  cells: number[];
  merged: number[];
  spawned: number | null;
  gained: number;
  turn: number;
};

function Board(props: { view: View; onMove(move: Move): void; over: boolean }) {
  const { t } = useTranslation();
  const start = useRef<{ x: number; y: number } | null>(null);
  // The move whose "+points" finished rising: it leaves the board instead of fading out.
  const [risen, setRisen] = useState<number | null>(null);
  const down = (event: PointerEvent) => {
    start.current = { x: event.clientX, y: event.clientY };
  };
  const up = (event: PointerEvent) => {
    const from = start.current;
    start.current = null;
    if (!from) return;
    const dx = event.clientX - from.x;
    const dy = event.clientY - from.y;
    if (Math.max(Math.abs(dx), Math.abs(dy)) < SWIPE) return;
    props.onMove(Math.abs(dx) > Math.abs(dy) ? (dx > 0 ? "R" : "L") : dy > 0 ? "D" : "U");
  };
  const { view } = props;
  return (
    <ul
      aria-label={t("g2048.board")}
      onPointerDown={down}
      onPointerUp={up}
      onPointerCancel={() => {
        start.current = null;
      }}
      className="relative grid aspect-square w-full touch-none grid-cols-4 gap-2 rounded-3xl bg-brand-800 p-2 sm:gap-3 sm:p-3"
    >
      {view.cells.map((exponent, index) => {
        const value = exponent ? 2 ** exponent : 0;
        const pop = view.merged.includes(index) || view.spawned === index;
        return (
          <li
            // The key changes with each move for the cells that pop, so their animation replays.
            key={pop ? `${index}-${view.turn}` : index}
            aria-label={value ? String(value) : t("g2048.empty")}
            className={cx(
              "grid place-items-center rounded-2xl font-black tabular-nums",
              value ? (TILE_STYLES[exponent] ?? "bg-ink text-white") : "bg-brand-700/60",
              value >= 1024
                ? "text-2xl sm:text-3xl"
                : value >= 128
                  ? "text-3xl sm:text-4xl"
                  : "text-4xl sm:text-5xl",
              pop && "animate-pop",
            )}
          >
            {value || ""}
          </li>
        );
      })}
      {view.gained > 0 && risen !== view.turn ? (
        <li
          key={view.turn}
          aria-hidden="true"
          onAnimationEnd={() => setRisen(view.turn)}
          className="pointer-events-none absolute top-2 right-4 animate-rise rounded-full bg-ink px-3 font-black text-2xl text-sun-300"
        >
          +{view.gained}
        </li>
      ) : null}
      {props.over ? (
        <li className="absolute inset-0 grid place-items-center rounded-3xl bg-ink/60">
          <p className="rounded-2xl bg-white px-6 py-3 font-black text-3xl">{t("play.over")}</p>
        </li>
      ) : null}
    </ul>
  );
}

function Pad(props: { onMove(move: Move): void }) {
  const { t } = useTranslation();
  const button = (move: Move, icon: string, area: string) => (
    <button
      type="button"
      aria-label={t(`g2048.move.${move}`)}
      onClick={() => props.onMove(move)}
      className={cx(
        "grid min-h-16 place-items-center rounded-2xl bg-white text-3xl shadow-sm ring-1 ring-slate-200 active:bg-brand-100",
        area,
      )}
    >
      <span aria-hidden="true">{icon}</span>
    </button>
  );
  return (
    <div className="mx-auto grid w-60 grid-cols-3 grid-rows-2 gap-2">
      {button("U", "⬆️", "col-start-2")}
      {button("L", "⬅️", "col-start-1 row-start-2")}
      {button("D", "⬇️", "col-start-2 row-start-2")}
      {button("R", "➡️", "col-start-3 row-start-2")}
    </div>
  );
}

/** 2048 on a server session: keys, swipes or the arrow pad; the log goes to the server at the end. */
export default function Play2048Page() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const preferences = usePreferences();
  const stats = useQuery(statsQuery(api));
  const best = stats.data?.games.find((g) => g.game === "2048")?.best_score ?? null;
  const { phase, start, finish, retry, reset } = useGameSession("2048");
  const player = useRef<Player | null>(null);
  const limiter = useRef(new PressLimiter(15));
  const startedAt = useRef(0);
  const won = useRef(false);
  const [view, setView] = useState<View | null>(null);
  const [asking, setAsking] = useState(false);
  const session = phase.name === "playing" ? phase.session : null;

  useEffect(() => {
    if (!session) return;
    player.current = new Player(session.seed);
    limiter.current = new PressLimiter(session.limits.max_presses_per_second);
    startedAt.current = performance.now();
    won.current = false;
    setView({
      cells: [...player.current.game.cells],
      merged: [],
      spawned: null,
      gained: 0,
      turn: 0,
    });
  }, [session]);

  const end = useCallback(() => {
    const current = player.current;
    if (!current) return;
    void finish(current.finish(), current.game.score);
  }, [finish]);

  const move = useCallback(
    (direction: Move) => {
      const current = player.current;
      if (!current || current.game.over || phase.name !== "playing" || asking) return;
      const tick = ticksAt(performance.now() - startedAt.current);
      current.advanceTo(tick);
      if (!limiter.current.allow(tick)) return; // too fast for a person: not sent
      const before = [...current.game.cells];
      const score = current.game.score;
      current.input(direction);
      const after = [...current.game.cells];
      const slid = slide(before, direction);
      const changed = after.some((e, i) => e !== before[i]);
      const gained = current.game.score - score;
      setView((v) => ({
        cells: after,
        merged: changed ? slid.merged : [],
        spawned: changed ? spawnedCell(slid.cells, after) : null,
        gained,
        turn: (v?.turn ?? 0) + 1,
      }));
      if (gained > 0) sound("merge", preferences.sound);
      else if (changed) sound("move", preferences.sound);
      if (current.game.won && !won.current) {
        won.current = true;
        sound("win", preferences.sound);
      }
      if (current.game.over) {
        sound("over", preferences.sound);
        setTimeout(end, 900); // a moment to see the full board
      }
    },
    [phase.name, asking, preferences.sound, end],
  );

  useEffect(() => {
    if (phase.name !== "playing") return;
    const onKey = (event: KeyboardEvent) => {
      const direction = KEYS[event.key] ?? KEYS[event.key.toLowerCase()];
      if (!direction || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      if (!event.repeat) move(direction); // a held key does not machine-gun moves
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [phase.name, move]);

  useSendOnLeave(phase, () => {
    const current = player.current;
    if (!current || !session) return null;
    return { log: current.finish(), claimedScore: current.game.score, sessionId: session.id };
  });

  const again = () => {
    reset();
    setView(null);
    void start();
  };

  if (phase.name === "idle" || phase.name === "starting" || (phase.name === "failed" && !view)) {
    return (
      <GameStart
        title="2048"
        icon="🔢"
        howTo={t("g2048.howTo")}
        phase={phase}
        onStart={() => void start()}
      />
    );
  }
  const game = player.current?.game;
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <ScoreBar
        score={game?.score ?? 0}
        best={best}
        onEnd={phase.name === "playing" && !game?.over ? end : undefined}
        onAsk={setAsking}
        extra={
          game?.won ? (
            <span className="rounded-full bg-violet-100 px-3 py-1 font-bold text-violet-900">
              {t("g2048.won")}
            </span>
          ) : null
        }
      />
      {phase.name === "playing" ? null : (
        <Card>
          <GameResult game="2048" phase={phase} best={best} onAgain={again} onRetry={retry} />
        </Card>
      )}
      {view ? <Board view={view} onMove={move} over={Boolean(game?.over)} /> : null}
      {phase.name === "playing" ? (
        <>
          <Pad onMove={move} />
          <p className="hidden text-center text-muted sm:block">{t("g2048.keys")}</p>
        </>
      ) : null}
    </div>
  );
}
