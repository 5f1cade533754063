import { call, type MainSchema } from "@alif/api";
import { useAuth, useMe } from "@alif/auth";
import { errorMessage, formatDate, formatSoum, useTranslation } from "@alif/i18n";
import { fieldError } from "@alif/i18n/forms";
import {
  Alert,
  Button,
  Card,
  CardTitle,
  cx,
  Dialog,
  EmptyState,
  Field,
  Input,
  Page,
  QueryState,
  useToast,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { CoverageBadge } from "../components/CoverageBadge.tsx";
import { PayOrder } from "../components/PayOrder.tsx";
import { newKey } from "../lib/coins.ts";
import { billingKeys, keys, mySubscriptionQuery, ordersQuery, plansQuery } from "../lib/queries.ts";

type Plan = MainSchema<"PlanRead">;
type Mine = MainSchema<"MySubscription">;
type Order = MainSchema<"OrderRead">;

/** A paid plan that is running now: buying again must be asked for as an extension. */
function paidAndActive(mine: Mine | undefined) {
  const own = mine?.subscription;
  return own?.is_active && !own.is_trial ? own : null;
}

function Features(props: { codes: string[] }) {
  const { t } = useTranslation();
  return (
    <ul className="flex flex-col gap-1">
      {props.codes.map((code) => (
        <li key={code} className="flex gap-2">
          <span aria-hidden="true">✅</span>
          {t(`features.${code}`, { defaultValue: code })}
        </li>
      ))}
    </ul>
  );
}

/** Each child and whether a plan covers them; the parent picks who the family plan covers. */
function Coverage(props: { mine: Mine }) {
  const { t } = useTranslation();
  const [choosing, setChoosing] = useState(false);
  const { children, subscription } = props.mine;
  if (children.length === 0) return null;
  const choosable = subscription?.is_active && subscription.plan.audience === "family";
  return (
    <section aria-labelledby="coverage-title" className="mt-4 flex flex-col gap-3">
      <h3 id="coverage-title" className="font-bold text-lg">
        {t("billing.coverageTitle")}
      </h3>
      <ul className="flex flex-col gap-2">
        {children.map((child) => (
          <li
            key={child.child_id}
            className="flex min-h-12 items-center justify-between gap-3 rounded-2xl bg-slate-50 px-4 py-2"
          >
            <span className="font-bold">{child.first_name}</span>
            <CoverageBadge covered={child.covered} />
          </li>
        ))}
      </ul>
      {choosable ? (
        <Button variant="secondary" className="self-start" onClick={() => setChoosing(true)}>
          {t("billing.chooseChildren")}
        </Button>
      ) : null}
      {choosing && subscription ? (
        <ChooseChildren
          mine={props.mine}
          max={subscription.plan.max_children}
          onClose={() => setChoosing(false)}
        />
      ) : null}
    </section>
  );
}

function ChooseChildren(props: { mine: Mine; max: number; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const [chosen, setChosen] = useState<string[]>(() =>
    props.mine.children.filter((c) => c.covered).map((c) => c.child_id),
  );
  const save = useMutation({
    mutationFn: () =>
      call(
        api.main.PUT("/api/main/subscriptions/covered-children", { body: { child_ids: chosen } }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: billingKeys.mine });
      void client.invalidateQueries({ queryKey: keys.children });
      toast.show(t("billing.chosen"));
      props.onClose();
    },
  });
  const toggle = (id: string, on: boolean) =>
    setChosen((list) => (on ? [...list, id] : list.filter((other) => other !== id)));
  return (
    <Dialog open onClose={props.onClose} title={t("billing.chooseTitle")}>
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <p className="text-muted">{t("billing.chooseHint", { max: props.max })}</p>
        <ul className="flex flex-col gap-2">
          {props.mine.children.map((child) => {
            const on = chosen.includes(child.child_id);
            return (
              <li key={child.child_id}>
                <label className="flex min-h-12 items-center gap-3 font-bold">
                  <input
                    type="checkbox"
                    className="size-6 accent-brand-600"
                    checked={on}
                    disabled={!on && chosen.length >= props.max}
                    onChange={(e) => toggle(child.child_id, e.target.checked)}
                  />
                  {child.first_name}
                </label>
              </li>
            );
          })}
        </ul>
        {save.error ? <Alert tone="error">{errorMessage(t, save.error)}</Alert> : null}
        <Button type="submit" size="lg" loading={save.isPending} disabled={chosen.length === 0}>
          {t("common:actions.save")}
        </Button>
      </form>
    </Dialog>
  );
}

function MySubscriptionCard(props: { mine: Mine }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const trial = useMutation({
    mutationFn: () => call(api.main.POST("/api/main/subscriptions/trial")),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: billingKeys.mine });
      toast.show(t("billing.trialStarted"));
    },
  });
  const own = props.mine.subscription;
  return (
    <Card>
      <CardTitle>{t("billing.mine")}</CardTitle>
      {own ? (
        <div className="flex flex-col gap-3">
          <p className="flex flex-wrap items-center gap-2 font-extrabold text-xl">
            {own.plan.name}
            <span
              className={cx(
                "rounded-full px-3 py-1 font-bold text-sm",
                own.is_active ? "bg-emerald-100 text-emerald-900" : "bg-slate-200 text-slate-800",
              )}
            >
              {own.is_active
                ? own.is_trial
                  ? t("billing.trial")
                  : t("billing.active")
                : t("billing.ended")}
            </span>
          </p>
          <p className="text-lg">
            {t(own.is_active ? "billing.activeUntil" : "billing.endedOn", {
              date: formatDate(own.ends_at, i18n.language, true),
            })}
          </p>
          <Features codes={own.plan.features} />
        </div>
      ) : (
        <p className="text-muted">{t("billing.none")}</p>
      )}
      <Coverage mine={props.mine} />
      {props.mine.trial_available ? (
        <div className="mt-4 flex flex-col items-start gap-3 rounded-2xl bg-sun-100 p-4">
          <p className="font-bold">{t("billing.trialOffer")}</p>
          {props.mine.trial_days ? (
            <p className="font-bold">{t("billing.trialLength", { days: props.mine.trial_days })}</p>
          ) : null}
          <p className="text-muted">{t("billing.trialText")}</p>
          <Button variant="sun" loading={trial.isPending} onClick={() => trial.mutate()}>
            {t("billing.startTrial")}
          </Button>
          {trial.error ? <Alert tone="error">{errorMessage(t, trial.error)}</Alert> : null}
        </div>
      ) : null}
    </Card>
  );
}

