import { ApiError } from "@alif/api";
import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { EmptyState, linkClass, Page, QueryState } from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { CoinHistory } from "../components/CoinHistory.tsx";
import { WalletSummary } from "../components/WalletSummary.tsx";
import { childQuery, childWalletQuery } from "../lib/queries.ts";

/** A parent's view of one child's coins: balance, streak, everything earned and spent. */
export default function ChildCoins() {
  const { t } = useTranslation();
  const { childId = "" } = useParams();
  const { api } = useAuth();
  const child = useQuery(childQuery(api, childId));
  const wallet = useQuery(childWalletQuery(api, childId));
  const back = (
    <Link to={`/children/${childId}`} className={linkClass("self-start")}>
      ← {child.data?.first_name ?? t("home.children")}
    </Link>
  );
  const missing = [child.error, wallet.error].some(
    (e) => e instanceof ApiError && (e.code === "child_not_found" || e.status === 422),
  );
  if (missing) {
    return (
      <Page title={t("childDetail.notFound")} back={back}>
        <EmptyState icon="🔍" title={t("childDetail.notFound")} />
      </Page>
    );
  }
  const name = child.data ? `${child.data.first_name} ${child.data.last_name}`.trim() : "";
  return (
    <Page title={t("coins.childTitle", { name })} back={back}>
      <QueryState query={wallet}>{(data) => <WalletSummary wallet={data} />}</QueryState>
      <section aria-labelledby="history-title" className="flex flex-col gap-3">
        <h2 id="history-title" className="font-extrabold text-2xl">
          {t("coins.history")}
        </h2>
        <CoinHistory owner={childId} />
      </section>
    </Page>
  );
}
