import { type Api, call, type TestaiComponents } from "@alif/api";
import { queryOptions } from "@tanstack/react-query";

export type Item = TestaiComponents["schemas"]["ItemRead"];

export const keys = {
  items: ["testai", "items"] as const,
};

export const itemsQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.items,
    queryFn: () => call(api.testai.GET("/api/testai/items", { params: { query: { limit: 100 } } })),
  });
