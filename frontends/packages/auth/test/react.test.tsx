import { createApi } from "@alif/api";
import { act, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AuthProvider, Session, useAuth } from "../src/index.ts";

const ORIGIN = "http://localhost:3000";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

const me = {
  user: { id: "p1", role: "parent", first_name: "Dilnoza" },
  family: { children: [], guardians: [] },
};

function Probe() {
  const { state, signOut } = useAuth();
  return (
    <div>
      <p>{state.status === "signedIn" ? `hello ${state.me.user.first_name}` : state.status}</p>
      <button type="button" onClick={() => void signOut()}>
        out
      </button>
    </div>
  );
}

function setup(hasCookie: boolean) {
  const fetch = async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path === "/api/main/auth/refresh") {
      return hasCookie
        ? json(200, {
            access_token: "t1",
            expires_in: 900,
            token_type: "bearer",
            user: {
              id: "p1",
              role: "parent",
              status: "active",
              first_name: "Dilnoza",
              last_name: "",
            },
          })
        : json(401, { error: { code: "invalid_refresh_token", message: "", details: {} } });
    }
    if (path === "/api/main/auth/logout") return new Response(null, { status: 204 });
    if (path === "/api/main/me" && request.headers.get("authorization") === "Bearer t1") {
      return json(200, me);
    }
    return json(401, { error: { code: "not_authenticated", message: "", details: {} } });
  };
  const session = new Session({ fetch, origin: ORIGIN });
  const api = createApi({ fetch: session.fetch, baseUrl: ORIGIN });
  render(
    <AuthProvider session={session} api={api}>
      <Probe />
    </AuthProvider>,
  );
  return session;
}

describe("AuthProvider", () => {
  it("restores the session from the refresh cookie and loads /me (single sign-on)", async () => {
    setup(true);
    expect(screen.getByText("loading")).toBeInTheDocument();
    expect(await screen.findByText("hello Dilnoza")).toBeInTheDocument();
  });

  it("is signed out without a cookie", async () => {
    setup(false);
    expect(await screen.findByText("signedOut")).toBeInTheDocument();
  });

  it("signs out", async () => {
    const session = setup(true);
    await screen.findByText("hello Dilnoza");
    await act(async () => screen.getByRole("button", { name: "out" }).click());
    await waitFor(() => expect(screen.getByText("signedOut")).toBeInTheDocument());
    expect(session.isSignedIn).toBe(false);
  });
});
