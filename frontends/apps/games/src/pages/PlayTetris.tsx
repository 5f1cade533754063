import { usePreferences } from "@alif/app/preferences";
import { useAuth } from "@alif/auth";
import { type Kind, TetrisPlay, ticksAt, VISIBLE_HEIGHT, WIDTH } from "@alif/game-engines";
import { useTranslation } from "@alif/i18n";
import { Button, Card, cx } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import {
  type ReactNode,
  type PointerEvent as ReactPointerEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
} from "react";
import { GameStart, ScoreBar } from "../components/GameFrame.tsx";
import { GameResult } from "../components/GameResult.tsx";
import { statsQuery } from "../lib/queries.ts";
import { PressLimiter, useGameSession, useSendOnLeave } from "../lib/session.ts";
import { play as sound } from "../lib/sound.ts";
import { COLORS, drawField, pieceShape } from "../lib/tetrisDraw.ts";

const RELEASES = new Set(["L-", "R-", "D-"]);
// Keys that are held (press on keydown, release on keyup) and keys that act once.
const HOLD_KEYS: Record<string, "L" | "R" | "D"> = {
  ArrowLeft: "L",
  ArrowRight: "R",
  ArrowDown: "D",
};
const TAP_KEYS: Record<string, string> = {
  ArrowUp: "CW",
  x: "CW",
  X: "CW",
  z: "CCW",
  Z: "CCW",
  " ": "HD",
  c: "HOLD",
  C: "HOLD",
  Shift: "HOLD",
};

type Shown = { score: number; lines: number; level: number; hold: Kind | null; next: Kind[] };

/** The side of a cell in pixels: the field and the controls fit the screen. */
function measure(): number {
  if (typeof window === "undefined") return 24;
  const byWidth = (Math.min(window.innerWidth, 560) - 32 - 2 * 64 - 16) / WIDTH;
  const byHeight = (window.innerHeight - 64 - 70 - 160) / VISIBLE_HEIGHT;
  return Math.max(14, Math.min(32, Math.floor(Math.min(byWidth, byHeight))));
}

