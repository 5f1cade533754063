import { call } from "@alif/api";
import { walletQuery } from "@alif/app/wallet";
import { useAuth, useMe } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import {
  Alert,
  Avatar,
  Button,
  buttonClass,
  Card,
  CardTitle,
  Coins,
  cx,
  Field,
  Input,
  Spinner,
  THEMES,
  useToast,
} from "@alif/ui";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { AppTiles } from "../../components/AppTiles.tsx";
import { AvatarPicker } from "../../components/AvatarPicker.tsx";
import { TransactionRow } from "../../components/CoinHistory.tsx";
import { Streak } from "../../components/WalletSummary.tsx";
import { historyQuery, inventoryQuery } from "../../lib/queries.ts";
import { useAction } from "../../lib/useAction.ts";

function LinkParent() {
  const { t } = useTranslation();
  const auth = useAuth();
  const toast = useToast();
  const [code, setCode] = useState("");
  const accept = useAction(async () => {
    const guardian = await call(
      auth.api.main.POST("/api/main/family/invitations/accept", { body: { code: code.trim() } }),
    );
    setCode("");
    toast.show(t("student.linked", { name: guardian.first_name }));
    await auth.reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim().length >= 8) void accept.run();
  };
  return (
    <Card>
      <CardTitle>
        <span aria-hidden="true">🔗 </span>
        {t("student.linkTitle")}
      </CardTitle>
      <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field label={t("student.linkCode")} className="flex-1">
          <Input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
            autoComplete="off"
            maxLength={12}
            className="font-mono text-xl tracking-widest"
          />
        </Field>
        <Button type="submit" size="lg" loading={accept.pending} disabled={code.trim().length < 8}>
          {t("student.linkButton")}
        </Button>
      </form>
      {accept.error ? (
        <Alert tone="error" className="mt-3">
          {errorMessage(t, accept.error)}
        </Alert>
      ) : null}
    </Card>
  );
}

function CoinsCard() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const wallet = useQuery(walletQuery(api));
  const recent = useQuery(historyQuery(api, "me", "", 0, 5));
  const earned = recent.data?.items.filter((item) => item.amount > 0) ?? [];
  return (
    <section aria-labelledby="coins-title" className="flex flex-col gap-4">
      <h2 id="coins-title" className="sr-only">
        {t("coins.myTitle")}
      </h2>
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <Link
          to="/wallet"
          className="flex flex-col gap-2 rounded-[2rem] bg-sun-100 p-6 transition-transform hover:-translate-y-0.5 motion-reduce:hover:translate-y-0"
        >
          <span className="font-bold text-amber-900">{t("coins.myTitle")}</span>
          {wallet.data ? (
            <>
              <Coins amount={wallet.data.balance} className="text-5xl" />
              <Streak days={wallet.data.streak_days} forChild className="text-lg" />
            </>
          ) : wallet.isError ? (
            <span className="text-muted">{errorMessage(t, wallet.error)}</span>
          ) : (
            <Spinner />
          )}
        </Link>
        <div className="grid grid-cols-2 gap-4 sm:grid-cols-1">
          <Link to="/shop" className={buttonClass("sun", "xl", "h-full flex-col gap-1 py-3")}>
            <span aria-hidden="true" className="text-4xl">
              🛍️
            </span>
            {t("shop.title")}
          </Link>
          <Link
            to="/classes"
            className={buttonClass("secondary", "xl", "h-full flex-col gap-1 py-3")}
          >
            <span aria-hidden="true" className="text-4xl">
              🏫
            </span>
            {t("classes.myTitle")}
          </Link>
        </div>
      </div>
      {earned.length > 0 ? (
        <Card>
          <CardTitle>
            <span aria-hidden="true">✨ </span>
            {t("coins.recent")}
          </CardTitle>
          <ul className="divide-y divide-slate-200">
            {earned.map((item) => (
              <TransactionRow key={item.id} item={item} />
            ))}
          </ul>
        </Card>
      ) : null}
    </section>
  );
}

/** A child's home: their picture and name, coins and streak, their apps as big tiles, their
 * family. No upsell: nothing here is for sale except with coins they earned. */
export default function StudentHome() {
  const { t } = useTranslation();
  const me = useMe();
  const { api } = useAuth();
  const [picking, setPicking] = useState(false);
  const inventory = useQuery(inventoryQuery(api));
  const worn = (kind: string) =>
    inventory.data?.find((o) => o.equipped && o.item.kind === kind)?.item.code;
  const theme = THEMES[worn("theme") ?? ""];
  const avatar = me.student_profile?.avatar ?? "";
  const guardians = me.family.guardians ?? [];
  return (
    <div className="flex flex-col gap-8">
      <section
        className={cx(
          "flex flex-col items-center gap-3 rounded-[2rem] px-6 py-8 text-center",
          theme ?? "bg-sun-100",
        )}
      >
        <button
          type="button"
          onClick={() => setPicking(true)}
          className="relative rounded-full transition-transform active:scale-95"
          aria-label={t("student.changeAvatar")}
        >
          <Avatar name={me.user.first_name} avatar={avatar} size="xl" frame={worn("frame")} />
          <span
            aria-hidden="true"
            className="absolute right-0 bottom-0 grid size-9 place-items-center rounded-full bg-white text-xl shadow"
          >
            ✏️
          </span>
        </button>
        <h1 className="font-black text-3xl">{t("student.hello", { name: me.user.first_name })}</h1>
      </section>

      <CoinsCard />

      <section aria-labelledby="apps-title" className="flex flex-col gap-4">
        <h2 id="apps-title" className="font-extrabold text-2xl">
          {t("student.myApps")}
        </h2>
        <AppTiles size="xl" forChildren />
      </section>

      {guardians.length > 0 ? (
        <Card>
          <CardTitle>
            <span aria-hidden="true">🏠 </span>
            {t("student.family")}
          </CardTitle>
          <ul className="flex flex-wrap gap-4">
            {guardians.map((g) => (
              <li key={g.id} className="flex items-center gap-2 font-bold">
                <Avatar name={g.first_name} />
                {g.first_name}
              </li>
            ))}
          </ul>
        </Card>
      ) : (
        // Only a child not in a family yet is asked for a parent's code.
        <LinkParent />
      )}
      {picking ? (
        <AvatarPicker
          current={avatar}
          bought={inventory.data?.filter((o) => o.item.kind === "avatar").map((o) => o.item) ?? []}
          onClose={() => setPicking(false)}
        />
      ) : null}
    </div>
  );
}
