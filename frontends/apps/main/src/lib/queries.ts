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

// --- coins, shop, subscriptions, groups ---------------------------------------------------------

export const coinKeys = {
  all: ["coins"] as const,
  history: (owner: string, source: string, offset: number) =>
    ["coins", "history", owner, source, offset] as const,
  children: ["coins", "children"] as const,
  child: (id: string) => ["coins", "child", id] as const,
};

export const childrenWalletsQuery = (api: Api) =>
  queryOptions({
    queryKey: coinKeys.children,
    queryFn: () => call(api.main.GET("/api/main/wallet/children")),
  });

export const childWalletQuery = (api: Api, childId: string) =>
  queryOptions({
    queryKey: coinKeys.child(childId),
    queryFn: () =>
      call(
        api.main.GET("/api/main/wallet/children/{child_id}", {
          params: { path: { child_id: childId } },
        }),
      ),
  });

export const HISTORY_PAGE = 20;

/** A page of coin history: mine (`owner` "me") or one of my children's (their id). */
export const historyQuery = (
  api: Api,
  owner: string,
  source: string,
  offset: number,
  limit = HISTORY_PAGE,
) =>
  queryOptions({
    queryKey: [...coinKeys.history(owner, source, offset), limit],
    queryFn: () => {
      const query = { source: source || undefined, limit, offset };
      return owner === "me"
        ? call(api.main.GET("/api/main/wallet/transactions", { params: { query } }))
        : call(
            api.main.GET("/api/main/wallet/children/{child_id}/transactions", {
              params: { path: { child_id: owner }, query },
            }),
          );
    },
  });

export const shopKeys = {
  all: ["shop"] as const,
  items: ["shop", "items"] as const,
  inventory: ["shop", "inventory"] as const,
};

export const shopItemsQuery = (api: Api) =>
  queryOptions({
    queryKey: shopKeys.items,
    queryFn: () => call(api.main.GET("/api/main/shop/items")),
  });

export const inventoryQuery = (api: Api) =>
  queryOptions({
    queryKey: shopKeys.inventory,
    queryFn: () => call(api.main.GET("/api/main/shop/inventory")),
  });

export const billingKeys = {
  all: ["billing"] as const,
  plans: (audience: string) => ["billing", "plans", audience] as const,
  mine: ["billing", "mine"] as const,
  orders: (offset: number) => ["billing", "orders", offset] as const,
  order: (id: string) => ["billing", "order", id] as const,
};

/** Plans in the page's language (the server translates their names and descriptions). */
export const plansQuery = (api: Api, audience: "family" | "organization", language: string) =>
  queryOptions({
    queryKey: [...billingKeys.plans(audience), language],
    queryFn: () =>
      call(
        api.main.GET("/api/main/subscriptions/plans", {
          params: { query: { audience, language: pageLanguage(language) } },
        }),
      ),
  });

export const mySubscriptionQuery = (api: Api, language: string) =>
  queryOptions({
    queryKey: [...billingKeys.mine, language],
    queryFn: () =>
      call(
        api.main.GET("/api/main/subscriptions/me", {
          params: { query: { language: pageLanguage(language) } },
        }),
      ),
  });

function pageLanguage(language: string): "uz" | "ru" | "en" {
  return language === "ru" || language === "en" ? language : "uz";
}

export const ordersQuery = (api: Api, offset = 0) =>
  queryOptions({
    queryKey: billingKeys.orders(offset),
    queryFn: () =>
      call(api.main.GET("/api/main/orders", { params: { query: { limit: 10, offset } } })),
  });

export const orderQuery = (api: Api, orderId: string) =>
  queryOptions({
    queryKey: billingKeys.order(orderId),
    queryFn: () =>
      call(
        api.main.GET("/api/main/orders/{order_id}", { params: { path: { order_id: orderId } } }),
      ),
  });

export const groupKeys = {
  all: ["groups"] as const,
  managed: (archived: boolean) => ["groups", "managed", archived] as const,
  group: (id: string) => ["groups", "one", id] as const,
  members: (id: string) => ["groups", "members", id] as const,
  mine: ["groups", "mine"] as const,
  child: (id: string) => ["groups", "child", id] as const,
  childInvitations: (id: string) => ["groups", "child-invitations", id] as const,
};

export const managedGroupsQuery = (api: Api, includeArchived: boolean) =>
  queryOptions({
    queryKey: groupKeys.managed(includeArchived),
    queryFn: () =>
      call(
        api.main.GET("/api/main/groups", {
          params: { query: { include_archived: includeArchived } },
        }),
      ),
  });

export const groupQuery = (api: Api, groupId: string) =>
  queryOptions({
    queryKey: groupKeys.group(groupId),
    queryFn: () =>
      call(
        api.main.GET("/api/main/groups/{group_id}", { params: { path: { group_id: groupId } } }),
      ),
  });

export const groupMembersQuery = (api: Api, groupId: string) =>
  queryOptions({
    queryKey: groupKeys.members(groupId),
    queryFn: () =>
      call(
        api.main.GET("/api/main/groups/{group_id}/members", {
          params: { path: { group_id: groupId } },
        }),
      ),
  });

export const myGroupsQuery = (api: Api) =>
  queryOptions({
    queryKey: groupKeys.mine,
    queryFn: () => call(api.main.GET("/api/main/me/groups")),
  });

export const childGroupsQuery = (api: Api, childId: string) =>
  queryOptions({
    queryKey: groupKeys.child(childId),
    queryFn: () =>
      call(
        api.main.GET("/api/main/children/{child_id}/groups", {
          params: { path: { child_id: childId } },
        }),
      ),
  });

// --- notifications ------------------------------------------------------------------------------

export const notificationKeys = {
  all: ["notifications"] as const,
  list: ["notifications", "list"] as const,
  channels: ["notifications", "channels"] as const,
  preferences: ["notifications", "preferences"] as const,
};

export const notificationsQuery = (api: Api) =>
  queryOptions({
    queryKey: notificationKeys.list,
    queryFn: () =>
      call(api.main.GET("/api/main/notifications", { params: { query: { limit: 50 } } })),
  });

export const channelsQuery = (api: Api) =>
  queryOptions({
    queryKey: notificationKeys.channels,
    queryFn: () => call(api.main.GET("/api/main/notifications/channels")),
  });

export const preferencesQuery = (api: Api) =>
  queryOptions({
    queryKey: notificationKeys.preferences,
    queryFn: () => call(api.main.GET("/api/main/notifications/preferences")),
  });

// --- reports ------------------------------------------------------------------------------------

export const weeklyReportQuery = (api: Api, week: string) =>
  queryOptions({
    queryKey: ["reports", "weekly", week] as const,
    queryFn: () => call(api.main.GET("/api/main/reports/weekly", { params: { query: { week } } })),
  });

export const childInvitationsQuery = (api: Api, childId: string) =>
  queryOptions({
    queryKey: groupKeys.childInvitations(childId),
    queryFn: () =>
      call(
        api.main.GET("/api/main/children/{child_id}/group-invitations", {
          params: { path: { child_id: childId } },
        }),
      ),
  });
