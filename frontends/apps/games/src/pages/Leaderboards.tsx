import { useAuth } from "@alif/auth";
import { useTranslation } from "@alif/i18n";
import { cx, EmptyState, Field, linkClass, Page, QueryState, Select } from "@alif/ui";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { boardQuery, GAMES, type GameKind, type Period, scopesQuery } from "../lib/queries.ts";

const PERIODS: Period[] = ["day", "week", "all"];
const MEDALS = ["🥇", "🥈", "🥉"];

function Tabs<T extends string>(props: {
  label: string;
  value: T;
  options: T[];
  text(option: T): string;
  onChange(value: T): void;
}) {
  return (
    <div
      role="tablist"
      aria-label={props.label}
      className="flex gap-2 rounded-2xl bg-white p-1 ring-1 ring-slate-200"
    >
      {props.options.map((option) => (
        <button
          key={option}
          type="button"
          role="tab"
          aria-selected={props.value === option}
          onClick={() => props.onChange(option)}
          className={cx(
            "min-h-12 flex-1 rounded-xl px-3 font-bold",
            props.value === option ? "bg-brand-600 text-white" : "hover:bg-brand-50",
          )}
        >
          {props.text(option)}
        </button>
      ))}
    </div>
  );
}

/** The best players of a game: today, this week or ever; on the whole platform or in my class. */
export default function Leaderboards() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const [params, setParams] = useSearchParams();
  const game = (
    GAMES.includes(params.get("game") as GameKind) ? params.get("game") : "2048"
  ) as GameKind;
  const period = (
    PERIODS.includes(params.get("period") as Period) ? params.get("period") : "week"
  ) as Period;
  const scope = params.get("scope") ?? "global";
  const set = (change: Record<string, string>) =>
    setParams({ game, period, scope, ...change }, { replace: true });
  const scopes = useQuery(scopesQuery(api));
  const board = useQuery({
    ...boardQuery(api, game, period, scope),
    placeholderData: keepPreviousData,
  });
  const scopeKey = (s: { scope: string; id?: string | null }) =>
    s.id ? `${s.scope}:${s.id}` : s.scope;
  return (
    <Page
      title={t("nav.leaderboards")}
      back={
        <Link to="/" className={linkClass("self-start")}>
          ← {t("nav.games")}
        </Link>
      }
    >
      <Tabs
        label={t("board.game")}
        value={game}
        options={GAMES}
        text={(g) => (g === "2048" ? "2048" : "Tetris")}
        onChange={(g) => set({ game: g })}
      />
      <Tabs
        label={t("board.period")}
        value={period}
        options={PERIODS}
        text={(p) => t(`board.periods.${p}`)}
        onChange={(p) => set({ period: p })}
      />
      {scopes.data && scopes.data.length > 1 ? (
        <Field label={t("board.where")}>
          <Select value={scope} onChange={(e) => set({ scope: e.target.value })}>
            {scopes.data.map((s) => (
              <option key={scopeKey(s)} value={scopeKey(s)}>
                {s.scope === "global" ? t("board.everyone") : s.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <QueryState query={board}>
        {(data) => (
          <div className={cx("flex flex-col gap-3", board.isPlaceholderData && "opacity-60")}>
            {data.entries.length === 0 ? (
              <EmptyState icon="🏁" title={t("board.empty")}>
                {t("board.emptyText")}
              </EmptyState>
            ) : (
              <ol className="flex flex-col gap-2">
                {data.entries.map((entry) => (
                  <li
                    key={`${entry.rank}-${entry.name}`}
                    className={cx(
                      "flex items-center gap-3 rounded-2xl px-4 py-3 ring-1",
                      entry.is_me ? "bg-sun-100 ring-sun-400" : "bg-white ring-slate-200",
                    )}
                  >
                    <span className="w-10 text-center font-black text-2xl">
                      {MEDALS[entry.rank - 1] ?? entry.rank}
                    </span>
                    <span className="flex-1 font-bold text-lg">
                      {entry.name}
                      {entry.is_me ? ` (${t("board.you")})` : ""}
                    </span>
                    <span className="font-black text-xl tabular-nums">{entry.score}</span>
                  </li>
                ))}
              </ol>
            )}
            {data.me && !data.entries.some((e) => e.is_me) ? (
              <p className="rounded-2xl bg-sun-100 px-4 py-3 font-bold">
                {t("board.myPlace", { rank: data.me.rank, score: data.me.score })}
              </p>
            ) : null}
            <p className="text-muted text-sm">{t("board.players", { players: data.players })}</p>
          </div>
        )}
      </QueryState>
    </Page>
  );
}
