/**
 * Tetris on a 60 Hz tick clock: the twin of services/games/games/engines/tetris.py
 * (docs/games.md §4). x 0..9 from the left, y 0..39 from the bottom; a piece's box cell (c, r),
 * r counted downward, is field cell (x + c, y - r).
 */
import { at } from "./at.js";
import { InvalidLog } from "./errors.js";
import { Sfc32 } from "./prng.js";

export const WIDTH = 10;
export const HEIGHT = 40;
export const VISIBLE_HEIGHT = 20;
const FULL_ROW = (1 << WIDTH) - 1;

export const TICKS_PER_SECOND = 60;
export const DAS = 10;
export const ARR = 2;
export const LOCK_DELAY = 30;
export const MAX_RESETS = 15;
export const SOFT_DROP_FACTOR = 20;
export const LINES_PER_LEVEL = 10;
export const MAX_LEVEL = 20;
export const PREVIEW = 5;

const G = 65536;
const MAX_GRAVITY = 20 * G;
/** Rows per tick × 65536, by level (index 0 unused); written out, never computed. */
export const GRAVITY: readonly number[] = [
  0,
  1092,
  1377,
  1768,
  2311,
  3075,
  4169,
  5759,
  8107,
  11634,
  17026,
  25416,
  38709,
  60169,
  95483,
  154742,
  256187,
  433425,
  749597,
  MAX_GRAVITY,
  MAX_GRAVITY,
];

export type Kind = "I" | "J" | "L" | "O" | "S" | "T" | "Z";
export const KINDS: readonly Kind[] = ["I", "J", "L", "O", "S", "T", "Z"];
type Cell = readonly [number, number];

const SHAPES: Readonly<Record<Kind, { size: number; cells: readonly Cell[] }>> = {
  I: {
    size: 4,
    cells: [
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
    ],
  },
  J: {
    size: 3,
    cells: [
      [0, 0],
      [0, 1],
      [1, 1],
      [2, 1],
    ],
  },
  L: {
    size: 3,
    cells: [
      [2, 0],
      [0, 1],
      [1, 1],
      [2, 1],
    ],
  },
  O: {
    size: 2,
    cells: [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ],
  },
  S: {
    size: 3,
    cells: [
      [1, 0],
      [2, 0],
      [0, 1],
      [1, 1],
    ],
  },
  T: {
    size: 3,
    cells: [
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 1],
    ],
  },
  Z: {
    size: 3,
    cells: [
      [0, 0],
      [1, 0],
      [1, 1],
      [2, 1],
    ],
  },
};
const SPAWN_X: Readonly<Record<Kind, number>> = { I: 3, J: 3, L: 3, O: 4, S: 3, T: 3, Z: 3 };
const SPAWN_Y = 21;

type Kick = readonly [number, number];
const JLSTZ_KICKS: Readonly<Record<string, readonly Kick[]>> = {
  "0>1": [
    [0, 0],
    [-1, 0],
    [-1, 1],
    [0, -2],
    [-1, -2],
  ],
  "1>0": [
    [0, 0],
    [1, 0],
    [1, -1],
    [0, 2],
    [1, 2],
  ],
  "1>2": [
    [0, 0],
    [1, 0],
    [1, -1],
    [0, 2],
    [1, 2],
  ],
  "2>1": [
    [0, 0],
    [-1, 0],
    [-1, 1],
    [0, -2],
    [-1, -2],
  ],
  "2>3": [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, -2],
    [1, -2],
  ],
  "3>2": [
    [0, 0],
    [-1, 0],
    [-1, -1],
    [0, 2],
    [-1, 2],
  ],
  "3>0": [
    [0, 0],
    [-1, 0],
    [-1, -1],
    [0, 2],
    [-1, 2],
  ],
  "0>3": [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, -2],
    [1, -2],
  ],
};
const I_KICKS: Readonly<Record<string, readonly Kick[]>> = {
  "0>1": [
    [0, 0],
    [-2, 0],
    [1, 0],
    [-2, -1],
    [1, 2],
  ],
  "1>0": [
    [0, 0],
    [2, 0],
    [-1, 0],
    [2, 1],
    [-1, -2],
  ],
  "1>2": [
    [0, 0],
    [-1, 0],
    [2, 0],
    [-1, 2],
    [2, -1],
  ],
  "2>1": [
    [0, 0],
    [1, 0],
    [-2, 0],
    [1, -2],
    [-2, 1],
  ],
  "2>3": [
    [0, 0],
    [2, 0],
    [-1, 0],
    [2, 1],
    [-1, -2],
  ],
  "3>2": [
    [0, 0],
    [-2, 0],
    [1, 0],
    [-2, -1],
    [1, 2],
  ],
  "3>0": [
    [0, 0],
    [1, 0],
    [-2, 0],
    [1, -2],
    [-2, 1],
  ],
  "0>3": [
    [0, 0],
    [-1, 0],
    [2, 0],
    [-1, 2],
    [2, -1],
  ],
};

