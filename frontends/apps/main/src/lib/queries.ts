import { type Api, call } from "@alif/api";
import { queryOptions } from "@tanstack/react-query";

export const keys = {
  children: ["children"] as const,
  child: (id: string) => ["children", id] as const,
  sessions: ["sessions"] as const,
  members: ["organization", "members"] as const,
  organizations: (q: string) => ["organizations", q] as const,
};

export const childrenQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.children,
    queryFn: () => call(api.main.GET("/api/main/children")),
  });

export const childQuery = (api: Api, childId: string) =>
  queryOptions({
    queryKey: keys.child(childId),
    queryFn: () =>
      call(
        api.main.GET("/api/main/children/{child_id}", { params: { path: { child_id: childId } } }),
      ),
  });

export const sessionsQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.sessions,
    queryFn: () => call(api.main.GET("/api/main/auth/sessions")),
  });

export const membersQuery = (api: Api) =>
  queryOptions({
    queryKey: keys.members,
    queryFn: () =>
      call(
        api.main.GET("/api/main/organizations/mine/members", {
          params: { query: { role: "teacher" } },
        }),
      ),
  });

export const organizationsQuery = (api: Api, q: string) =>
  queryOptions({
    queryKey: keys.organizations(q),
    queryFn: () =>
      call(
        api.main.GET("/api/main/organizations", {
          params: { query: { q: q || undefined, limit: 20 } },
        }),
      ),
  });
