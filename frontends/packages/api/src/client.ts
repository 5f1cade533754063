import createClient, { type Client } from "openapi-fetch";
import { ApiError, toApiError } from "./errors.ts";
import type { paths as GamesPaths } from "./generated/games.ts";
import type { paths as MainPaths } from "./generated/main.ts";
import type { paths as TestaiPaths } from "./generated/testai.ts";

export type Fetch = (request: Request) => Promise<Response>;

/**
 * The typed clients of every service, all same-origin: the gateway routes `/api/<service>/` on each
 * host to that service. `fetch` is where the session adds the access token (see `@alif/auth`).
 */
export function createApi(options: { fetch?: Fetch; baseUrl?: string } = {}) {
  const shared = {
    baseUrl: options.baseUrl ?? globalThis.location?.origin ?? "",
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
    credentials: "same-origin" as const,
  };
  return {
    main: createClient<MainPaths>(shared),
    games: createClient<GamesPaths>(shared),
    testai: createClient<TestaiPaths>(shared),
  };
}

export type Api = ReturnType<typeof createApi>;
export type MainClient = Client<MainPaths>;

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * The one way a call's result is read: its data, or an `ApiError` thrown with the envelope's
 * `code`. A request that never got an answer throws `ApiError` with code `network_error`.
 *
 *     const me = await call(api.main.GET("/api/main/me"));
 */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch (cause) {
    throw cause instanceof ApiError ? cause : ApiError.network(cause);
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}
