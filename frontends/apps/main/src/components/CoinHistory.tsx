import type { MainSchema } from "@alif/api";
import { useAuth } from "@alif/auth";
import { formatDate, useTranslation } from "@alif/i18n";
import { Button, Coins, cx, EmptyState, QueryState } from "@alif/ui";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { COIN_SOURCES, sourceIcon } from "../lib/coins.ts";
import { HISTORY_PAGE, historyQuery } from "../lib/queries.ts";

type Transaction = MainSchema<"CoinTransactionRead">;

/** One line of the history: where the coins came from or went, when, and how many. */
export function TransactionRow({ item }: { item: Transaction }) {
  const { t, i18n } = useTranslation();
  const label = t(`coins.sources.${item.source}`, { defaultValue: item.source });
  const detail = item.kind === "adjustment" ? "" : item.description;
  return (
    <li className="flex items-center gap-3 py-3">
      <span
        aria-hidden="true"
        className="grid size-12 shrink-0 place-items-center rounded-2xl bg-slate-100 text-2xl"
      >
        {sourceIcon(item.source)}
      </span>
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="font-bold">
          {label}
          {item.kind === "refund" ? ` · ${t("coins.refund")}` : ""}
        </span>
        {detail ? <span className="truncate text-muted text-sm">{detail}</span> : null}
        <span className="text-muted text-sm">
          {formatDate(item.created_at, i18n.language, true)}
        </span>
      </span>
      <Coins
        amount={item.amount}
        signed
        className={cx(
          "text-lg",
          item.amount > 0 ? "text-emerald-700" : item.amount < 0 ? "text-red-700" : "text-muted",
        )}
      />
    </li>
  );
}

/** The history of a wallet (mine, or one of my children's), newest first, by source, in pages. */
export function CoinHistory(props: { owner: "me" | (string & {}); childName?: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const [source, setSource] = useState("");
  const [offset, setOffset] = useState(0);
  const history = useQuery({
    ...historyQuery(api, props.owner, source, offset),
    placeholderData: keepPreviousData,
  });
  const choose = (value: string) => {
    setSource(value);
    setOffset(0);
  };
  return (
    <div className="flex flex-col gap-4">
      {/* A fieldset is as wide as its content unless told otherwise: the chips then scroll. */}
      <fieldset className="min-w-0">
        <legend className="sr-only">{t("coins.filter")}</legend>
        <div className="-mx-4 flex gap-2 overflow-x-auto px-4 pb-1 sm:mx-0 sm:flex-wrap sm:px-0">
          {["", ...COIN_SOURCES].map((value) => (
            <button
              key={value || "all"}
              type="button"
              aria-pressed={source === value}
              onClick={() => choose(value)}
              className={cx(
                "inline-flex min-h-12 shrink-0 items-center gap-1.5 whitespace-nowrap rounded-full px-4 font-bold",
                source === value
                  ? "bg-brand-600 text-white"
                  : "bg-white text-ink ring-1 ring-slate-300 hover:bg-brand-50",
              )}
            >
              <span aria-hidden="true">{value ? sourceIcon(value) : "✨"}</span>
              {value ? t(`coins.sources.${value}`) : t("coins.all")}
            </button>
          ))}
        </div>
      </fieldset>
      <QueryState query={history}>
        {(page) =>
          page.total === 0 ? (
            <EmptyState icon="🪙" title={t("coins.noHistory")}>
              {source ? t("coins.noHistoryFiltered") : t("coins.noHistoryText")}
            </EmptyState>
          ) : (
            <div className="flex flex-col gap-3">
              <ul
                className={cx(
                  "divide-y divide-slate-200 rounded-[var(--radius-card)] bg-white px-4 ring-1 ring-slate-200",
                  history.isPlaceholderData && "opacity-60",
                )}
              >
                {page.items.map((item) => (
                  <TransactionRow key={item.id} item={item} />
                ))}
              </ul>
              {page.total > HISTORY_PAGE ? (
                <nav
                  aria-label={t("coins.pages")}
                  className="flex flex-wrap items-center justify-between gap-3"
                >
                  <Button
                    variant="secondary"
                    disabled={offset === 0}
                    onClick={() => setOffset(Math.max(0, offset - HISTORY_PAGE))}
                  >
                    ← {t("coins.newer")}
                  </Button>
                  <span className="text-muted">
                    {t("coins.pageOf", {
                      page: Math.floor(offset / HISTORY_PAGE) + 1,
                      pages: Math.ceil(page.total / HISTORY_PAGE),
                    })}
                  </span>
                  <Button
                    variant="secondary"
                    disabled={offset + HISTORY_PAGE >= page.total}
                    onClick={() => setOffset(offset + HISTORY_PAGE)}
                  >
                    {t("coins.older")} →
                  </Button>
                </nav>
              ) : null}
            </div>
          )
        }
      </QueryState>
    </div>
  );
}
