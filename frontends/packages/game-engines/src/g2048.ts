/**
 * 2048, deterministic: the twin of services/games/games/engines/game2048.py (docs/games.md §3).
 * The board holds exponents (0 empty, 1 = a 2 tile, 11 = 2048), cells 0..15 row by row from the
 * top left.
 */
import { at } from "./at.js";
import { InvalidLog } from "./errors.js";
import { Sfc32 } from "./prng.js";

export const SIZE = 4;
export const WIN_EXPONENT = 11;
export const MOVES = ["U", "D", "L", "R"] as const;
export type Move = (typeof MOVES)[number];

type Line = readonly [number, number, number, number];

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** For each move, the four lines of cell indices, each starting at the wall tiles slide toward. */
export const LINES: Readonly<Record<Move, readonly Line[]>> = {
  L: range(SIZE).map((r) => [4 * r, 4 * r + 1, 4 * r + 2, 4 * r + 3] as const),
  R: range(SIZE).map((r) => [4 * r + 3, 4 * r + 2, 4 * r + 1, 4 * r] as const),
  U: range(SIZE).map((c) => [c, c + 4, c + 8, c + 12] as const),
  D: range(SIZE).map((c) => [c + 12, c + 8, c + 4, c] as const),
};

/** Slide one line toward its index 0: equal neighbours merge once; each merge scores its value. */
export function slideLine(line: readonly number[]): { line: number[]; points: number } {
  const tiles = line.filter((e) => e !== 0);
  const merged: number[] = [];
  let points = 0;
  let i = 0;
  while (i < tiles.length) {
    const tile = at(tiles, i);
    if (i + 1 < tiles.length && tile === tiles[i + 1]) {
      merged.push(tile + 1);
      points += 2 ** (tile + 1);
      i += 2;
    } else {
      merged.push(tile);
      i += 1;
    }
  }
  while (merged.length < SIZE) merged.push(0);
  return { line: merged, points };
}

export interface Snapshot2048 {
  board: number[][];
  score: number;
  moves: number;
  max_tile: number;
  won: boolean;
  over: boolean;
}

export class Game2048 {
  readonly cells: number[] = new Array<number>(SIZE * SIZE).fill(0);
  score = 0;
  moves = 0;
  won = false;
  over = false;
  private readonly rng: Sfc32;

  constructor(seed: string) {
    this.rng = new Sfc32(seed);
    this.spawn();
    this.spawn();
  }

  /** The value first (4 with probability 1/10), then the cell among the empty ones in order. */
  private spawn(): void {
    const exponent = this.rng.below(10) === 0 ? 2 : 1;
    const empty: number[] = [];
    this.cells.forEach((e, i) => {
      if (e === 0) empty.push(i);
    });
    this.cells[at(empty, this.rng.below(empty.length))] = exponent;
  }

  canMove(): boolean {
    const c = this.cells;
    if (c.includes(0)) return true;
    for (let i = 0; i < SIZE * SIZE; i++) {
      if (i % SIZE < SIZE - 1 && c[i] === c[i + 1]) return true;
      if (i < SIZE * (SIZE - 1) && c[i] === c[i + SIZE]) return true;
    }
    return false;
  }

  /** Play one move; true when it changed the board (and so spawned a tile). */
  move(direction: string): boolean {
    if (this.over) throw new InvalidLog("input_after_game_over");
    const lines = (LINES as Record<string, readonly Line[] | undefined>)[direction];
    if (lines === undefined) throw new InvalidLog("unknown_action");
    const c = this.cells;
    let changed = false;
    for (const indices of lines) {
      const before = indices.map((i) => at(c, i));
      const { line, points } = slideLine(before);
      if (line.some((e, k) => e !== before[k])) {
        indices.forEach((i, k) => {
          c[i] = at(line, k);
        });
        this.score += points;
        changed = true;
      }
    }
    if (!changed) return false;
    this.moves += 1;
    if (!this.won && c.includes(WIN_EXPONENT)) this.won = true;
    this.spawn();
    this.over = !this.canMove();
    return true;
  }

  snapshot(): Snapshot2048 {
    const values = this.cells.map((e) => (e === 0 ? 0 : 2 ** e));
    return {
      board: range(SIZE).map((r) => values.slice(r * SIZE, (r + 1) * SIZE)),
      score: this.score,
      moves: this.moves,
      max_tile: Math.max(...values),
      won: this.won,
      over: this.over,
    };
  }
}
