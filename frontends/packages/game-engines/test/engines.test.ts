import { describe, expect, it } from "vitest";

import { at } from "../src/at.js";
import { Game2048, slideLine } from "../src/g2048.js";
import { Play2048, TetrisPlay, ticksAt } from "../src/play.js";
import { replay } from "../src/replay.js";
import { Tetris } from "../src/tetris.js";

const SEED = "0123456789abcdef0123456789abcdef";

describe("2048 lines", () => {
  it("merges [2,2,2,2] into [4,4] and scores both merges", () => {
    expect(slideLine([1, 1, 1, 1])).toEqual({ line: [2, 2, 0, 0], points: 8 });
  });

  it("merges a tile once per move: [4,4,8,0] becomes [8,8], not [16]", () => {
    expect(slideLine([2, 2, 3, 0])).toEqual({ line: [3, 3, 0, 0], points: 8 });
  });

  it("merges from the wall side: [2,2,2,0] becomes [4,2]", () => {
    expect(slideLine([1, 1, 1, 0])).toEqual({ line: [2, 1, 0, 0], points: 4 });
  });
});

describe("2048 game", () => {
  it("starts with two tiles and spawns one per board-changing move", () => {
    const game = new Game2048(SEED);
    expect(game.cells.filter((e) => e !== 0)).toHaveLength(2);
    for (const move of ["L", "U", "R", "D", "L", "U"]) {
      const before = game.cells.filter((e) => e !== 0).length;
      const tileSum = game.cells.reduce((sum, e) => sum + (e ? 2 ** e : 0), 0);
      const changed = game.move(move);
      const after = game.cells.reduce((sum, e) => sum + (e ? 2 ** e : 0), 0);
      if (changed) expect(after - tileSum === 2 || after - tileSum === 4).toBe(true);
      else expect(game.cells.filter((e) => e !== 0)).toHaveLength(before);
    }
  });
});

describe("playing and recording", () => {
  it("the real-time clock is 60 ticks per second", () => {
    expect(ticksAt(0)).toBe(0);
    expect(ticksAt(16)).toBe(0);
    expect(ticksAt(17)).toBe(1);
    expect(ticksAt(1000)).toBe(60);
  });

  it("a recorded Tetris game replays to the same state", () => {
    const play = new TetrisPlay(SEED);
    const keys = ["L+", "L-", "R+", "R-", "CW", "CCW", "HD", "HOLD", "D+", "D-"];
    let now = 0;
    let pick = 7;
    for (let i = 0; i < 3000 && !play.game.over; i++) {
      pick = (pick * 1103515245 + 12345) % 2147483648;
      now += at([0, 5, 16, 33, 90, 250], pick % 6);
      play.advanceTo(ticksAt(now));
      play.input(at(keys, (pick >> 8) % keys.length)); // a held key's press is not recorded
    }
    const log = play.finish();
    const result = replay("tetris", SEED, log.inputs, log.end_tick);
    expect(result.finalState).toEqual(play.game.snapshot());
    // Hard drops are recorded now, so the game tops out sooner: still a long log.
    expect(log.inputs.length).toBeGreaterThan(50);
  });

  it("records a turn, a hard drop and a hold whether or not soft drop is held", () => {
    const play = new TetrisPlay(SEED);
    expect(play.input("CW")).toBe(true);
    expect(play.input("CCW")).toBe(true);
    expect(play.input("HOLD")).toBe(true);
    expect(play.input("HD")).toBe(true);
    expect(play.finish().inputs.map(([, action]) => action)).toEqual(["CW", "CCW", "HOLD", "HD"]);
  });

  it("refuses to record a second press of a held key", () => {
    const play = new TetrisPlay(SEED);
    expect(play.input("L+")).toBe(true);
    expect(play.input("L+")).toBe(false);
    expect(play.input("L-")).toBe(true);
    expect(play.input("L-")).toBe(false);
    expect(play.finish().inputs).toEqual([
      [0, "L+"],
      [0, "L-"],
    ]);
  });

  it("a recorded 2048 game replays to the same board", () => {
    const play = new Play2048(SEED);
    let tick = 0;
    for (let i = 0; i < 400 && !play.game.over; i++) {
      tick += 7;
      play.advanceTo(tick);
      play.input(at(["U", "L", "D", "R"], (i * 7) % 4));
    }
    const log = play.finish();
    expect(replay("2048", SEED, log.inputs, log.end_tick).finalState).toEqual(play.game.snapshot());
  });

  it("never lets a piece overlap the field", () => {
    const game = new Tetris(SEED);
    for (let tick = 0; tick < 20000 && !game.over; tick++) {
      game.step(tick % 97 === 0 ? ["CW"] : tick % 131 === 0 ? ["HD"] : []);
      if (!game.over) {
        for (const [x, y] of game.pieceCells()) expect(game.row(y)[x]).toBe(".");
      }
    }
  });
});
