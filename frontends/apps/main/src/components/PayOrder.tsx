import { ApiError, call, type MainSchema } from "@alif/api";
import { useAuth } from "@alif/auth";
import { errorMessage, formatSoum, useTranslation } from "@alif/i18n";
import { Alert } from "@alif/ui";
import { useState } from "react";
import { useAction } from "../lib/useAction.ts";
import { type Provider, ProviderButtons } from "./ProviderButtons.tsx";

type Order = MainSchema<"OrderRead">;

/** The amount of an order and the two ways to pay it: each goes to the provider's own page. */
export function PayOrder(props: { order: Order }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const { order } = props;
  const [choice, setChoice] = useState<Provider | null>(null);
  const pay = useAction(async (provider: Provider) => {
    setChoice(provider);
    const link = await call(
      api.main.GET("/api/main/orders/{order_id}/checkout", {
        params: { path: { order_id: order.id }, query: { provider } },
      }),
    );
    window.location.assign(link.url);
  });
  const notConfigured =
    pay.error instanceof ApiError && pay.error.code === "payments_not_configured";
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 rounded-2xl bg-slate-50 p-4">
        <dt>{order.plan_name}</dt>
        <dd className="text-right tabular-nums">
          {t("money.soum", { amount: formatSoum(order.base_amount, i18n.language) })}
        </dd>
        {order.discount > 0 ? (
          <>
            <dt>{t("billing.discount")}</dt>
            <dd className="text-right text-emerald-700 tabular-nums">
              −{t("money.soum", { amount: formatSoum(order.discount, i18n.language) })}
            </dd>
          </>
        ) : null}
        <dt className="font-extrabold text-lg">{t("billing.toPay")}</dt>
        <dd className="text-right font-extrabold text-lg tabular-nums">
          {t("money.soum", { amount: formatSoum(order.amount, i18n.language) })}
        </dd>
      </dl>
      <p className="font-bold">{t("billing.choosePayment")}</p>
      <ProviderButtons
        pending={pay.pending}
        choice={choice}
        onChoose={(provider) => void pay.run(provider)}
      />
      {pay.error ? (
        <Alert tone={notConfigured ? "warning" : "error"} title={errorMessage(t, pay.error)}>
          {notConfigured ? t("billing.notConfiguredText") : null}
        </Alert>
      ) : null}
      <p className="text-muted text-sm">{t("billing.redirectNote")}</p>
    </div>
  );
}
