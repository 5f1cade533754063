import type { MainSchema } from "@alif/api";
import { useTranslation } from "@alif/i18n";
import { Coins, cx } from "@alif/ui";
import type { ReactNode } from "react";

type Wallet = MainSchema<"WalletRead">;

/** The streak as a child reads it: a flame and a number of days, or an invitation to start. */
export function Streak(props: { days: number; forChild?: boolean; className?: string }) {
  const { t } = useTranslation();
  return (
    <span className={cx("inline-flex items-center gap-2 font-bold", props.className)}>
      <span aria-hidden="true" className={props.days > 0 ? "" : "grayscale"}>
        🔥
      </span>
      {props.days > 0
        ? t("coins.streak", { days: props.days })
        : props.forChild
          ? t("coins.streakStart")
          : t("coins.noStreak")}
    </span>
  );
}

/** A wallet's balance in big numbers with its streak. */
export function WalletSummary(props: {
  wallet: Wallet;
  forChild?: boolean;
  title?: ReactNode;
  action?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="flex flex-wrap items-center gap-4 rounded-[2rem] bg-sun-100 p-6">
      <div className="flex flex-1 flex-col gap-1">
        <p className="font-bold text-amber-900">{props.title ?? t("coins.balance")}</p>
        <Coins amount={props.wallet.balance} className="text-5xl text-ink" />
        <Streak days={props.wallet.streak_days} forChild={props.forChild} className="text-lg" />
      </div>
      {props.action}
    </section>
  );
}
