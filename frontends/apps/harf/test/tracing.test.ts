// @vitest-environment node
import { describe, expect, it } from "vitest";
import { checkTrace, type Point, resample, type Stroke } from "../src/lib/tracing.ts";
import { A_STROKES } from "./fixtures.ts";

const RULES = { tolerance: 0.14, coverage: 0.8, precision: 0.75 };
const A = A_STROKES as Stroke[];

/** A hand's trace: the path, densely, each point pushed off by up to `by` (deterministic). */
function wobbly(strokes: Stroke[], by: number): Stroke[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed / 2147483647) * 2 - 1;
  };
  return strokes.map((s) =>
    resample(s, 0.03).map(([x, y]): Point => [x + next() * by, y + next() * by]),
  );
}

describe("the trace check (the server's rules)", () => {
  it("passes a shaky trace of every stroke, in any order or direction", () => {
    expect(checkTrace(A, wobbly(A, 0.07), RULES)).toBe(true);
    const backwards = [...A].reverse().map((s) => [...s].reverse());
    expect(checkTrace(A, backwards, RULES)).toBe(true);
  });

  it("fails a trace with a stroke missing", () => {
    expect(checkTrace(A, wobbly(A.slice(0, 2), 0.02), RULES)).toBe(false);
    expect(checkTrace(A, wobbly(A.slice(1), 0.02), RULES)).toBe(false);
  });

  it("fails nothing, a line, a scribble over everything, and the letter drawn elsewhere", () => {
    expect(checkTrace(A, [], RULES)).toBe(false);
    expect(
      checkTrace(
        A,
        [
          [
            [0, 1],
            [0.8, 0],
          ],
        ],
        RULES,
      ),
    ).toBe(false);
    const scribble: Stroke = [];
    for (let x = 0; x <= 10; x++) for (let y = 0; y <= 10; y++) scribble.push([x / 10, y / 10]);
    expect(checkTrace(A, [scribble], RULES)).toBe(false);
    expect(
      checkTrace(
        A,
        A.map((s) => s.map(([x, y]): Point => [x + 3, y])),
        RULES,
      ),
    ).toBe(false);
  });

  it("resamples a polyline without gaps wider than the step, and keeps a dot", () => {
    const points = resample(
      [
        [0, 0],
        [1, 0],
      ],
      0.1,
    );
    expect(points).toHaveLength(11);
    expect(points.at(-1)).toEqual([1, 0]);
    expect(resample([[0.5, 0.5]], 0.1)).toEqual([[0.5, 0.5]]);
  });
});
