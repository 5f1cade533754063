import { type Api, call, type GamesComponents } from "@alif/api";
import { queryOptions } from "@tanstack/react-query";

export type GameKind = "2048" | "tetris";
export type Period = "day" | "week" | "all";
export type SessionRead = GamesComponents["schemas"]["SessionRead"];
export type SessionStarted = GamesComponents["schemas"]["SessionStarted"];
export type Board = GamesComponents["schemas"]["BoardRead"];
export type Scope = GamesComponents["schemas"]["ScopeRead"];
export type Stats = GamesComponents["schemas"]["StatsRead"];
export type Rules = GamesComponents["schemas"]["RulesRead"];

export const GAMES: GameKind[] = ["2048", "tetris"];

export const keys = {
  stats: ["games", "stats"] as const,
  history: (game: string, offset: number) => ["games", "history", game, offset] as const,
  rules: ["games", "rules"] as const,
  scopes: ["games", "scopes"] as const,
  board: (game: string, period: string, scope: string) =>
    ["games", "board", game, period, scope] as const,
};

export const statsQuery = (api: Api) =>
  queryOptions({ queryKey: keys.stats, queryFn: () => call(api.games.GET("/api/games/me/stats")) });

export const rulesQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.rules,
    queryFn: () => call(api.games.GET("/api/games/rules")),
    staleTime: 60 * 60_000,
  });

export const scopesQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.scopes,
    queryFn: () => call(api.games.GET("/api/games/leaderboards/scopes")),
  });

/** A board: `scope` is "global", or "group:<id>" / "organization:<id>". */
export const boardQuery = (api: Api, game: GameKind, period: Period, scope: string) =>
  queryOptions({
    queryKey: keys.board(game, period, scope),
    queryFn: () => {
      const [kind, id] = scope.split(":");
      return call(
        api.games.GET("/api/games/leaderboards/{game}", {
          params: {
            path: { game },
            query: {
              period,
              limit: 20,
              group_id: kind === "group" ? id : undefined,
              organization_id: kind === "organization" ? id : undefined,
            },
          },
        }),
      );
    },
  });

export const HISTORY_PAGE = 10;

export const historyQuery = (api: Api, game: string, offset: number) =>
  queryOptions({
    queryKey: keys.history(game, offset),
    queryFn: () =>
      call(
        api.games.GET("/api/games/me/history", {
          params: {
            query: {
              game: (game || undefined) as GameKind | undefined,
              limit: HISTORY_PAGE,
              offset,
            },
          },
        }),
      ),
  });
