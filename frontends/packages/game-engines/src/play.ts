/**
 * Playing a session in the browser: the engine plus the input log the server will replay.
 *
 * The tick clock runs at 60 Hz from the game's start and must come from elapsed time
 * (`ticksAt`), never from counting animation frames (a 120 Hz screen would run the game twice as
 * fast and the server would refuse it). A paused game simply stops advancing the clock.
 */
import { Game2048 } from "./g2048.js";
import type { Input } from "./replay.js";
import { Tetris, TICKS_PER_SECOND } from "./tetris.js";

/** The tick reached `elapsedMs` milliseconds after the game started. */
export function ticksAt(elapsedMs: number): number {
  return Math.floor((elapsedMs * TICKS_PER_SECOND) / 1000);
}

/** What the finish request carries (with the score the client shows as `claimed_score`). */
export interface FinishedLog {
  inputs: Input[];
  end_tick: number;
}

/** A Tetris game being played: `advanceTo(ticksAt(now - start))` every frame, `input()` on keys. */
export class TetrisPlay {
  readonly game: Tetris;
  private readonly inputs: Input[] = [];

  constructor(seed: string) {
    this.game = new Tetris(seed);
  }

  /** Run the ticks before `tick`; inputs after this belong to `tick`. */
  advanceTo(tick: number): void {
    if (tick <= this.game.tick) return;
    if (this.openTick()) this.game.finishTick();
    this.game.advanceTo(tick);
  }

  /**
   * Apply and record one input at the current tick. Pressing a held key or releasing one that is
   * not held is refused (false, not recorded): a keyboard's auto-repeat must not reach the log.
   */
  input(action: string): boolean {
    if (this.game.over) return false;
    // Only the held keys (L+, R-, D+...): CW and HD are two letters long too, but never held.
    const key = /^[LRD][+-]$/.test(action) ? (action[0] as "L" | "R" | "D") : null;
    if (key !== null && this.game.isHeld(key) === action.endsWith("+")) return false;
    this.game.apply(action);
    this.inputs.push([this.game.tick, action]);
    return true;
  }

  /** Close the current tick if it had inputs and hand over the log. */
  finish(): FinishedLog {
    if (this.openTick()) this.game.finishTick();
    return { inputs: [...this.inputs], end_tick: this.game.tick };
  }

  private openTick(): boolean {
    const last = this.inputs[this.inputs.length - 1];
    return last !== undefined && last[0] === this.game.tick;
  }
}

/** A 2048 game being played; ticks only time the moves (the server checks human speed). */
export class Play2048 {
  readonly game: Game2048;
  private readonly inputs: Input[] = [];
  private tick = 0;

  constructor(seed: string) {
    this.game = new Game2048(seed);
  }

  advanceTo(tick: number): void {
    this.tick = Math.max(this.tick, tick);
  }

  /** Play and record one move; false (not recorded) once the game is over. */
  input(move: string): boolean {
    if (this.game.over) return false;
    this.game.move(move);
    this.inputs.push([this.tick, move]);
    return true;
  }

  finish(): FinishedLog {
    const last = this.inputs[this.inputs.length - 1];
    return { inputs: [...this.inputs], end_tick: Math.max(this.tick, last ? last[0] + 1 : 0) };
  }
}
