import type { MainSchema } from "@alif/api";
import { walletQuery } from "@alif/app/wallet";
import { useAuth, useMe } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { Avatar, buttonClass, Coins, EmptyState, Page, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { CoinHistory } from "../components/CoinHistory.tsx";
import { Streak, WalletSummary } from "../components/WalletSummary.tsx";
import { childrenWalletsQuery } from "../lib/queries.ts";

type ChildWallet = MainSchema<"ChildWalletRead">;

function ChildrenWallets() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const wallets = useQuery(childrenWalletsQuery(api));
  return (
    <section aria-labelledby="children-coins" className="flex flex-col gap-3">
      <h2 id="children-coins" className="font-extrabold text-2xl">
        {t("coins.childrenTitle")}
      </h2>
      <QueryState query={wallets}>
        {(list: ChildWallet[]) =>
          list.length === 0 ? (
            <EmptyState
              icon="🧒"
              title={t("home.noChildren")}
              action={
                <Link to="/children/new" className={buttonClass("primary", "lg")}>
                  {t("home.addChild")}
                </Link>
              }
            />
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2">
              {list.map((child) => (
                <li key={child.user_id}>
                  <Link
                    to={`/children/${child.user_id}/coins`}
                    className="flex items-center gap-4 rounded-[var(--radius-card)] bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:bg-brand-50"
                  >
                    <Avatar name={child.first_name} />
                    <span className="flex flex-1 flex-col">
                      <span className="font-extrabold text-lg">
                        {child.first_name} {child.last_name}
                      </span>
                      <Streak days={child.streak_days} className="text-muted text-sm" />
                    </span>
                    <Coins amount={child.balance} className="text-xl" />
                    <span aria-hidden="true" className="text-2xl text-muted">
                      ›
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

/** Coins: my balance, streak and history; a parent sees each child's coins first. */
export default function Wallet() {
  const { t } = useTranslation();
  const me = useMe();
  const { api } = useAuth();
  const wallet = useQuery(walletQuery(api));
  const role = me.user.role;
  const student = role === "student";
  const mine = (
    <>
      <QueryState query={wallet}>
        {(data) => (
          <WalletSummary
            wallet={data}
            forChild={student}
            title={role === "parent" ? t("coins.myBalance") : undefined}
            action={
              student ? (
                <Link to="/shop" className={buttonClass("sun", "xl")}>
                  <span aria-hidden="true">🛍️</span> {t("shop.title")}
                </Link>
              ) : null
            }
          />
        )}
      </QueryState>
      <section aria-labelledby="history-title" className="flex flex-col gap-3">
        <h2 id="history-title" className="font-extrabold text-2xl">
          {t("coins.history")}
        </h2>
        <CoinHistory owner="me" />
      </section>
    </>
  );
  if (role === "parent") {
    // Parents do not earn coins; their own wallet shows only if something was ever put in it.
    return (
      <Page title={t("coins.title")} subtitle={t("coins.parentSubtitle")}>
        <ChildrenWallets />
        {wallet.data && wallet.data.balance > 0 ? mine : null}
      </Page>
    );
  }
  return (
    <Page
      title={student ? t("coins.myTitle") : t("coins.title")}
      subtitle={student ? t("coins.childSubtitle") : t("coins.adultSubtitle")}
    >
      {mine}
    </Page>
  );
}
