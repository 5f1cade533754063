import { useTranslation } from "@alif/i18n";
import { cx } from "@alif/ui";
import { type Bar, type Ranked, shapeOf } from "./protocol.ts";
import { type Game, useRemaining } from "./useLiveGame.ts";

export function Countdown(props: { question: Game["question"]; big?: boolean }) {
  const { t } = useTranslation();
  const left = Math.ceil(useRemaining(props.question) / 1000);
  return (
    <p
      role="timer"
      aria-label={t("live.secondsLeft", { count: left })}
      data-testid="live-timer"
      className={cx(
        "grid place-items-center rounded-full bg-brand-700 font-black text-white tabular-nums",
        props.big ? "size-24 text-5xl" : "size-14 text-2xl",
      )}
    >
      {props.question?.timer.paused ? "⏸" : left}
    </p>
  );
}

/** The label of a true/false or right/wrong bar, in the player's language. */
export function barLabel(t: (key: string) => string, bar: Bar): string {
  if (bar.key === "true" || bar.key === "false") return t(`take.${bar.key}`);
  if (bar.key === "right") return t("live.right");
  if (bar.key === "wrong") return t("live.wrong_bar");
  return bar.label;
}

export function Distribution(props: { bars: Bar[] }) {
  const { t } = useTranslation();
  const most = Math.max(1, ...props.bars.map((b) => b.count));
  return (
    <ol className="flex h-56 items-end gap-3" data-testid="live-distribution">
      {props.bars.map((bar, i) => (
        <li
          key={bar.key}
          className="flex h-full flex-1 flex-col items-center justify-end gap-1"
          aria-label={`${barLabel(t, bar)}: ${bar.count}`}
        >
          <span className="font-black text-2xl">{bar.count}</span>
          <span
            className={cx(
              "w-full rounded-t-xl",
              shapeOf(i).colour,
              bar.correct ? "" : "opacity-40",
            )}
            style={{ height: `${(bar.count / most) * 100}%`, minHeight: 6 }}
          />
          <span className="text-center font-bold">
            {bar.correct ? "✔ " : ""}
            {barLabel(t, bar)}
          </span>
        </li>
      ))}
    </ol>
  );
}

export function TopList(props: { rows: Ranked[]; highlight?: string | null }) {
  return (
    <ol className="flex flex-col gap-2" data-testid="live-top">
      {props.rows.map((row) => (
        <li
          key={row.id}
          className={cx(
            "flex items-center justify-between rounded-xl px-4 py-2 font-bold text-xl",
            row.id === props.highlight ? "bg-amber-100" : "bg-white",
          )}
        >
          <span>
            {row.rank}. {row.name}
          </span>
          <span className="tabular-nums">{row.score}</span>
        </li>
      ))}
    </ol>
  );
}

export function PodiumView(props: { top: Ranked[] }) {
  const { t } = useTranslation();
  const [first, second, third] = props.top;
  const step = (row: Ranked | undefined, height: string, medal: string) =>
    row ? (
      <div className="flex flex-1 flex-col items-center gap-2">
        <span className="text-5xl">{medal}</span>
        <span className="text-center font-black text-2xl">{row.name}</span>
        <span className="font-bold tabular-nums">{row.score}</span>
        <div className={cx("w-full rounded-t-2xl bg-brand-500", height)} />
      </div>
    ) : (
      <div className="flex-1" />
    );
  return (
    <section
      aria-label={t("live.podium")}
      data-testid="live-podium"
      className="flex items-end gap-3"
    >
      {step(second, "h-24", "🥈")}
      {step(first, "h-36", "🥇")}
      {step(third, "h-16", "🥉")}
    </section>
  );
}
