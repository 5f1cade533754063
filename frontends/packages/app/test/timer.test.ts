// @vitest-environment node
import { describe, expect, it } from "vitest";
import { formatClock, secondsLeft, warningSeconds } from "../src/timer.ts";

describe("the attempt's timer", () => {
  it("counts on the server's clock, whatever the device's clock says", () => {
    const server = "2026-12-07T10:00:00Z";
    const deadline = "2026-12-07T10:20:00Z";
    // The device's clock is an hour behind; 90 s pass on it after the answer arrived.
    const receivedAt = Date.parse("2026-12-07T09:00:00Z");
    expect(secondsLeft(deadline, server, receivedAt, receivedAt)).toBe(1200);
    expect(secondsLeft(deadline, server, receivedAt, receivedAt + 90_000)).toBe(1110);
  });

  it("never goes below zero", () => {
    const at = Date.parse("2026-12-07T10:00:00Z");
    expect(secondsLeft("2026-12-07T10:00:05Z", "2026-12-07T10:00:00Z", at, at + 60_000)).toBe(0);
  });

  it("warns at a tenth of the time, between two and five minutes", () => {
    expect(warningSeconds(10 * 60)).toBe(120);
    expect(warningSeconds(40 * 60)).toBe(240);
    expect(warningSeconds(180 * 60)).toBe(300);
  });

  it("reads as minutes and seconds, with hours when there are any", () => {
    expect(formatClock(65)).toBe("01:05");
    expect(formatClock(3725)).toBe("1:02:05");
  });
});