const LINE_POINTS = [0, 100, 300, 500, 800];
const TSPIN_POINTS = [400, 800, 1200, 1600];
const MINI_TSPIN_POINTS = [100, 200, 400];
const COMBO_POINTS = 50;
const T_CORNERS: readonly Cell[] = [
  [0, 0],
  [2, 0],
  [0, 2],
  [2, 2],
];
const T_FRONT_CORNERS: readonly (readonly Cell[])[] = [
  [
    [0, 0],
    [2, 0],
  ],
  [
    [2, 0],
    [2, 2],
  ],
  [
    [0, 2],
    [2, 2],
  ],
  [
    [0, 0],
    [0, 2],
  ],
];

export const ACTIONS = ["L+", "L-", "R+", "R-", "D+", "D-", "CW", "CCW", "HD", "HOLD"] as const;
export type TetrisAction = (typeof ACTIONS)[number];

function rotations(kind: Kind): readonly (readonly Cell[])[] {
  const { size, cells } = SHAPES[kind];
  const states: (readonly Cell[])[] = [cells];
  for (let i = 0; i < 3; i++) {
    const last = at(states, states.length - 1);
    states.push(kind === "O" ? cells : last.map(([c, r]) => [size - 1 - r, c] as const));
  }
  return states;
}

/** Each piece's cells in its four rotations (O keeps one shape: it does not rotate). */
export const CELLS: Readonly<Record<Kind, readonly (readonly Cell[])[]>> = {
  I: rotations("I"),
  J: rotations("J"),
  L: rotations("L"),
  O: rotations("O"),
  S: rotations("S"),
  T: rotations("T"),
  Z: rotations("Z"),
};

const FIELD_ROW = /^[.GIJLOSTZ]*$/;

export interface Piece {
  kind: Kind;
  rotation: number;
  x: number;
  y: number;
}

export interface TetrisSnapshot {
  field: string[];
  score: number;
  lines: number;
  level: number;
  pieces: number;
  tick: number;
  over: boolean;
  hold: Kind | null;
  next: Kind[];
  current: Piece | null;
  back_to_back: boolean;
  combo: number;
  tspins: number;
  mini_tspins: number;
}

export class Tetris {
  private readonly rng: Sfc32;
  private readonly rows: number[] = new Array<number>(HEIGHT).fill(0);
  private readonly colors: string[][] = Array.from({ length: HEIGHT }, () =>
    new Array<string>(WIDTH).fill("."),
  );
  private readonly queue: Kind[] = [];
  hold: Kind | null = null;
  private holdUsed = false;
  score = 0;
  lines = 0;
  level = 1;
  pieces = 0;
  tspins = 0;
  miniTspins = 0;
  backToBack = false;
  combo = -1;
  over = false;
  tick = 0;
  private left = false;
  private right = false;
  private soft = false;
  private shift = 0;
  private das = 0;
  kind: Kind = "I";
  rotation = 0;
  x = 0;
  y = 0;
  private lowest = 0;
  private lockTimer = 0;
  private resets = MAX_RESETS;
  private gravityAcc = 0;
  private lastRotated = false;
  private lastKick = 0;