function CheckoutDialog(props: {
  plan: Plan;
  extend: boolean;
  mine: Mine | undefined;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const [promo, setPromo] = useState("");
  // One key per order the parent means to make: a double press makes one order.
  const [key] = useState(newKey);
  const order = useMutation({
    mutationFn: () =>
      call(
        api.main.POST("/api/main/orders", {
          body: {
            plan_id: props.plan.id,
            idempotency_key: key,
            extend: props.extend,
            promo_code: promo.trim() || null,
          },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["billing", "orders"] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    order.mutate();
  };
  const { plan } = props;
  const own = props.mine?.subscription;
  const trial = own?.is_active && own.is_trial ? own : null;
  return (
    <Dialog open onClose={props.onClose} title={plan.name}>
      {order.data ? (
        <PayOrder order={order.data} />
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
          <p className="font-extrabold text-2xl">
            {t("money.soum", { amount: formatSoum(plan.price, i18n.language) })}
            <span className="font-normal text-lg text-muted">
              {" "}
              / {t("billing.days", { days: plan.duration_days })}
            </span>
          </p>
          {props.extend ? <Alert tone="info">{t("billing.extendNote")}</Alert> : null}
          {trial ? (
            <Alert tone="warning">
              {t("billing.trialPayWarning", { date: formatDate(trial.ends_at, i18n.language) })}
            </Alert>
          ) : null}
          <Field
            label={t("billing.promo")}
            hint={t("billing.promoHint")}
            error={fieldError(order.error, "promo_code", t)}
          >
            <Input
              value={promo}
              onChange={(e) => setPromo(e.target.value.toUpperCase())}
              autoComplete="off"
              autoCapitalize="characters"
              maxLength={40}
            />
          </Field>
          {order.error && !fieldError(order.error, "promo_code", t) ? (
            <Alert tone="error">{errorMessage(t, order.error)}</Alert>
          ) : null}
          <Button type="submit" size="lg" loading={order.isPending}>
            {props.extend ? t("billing.extendOrder") : t("billing.order")}
          </Button>
        </form>
      )}
    </Dialog>
  );
}

function PlanCard(props: { plan: Plan; mine: Mine | undefined; onChoose(extend: boolean): void }) {
  const { t, i18n } = useTranslation();
  const { plan } = props;
  const current = paidAndActive(props.mine);
  const isCurrent = current?.plan.id === plan.id;
  return (
    <li
      className={cx(
        "flex flex-col gap-3 rounded-[var(--radius-card)] bg-white p-5 shadow-sm ring-1",
        isCurrent ? "ring-4 ring-brand-400" : "ring-slate-200",
      )}
    >
      <h3 className="font-extrabold text-xl">{plan.name}</h3>
      {plan.description ? <p className="text-muted">{plan.description}</p> : null}
      <p className="font-black text-3xl">
        {t("money.soum", { amount: formatSoum(plan.price, i18n.language) })}
      </p>
      <p className="text-muted">
        {t("billing.days", { days: plan.duration_days })} ·{" "}
        {plan.audience !== "family"
          ? t("billing.students", { max: plan.max_children })
          : plan.max_children === 1
            ? t("billing.oneChild")
            : t("billing.children", { max: plan.max_children })}
      </p>
      <Features codes={plan.features} />
      <div className="mt-auto pt-2">
        {current && !isCurrent ? (
          <p className="text-muted text-sm">
            {t("billing.changeLater", { date: formatDate(current.ends_at, i18n.language) })}
          </p>
        ) : (
          <Button size="lg" block onClick={() => props.onChoose(Boolean(isCurrent))}>
            {isCurrent ? t("billing.extend") : t("billing.choose")}
          </Button>
        )}
      </div>
    </li>
  );
}

function PromoDays() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  const [code, setCode] = useState("");
  const redeem = useMutation({
    mutationFn: () =>
      call(api.main.POST("/api/main/subscriptions/promo/redeem", { body: { code: code.trim() } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: billingKeys.mine });
      setCode("");
      toast.show(t("billing.promoApplied"));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim().length >= 3) redeem.mutate();
  };
  return (
    <Card>
      <CardTitle>{t("billing.promoDaysTitle")}</CardTitle>
      <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <Field label={t("billing.promo")} hint={t("billing.promoDaysHint")} className="flex-1">
          <Input
            value={code}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            autoComplete="off"
            autoCapitalize="characters"
            maxLength={40}
          />
        </Field>
        <Button
          type="submit"
          variant="secondary"
          size="lg"
          loading={redeem.isPending}
          disabled={code.trim().length < 3}
        >
          {t("billing.apply")}
        </Button>
      </form>
      {redeem.error ? (
        <Alert tone="error" className="mt-3">
          {errorMessage(t, redeem.error)}
        </Alert>
      ) : null}
    </Card>
  );
}

const ORDER_TONES: Record<string, string> = {
  pending: "bg-amber-100 text-amber-900",
  paying: "bg-sky-100 text-sky-900",
  paid: "bg-emerald-100 text-emerald-900",
};

function Orders(props: { onPay(order: Order): void }) {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  const orders = useQuery(ordersQuery(api));
  const cancel = useMutation({
    mutationFn: (order: Order) =>
      call(
        api.main.POST("/api/main/orders/{order_id}/cancel", {
          params: { path: { order_id: order.id } },
        }),
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ["billing", "orders"] }),
  });
  return (
    <section aria-labelledby="orders-title" className="flex flex-col gap-3">
      <h2 id="orders-title" className="font-extrabold text-2xl">
        {t("billing.orders")}
      </h2>
      {cancel.error ? <Alert tone="error">{errorMessage(t, cancel.error)}</Alert> : null}
      <QueryState query={orders}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="text-muted">{t("billing.noOrders")}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {page.items.map((order) => (
                <li
                  key={order.id}
                  className="flex flex-wrap items-center gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200"
                >
                  <span className="flex flex-1 flex-col">
                    <span className="font-bold">{order.plan_name}</span>
                    <span className="text-muted text-sm">
                      {formatDate(order.created_at, i18n.language, true)} ·{" "}
                      {t("money.soum", { amount: formatSoum(order.amount, i18n.language) })}
                    </span>
                  </span>
                  <span
                    className={cx(
                      "rounded-full px-3 py-1 font-bold text-sm",
                      ORDER_TONES[order.status] ?? "bg-slate-200 text-slate-800",
                    )}
                  >
                    {t(`billing.status.${order.status}`)}
                  </span>
                  {order.status === "pending" ? (
                    <span className="flex gap-2">
                      <Button onClick={() => props.onPay(order)}>{t("billing.pay")}</Button>
                      <Button
                        variant="ghost"
                        loading={cancel.isPending && cancel.variables?.id === order.id}
                        onClick={() => cancel.mutate(order)}
                      >
                        {t("common:actions.cancel")}
                      </Button>
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

/** Plans, the family's (or centre's) subscription, promo codes and payments: for adults only. */
export default function Subscription() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { api } = useAuth();
  const audience = me.user.role === "organization" ? "organization" : "family";
  const mine = useQuery(mySubscriptionQuery(api, i18n.language));
  const plans = useQuery(plansQuery(api, audience, i18n.language));
  const [choice, setChoice] = useState<{ plan: Plan; extend: boolean } | null>(null);
  const [paying, setPaying] = useState<Order | null>(null);
  const pending = me.user.status !== "active";
  return (
    <Page title={t("billing.title")} subtitle={t(`billing.subtitle.${audience}`)}>
      {pending ? <Alert tone="warning">{t("billing.pendingAccount")}</Alert> : null}
      <QueryState query={mine}>{(data) => <MySubscriptionCard mine={data} />}</QueryState>
      <section aria-labelledby="plans-title" className="flex flex-col gap-3">
        <h2 id="plans-title" className="font-extrabold text-2xl">
          {t("billing.plans")}
        </h2>
        <QueryState query={plans}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState icon="🗂️" title={t("billing.noPlans")} />
            ) : (
              <ul className="grid gap-4 md:grid-cols-3">
                {list.map((plan) => (
                  <PlanCard
                    key={plan.id}
                    plan={plan}
                    mine={mine.data}
                    onChoose={(extend) => setChoice({ plan, extend })}
                  />
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
      <PromoDays />
      <Orders onPay={setPaying} />
      {choice ? (
        <CheckoutDialog
          key={choice.plan.id}
          plan={choice.plan}
          extend={choice.extend}
          mine={mine.data}
          onClose={() => setChoice(null)}
        />
      ) : null}
      {paying ? (
        <Dialog open onClose={() => setPaying(null)} title={paying.plan_name}>
          <PayOrder order={paying} />
        </Dialog>
      ) : null}
    </Page>
  );
}
