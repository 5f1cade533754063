import { call, type MainSchema } from "@alif/api";
import { useAuth, useMe } from "@alif/auth";
import { errorMessage, formatDate, useTranslation } from "@alif/i18n";
import {
  Alert,
  Avatar,
  Button,
  buttonClass,
  Card,
  CardTitle,
  Coins,
  EmptyState,
  Page,
  QueryState,
  useToast,
} from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { CoverageBadge } from "../../components/CoverageBadge.tsx";
import { Streak } from "../../components/WalletSummary.tsx";
import { childrenQuery, childrenWalletsQuery, mySubscriptionQuery } from "../../lib/queries.ts";
import { useAction } from "../../lib/useAction.ts";

type Child = MainSchema<"ChildRead">;
type ChildWallet = MainSchema<"ChildWalletRead">;

function ChildCard({
  child,
  wallet,
  planHeld,
}: {
  child: Child;
  wallet?: ChildWallet;
  planHeld: boolean;
}) {
  const { t, i18n } = useTranslation();
  const grade =
    child.grade === null
      ? null
      : child.grade === 0
        ? t("home.preschool")
        : t("home.grade", { grade: child.grade });
  return (
    <Link
      to={`/children/${child.id}`}
      className="flex items-center gap-4 rounded-[var(--radius-card)] bg-white p-4 shadow-sm ring-1 ring-slate-200 transition-colors hover:bg-brand-50"
    >
      <Avatar name={child.first_name} avatar={child.avatar} size="lg" />
      <span className="flex flex-1 flex-col">
        <span className="font-extrabold text-lg">
          {child.first_name} {child.last_name}
        </span>
        <span className="text-muted">
          {child.username ? `@${child.username}` : null}
          {grade ? ` · ${grade}` : null}
        </span>
        <span className="text-muted text-sm">
          {child.last_login_at
            ? t("home.lastLogin", { date: formatDate(child.last_login_at, i18n.language, true) })
            : t("home.neverLoggedIn")}
        </span>
        {child.covered_by_plan || planHeld ? (
          <span className="mt-1">
            <CoverageBadge covered={child.covered_by_plan} />
          </span>
        ) : null}
      </span>
      {wallet ? (
        <span className="flex flex-col items-end gap-1">
          <Coins amount={wallet.balance} className="text-lg" />
          {wallet.streak_days > 0 ? (
            <Streak days={wallet.streak_days} className="text-muted text-sm" />
          ) : null}
        </span>
      ) : null}
      <span aria-hidden="true" className="text-2xl text-muted">
        ›
      </span>
    </Link>
  );
}

function Invitation() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const toast = useToast();
  const [invitation, setInvitation] = useState<MainSchema<"InvitationRead"> | null>(null);
  const create = useAction(async () => {
    setInvitation(await call(api.main.POST("/api/main/family/invitations", { body: {} })));
  });
  const copy = async () => {
    if (!invitation) return;
    try {
      await navigator.clipboard.writeText(invitation.code);
      toast.show(t("home.copied"));
    } catch {
      // the code stays on screen to copy by hand
    }
  };
  return (
    <Card>
      <CardTitle>{t("home.linkTitle")}</CardTitle>
      <p className="mb-4 text-muted">{t("home.linkText")}</p>
      {create.error ? <Alert tone="error">{errorMessage(t, create.error)}</Alert> : null}
      {invitation ? (
        <div className="flex flex-col gap-3">
          <p className="flex flex-wrap items-center gap-3">
            <span>{t("home.codeIs")}</span>
            <strong className="rounded-xl bg-sun-100 px-4 py-2 font-mono text-2xl tracking-widest">
              {invitation.code}
            </strong>
            <Button variant="secondary" onClick={() => void copy()}>
              {t("home.copy")}
            </Button>
          </p>
          <p className="text-muted text-sm">
            {t("home.codeExpires", {
              date: formatDate(invitation.expires_at, i18n.language, true),
            })}
          </p>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => void create.run()} loading={create.pending}>
          {t("home.createCode")}
        </Button>
      )}
    </Card>
  );
}

/** The way to the week's report: tests, games and coins per child. */
function ReportCard() {
  const { t } = useTranslation();
  return (
    <Card className="flex flex-wrap items-center gap-4">
      <span aria-hidden="true" className="text-4xl">
        📊
      </span>
      <div className="flex flex-1 flex-col gap-1">
        <h2 className="font-extrabold text-xl">{t("report.title")}</h2>
        <p className="text-muted">{t("report.subtitle")}</p>
      </div>
      <Link to="/reports/weekly" className={buttonClass("secondary", "lg")}>
        {t("report.open")}
      </Link>
    </Card>
  );
}

/** Where the family's plan stands, and the way to the plans and payments. */
export function SubscriptionCard() {
  const { t, i18n } = useTranslation();
  const { api } = useAuth();
  const mine = useQuery(mySubscriptionQuery(api, i18n.language));
  const own = mine.data?.subscription;
  const children = mine.data?.children ?? [];
  return (
    <Card className="flex flex-wrap items-center gap-4">
      <span aria-hidden="true" className="text-4xl">
        ⭐
      </span>
      <div className="flex flex-1 flex-col gap-1">
        <h2 className="font-extrabold text-xl">{t("billing.title")}</h2>
        <p className="text-muted">
          {own?.is_active
            ? t("billing.activeUntilPlan", {
                plan: own.plan.name,
                date: formatDate(own.ends_at, i18n.language),
              })
            : mine.data?.trial_available
              ? t("billing.trialOffer")
              : t("billing.none")}
        </p>
        {own?.is_active && children.length > 0 ? (
          <p className="font-bold">
            {t("billing.coveredCount", {
              covered: children.filter((c) => c.covered).length,
              total: children.length,
            })}
          </p>
        ) : null}
        {!own?.is_active && mine.data?.trial_days ? (
          <p className="text-muted">{t("billing.trialLength", { days: mine.data.trial_days })}</p>
        ) : null}
      </div>
      <Link to="/subscription" className={buttonClass("secondary", "lg")}>
        {t("billing.open")}
      </Link>
    </Card>
  );
}

export default function ParentHome() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { api } = useAuth();
  const children = useQuery(childrenQuery(api));
  const mine = useQuery(mySubscriptionQuery(api, i18n.language));
  const planHeld = Boolean(mine.data?.subscription?.is_active);
  const wallets = useQuery(childrenWalletsQuery(api));
  const add = (
    <Link to="/children/new" className={buttonClass("primary", "lg")}>
      <span aria-hidden="true">+</span> {t("home.addChild")}
    </Link>
  );
  return (
    <Page title={t("home.hello", { name: me.user.first_name })} subtitle={t("home.parentSubtitle")}>
      <section aria-labelledby="children-title" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="children-title" className="font-extrabold text-2xl">
            {t("home.children")}
          </h2>
          {children.data?.length ? add : null}
        </div>
        <QueryState query={children}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState icon="🧒" title={t("home.noChildren")} action={add}>
                {t("home.noChildrenText")}
              </EmptyState>
            ) : (
              <>
                <ul className="grid gap-3 sm:grid-cols-2">
                  {list.map((child) => (
                    <li key={child.id}>
                      <ChildCard
                        child={child}
                        wallet={wallets.data?.find((w) => w.user_id === child.id)}
                        planHeld={planHeld}
                      />
                    </li>
                  ))}
                </ul>
                <p className="text-muted text-sm">{t("home.howChildLogsIn")}</p>
              </>
            )
          }
        </QueryState>
      </section>
      <ReportCard />
      <SubscriptionCard />
      <Invitation />
    </Page>
  );
}