  /**
   * A new game; `field` (rows from the top, the last one is y = 0) starts it on a given field,
   * as a puzzle or a test does. Sessions always start on an empty field.
   */
  constructor(seed: string, field: readonly string[] = []) {
    this.rng = new Sfc32(seed);
    if (field.length > HEIGHT) throw new Error(`a field has at most ${HEIGHT} rows`);
    [...field].reverse().forEach((row, y) => {
      if (row.length !== WIDTH || !FIELD_ROW.test(row)) {
        throw new Error(`a row is ${WIDTH} of ".GIJLOSTZ"`);
      }
      this.colors[y] = row.split("");
      this.rows[y] = row
        .split("")
        .reduce((mask, cell, x) => (cell === "." ? mask : mask | (1 << x)), 0);
    });
    this.spawn(this.take());
  }

  private take(): Kind {
    if (this.queue.length < 7) {
      const bag = [...KINDS];
      for (let i = 6; i > 0; i--) {
        const j = this.rng.below(i + 1);
        [bag[i], bag[j]] = [at(bag, j), at(bag, i)];
      }
      this.queue.push(...bag);
    }
    const next = this.queue.shift();
    if (next === undefined) throw new RangeError("the queue is never empty here");
    return next;
  }

  /** Whether a piece in this rotation fits with its box at (px, py). */
  fits(kind: Kind, rotation: number, px: number, py: number): boolean {
    for (const [c, r] of at(CELLS[kind], rotation)) {
      const x = px + c;
      const y = py - r;
      if (x < 0 || x >= WIDTH || y < 0 || y >= HEIGHT) return false;
      if ((at(this.rows, y) >> x) & 1) return false;
    }
    return true;
  }

  private grounded(): boolean {
    return !this.fits(this.kind, this.rotation, this.x, this.y - 1);
  }

  private spawn(kind: Kind): void {
    this.kind = kind;
    this.rotation = 0;
    this.x = SPAWN_X[kind];
    this.y = SPAWN_Y;
    if (!this.fits(kind, 0, this.x, this.y)) {
      this.over = true; // block out
      return;
    }
    if (this.fits(kind, 0, this.x, this.y - 1)) this.y -= 1;
    this.lowest = this.y;
    this.lockTimer = 0;
    this.resets = MAX_RESETS;
    this.gravityAcc = 0;
    this.lastRotated = false;
  }

  private moved(): void {
    if (this.y < this.lowest) {
      this.lowest = this.y;
      this.resets = MAX_RESETS;
      this.lockTimer = 0;
    } else if (this.lockTimer > 0 && this.resets > 0) {
      this.lockTimer = 0;
      this.resets -= 1;
    }
  }

  private tryShift(dx: number): void {
    if (this.fits(this.kind, this.rotation, this.x + dx, this.y)) {
      this.x += dx;
      this.lastRotated = false;
      this.moved();
    }
  }

  private rotate(turn: number): void {
    if (this.kind === "O") return;
    const target = (this.rotation + turn + 4) % 4;
    const kicks = (this.kind === "I" ? I_KICKS : JLSTZ_KICKS)[`${this.rotation}>${target}`] ?? [];
    for (const [index, [dx, dy]] of kicks.entries()) {
      if (this.fits(this.kind, target, this.x + dx, this.y + dy)) {
        this.rotation = target;
        this.x += dx;
        this.y += dy;
        this.lastRotated = true;
        this.lastKick = index;
        this.moved();
        return;
      }
    }
  }

