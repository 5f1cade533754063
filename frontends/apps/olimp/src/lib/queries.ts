import { type Api, call, type OlimpComponents } from "@alif/api";
import { queryOptions } from "@tanstack/react-query";

export type Item = OlimpComponents["schemas"]["ItemRead"];

export const keys = {
  items: ["olimp", "items"] as const,
};

export const itemsQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.items,
    queryFn: () => call(api.olimp.GET("/api/olimp/items", { params: { query: { limit: 100 } } })),
  });
