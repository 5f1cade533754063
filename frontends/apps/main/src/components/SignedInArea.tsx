import { ApiError } from "@alif/api";
import { useAuth } from "@alif/auth";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect } from "react";
import { Outlet } from "react-router";

// Data of signed-in pages. A 4xx will not change by asking again; a network error might.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      staleTime: 30_000,
      refetchOnWindowFocus: true,
    },
  },
});

/** The signed-in pages, with their data cache (loaded with the first of them, not before). */
export default function SignedInArea() {
  const { session } = useAuth();
  // Nothing of one account may be shown to the next one on this device.
  useEffect(() => session.subscribe((user) => user === null && queryClient.clear()), [session]);
  return (
    <QueryClientProvider client={queryClient}>
      <Outlet />
    </QueryClientProvider>
  );
}
