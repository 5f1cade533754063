import { ApiError } from "@alif/api";
import { describe, expect, it } from "vitest";
import { Session, type TokenResponse } from "../src/index.ts";

const ORIGIN = "https://games.alif24.test";

function tokens(access: string, expiresIn = 900): TokenResponse {
  return {
    access_token: access,
    token_type: "bearer",
    expires_in: expiresIn,
    user: { id: "u1", role: "student", status: "active", first_name: "Ali", last_name: "" },
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

const unauthorized = () =>
  json(401, { error: { code: "invalid_token", message: "x", details: {} }, request_id: "r" });

/** A fake server: valid access tokens, and a refresh endpoint that hands out the next one. */
function server(options: { refresh?: () => Promise<Response> | Response } = {}) {
  let issued = 0;
  const valid = new Set<string>();
  const calls: { path: string; auth: string | null; body: string }[] = [];
  let refreshes = 0;
  const fetch = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    calls.push({ path, auth: request.headers.get("authorization"), body: await request.text() });
    if (path === "/api/main/auth/refresh") {
      refreshes++;
      if (options.refresh) return options.refresh();
      await new Promise((resolve) => setTimeout(resolve, 5)); // in flight for a while
      const token = `t${++issued}`;
      valid.add(token);
      return json(200, tokens(token));
    }
    if (path === "/api/main/auth/logout") return new Response(null, { status: 204 });
    const token = request.headers.get("authorization")?.replace("Bearer ", "") ?? "";
    return valid.has(token) ? json(200, { ok: path }) : unauthorized();
  };
  return {
    fetch,
    calls,
    valid,
    get refreshes() {
      return refreshes;
    },
  };
}

const post = (path: string, body: unknown) =>
  new Request(`${ORIGIN}${path}`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });

describe("Session.fetch", () => {
  it("adds the access token to same-origin API calls only", async () => {
    const fake = server();
    fake.valid.add("t0");
    const session = new Session({ fetch: fake.fetch, origin: ORIGIN });
    session.accept(tokens("t0"));
    await session.fetch(new Request(`${ORIGIN}/api/main/me`));
    await session.fetch(new Request("https://elsewhere.test/api/main/me"));
    await session.fetch(new Request(`${ORIGIN}/assets/logo.svg`));
    expect(fake.calls.map((c) => c.auth)).toEqual(["Bearer t0", null, null]);
  });

  it("refreshes once for many concurrent 401s and retries each request once", async () => {
    const fake = server();
    const session = new Session({ fetch: fake.fetch, origin: ORIGIN });
    session.accept(tokens("stale")); // the server does not know it: every call answers 401

    const responses = await Promise.all([
      session.fetch(new Request(`${ORIGIN}/api/main/me`)),
      session.fetch(new Request(`${ORIGIN}/api/main/children`)),
      session.fetch(post("/api/main/children", { first_name: "Ali" })),
      session.fetch(new Request(`${ORIGIN}/api/games/sessions`)),
    ]);

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(fake.refreshes).toBe(1);
    const retried = fake.calls.filter((c) => c.auth === "Bearer t1");
    expect(retried).toHaveLength(4);
    // the body of a POST survives the retry
    expect(retried.find((c) => c.body !== "")?.body).toBe('{"first_name":"Ali"}');
  });

  it("uses a token another request just obtained instead of refreshing again", async () => {
    const fake = server();
    const session = new Session({ fetch: fake.fetch, origin: ORIGIN });
    session.accept(tokens("stale"));
    await session.fetch(new Request(`${ORIGIN}/api/main/me`));
    expect(fake.refreshes).toBe(1);
    await session.fetch(new Request(`${ORIGIN}/api/main/me`));
    expect(fake.refreshes).toBe(1);
  });

  it("gives up after one refresh: no loop when the retry is refused too", async () => {
    let count = 0;
    const fetch = async (request: Request) => {
      count++;
      return new URL(request.url).pathname.endsWith("/refresh")
        ? json(200, tokens(`t${count}`))
        : unauthorized();
    };
    const session = new Session({ fetch, origin: ORIGIN });
    session.accept(tokens("t0"));
    const response = await session.fetch(new Request(`${ORIGIN}/api/main/me`));
    expect(response.status).toBe(401);
    expect(count).toBe(3); // the call, one refresh, one retry
  });

  it("signs out and returns the 401 when the refresh cookie is no longer valid", async () => {
    const fake = server({ refresh: () => unauthorized() });
    const session = new Session({ fetch: fake.fetch, origin: ORIGIN });
    session.accept(tokens("stale"));
    const seen: unknown[] = [];
    session.subscribe((user) => seen.push(user));

    const [a, b] = await Promise.all([
      session.fetch(new Request(`${ORIGIN}/api/main/me`)),
      session.fetch(new Request(`${ORIGIN}/api/main/children`)),
    ]);
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(fake.refreshes).toBe(1);
    expect(session.isSignedIn).toBe(false);
    expect(seen).toEqual([null]);
  });

  it("never refreshes for a wrong password", async () => {
    const fake = server();
    const session = new Session({ fetch: fake.fetch, origin: ORIGIN });
    const response = await session.fetch(post("/api/main/auth/login", { identifier: "x" }));
    expect(response.status).toBe(401);
    expect(fake.refreshes).toBe(0);
  });

  it("renews a token it knows has expired before sending", async () => {
    let now = 1_000_000;
    const fake = server();
    fake.valid.add("t0");
    const session = new Session({ fetch: fake.fetch, origin: ORIGIN, now: () => now });
    session.accept(tokens("t0", 900));
    now += 900_000;
    const response = await session.fetch(new Request(`${ORIGIN}/api/main/me`));
    expect(response.status).toBe(200);
    expect(fake.calls.map((c) => c.path)).toEqual(["/api/main/auth/refresh", "/api/main/me"]);
  });

  it("hands out its token (an upload, a WebSocket), renewed when it has expired", async () => {
    let now = 1_000_000;
    const fake = server();
    const session = new Session({ fetch: fake.fetch, origin: ORIGIN, now: () => now });
    expect(await session.accessToken()).toBeNull();
    session.accept(tokens("t0", 900));
    expect(await session.accessToken()).toBe("t0");
    expect(fake.refreshes).toBe(0);
    now += 900_000;
    expect(await session.accessToken()).toBe("t1");
    expect(fake.refreshes).toBe(1);
  });

  it("keeps the session when the refresh cannot reach the server", async () => {
    const fake = server({
      refresh: () => {
        throw new TypeError("Failed to fetch");
      },
    });
    const session = new Session({ fetch: fake.fetch, origin: ORIGIN });
    session.accept(tokens("stale"));
    await expect(session.fetch(new Request(`${ORIGIN}/api/main/me`))).rejects.toMatchObject({
      code: "network_error",
    });
    expect(session.isSignedIn).toBe(true);
  });
});

