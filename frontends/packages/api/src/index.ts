export { CATALOG, type ServiceName } from "./catalog.ts";
export { type Api, call, createApi, type Fetch, type MainClient } from "./client.ts";
export {
  ApiError,
  CLIENT_ERROR_CODES,
  errorFromResponse,
  type FieldError,
  toApiError,
} from "./errors.ts";
export * from "./generated/index.ts";

import type { components } from "./generated/main.ts";

/** A schema of the main service's API by name: `MainSchema<"MeResponse">`. */
export type MainSchema<Name extends keyof components["schemas"]> = components["schemas"][Name];