  /** How many rows the falling piece can still fall (where its ghost is). */
  dropDistance(): number {
    let distance = 0;
    while (this.fits(this.kind, this.rotation, this.x, this.y - distance - 1)) distance += 1;
    return distance;
  }

  private hardDrop(): void {
    const distance = this.dropDistance();
    if (distance > 0) {
      this.y -= distance;
      this.score += 2 * distance;
      this.lastRotated = false;
    }
    this.lock();
  }

  private doHold(): void {
    if (this.holdUsed) return;
    this.holdUsed = true;
    const current = this.kind;
    if (this.hold === null) {
      this.hold = current;
      this.spawn(this.take());
    } else {
      const swapped = this.hold;
      this.hold = current;
      this.spawn(swapped);
    }
  }

  private occupied(x: number, y: number): boolean {
    if (x < 0 || x >= WIDTH || y < 0 || y >= HEIGHT) return true;
    return ((at(this.rows, y) >> x) & 1) === 1;
  }

  private tspin(): "full" | "mini" | null {
    if (this.kind !== "T" || !this.lastRotated) return null;
    const count = T_CORNERS.filter(([c, r]) => this.occupied(this.x + c, this.y - r)).length;
    if (count < 3) return null;
    const front = at(T_FRONT_CORNERS, this.rotation);
    if (this.lastKick === 4 || front.every(([c, r]) => this.occupied(this.x + c, this.y - r))) {
      return "full";
    }
    return "mini";
  }

  private lock(): void {
    const cells = at(CELLS[this.kind], this.rotation).map(
      ([c, r]) => [this.x + c, this.y - r] as const,
    );
    let spin = this.tspin();
    for (const [x, y] of cells) {
      this.rows[y] = at(this.rows, y) | (1 << x);
      at(this.colors, y)[x] = this.kind;
    }
    const full = [...new Set(cells.map(([, y]) => y))]
      .sort((a, b) => b - a)
      .filter((y) => this.rows[y] === FULL_ROW);
    for (const y of full) {
      this.rows.splice(y, 1);
      this.colors.splice(y, 1);
      this.rows.push(0);
      this.colors.push(new Array<string>(WIDTH).fill("."));
    }
    const cleared = full.length;
    if (spin === "mini" && cleared === 3) spin = "full";
    let points =
      spin === "full"
        ? at(TSPIN_POINTS, cleared)
        : spin === "mini"
          ? at(MINI_TSPIN_POINTS, cleared)
          : at(LINE_POINTS, cleared);
    const level = this.level;
    points *= level;
    if (cleared > 0) {
      const difficult = cleared === 4 || spin !== null;
      if (difficult && this.backToBack) points = Math.floor((points * 3) / 2);
      this.backToBack = difficult;
      this.combo += 1;
      if (this.combo > 0) points += COMBO_POINTS * this.combo * level;
    } else {
      this.combo = -1;
    }
    if (spin === "full") this.tspins += 1;
    else if (spin === "mini") this.miniTspins += 1;
    this.score += points;
    this.lines += cleared;
    this.level = Math.min(MAX_LEVEL, 1 + Math.floor(this.lines / LINES_PER_LEVEL));
    this.pieces += 1;
    if (cells.every(([, y]) => y >= VISIBLE_HEIGHT)) {
      this.over = true; // lock out
      return;
    }
    this.holdUsed = false;
    this.spawn(this.take());
  }