describe("Session.refresh", () => {
  it("restores a session from the cookie, and reports none without one", async () => {
    const fake = server();
    const session = new Session({ fetch: fake.fetch, origin: ORIGIN });
    expect(await session.refresh()).toBe("t1");
    expect(session.user?.first_name).toBe("Ali");

    const none = new Session({
      fetch: server({ refresh: () => unauthorized() }).fetch,
      origin: ORIGIN,
    });
    expect(await none.refresh()).toBeNull();
  });

  it("throws an ApiError for a server failure", async () => {
    const fake = server({ refresh: () => new Response("<html>502</html>", { status: 502 }) });
    const session = new Session({ fetch: fake.fetch, origin: ORIGIN });
    await expect(session.refresh()).rejects.toBeInstanceOf(ApiError);
  });
});

describe("Session.logout", () => {
  it("ends this session on the server and forgets the token", async () => {
    const fake = server();
    const session = new Session({ fetch: fake.fetch, origin: ORIGIN });
    session.accept(tokens("t0"));
    await session.logout();
    const call = fake.calls.at(-1);
    expect(call).toMatchObject({ path: "/api/main/auth/logout", auth: "Bearer t0" });
    expect(JSON.parse(call?.body ?? "{}")).toEqual({ everywhere: false });
    expect(session.isSignedIn).toBe(false);
  });

  it("asks for every session to end with `everywhere`", async () => {
    const fake = server();
    const session = new Session({ fetch: fake.fetch, origin: ORIGIN });
    session.accept(tokens("t0"));
    await session.logout({ everywhere: true });
    expect(JSON.parse(fake.calls.at(-1)?.body ?? "{}")).toEqual({ everywhere: true });
    expect(session.isSignedIn).toBe(false);
  });

  it("still signs out of this device when offline", async () => {
    const session = new Session({
      fetch: async () => {
        throw new TypeError("offline");
      },
      origin: ORIGIN,
    });
    session.accept(tokens("t0"));
    await session.logout();
    expect(session.isSignedIn).toBe(false);
  });
});
