// @vitest-environment node
import { describe, expect, it } from "vitest";
import { groupBody } from "../src/components/GroupForm.tsx";
import { emptyLead, leadBody } from "../src/components/LeadForm.tsx";
import { studentBody, studentChanges, studentDraft } from "../src/components/StudentForm.tsx";
import { slotsBody, soumToTiyin, tiyinToSoum } from "../src/lib/schedule.ts";
import { splitName } from "../src/pages/LeadPage.tsx";

describe("the forms' bodies", () => {
  it("a lead: trimmed, no empty stage or date, with its retry key", () => {
    const draft = {
      ...emptyLead(),
      name: "  Aziza  ",
      phone: " 90 123 45 67 ",
      subject: " IELTS ",
    };
    expect(leadBody(draft, "k1")).toEqual({
      name: "Aziza",
      phone: "90 123 45 67",
      source: "instagram",
      stage_id: null,
      subject: "IELTS",
      level: "",
      preferred_times: "",
      next_step_on: null,
      idempotency_key: "k1",
    });
  });

  it("a student card sends an emptied phone as null, and a change only what changed", () => {
    const before = studentDraft({
      id: "s1",
      first_name: "Ali",
      last_name: "Valiyev",
      phone: "+998901234567",
      birth_date: "2015-01-02",
      parent_name: "",
      parent_phone: "+998907654321",
      notes: "",
      debt: 0,
      created_at: "2026-12-01T10:00:00Z",
    });
    const after = { ...before, phone: "  ", notes: " chap qoʻlda yozadi " };
    expect(studentBody(after).phone).toBeNull();
    expect(studentChanges(before, after)).toEqual({ phone: null, notes: "chap qoʻlda yozadi" });
    expect(studentChanges(before, before)).toEqual({});
  });

  it("a group: soʻm to tiyin, complete slots in week order, refused numbers", () => {
    const draft = {
      room_id: "",
      starts_on: "2026-12-01",
      ends_on: "",
      price: "450 000",
      capacity: "12",
      schedule: [
        { weekday: 4, starts_at: "14:00", ends_at: "15:30" },
        { weekday: 0, starts_at: "14:00", ends_at: "" },
        { weekday: 2, starts_at: "09:00", ends_at: "10:00" },
      ],
    };
    expect(groupBody(draft)).toEqual({
      room_id: null,
      starts_on: "2026-12-01",
      ends_on: null,
      monthly_price: 45_000_000,
      capacity: 12,
      schedule: [
        { weekday: 2, starts_at: "09:00", ends_at: "10:00" },
        { weekday: 4, starts_at: "14:00", ends_at: "15:30" },
      ],
    });
    expect(groupBody({ ...draft, price: "arzon" })).toBeNull();
    expect(groupBody({ ...draft, capacity: "0" })).toBeNull();
    expect(slotsBody([])).toEqual([]);
  });

  it("reads soʻm as people type them", () => {
    expect(soumToTiyin("380000")).toBe(38_000_000);
    expect(soumToTiyin("1 500,50")).toBe(150_050);
    expect(soumToTiyin("-5")).toBeNull();
    expect(tiyinToSoum(38_000_000)).toBe("380000");
    expect(tiyinToSoum(150_050)).toBe("1500.50");
  });

  it("splits a lead's name into the student's first and last names", () => {
    expect(splitName("  Aziza   Mahmudova ")).toEqual({ first: "Aziza", last: "Mahmudova" });
    expect(splitName("Otabek")).toEqual({ first: "Otabek", last: "" });
  });
});
