/**
 * Where a login may send the user back to: only the ALIF24 apps. Anything else (another site, a
 * `javascript:` address, `//evil.example`) is refused, so main's login is never an open redirect.
 *
 * The allowed hosts are derived from where main itself runs: on `alif24.uz` they are `alif24.uz`
 * and the app subdomains of the catalogue (`harf.alif24.uz` ... `lessions.alif24.uz`, and any
 * service added since); on a local name such as `alif24.localhost` the same pattern applies.
 * Loopback hosts (the Vite dev servers) may use any port.
 */
import { CATALOG, type ServiceName } from "@alif/api";

export const APP_SUBDOMAINS: readonly string[] = Object.values(CATALOG)
  .map((service) => service.subdomain)
  .filter((subdomain) => subdomain !== "");
export type AppName = ServiceName;

type Here = Pick<Location, "protocol" | "hostname" | "port" | "origin">;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function isLoopback(hostname: string): boolean {
  return LOOPBACK.has(hostname) || hostname.endsWith(".localhost");
}

/** The platform's root host (main's), seen from any of its apps. */
export function rootHost(hostname: string): string {
  const [first, ...rest] = hostname.split(".");
  return rest.length > 0 && APP_SUBDOMAINS.includes(first ?? "") ? rest.join(".") : hostname;
}

/** The address of an app on this platform (`games` -> `https://games.alif24.uz`). */
export function appOrigin(app: AppName, here: Here = location): string {
  const root = rootHost(here.hostname);
  const host = app === "main" ? root : `${app}.${root}`;
  return `${here.protocol}//${host}${here.port ? `:${here.port}` : ""}`;
}

export function allowedHosts(hostname: string): Set<string> {
  const root = rootHost(hostname);
  return new Set([root, ...APP_SUBDOMAINS.map((app) => `${app}.${root}`)]);
}

/** The parsed URL when `candidate` is an address of an ALIF24 app, otherwise null. */
export function safeReturnUrl(
  candidate: string | null | undefined,
  here: Here = location,
): URL | null {
  if (!candidate || candidate.length > 2000) return null;
  // Browsers read a backslash as a slash: `/\evil.example` would leave the site.
  if (candidate.includes("\\") || [...candidate].some((c) => c.charCodeAt(0) < 0x20)) return null;
  let url: URL;
  try {
    url = new URL(candidate, here.origin);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  // Plain http only when this page itself is on http (local development).
  if (url.protocol === "http:" && here.protocol !== "http:") return null;
  if (url.username || url.password) return null;
  if (!allowedHosts(here.hostname).has(url.hostname)) return null;
  if (url.port !== here.port && !isLoopback(url.hostname)) return null;
  return url;
}

export function isAllowedReturnUrl(
  candidate: string | null | undefined,
  here: Here = location,
): boolean {
  return safeReturnUrl(candidate, here) !== null;
}
