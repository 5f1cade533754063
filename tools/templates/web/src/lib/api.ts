import { createApi } from "@alif/api";
import { Session } from "@alif/auth";

/** This tab's session and the typed clients that go through it (access token in memory only). */
export const session = new Session();
export const api = createApi({ fetch: session.fetch });
