import createClient, { type Client } from "openapi-fetch";
import { ApiError, toApiError } from "./errors.ts";
import { SERVICE_NAMES, type ServicePaths } from "./generated/index.ts";
import type { paths as MainPaths } from "./generated/main.ts";

export type Fetch = (request: Request) => Promise<Response>;

/** A typed client per service (`api.main`, `api.games`, ...): the catalogue's services. */
export type Api = { [Name in keyof ServicePaths]: Client<ServicePaths[Name]> };

/**
 * The typed clients of every service, all same-origin: the gateway routes `/api/<service>/` on each
 * host to that service. `fetch` is where the session adds the access token (see `@alif/auth`).
 */
export function createApi(options: { fetch?: Fetch; baseUrl?: string } = {}): Api {
  const shared = {
    baseUrl: options.baseUrl ?? globalThis.location?.origin ?? "",
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
    credentials: "same-origin" as const,
  };
  // One client per service; they differ only in their types, which `Api` gives them.
  return Object.fromEntries(SERVICE_NAMES.map((name) => [name, createClient(shared)])) as Api;
}

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
