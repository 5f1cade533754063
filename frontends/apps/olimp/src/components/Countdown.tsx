import { formatClock } from "@alif/app/timer";
import { type TFunction, useTranslation } from "@alif/i18n";
import { useEffect, useState } from "react";
import { serverNow } from "../lib/olympiad.ts";

/** Whole seconds until `at` on the server's clock (read with a response at `receivedAt`). */
export function secondsUntil(at: string, serverTime: string, receivedAt: number, now: number) {
  return Math.max(0, Math.ceil((Date.parse(at) - serverNow(serverTime, receivedAt, now)) / 1000));
}

/** The same, ticking every second. */
export function useCountdown(at: string, serverTime: string, receivedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return secondsUntil(at, serverTime, receivedAt, now);
}

export function formatWait(seconds: number, t: TFunction) {
  const days = Math.floor(seconds / 86400);
  return days > 0
    ? t("countdown.days", { count: days, time: formatClock(seconds % 86400) })
    : formatClock(seconds);
}

/** The waiting room's big clock; `onZero` when the round opens. */
export function Countdown(props: {
  at: string;
  serverTime: string;
  receivedAt: number;
  onZero?(): void;
}) {
  const { t } = useTranslation();
  const seconds = useCountdown(props.at, props.serverTime, props.receivedAt);
  const { onZero } = props;
  useEffect(() => {
    if (seconds === 0) onZero?.();
  }, [seconds, onZero]);
  return (
    <p
      role="timer"
      aria-label={t("countdown.label", { time: formatWait(seconds, t) })}
      className="font-black text-5xl text-brand-700 tabular-nums"
      data-testid="countdown"
    >
      {formatWait(seconds, t)}
    </p>
  );
}
