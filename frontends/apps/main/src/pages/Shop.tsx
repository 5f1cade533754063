import { call, type MainSchema } from "@alif/api";
import { walletQuery } from "@alif/app/wallet";
import { useAuth } from "@alif/auth";
import { errorMessage, useTranslation } from "@alif/i18n";
import {
  Alert,
  Button,
  buttonClass,
  Coins,
  cx,
  Dialog,
  EmptyState,
  linkClass,
  Page,
  QueryState,
  ShopPicture,
  useToast,
} from "@alif/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { newKey } from "../lib/coins.ts";
import { coinKeys, inventoryQuery, shopItemsQuery, shopKeys } from "../lib/queries.ts";

type Item = MainSchema<"CatalogueItem">;
type Owned = MainSchema<"InventoryItemRead">;
type Tab = "avatar" | "frame" | "theme" | "mine";

const TABS: { id: Tab; icon: string }[] = [
  { id: "avatar", icon: "🦁" },
  { id: "frame", icon: "🖼️" },
  { id: "theme", icon: "🎨" },
  { id: "mine", icon: "🎒" },
];

/** Wearing an item (or taking it off); an avatar changes the picture everywhere. */
function useEquip() {
  const { t } = useTranslation();
  const auth = useAuth();
  const toast = useToast();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ item, on }: { item: MainSchema<"ShopItemRead">; on: boolean }) => {
      const params = { params: { path: { item_id: item.id } } };
      return on
        ? call(auth.api.main.POST("/api/main/shop/inventory/{item_id}/equip", params))
        : call(auth.api.main.POST("/api/main/shop/inventory/{item_id}/unequip", params));
    },
    onSuccess: async (owned, { on }) => {
      await client.invalidateQueries({ queryKey: shopKeys.inventory });
      if (owned.item.kind === "avatar") await auth.reload();
      toast.show(on ? t("shop.equipped", { name: owned.item.name }) : t("shop.unequipped"));
    },
  });
}

function EquipButton(props: { item: MainSchema<"ShopItemRead">; equipped: boolean }) {
  const { t } = useTranslation();
  const equip = useEquip();
  return (
    <>
      <Button
        variant={props.equipped ? "secondary" : "primary"}
        size="lg"
        block
        loading={equip.isPending}
        onClick={() => equip.mutate({ item: props.item, on: !props.equipped })}
      >
        {props.equipped ? t("shop.takeOff") : t(`shop.wear.${props.item.kind}`)}
      </Button>
      {equip.error ? <Alert tone="error">{errorMessage(t, equip.error)}</Alert> : null}
    </>
  );
}

