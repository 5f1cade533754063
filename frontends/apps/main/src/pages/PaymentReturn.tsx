import { ApiError } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, formatSoum, useTranslation } from "@alif/i18n";
import { Alert, Button, buttonClass, Card, EmptyState, linkClass, Page, Spinner } from "@alif/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { billingKeys, mySubscriptionQuery, orderQuery } from "../lib/queries.ts";

const OPEN = new Set(["pending", "paying"]);
/** How often, and for how long, the page asks before it says that the answer is late. */
export const POLL_MS = 2000;
export const POLL_FOR_MS = 3 * 60_000;

/**
 * Where Payme and Click send the buyer back (`/payments/return?order_id=...`). The provider tells
 * our server, not this page, whether the payment went through: the page asks the server until the
 * order is paid, cancelled or expired, and says so.
 */
export default function PaymentReturn() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const orderId = params.get("order_id") ?? "";
  const started = useRef(Date.now());
  const [late, setLate] = useState(false);
  const order = useQuery({
    ...orderQuery(api, orderId),
    enabled: orderId !== "",
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      if (status && !OPEN.has(status)) return false;
      return Date.now() - started.current < POLL_FOR_MS ? POLL_MS : false;
    },
    refetchIntervalInBackground: false,
  });
  const status = order.data?.status;
  const paid = status === "paid";
  const mine = useQuery({ ...mySubscriptionQuery(api, i18n.language), enabled: paid });

  useEffect(() => {
    if (paid) void client.invalidateQueries({ queryKey: billingKeys.all });
  }, [paid, client]);
  useEffect(() => {
    if (!status || !OPEN.has(status)) return;
    const timer = setTimeout(
      () => setLate(true),
      Math.max(0, POLL_FOR_MS - (Date.now() - started.current)),
    );
    return () => clearTimeout(timer);
  }, [status]);

  const back = (
    <Link to="/subscription" className={linkClass("self-start")}>
      ← {t("billing.title")}
    </Link>
  );
  const missing =
    orderId === "" ||
    (order.error instanceof ApiError &&
      (order.error.code === "order_not_found" || order.error.status === 422));
  if (missing) {
    return (
      <Page title={t("payment.title")} back={back}>
        <EmptyState icon="🔍" title={t("payment.notFound")}>
          {t("payment.notFoundText")}
        </EmptyState>
      </Page>
    );
  }
  const again = () => {
    started.current = Date.now();
    setLate(false);
    void order.refetch();
  };
  return (
    <Page title={t("payment.title")} back={back} narrow>
      <Card className="flex flex-col items-center gap-4 py-8 text-center" aria-live="polite">
        {order.isPending ? (
          <Spinner />
        ) : order.isError && !order.data ? (
          <Alert tone="error" action={<Button onClick={again}>{t("common:actions.retry")}</Button>}>
            {errorMessage(t, order.error)}
          </Alert>
        ) : paid ? (
          <>
            <span aria-hidden="true" className="text-7xl">
              🎉
            </span>
            <p className="font-extrabold text-2xl">{t("payment.paid")}</p>
            <p className="text-lg">
              {mine.data?.subscription
                ? t("payment.paidUntil", {
                    plan: mine.data.subscription.plan.name,
                    date: formatDate(mine.data.subscription.ends_at, i18n.language),
                  })
                : order.data?.plan_name}
            </p>
            <Link to="/home" className={buttonClass("primary", "lg")}>
              {t("nav.toHome")}
            </Link>
          </>
        ) : status && OPEN.has(status) ? (
          <>
            {late ? (
              <span aria-hidden="true" className="text-6xl">
                ⏳
              </span>
            ) : (
              <Spinner />
            )}
            <p className="font-extrabold text-xl">
              {late ? t("payment.late") : t("payment.waiting")}
            </p>
            <p className="text-muted">{late ? t("payment.lateText") : t("payment.waitingText")}</p>
            {late ? <Button onClick={again}>{t("payment.checkAgain")}</Button> : null}
          </>
        ) : (
          <>
            <span aria-hidden="true" className="text-6xl">
              😕
            </span>
            <p className="font-extrabold text-xl">{t(`payment.${status ?? "cancelled"}`)}</p>
            <p className="text-muted">{t("payment.notPaidText")}</p>
            <Link to="/subscription" className={buttonClass("primary", "lg")}>
              {t("payment.tryAgain")}
            </Link>
          </>
        )}
        {order.data ? (
          <p className="text-muted text-sm">
            {order.data.plan_name} ·{" "}
            {t("money.soum", { amount: formatSoum(order.data.amount, i18n.language) })}
          </p>
        ) : null}
      </Card>
    </Page>
  );
}
