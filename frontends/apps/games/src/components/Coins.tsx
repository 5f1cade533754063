import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { useQuery } from "@tanstack/react-query";
import { walletQuery } from "../lib/queries.ts";

/** My coins, from the wallet on main (the same for every app). */
export function MyCoins() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const wallet = useQuery(walletQuery(api));
  if (!wallet.data) return null;
  return (
    <span className="inline-flex items-center gap-2 rounded-2xl bg-sun-100 px-4 py-2 font-black text-2xl">
      <span aria-hidden="true">🪙</span>
      <span aria-hidden="true">{wallet.data.balance}</span>
      <span className="sr-only">{t("coins", { coins: wallet.data.balance })}</span>
    </span>
  );
}
