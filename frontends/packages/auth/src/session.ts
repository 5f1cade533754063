/**
 * The session of one browser tab, shared by every ALIF24 app.
 *
 * - The access token lives in this object's memory only: never in localStorage, so a script
 *   injected into the page cannot carry it away for later, and it dies with the tab.
 * - The refresh token is an HttpOnly cookie on the parent domain (path `/api/main/auth`) that
 *   JavaScript never sees; `POST /api/main/auth/refresh` rotates it and returns a new access token.
 *   Every app reaches main's API same-origin through the gateway, so this is single sign-on.
 * - A request answered 401 is retried once after a refresh; concurrent 401s share one refresh.
 */
import { ApiError, errorFromResponse, type MainSchema } from "@alif/api";

export type TokenResponse = MainSchema<"TokenResponse">;
export type SessionUser = MainSchema<"SessionUser">;
export type Fetch = (request: Request) => Promise<Response>;

const AUTH = "/api/main/auth";
/** Calls that answer 401 for a wrong password or an ended session: never refreshed and retried. */
const NO_RETRY = new Set(
  [
    "/login",
    "/child-login",
    "/register",
    "/otp/send",
    "/otp/verify",
    "/refresh",
    "/logout",
    "/password/reset",
  ].map((path) => AUTH + path),
);
/** Refresh a little before the server would refuse the token. */
const EXPIRY_MARGIN_MS = 30_000;

export interface SessionOptions {
  /** The network (tests pass a fake). */
  fetch?: Fetch;
  /** The origin whose `/api/` this session signs; defaults to the page's. */
  origin?: string;
  now?: () => number;
}

type Listener = (user: SessionUser | null) => void;

export class Session {
  readonly origin: string;
  #network: Fetch;
  #now: () => number;
  #token: string | null = null;
  #expiresAt = 0;
  #user: SessionUser | null = null;
  #refreshing: Promise<string | null> | null = null;
  #listeners = new Set<Listener>();

  constructor(options: SessionOptions = {}) {
    this.origin = options.origin ?? globalThis.location?.origin ?? "";
    this.#network = options.fetch ?? ((request) => globalThis.fetch(request));
    this.#now = options.now ?? Date.now;
  }

  get user(): SessionUser | null {
    return this.#user;
  }

  get isSignedIn(): boolean {
    return this.#token !== null;
  }

  /** Take the tokens of a login, child login, code verification or refresh. */
  accept(tokens: TokenResponse): void {
    this.#token = tokens.access_token;
    this.#expiresAt = this.#now() + tokens.expires_in * 1000 - EXPIRY_MARGIN_MS;
    this.#user = tokens.user;
    this.#emit();
  }

  /** Forget the access token (the cookie is the server's to clear: see `logout`). */
  clear(): void {
    const wasSignedIn = this.#token !== null || this.#user !== null;
    this.#token = null;
    this.#expiresAt = 0;
    this.#user = null;
    if (wasSignedIn) this.#emit();
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * A new access token from the refresh cookie, or null when there is no session (any more).
   * Concurrent callers share one request: a refresh token works once, so two would race.
   * A network failure throws `ApiError` (`network_error`) and keeps the session as it is.
   */
  refresh(): Promise<string | null> {
    if (!this.#refreshing) {
      this.#refreshing = this.#refresh().finally(() => {
        this.#refreshing = null;
      });
    }
    return this.#refreshing;
  }

  async #refresh(): Promise<string | null> {
    let response: Response;
    try {
      response = await this.#network(
        new Request(`${this.origin}${AUTH}/refresh`, {
          method: "POST",
          credentials: "same-origin",
        }),
      );
    } catch (cause) {
      throw ApiError.network(cause);
    }
    if (response.ok) {
      this.accept((await response.json()) as TokenResponse);
      return this.#token;
    }
    if (response.status === 401 || response.status === 403) {
      this.clear();
      return null;
    }
    throw await errorFromResponse(response);
  }

  /**
   * The access token for what cannot go through `fetch`: a WebSocket's first message, an upload
   * whose progress is shown (XMLHttpRequest). Renewed first when it has expired; null without a
   * session.
   */
  async accessToken(): Promise<string | null> {
    if (this.#token !== null && this.#now() >= this.#expiresAt) return this.refresh();
    return this.#token;
  }

  /**
   * `fetch` for the API clients: adds the access token to this origin's `/api/` requests, and on a
   * 401 refreshes once and retries once. Other requests pass through untouched.
   */
  fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.origin !== this.origin || !url.pathname.startsWith("/api/")) {
      return this.#network(request);
    }
    const retryable = !NO_RETRY.has(url.pathname);
    // A token known to be expired is renewed first, which saves a round trip; that counts as the
    // one refresh this request gets.
    const refreshed = retryable && this.#token !== null && this.#now() >= this.#expiresAt;
    if (refreshed) await this.refresh();
    const retry = retryable && !refreshed ? request.clone() : null;
    const used = this.#token;
    const response = await this.#send(request, used);
    if (response.status !== 401 || retry === null) return response;

    // Another request may have refreshed while this one was on its way: use its token.
    const token = this.#token !== null && this.#token !== used ? this.#token : await this.refresh();
    if (token === null) return response;
    return this.#send(retry, token);
  };

  #send(request: Request, token: string | null): Promise<Response> {
    if (token === null) return this.#network(request);
    const headers = new Headers(request.headers);
    headers.set("Authorization", `Bearer ${token}`);
    return this.#network(new Request(request, { headers }));
  }

  /** End this session, or with `everywhere` every session of the account; always signs out here. */
  async logout(options: { everywhere?: boolean } = {}): Promise<void> {
    const headers = new Headers({ "Content-Type": "application/json" });
    if (this.#token) headers.set("Authorization", `Bearer ${this.#token}`);
    try {
      const response = await this.#network(
        new Request(`${this.origin}${AUTH}/logout`, {
          method: "POST",
          credentials: "same-origin",
          headers,
          body: JSON.stringify({ everywhere: options.everywhere ?? false }),
        }),
      );
      if (!response.ok && response.status !== 401) throw await errorFromResponse(response);
    } catch (error) {
      if (options.everywhere) throw error instanceof ApiError ? error : ApiError.network(error);
      // Leaving this device works offline too: the token is forgotten below.
    } finally {
      if (!options.everywhere) this.clear();
    }
    this.clear();
  }

  #emit(): void {
    for (const listener of this.#listeners) listener(this.#user);
  }
}
