import { describe, expect, it } from "vitest";
import { formatDate, formatMonth, formatNumber, formatSoum } from "../src/index.ts";

describe("dates and numbers", () => {
  const moment = new Date(2026, 10, 27, 14, 5).toISOString();

  it("writes Uzbek dates the way Uzbek readers write them", () => {
    expect(formatDate(moment, "uz")).toBe("27-noyabr, 2026");
    expect(formatDate(moment, "uz", true)).toBe("27-noyabr, 2026 14:05");
  });

  it("leaves other languages to the browser and shows nothing for no date", () => {
    expect(formatDate(moment, "ru")).toContain("2026");
    expect(formatDate(null, "uz")).toBe("");
    expect(formatDate("not a date", "uz")).toBe("");
  });

  it("groups thousands and turns tiyin into so'm", () => {
    expect(formatNumber(29900, "uz")).toBe("29\u00a0900");
    expect(formatNumber(29900, "en")).toBe("29,900");
    expect(formatSoum(2_990_000, "ru")).toBe("29\u00a0900");
  });
});

describe("formatMonth", () => {
  it("names the month in Uzbek whatever the browser knows, and in the others by Intl", () => {
    expect(formatMonth("2026-12-01", "uz")).toBe("dekabr 2026");
    expect(formatMonth("2026-01", "uz")).toBe("yanvar 2026");
    expect(formatMonth("2026-12-01", "en")).toBe("December 2026");
    expect(formatMonth("2026-03", "ru")).toMatch(/^март 2026/);
  });

  it("gives back what is not a month", () => {
    expect(formatMonth("", "uz")).toBe("");
    expect(formatMonth("soon", "en")).toBe("soon");
  });
});
