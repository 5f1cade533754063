import { type Api, call, type HarfComponents } from "@alif/api";
import { queryOptions } from "@tanstack/react-query";

export type Item = HarfComponents["schemas"]["ItemRead"];

export const keys = {
  items: ["harf", "items"] as const,
};

export const itemsQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.items,
    queryFn: () => call(api.harf.GET("/api/harf/items", { params: { query: { limit: 100 } } })),
  });