function useCellSize(): number {
  const [size, setSize] = useState(measure);
  useEffect(() => {
    const onResize = () => setSize(measure());
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  return size;
}

function MiniPiece(props: { kind: Kind | null; dim?: boolean }) {
  if (!props.kind) return <div className="h-8" />;
  const shape = pieceShape(props.kind);
  return (
    <div
      aria-hidden="true"
      className={cx("grid h-8 place-content-center gap-px", props.dim && "opacity-40")}
      style={{
        gridTemplateColumns: `repeat(${shape.width}, 0.8rem)`,
        gridTemplateRows: `repeat(${shape.height}, 0.8rem)`,
      }}
    >
      {shape.cells.map(([c, r]) => (
        <span
          key={`${c}-${r}`}
          className="rounded-[3px]"
          style={{ gridColumn: c + 1, gridRow: r + 1, background: COLORS[props.kind as string] }}
        />
      ))}
    </div>
  );
}

function Side(props: { title: string; children: ReactNode }) {
  return (
    <div className="flex w-16 flex-col items-center gap-1 rounded-2xl bg-white p-2 ring-1 ring-slate-200">
      <span className="font-bold text-muted text-xs uppercase">{props.title}</span>
      {props.children}
    </div>
  );
}

/** A button that holds while pressed (left, right, soft drop) or acts once (rotate, drop, hold). */
function Control(props: {
  label: string;
  icon: string;
  onPress(): void;
  onRelease?: () => void;
  tone?: string;
}) {
  const release = props.onRelease;
  return (
    <button
      type="button"
      aria-label={props.label}
      onPointerDown={(event) => {
        event.preventDefault();
        event.currentTarget.setPointerCapture?.(event.pointerId);
        props.onPress();
      }}
      onPointerUp={release}
      onPointerCancel={release}
      onLostPointerCapture={release}
      onKeyDown={(event) => {
        if ((event.key === "Enter" || event.key === " ") && !event.repeat) {
          event.preventDefault();
          props.onPress();
          release?.();
        }
      }}
      className={cx(
        "grid min-h-16 touch-none place-items-center rounded-2xl text-3xl shadow-sm ring-1 ring-slate-200 active:bg-brand-100",
        props.tone ?? "bg-white",
      )}
    >
      <span aria-hidden="true">{props.icon}</span>
    </button>
  );
}

/** Tetris on a server session: the engine runs on a 60 Hz clock, every input is logged with its tick. */
export default function PlayTetrisPage() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const preferences = usePreferences();
  const stats = useQuery(statsQuery(api));
  const best = stats.data?.games.find((g) => g.game === "tetris")?.best_score ?? null;
  const { phase, start, finish, retry, reset } = useGameSession("tetris");
  const size = useCellSize();
  const canvas = useRef<HTMLCanvasElement>(null);
  const player = useRef<TetrisPlay | null>(null);
  const limiter = useRef(new PressLimiter(20));
  const clock = useRef({ started: 0, pausedAt: 0, pausedFor: 0 });
  const [paused, setPaused] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const session = phase.name === "playing" ? phase.session : null;
  const soundOn = useRef(preferences.sound);
  soundOn.current = preferences.sound;

  // The game's clock: milliseconds since the start, paused time left out.
  const now = useCallback(
    () => performance.now() - clock.current.started - clock.current.pausedFor,
    [],
  );

  const draw = useCallback(() => {
    const game = player.current?.game;
    const context = canvas.current?.getContext("2d");
    if (!game || !context) return;
    const ratio = window.devicePixelRatio || 1;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawField(context, game, size);
  }, [size]);

  const ending = useRef(false);
  const end = useCallback(() => {
    const current = player.current;
    if (!current || ending.current) return;
    ending.current = true;
    void finish(current.finish(), current.game.score);
  }, [finish]);

  const sync = useCallback(() => {
    const game = player.current?.game;
    if (!game) return;
    setShown((old) => {
      const next = game.snapshot().next;
      if (
        old &&
        old.score === game.score &&
        old.lines === game.lines &&
        old.hold === game.hold &&
        old.next.join() === next.join()
      )
        return old;
      if (old && game.lines > old.lines)
        sound(game.lines - old.lines >= 4 ? "tetris" : "clear", soundOn.current);
      return { score: game.score, lines: game.lines, level: game.level, hold: game.hold, next };
    });
  }, []);

  /** One input at the present tick; presses beyond a person's speed are dropped, not sent. */
  const act = useCallback(
    (action: string): boolean => {
      const current = player.current;
      if (!current || current.game.over || paused || phase.name !== "playing") return false;
      const tick = ticksAt(now());
      current.advanceTo(tick);
      if (current.game.over) return false;
      const held = /^[LRD][+-]$/.test(action) ? (action[0] as "L" | "R" | "D") : null;
      if (held && current.game.isHeld(held) === action.endsWith("+")) return false;
      if (!RELEASES.has(action) && !limiter.current.allow(current.game.tick)) return false;
      const pieces = current.game.pieces;
      const done = current.input(action);
      if (done && current.game.pieces > pieces) sound("drop", soundOn.current);
      draw();
      sync();
      return done;
    },
    [paused, phase.name, draw, sync, now],
  );

  // A new session: a new engine and a clock from now.
  useEffect(() => {
    if (!session) return;
    player.current = new TetrisPlay(session.seed);
    limiter.current = new PressLimiter(session.limits.max_presses_per_second);
    clock.current = { started: performance.now(), pausedAt: 0, pausedFor: 0 };
    ending.current = false;
    setPaused(false);
    setShown(null);
    sync();
  }, [session, sync]);

  // The frame loop: advance the engine to the clock, draw, and finish when the game is over.
  useEffect(() => {
    if (phase.name !== "playing" || paused) return;
    let frame = 0;
    const loop = () => {
      const current = player.current;
      if (!current) return;
      const pieces = current.game.pieces;
      current.advanceTo(ticksAt(now()));
      if (current.game.pieces > pieces) sound("drop", soundOn.current);
      draw();
      sync();
      if (current.game.over) {
        sound("over", soundOn.current);
        setTimeout(end, 900);
        return;
      }
      frame = requestAnimationFrame(loop);
    };
    frame = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(frame);
  }, [phase.name, paused, draw, sync, end, now]);

  useEffect(() => {
    if (!paused) draw();
  }, [draw, paused]);

  const pause = useCallback(() => {
    if (paused || phase.name !== "playing") return;
    for (const key of ["L", "R", "D"] as const) act(`${key}-`); // nothing stays pressed
    clock.current.pausedAt = performance.now();
    setPaused(true);
  }, [paused, phase.name, act]);
  const resume = () => {
    clock.current.pausedFor += performance.now() - clock.current.pausedAt;
    setPaused(false);
  };

  // Keyboard: held keys press and release; the keyboard's own repeat never reaches the log.
  useEffect(() => {
    if (phase.name !== "playing") return;
    const down = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "p" || event.key === "P" || event.key === "Escape") {
        event.preventDefault();
        if (paused) resume();
        else pause();
        return;
      }
      const held = HOLD_KEYS[event.key];
      const tap = TAP_KEYS[event.key];
      if (!held && !tap) return;
      event.preventDefault();
      if (event.repeat) return;
      act(held ? `${held}+` : (tap as string));
    };
    const up = (event: KeyboardEvent) => {
      const held = HOLD_KEYS[event.key];
      if (held) act(`${held}-`);
    };
    const hidden = () => document.hidden && pause();
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
      document.removeEventListener("visibilitychange", hidden);
    };
  });

  // Touch on the field: drag sideways to move, tap to turn, flick down to drop.
  const gesture = useRef<{ x: number; y: number; at: number; moved: boolean } | null>(null);
  const touchDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture?.(event.pointerId);
    gesture.current = { x: event.clientX, y: event.clientY, at: performance.now(), moved: false };
  };
  const touchMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    if (!g) return;
    const dx = event.clientX - g.x;
    if (Math.abs(dx) >= size) {
      const key = dx > 0 ? "R" : "L";
      act(`${key}+`);
      act(`${key}-`);
      g.x += Math.sign(dx) * size;
      g.moved = true;
    }
  };
  const touchUp = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    gesture.current = null;
    if (!g || g.moved) return;
    const dy = event.clientY - g.y;
    const ms = performance.now() - g.at;
    if (dy > 2 * size && ms < 400) act("HD");
    else if (Math.abs(dy) < 12 && ms < 300) act("CW");
  };

  useSendOnLeave(phase, () => {
    const current = player.current;
    if (!current || !session) return null;
    return { log: current.finish(), claimedScore: current.game.score, sessionId: session.id };
  });

  const again = () => {
    reset();
    player.current = null;
    void start();
  };

  if (phase.name === "idle" || phase.name === "starting" || (phase.name === "failed" && !shown)) {
    return (
      <GameStart
        title="Tetris"
        icon="🧱"
        howTo={t("tetris.howTo")}
        phase={phase}
        onStart={() => void start()}
      />
    );
  }
  const ratio = typeof window === "undefined" ? 1 : window.devicePixelRatio || 1;
  const playing = phase.name === "playing";
  return (
    <div className="mx-auto flex max-w-lg flex-col gap-3">
      <ScoreBar
        score={shown?.score ?? 0}
        best={best}
        onEnd={playing ? end : undefined}
        onAsk={(asking) => asking && pause()}
        extra={
          playing ? (
            // One size whatever it shows: pausing must not move the field under the child's finger.
            <Button
              variant="ghost"
              className="w-14 px-0 text-2xl"
              onClick={paused ? resume : pause}
              aria-pressed={paused}
              aria-label={t("play.pause")}
              data-testid="pause"
            >
              <span aria-hidden="true">{paused ? "▶" : "⏸"}</span>
            </Button>
          ) : null
        }
      />
      {playing ? null : (
        <Card>
          <GameResult game="tetris" phase={phase} best={best} onAgain={again} onRetry={retry} />
        </Card>
      )}
      <div className="flex justify-center gap-2">
        <div className="flex flex-col gap-2">
          <Side title={t("tetris.hold")}>
            <MiniPiece kind={shown?.hold ?? null} />
          </Side>
          <Side title={t("tetris.lines")}>
            <span className="font-black text-xl tabular-nums">{shown?.lines ?? 0}</span>
          </Side>
          <Side title={t("tetris.level")}>
            <span className="font-black text-xl tabular-nums">{shown?.level ?? 1}</span>
          </Side>
        </div>
        <div className="relative">
          <canvas
            ref={canvas}
            width={WIDTH * size * ratio}
            height={VISIBLE_HEIGHT * size * ratio}
            style={{ width: WIDTH * size, height: VISIBLE_HEIGHT * size }}
            className="touch-none rounded-2xl"
            role="img"
            aria-label={t("tetris.field", { score: shown?.score ?? 0, lines: shown?.lines ?? 0 })}
            onPointerDown={touchDown}
            onPointerMove={touchMove}
            onPointerUp={touchUp}
            onPointerCancel={() => {
              gesture.current = null;
            }}
          />
          {paused ? (
            <div className="absolute inset-0 grid place-items-center rounded-2xl bg-ink/70">
              <Button size="xl" variant="sun" onClick={resume}>
                ▶ {t("play.resume")}
              </Button>
            </div>
          ) : null}
          {player.current?.game.over ? (
            <div className="absolute inset-0 grid place-items-center rounded-2xl bg-ink/60">
              <p className="rounded-2xl bg-white px-6 py-3 font-black text-3xl">{t("play.over")}</p>
            </div>
          ) : null}
        </div>
        <Side title={t("tetris.next")}>
          {(shown?.next ?? []).slice(0, 3).map((kind, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the queue's order is its identity
            <MiniPiece key={i} kind={kind} dim={i > 0} />
          ))}
        </Side>
      </div>
      {playing ? (
        <>
          <div className="grid grid-cols-3 gap-2">
            <Control label={t("tetris.hold")} icon="📦" onPress={() => act("HOLD")} />
            <Control
              label={t("tetris.rotate")}
              icon="🔄"
              onPress={() => act("CW")}
              tone="bg-sun-100"
            />
            <Control label={t("tetris.hardDrop")} icon="⏬" onPress={() => act("HD")} />
          </div>
          <div className="grid grid-cols-3 gap-2">
            <Control
              label={t("tetris.left")}
              icon="⬅️"
              onPress={() => act("L+")}
              onRelease={() => act("L-")}
            />
            <Control
              label={t("tetris.softDrop")}
              icon="⬇️"
              onPress={() => act("D+")}
              onRelease={() => act("D-")}
            />
            <Control
              label={t("tetris.right")}
              icon="➡️"
              onPress={() => act("R+")}
              onRelease={() => act("R-")}
            />
          </div>
          <p className="hidden text-center text-muted sm:block">{t("tetris.keys")}</p>
        </>
      ) : null}
    </div>
  );
}
