import { call } from "@alif/api";
import { queryOptions } from "@tanstack/react-query";
import { api } from "./api.ts";

export const childrenQuery = queryOptions({
  queryKey: ["children"],
  queryFn: () => call(api.main.GET("/api/main/children")),
});

export const childQuery = (childId: string) =>
  queryOptions({
    queryKey: ["children", childId],
    queryFn: () =>
      call(
        api.main.GET("/api/main/children/{child_id}", { params: { path: { child_id: childId } } }),
      ),
  });

export const sessionsQuery = queryOptions({
  queryKey: ["sessions"],
  queryFn: () => call(api.main.GET("/api/main/auth/sessions")),
});

export const membersQuery = queryOptions({
  queryKey: ["organization", "members"],
  queryFn: () =>
    call(
      api.main.GET("/api/main/organizations/mine/members", {
        params: { query: { role: "teacher" } },
      }),
    ),
});

export const organizationsQuery = (q: string) =>
  queryOptions({
    queryKey: ["organizations", q],
    queryFn: () =>
      call(
        api.main.GET("/api/main/organizations", {
          params: { query: { q: q || undefined, limit: 20 } },
        }),
      ),
  });
