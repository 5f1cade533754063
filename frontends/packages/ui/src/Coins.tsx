import { formatNumber, useTranslation } from "@alif/i18n";
import { cx } from "./cx.ts";

/** "🪙 120": a number of coins, read out as "120 coins". */
export function Coins(props: { amount: number; className?: string; signed?: boolean }) {
  const { t, i18n } = useTranslation();
  const sign = props.signed && props.amount > 0 ? "+" : props.amount < 0 ? "−" : "";
  const text = `${sign}${formatNumber(Math.abs(props.amount), i18n.language)}`;
  return (
    <span
      className={cx("inline-flex items-center gap-1 font-extrabold tabular-nums", props.className)}
    >
      <span aria-hidden="true">🪙</span>
      <span aria-hidden="true">{text}</span>
      <span className="sr-only">
        {t("common:coins.count", { count: props.amount, amount: text })}
      </span>
    </span>
  );
}
