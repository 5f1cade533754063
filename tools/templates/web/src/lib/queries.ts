import { type __Name__Components, type Api, call } from "@alif/api";
import { queryOptions } from "@tanstack/react-query";

export type Item = __Name__Components["schemas"]["ItemRead"];

export const keys = {
  items: ["__name__", "items"] as const,
};

export const itemsQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.items,
    queryFn: () =>
      call(api.__name__.GET("/api/__name__/items", { params: { query: { limit: 100 } } })),
  });
