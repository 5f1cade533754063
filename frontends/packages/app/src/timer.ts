import { useEffect, useState } from "react";

/**
 * The attempt's clock is the server's: the deadline is compared with the server's time, moved on by
 * how long ago (on this device's clock) that time was read. A device whose clock is wrong by an hour
 * still shows the right minutes left.
 */
export function secondsLeft(
  deadline: string,
  serverTime: string,
  receivedAt: number,
  now: number,
): number {
  const serverNow = Date.parse(serverTime) + (now - receivedAt);
  return Math.max(0, Math.floor((Date.parse(deadline) - serverNow) / 1000));
}

/** A warning when a tenth of the time or two minutes are left, whichever is longer (at most 5). */
export function warningSeconds(limitSeconds: number): number {
  return Math.min(300, Math.max(120, Math.round(limitSeconds / 10)));
}

export function formatClock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** Seconds left, ticking every second; null without a deadline. */
export function useSecondsLeft(
  deadline: string | null,
  serverTime: string,
  receivedAt: number,
): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!deadline) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [deadline]);
  return deadline ? secondsLeft(deadline, serverTime, receivedAt, now) : null;
}