function BuyDialog(props: { item: Item; balance: number; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const client = useQueryClient();
  // One key per decision to buy: a retried press never pays twice.
  const [key] = useState(newKey);
  const buy = useMutation({
    mutationFn: () =>
      call(
        api.main.POST("/api/main/shop/items/{item_id}/buy", {
          params: { path: { item_id: props.item.id } },
          body: { idempotency_key: key },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: shopKeys.all });
      void client.invalidateQueries({ queryKey: coinKeys.all });
    },
  });
  const { item } = props;
  const bought = buy.data;
  return (
    <Dialog
      open
      onClose={props.onClose}
      title={bought ? t("shop.boughtTitle") : t("shop.buyTitle")}
      actions={
        bought ? (
          <Button variant="ghost" onClick={props.onClose}>
            {t("common:actions.close")}
          </Button>
        ) : (
          <>
            <Button variant="ghost" size="lg" onClick={props.onClose}>
              {t("shop.no")}
            </Button>
            <Button variant="sun" size="lg" loading={buy.isPending} onClick={() => buy.mutate()}>
              {t("shop.yesBuy")}
            </Button>
          </>
        )
      }
    >
      <div className="flex flex-col items-center gap-3 text-center">
        <div className={cx("size-32", bought && "animate-bounce motion-reduce:animate-none")}>
          <ShopPicture code={item.code} kind={item.kind} image={item.image} />
        </div>
        <p className="font-extrabold text-2xl">{item.name}</p>
        {bought ? (
          <>
            <p className="text-lg">{t("shop.boughtText", { name: item.name })}</p>
            <p className="text-muted">
              {t("shop.left")} <Coins amount={bought.balance} />
            </p>
            <EquipButton item={bought.inventory_item.item} equipped={false} />
          </>
        ) : (
          <>
            <p className="flex items-center gap-2 text-xl">
              <Coins amount={item.price} />
            </p>
            <p className="text-muted">
              {t("shop.after")} <Coins amount={props.balance - item.price} />
            </p>
          </>
        )}
        {buy.error ? <Alert tone="error">{errorMessage(t, buy.error)}</Alert> : null}
      </div>
    </Dialog>
  );
}

function ItemCard(props: {
  item: Item;
  balance: number;
  equipped: boolean;
  onBuy(item: Item): void;
}) {
  const { t } = useTranslation();
  const { item, balance } = props;
  const short = item.price - balance;
  return (
    <li className="flex flex-col items-center gap-3 rounded-[var(--radius-card)] bg-white p-4 text-center shadow-sm ring-1 ring-slate-200">
      <div className="size-28">
        <ShopPicture code={item.code} kind={item.kind} image={item.image} />
      </div>
      <p className="font-extrabold text-lg">{item.name}</p>
      {item.owned ? (
        <>
          <span className="rounded-full bg-emerald-100 px-3 py-1 font-bold text-emerald-900 text-sm">
            ✓ {props.equipped ? t("shop.wearing") : t("shop.owned")}
          </span>
          <EquipButton item={item} equipped={props.equipped} />
        </>
      ) : (
        <>
          <Coins amount={item.price} className="text-xl" />
          <Button
            variant="sun"
            size="lg"
            block
            disabled={short > 0}
            onClick={() => props.onBuy(item)}
          >
            {t("shop.buy")}
          </Button>
          {short > 0 ? (
            <p className="text-muted text-sm">{t("shop.needMore", { coins: short })}</p>
          ) : null}
        </>
      )}
    </li>
  );
}

function MyItems(props: { owned: Owned[] }) {
  const { t } = useTranslation();
  if (props.owned.length === 0) {
    return (
      <EmptyState icon="🎒" title={t("shop.nothingYet")}>
        {t("shop.nothingYetText")}
      </EmptyState>
    );
  }
  return (
    <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3">
      {props.owned.map((entry) => (
        <li
          key={entry.item.id}
          className="flex flex-col items-center gap-3 rounded-[var(--radius-card)] bg-white p-4 text-center shadow-sm ring-1 ring-slate-200"
        >
          <div className="size-24">
            <ShopPicture code={entry.item.code} kind={entry.item.kind} image={entry.item.image} />
          </div>
          <p className="font-extrabold text-lg">{entry.item.name}</p>
          <EquipButton item={entry.item} equipped={entry.equipped} />
        </li>
      ))}
    </ul>
  );
}

/** The coin shop of a child: pictures, prices in coins, buy once, wear it. */
export default function Shop() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const [tab, setTab] = useState<Tab>("avatar");
  const [buying, setBuying] = useState<Item | null>(null);
  const items = useQuery(shopItemsQuery(api));
  const inventory = useQuery(inventoryQuery(api));
  const wallet = useQuery(walletQuery(api));
  const balance = wallet.data?.balance ?? 0;
  const equipped = new Set(inventory.data?.filter((o) => o.equipped).map((o) => o.item.id));
  return (
    <Page
      title={t("shop.title")}
      subtitle={t("shop.subtitle")}
      back={
        <Link to="/home" className={linkClass("self-start")}>
          ← {t("nav.home")}
        </Link>
      }
      actions={
        <Link
          to="/wallet"
          className="inline-flex min-h-14 items-center rounded-2xl bg-sun-100 px-5 text-2xl"
          aria-label={t("coins.myTitle")}
        >
          {wallet.data ? <Coins amount={balance} /> : "🪙"}
        </Link>
      }
    >
      <div role="tablist" aria-label={t("shop.title")} className="grid grid-cols-4 gap-2">
        {TABS.map(({ id, icon }) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            onClick={() => setTab(id)}
            className={cx(
              "flex min-h-16 flex-col items-center justify-center rounded-2xl font-bold text-sm sm:flex-row sm:gap-2 sm:text-base",
              tab === id ? "bg-brand-600 text-white" : "bg-white ring-1 ring-slate-300",
            )}
          >
            <span aria-hidden="true" className="text-2xl">
              {icon}
            </span>
            {t(`shop.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === "mine" ? (
          <QueryState query={inventory}>{(owned) => <MyItems owned={owned} />}</QueryState>
        ) : (
          <QueryState query={items}>
            {(list) => {
              const shown = list.filter((item) => item.kind === tab);
              return shown.length === 0 ? (
                <EmptyState icon="🛍️" title={t("shop.empty")} />
              ) : (
                <ul className="grid grid-cols-2 gap-4 sm:grid-cols-3">
                  {shown.map((item) => (
                    <ItemCard
                      key={item.id}
                      item={item}
                      balance={balance}
                      equipped={equipped.has(item.id)}
                      onBuy={setBuying}
                    />
                  ))}
                </ul>
              );
            }}
          </QueryState>
        )}
      </div>
      <p className="text-center text-muted">
        {t("shop.earnMore")}{" "}
        <Link to="/home" className={buttonClass("ghost", "md")}>
          {t("student.myApps")}
        </Link>
      </p>
      {buying ? (
        <BuyDialog item={buying} balance={balance} onClose={() => setBuying(null)} />
      ) : null}
    </Page>
  );
}
