/**
 * The conformance vectors written by services/games/conformance/generate.py from the Python
 * engines: the server's replay and this package must agree on every one of them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { InvalidLog } from "../src/errors.js";
import { Sfc32 } from "../src/prng.js";
import { ENGINE_VERSION, type GameKind, type Input, replay } from "../src/replay.js";

const VECTORS = new URL("../../../../services/games/conformance/", import.meta.url);

interface Vector {
  name: string;
  seed: string;
  field?: string[];
  end_tick: number;
  inputs: Input[];
  expect:
    | { score: number; over: boolean; final_state: Record<string, unknown> }
    | { error: string; index: number | null };
}

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, VECTORS), "utf8")) as T;
}

describe("sfc32", () => {
  const file = load<{
    engine_version: number;
    vectors: { seed: string; next_u32: number[]; below: [number, number][] }[];
  }>("prng.json");

  it.each(file.vectors)("gives the same stream for seed $seed", ({ seed, next_u32, below }) => {
    const rng = new Sfc32(seed);
    expect(next_u32.map(() => rng.nextU32())).toEqual(next_u32);
    expect(below.map(([n]) => [n, rng.below(n)])).toEqual(below);
  });
});

describe.each(["2048", "tetris"] as GameKind[])("%s", (game) => {
  const file = load<{ game: string; engine_version: number; vectors: Vector[] }>(`${game}.json`);

  it("was written for this engine version", () => {
    expect(file.engine_version).toBe(ENGINE_VERSION);
  });

  it.each(file.vectors)("$name", (vector) => {
    const run = () => replay(game, vector.seed, vector.inputs, vector.end_tick, vector.field ?? []);
    if ("error" in vector.expect) {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidLog);
      const invalid = caught as InvalidLog;
      expect({ error: invalid.reason, index: invalid.index }).toEqual(vector.expect);
    } else {
      const result = run();
      expect({ score: result.score, over: result.over, final_state: result.finalState }).toEqual(
        vector.expect,
      );
    }
  });
});
