// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { foldForComparison, normalizeUzbek, stripMarks } from "../src/text.ts";

type Case = { input: string; expected: string };
const cases = JSON.parse(
  readFileSync(new URL("../../../../shared/tests/text_cases.json", import.meta.url), "utf8"),
) as Record<"normalize_uzbek" | "fold_for_comparison" | "strip_marks", Case[]>;

const functions = {
  normalize_uzbek: normalizeUzbek,
  fold_for_comparison: foldForComparison,
  strip_marks: stripMarks,
} as const;

describe.each(Object.entries(functions))("%s (the cases shared with alif.text)", (name, fn) => {
  const list = cases[name as keyof typeof functions];

  it("has cases", () => {
    expect(list.length).toBeGreaterThan(3);
  });

  it.each(list)("$input", ({ input, expected }) => {
    expect(fn(input)).toBe(expected);
  });
});

describe("normalizeUzbek", () => {
  it("is stable: normalising twice changes nothing", () => {
    for (const { input } of cases.normalize_uzbek) {
      const once = normalizeUzbek(input);
      expect(normalizeUzbek(once)).toBe(once);
    }
  });
});