  private press(action: string): void {
    switch (action) {
      case "L+":
      case "R+": {
        const direction = action === "L+" ? -1 : 1;
        if (direction < 0 ? this.left : this.right) throw new InvalidLog("key_already_pressed");
        if (direction < 0) this.left = true;
        else this.right = true;
        this.shift = direction;
        this.das = 0;
        this.tryShift(direction);
        return;
      }
      case "L-":
      case "R-": {
        const isLeft = action === "L-";
        if (!(isLeft ? this.left : this.right)) throw new InvalidLog("key_not_pressed");
        if (isLeft) this.left = false;
        else this.right = false;
        if (this.shift === (isLeft ? -1 : 1)) {
          const otherHeld = isLeft ? this.right : this.left;
          this.shift = otherHeld ? (isLeft ? 1 : -1) : 0;
          this.das = 0;
        }
        return;
      }
      case "D+":
        if (this.soft) throw new InvalidLog("key_already_pressed");
        this.soft = true;
        return;
      case "D-":
        if (!this.soft) throw new InvalidLog("key_not_pressed");
        this.soft = false;
        return;
      case "CW":
        this.rotate(1);
        return;
      case "CCW":
        this.rotate(-1);
        return;
      case "HD":
        this.hardDrop();
        return;
      case "HOLD":
        this.doHold();
        return;
      default:
        throw new InvalidLog("unknown_action");
    }
  }

  /** Whether a key (L, R or D) is held down: a client must not press it again before release. */
  isHeld(key: "L" | "R" | "D"): boolean {
    return key === "L" ? this.left : key === "R" ? this.right : this.soft;
  }

  /** One input at the current tick, before the tick's automatic phases. */
  apply(action: string): void {
    if (this.over) throw new InvalidLog("input_after_game_over");
    this.press(action);
  }

  /** The tick's automatic phases after its inputs: auto-shift, gravity, lock delay. */
  finishTick(): void {
    if (!this.over) {
      this.autoShift();
      this.fall();
      if (this.grounded()) {
        this.lockTimer += 1;
        if (this.lockTimer >= LOCK_DELAY) this.lock();
      }
    }
    this.tick += 1;
  }

  step(actions: readonly string[] = []): void {
    for (const action of actions) this.apply(action);
    this.finishTick();
  }

  /** Play the ticks before `tick` with no input. */
  advanceTo(tick: number): void {
    while (this.tick < tick && !this.over) this.finishTick();
  }

  private autoShift(): void {
    if (this.shift !== 0) {
      this.das += 1;
      if (this.das >= DAS && (this.das - DAS) % ARR === 0) this.tryShift(this.shift);
    }
  }

  private gravity(): number {
    const perTick = at(GRAVITY, this.level);
    return this.soft ? Math.min(perTick * SOFT_DROP_FACTOR, MAX_GRAVITY) : perTick;
  }

  private fall(): void {
    if (this.grounded()) {
      this.gravityAcc = 0;
      return;
    }
    this.gravityAcc += this.gravity();
    let rows = this.gravityAcc >> 16;
    this.gravityAcc &= G - 1;
    if (rows > 0) {
      rows = Math.min(rows, this.dropDistance());
      this.y -= rows;
      if (this.soft) this.score += rows;
      this.lastRotated = false;
      if (this.y < this.lowest) {
        this.lowest = this.y;
        this.resets = MAX_RESETS;
        this.lockTimer = 0;
      }
    }
  }

  /** The falling piece's cells, for rendering (with `dropDistance()` for the ghost). */
  pieceCells(): Array<readonly [number, number]> {
    return at(CELLS[this.kind], this.rotation).map(([c, r]) => [this.x + c, this.y - r] as const);
  }

  /** Row y of the locked field, "." for empty cells, a piece letter for filled ones. */
  row(y: number): string {
    return at(this.colors, y).join("");
  }

  snapshot(): TetrisSnapshot {
    return {
      field: [...this.colors].reverse().map((row) => row.join("")),
      score: this.score,
      lines: this.lines,
      level: this.level,
      pieces: this.pieces,
      tick: this.tick,
      over: this.over,
      hold: this.hold,
      next: this.queue.slice(0, PREVIEW),
      current: this.over
        ? null
        : { kind: this.kind, rotation: this.rotation, x: this.x, y: this.y },
      back_to_back: this.backToBack,
      combo: this.combo,
      tspins: this.tspins,
      mini_tspins: this.miniTspins,
    };
  }
}
