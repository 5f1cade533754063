import { type Api, call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { Coins, cx } from "@alif/ui";
import { queryOptions, useQuery } from "@tanstack/react-query";

/** Under `["coins"]`, which every coin change (a game's prize, a purchase) invalidates. */
export const WALLET_KEY = ["coins", "wallet"] as const;

/** The signed-in user's wallet on main (balance and streak): the same in every app. */
export const walletQuery = (api: Api) =>
  queryOptions({ queryKey: WALLET_KEY, queryFn: () => call(api.main.GET("/api/main/wallet")) });

/** "🪙 120" in a sun badge: my coins, shown once the wallet is known (nothing before). */
export function MyCoins(props: { className?: string }) {
  const { api } = useAuth();
  const wallet = useQuery(walletQuery(api));
  if (!wallet.data) return null;
  return (
    <Coins
      amount={wallet.data.balance}
      className={cx("gap-2 rounded-2xl bg-sun-100 px-4 py-2 font-black text-2xl", props.className)}
    />
  );
}
