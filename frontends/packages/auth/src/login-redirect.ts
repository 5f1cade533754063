import { appOrigin, safeReturnUrl } from "./return-url.ts";

const LOOP_KEY = "alif24.login-redirects";
const LOOP_WINDOW_MS = 60_000;
const LOOP_LIMIT = 3;

type Here = Pick<Location, "protocol" | "hostname" | "port" | "origin" | "href">;

/** Main's login page, with the address to come back to. */
export function loginUrl(
  returnTo: string,
  options: { mainOrigin?: string; path?: string; here?: Here } = {},
): string {
  const here = options.here ?? location;
  const origin = options.mainOrigin ?? appOrigin("main", here);
  const url = new URL(options.path ?? "/login", origin);
  url.searchParams.set("next", returnTo);
  return url.toString();
}

/**
 * Sends the browser to main's login (`path`: another login page, such as `/login/child`) and back
 * to this page afterwards. Returns false (and does not
 * go) when the tab has bounced to the login several times in a minute: a loop, which the page
 * should explain instead of repeating.
 */
export function redirectToLogin(
  options: { mainOrigin?: string; here?: Here; path?: string } = {},
): boolean {
  const here = options.here ?? location;
  const now = Date.now();
  let recent: number[] = [];
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(LOOP_KEY) ?? "[]");
    if (Array.isArray(parsed)) {
      recent = parsed.filter((t): t is number => typeof t === "number" && now - t < LOOP_WINDOW_MS);
    }
  } catch {
    recent = [];
  }
  if (recent.length >= LOOP_LIMIT) return false;
  try {
    sessionStorage.setItem(LOOP_KEY, JSON.stringify([...recent, now]));
  } catch {
    // no storage: no loop guard
  }
  location.assign(loginUrl(here.href, { ...options, here }));
  return true;
}

/**
 * Where to go after a login: the `next` address if it is an ALIF24 app, otherwise `fallback`.
 * A same-origin address comes back as a path (for the router), another app's as a full URL.
 */
export function afterLogin(
  next: string | null,
  fallback: string,
  here: Pick<Location, "protocol" | "hostname" | "port" | "origin"> = location,
): { path: string } | { href: string } {
  const url = safeReturnUrl(next, here);
  if (!url) return { path: fallback };
  if (url.origin === here.origin) return { path: `${url.pathname}${url.search}${url.hash}` };
  return { href: url.toString() };
}
