export { type Api, call, createApi, type Fetch, type MainClient } from "./client.ts";
export {
  ApiError,
  CLIENT_ERROR_CODES,
  errorFromResponse,
  type FieldError,
  toApiError,
} from "./errors.ts";
export type { components as GamesComponents } from "./generated/games.ts";
export type { components as MainComponents, paths as MainPaths } from "./generated/main.ts";
export type { components as TestaiComponents } from "./generated/testai.ts";

import type { components } from "./generated/main.ts";

/** A schema of the main service's API by name: `MainSchema<"MeResponse">`. */
export type MainSchema<Name extends keyof components["schemas"]> = components["schemas"][Name];
