/**
 * The trace check, the same as the server's (services/harf/harf/exercises/tracing.py): a trace
 * passes when it runs along most of every stroke of the letter (`coverage`) and stays near the
 * letter (`precision`), within `tolerance`, in the letter's units (cap height 1). The app says
 * "well done" at once; the server checks the same strokes again before counting them.
 */
export type Point = [number, number];
export type Stroke = Point[];
export interface Rules {
  tolerance: number;
  coverage: number;
  precision: number;
}

const MAX_INK = 8; // a trace longer than this many times the letter is a scribble

function distance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

function length(stroke: Stroke): number {
  let total = 0;
  for (let i = 1; i < stroke.length; i++)
    total += distance(stroke[i - 1] as Point, stroke[i] as Point);
  return total;
}

/** Points along the polyline no more than `step` apart (a dot stays one point). */
export function resample(stroke: Stroke, step: number): Point[] {
  const first = stroke[0];
  if (!first) return [];
  const points: Point[] = [first];
  for (let i = 1; i < stroke.length; i++) {
    const a = stroke[i - 1] as Point;
    const b = stroke[i] as Point;
    const pieces = Math.max(1, Math.ceil(distance(a, b) / step));
    for (let j = 1; j <= pieces; j++) {
      points.push([a[0] + ((b[0] - a[0]) * j) / pieces, a[1] + ((b[1] - a[1]) * j) / pieces]);
    }
  }
  return points;
}

function shareNear(points: Point[], others: Point[], tolerance: number): number {
  if (points.length === 0) return 0;
  let near = 0;
  for (const p of points) if (others.some((q) => distance(p, q) <= tolerance)) near++;
  return near / points.length;
}

export function checkTrace(expected: Stroke[], drawn: Stroke[], rules: Rules): boolean {
  const strokes = drawn.filter((stroke) => stroke.length > 0);
  const ink = strokes.reduce((sum, stroke) => sum + length(stroke), 0);
  const letter = expected.reduce((sum, stroke) => sum + length(stroke), 0);
  if (strokes.length === 0 || ink > MAX_INK * Math.max(letter, 1)) return false;
  const step = rules.tolerance / 2;
  const paths = expected.map((stroke) => resample(stroke, step));
  const trace = strokes.flatMap((stroke) => resample(stroke, step));
  return (
    paths.every((path) => shareNear(path, trace, rules.tolerance) >= rules.coverage) &&
    shareNear(trace, paths.flat(), rules.tolerance) >= rules.precision
  );
}
