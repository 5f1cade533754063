import { ApiError } from "@alif/api";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Outlet } from "react-router";
import { useAuth } from "./react.tsx";

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Offline, TanStack Query would hold a request back and send it when the connection
      // returns, after the user has long given up and tried again: a child created three times.
      // Every request goes out at once instead, and no connection is said at once.
      mutations: { networkMode: "always" },
      queries: {
        networkMode: "always",
        // Only a request that got no answer is worth repeating at once; an error answer is shown
        // with a "try again" button instead.
        retry: (count, error) => count < 2 && error instanceof ApiError && error.status === 0,
        staleTime: 30_000,
      },
    },
  });
}

/**
 * The signed-in pages with their data cache, which is loaded with the first of them (not on the
 * landing page) and dropped when the session ends: nothing of one account is shown to the next.
 */
export default function SignedInArea() {
  const { session } = useAuth();
  const [client] = useState(createQueryClient);
  useEffect(() => session.subscribe((user) => user === null && client.clear()), [session, client]);
  return (
    <QueryClientProvider client={client}>
      <Outlet />
    </QueryClientProvider>
  );
}
