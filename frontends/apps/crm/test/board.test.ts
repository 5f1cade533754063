// @vitest-environment node
import { describe, expect, it } from "vitest";
import { columnsOf, moveTarget, neighbourStage, withMove } from "../src/lib/board.ts";

const stages = [
  { id: "s2", name: "Bogʻlanildi", position: 1 },
  { id: "s1", name: "Yangi", position: 0 },
  { id: "s3", name: "Sinov darsi", position: 2 },
];
const leads = [
  { id: "a", stage_id: "s1" },
  { id: "b", stage_id: "s3" },
  { id: "c", stage_id: "s1" },
  { id: "d", stage_id: "gone" },
];

describe("the lead board", () => {
  it("has one column per stage in the office's order, each lead in its stage", () => {
    const columns = columnsOf(stages, leads);
    expect(columns.map((c) => c.stage.id)).toEqual(["s1", "s2", "s3"]);
    expect(columns.map((c) => c.leads.map((l) => l.id))).toEqual([["a", "c"], [], ["b"]]);
  });

  it("moves only to another stage", () => {
    expect(moveTarget(leads[0], "s2")).toBe("s2");
    expect(moveTarget(leads[0], "s1")).toBeNull();
    expect(moveTarget(leads[0], null)).toBeNull();
    expect(moveTarget(undefined, "s2")).toBeNull();
  });

  it("shows a moved lead in its new column and leaves the others", () => {
    const moved = withMove(leads, "a", "s3");
    expect(columnsOf(stages, moved).map((c) => c.leads.map((l) => l.id))).toEqual([
      ["c"],
      [],
      ["a", "b"],
    ]);
    expect(leads[0]?.stage_id).toBe("s1");
  });

  it("finds the neighbour stage, none past either end", () => {
    expect(neighbourStage(stages, "s1", 1)).toBe("s2");
    expect(neighbourStage(stages, "s1", -1)).toBeNull();
    expect(neighbourStage(stages, "s3", 1)).toBeNull();
  });
});
