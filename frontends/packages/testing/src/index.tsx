/**
 * What the web apps' tests share: a fake backend at the network boundary (`FakeApi`), the answers
 * main's auth endpoints give, and an app rendered inside the providers every app has.
 */
import { createApi } from "@alif/api";
import { AppProviders } from "@alif/app";
import { Session } from "@alif/auth";
import type { AppTranslations } from "@alif/i18n";
import { setupI18n } from "@alif/i18n";
import { render } from "@testing-library/react";
import type { ComponentType } from "react";
import { MemoryRouter, useLocation } from "react-router";

export const ORIGIN = "http://localhost:3000";

type Handler = (request: Request, params: Record<string, string>) => Response | Promise<Response>;

export function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

export function apiError(
  status: number,
  code: string,
  details: Record<string, unknown> = {},
): Response {
  return json(status, { error: { code, message: "English message", details }, request_id: "test" });
}

/**
 * A fake of the backend at the network boundary: routes like "GET /api/main/me" or
 * "DELETE /api/main/children/:id". Every request is recorded with its parsed JSON body.
 */
export class FakeApi {
  routes: { method: string; pattern: RegExp; keys: string[]; handler: Handler }[] = [];
  calls: {
    method: string;
    path: string;
    body: unknown;
    auth: string | null;
    idempotencyKey: string | null;
  }[] = [];

  on(route: string, handler: Handler | unknown): this {
    const [method = "GET", path = "/"] = route.split(" ");
    const keys: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/:([a-z_]+)/g, (_, key: string) => {
        keys.push(key);
        return "([^/]+)";
      })}$`,
    );
    const fn: Handler =
      typeof handler === "function" ? (handler as Handler) : () => json(200, handler);
    this.routes.unshift({ method, pattern, keys, handler: fn });
    return this;
  }

  fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const text = await request.clone().text();
    this.calls.push({
      method: request.method,
      path: url.pathname + url.search,
      body: text ? JSON.parse(text) : undefined,
      auth: request.headers.get("authorization"),
      idempotencyKey: request.headers.get("idempotency-key"),
    });
    for (const route of this.routes) {
      const match = route.method === request.method ? route.pattern.exec(url.pathname) : null;
      if (match) {
        const params = Object.fromEntries(route.keys.map((key, i) => [key, match[i + 1] ?? ""]));
        return route.handler(request, params);
      }
    }
    return apiError(404, "not_found");
  };

  called(method: string, path: string) {
    return this.calls.filter((c) => c.method === method && c.path.split("?")[0] === path);
  }
}

export function tokens(user: { id: string; role: string; first_name: string; status?: string }) {
  return {
    access_token: `token-${user.id}`,
    token_type: "bearer",
    expires_in: 900,
    user: { status: "active", last_name: "", ...user },
  };
}

export function meOf(
  user: { id: string; role: string; first_name: string; status?: string },
  extra = {},
) {
  return {
    user: {
      status: "active",
      last_name: "",
      phone: null,
      email: null,
      username: null,
      language: "uz",
      created_at: "2026-01-01T00:00:00Z",
      last_login_at: null,
      ...user,
    },
    student_profile: null,
    teacher_profile: null,
    organization: null,
    membership: null,
    family: { children: [], guardians: [] },
    ...extra,
  };
}

/** A backend where nobody is signed in yet (no refresh cookie). */
export function signedOutApi(): FakeApi {
  return new FakeApi()
    .on("POST /api/main/auth/refresh", () => apiError(401, "invalid_refresh_token"))
    .on("POST /api/main/auth/logout", () => new Response(null, { status: 204 }));
}

/** A backend with a refresh cookie for this user (the session is restored on start). */
export function signedInApi(
  user: { id: string; role: string; first_name: string; status?: string },
  extra = {},
) {
  return signedOutApi()
    .on("POST /api/main/auth/refresh", tokens(user))
    .on("GET /api/main/me", meOf(user, extra));
}

let currentPath = "";
function LocationProbe() {
  const location = useLocation();
  currentPath = `${location.pathname}${location.search}`;
  return null;
}
export const path = () => currentPath;

/** `renderApp(route, api)` for one app: its root component inside the providers every app has. */
export function appRenderer(App: ComponentType, translations: AppTranslations) {
  return (route: string, api: FakeApi) => renderApp(App, translations, route, api);
}

async function renderApp(
  App: ComponentType,
  translations: AppTranslations,
  route: string,
  api: FakeApi,
) {
  const i18n = await setupI18n(translations);
  const session = new Session({ fetch: api.fetch, origin: ORIGIN });
  const clients = createApi({ fetch: session.fetch, baseUrl: ORIGIN });
  const view = render(
    <AppProviders i18n={i18n} session={session} api={clients}>
      <MemoryRouter initialEntries={[route]}>
        <App />
        <LocationProbe />
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...view, session };
}
