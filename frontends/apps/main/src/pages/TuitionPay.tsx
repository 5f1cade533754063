import { ApiError, call } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatDate, formatMonth, formatSoum, useTranslation } from "@alif/i18n";
import { Alert, Button, Card, EmptyState, Page, Spinner } from "@alif/ui";
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useParams } from "react-router";
import { type Provider, ProviderButtons } from "../components/ProviderButtons.tsx";
import { useAction } from "../lib/useAction.ts";

/** While a payment is under way the page asks often; a bill left open asks now and then. */
const PAYING_POLL_MS = 2000;
const WAITING_POLL_MS = 10_000;
const POLL_FOR_MS = 5 * 60_000;

/**
 * A learning centre's tuition bill, opened from the link it sent (`/pay/<link id>`): no sign-in,
 * the link is the permission. The parent pays on Payme's or Click's page and comes back here,
 * where the page asks the server until the payment is confirmed.
 */
function TuitionPay() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const { linkId = "" } = useParams();
  const started = useRef(Date.now());
  const bill = useQuery({
    queryKey: ["tuition", linkId],
    queryFn: () =>
      call(api.main.GET("/api/main/tuition/{link_id}", { params: { path: { link_id: linkId } } })),
    refetchInterval: (query) => {
      if (Date.now() - started.current > POLL_FOR_MS) return false;
      const status = query.state.data?.status;
      if (status === "paying") return PAYING_POLL_MS;
      return status === "waiting" ? WAITING_POLL_MS : false;
    },
  });
  const [choice, setChoice] = useState<Provider | null>(null);
  const pay = useAction(async (provider: Provider) => {
    setChoice(provider);
    const checkout = await call(
      api.main.POST("/api/main/tuition/{link_id}/checkout", {
        params: { path: { link_id: linkId }, query: { provider } },
      }),
    );
    window.location.assign(checkout.url);
  });
  const notConfigured =
    pay.error instanceof ApiError && pay.error.code === "payments_not_configured";

  if (
    bill.error instanceof ApiError &&
    (bill.error.code === "tuition_link_not_found" || bill.error.status === 422)
  ) {
    return (
      <Page title={t("tuition.title")} narrow>
        <EmptyState icon="🔍" title={t("tuition.notFound")}>
          {t("tuition.notFoundText")}
        </EmptyState>
      </Page>
    );
  }
  const data = bill.data;
  return (
    <Page title={t("tuition.title")} narrow>
      <Card className="flex flex-col gap-4" aria-live="polite">
        {bill.isPending ? (
          <Spinner />
        ) : !data ? (
          <Alert
            tone="error"
            action={
              <Button onClick={() => void bill.refetch()}>{t("common:actions.retry")}</Button>
            }
          >
            {errorMessage(t, bill.error)}
          </Alert>
        ) : (
          <>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-2xl bg-slate-50 p-4">
              <dt className="text-muted">{t("tuition.centre")}</dt>
              <dd className="font-bold">{data.organization_name}</dd>
              <dt className="text-muted">{t("tuition.student")}</dt>
              <dd>{data.student_name}</dd>
              <dt className="text-muted">{t("tuition.month")}</dt>
              <dd>{formatMonth(data.month, i18n.language)}</dd>
              <dt className="font-extrabold text-lg">
                {data.status === "waiting" ? t("billing.toPay") : t("tuition.amount")}
              </dt>
              <dd className="font-extrabold text-lg tabular-nums">
                {t("money.soum", { amount: formatSoum(data.amount, i18n.language) })}
              </dd>
            </dl>
            {data.status === "waiting" ? (
              <>
                <p className="font-bold">{t("billing.choosePayment")}</p>
                <ProviderButtons
                  pending={pay.pending}
                  choice={choice}
                  onChoose={(provider) => void pay.run(provider)}
                />
                {pay.error ? (
                  <Alert
                    tone={notConfigured ? "warning" : "error"}
                    title={errorMessage(t, pay.error)}
                  >
                    {notConfigured ? t("tuition.notConfiguredText") : null}
                  </Alert>
                ) : null}
                <p className="text-muted text-sm">{t("tuition.redirectNote")}</p>
              </>
            ) : data.status === "paying" ? (
              <div className="flex flex-col items-center gap-2 text-center">
                <Spinner />
                <p className="font-extrabold text-xl">{t("payment.waiting")}</p>
                <p className="text-muted">{t("tuition.payingText")}</p>
              </div>
            ) : data.status === "paid" ? (
              <div className="flex flex-col items-center gap-2 text-center">
                <span aria-hidden="true" className="text-7xl">
                  🎉
                </span>
                <p className="font-extrabold text-2xl">{t("payment.paid")}</p>
                {data.paid_at ? (
                  <p className="text-muted">{formatDate(data.paid_at, i18n.language, true)}</p>
                ) : null}
                <p>{t("tuition.paidText", { centre: data.organization_name })}</p>
              </div>
            ) : (
              <div className="flex flex-col items-center gap-2 text-center">
                <span aria-hidden="true" className="text-6xl">
                  😕
                </span>
                <p className="font-extrabold text-xl">{t(`tuition.status.${data.status}`)}</p>
                <p className="text-muted">{t("tuition.closedText")}</p>
              </div>
            )}
          </>
        )}
      </Card>
    </Page>
  );
}

/** The page is public: the signed-in area's data cache is not around it, so it brings its own. */
export default function TuitionPayPage() {
  const [client] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={client}>
      <TuitionPay />
    </QueryClientProvider>
  );
}
