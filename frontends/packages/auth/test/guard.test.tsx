import type { AppTranslations } from "@alif/i18n";
import { apiError, appRenderer, path, signedInApi, signedOutApi } from "@alif/testing";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RequireRole, RequireSignIn } from "../src/guard.tsx";
import { useAuth } from "../src/index.ts";

const texts: AppTranslations = { namespace: "demo", uz: {}, load: async () => ({}) };
const child = { id: "c1", role: "student", first_name: "Ali" };

function SignOut() {
  const auth = useAuth();
  return (
    <button type="button" onClick={() => void auth.signOut()}>
      out
    </button>
  );
}

function App() {
  return (
    <Routes>
      <Route path="/" element={<p>landing</p>} />
      <Route path="/login" element={<p>login page</p>} />
      <Route path="/home" element={<p>my home</p>} />
      <Route path="/app" element={<RequireSignIn loginPath="/login/child" />}>
        <Route path="play" element={<p>the game</p>} />
      </Route>
      <Route path="/main" element={<RequireSignIn onMain />}>
        <Route path="settings" element={<SignOut />} />
        <Route element={<RequireRole roles={["parent"]} />}>
          <Route path="children" element={<p>children</p>} />
        </Route>
      </Route>
    </Routes>
  );
}

const renderApp = appRenderer(App, texts);

/** This page as another app's address (games.alif24.localhost), with navigation recorded. */
function onGamesHost() {
  const assign = vi.fn();
  vi.stubGlobal("location", {
    ...window.location,
    assign,
    href: "http://games.alif24.localhost:8080/app/play",
    hostname: "games.alif24.localhost",
    port: "8080",
    protocol: "http:",
    origin: "http://games.alif24.localhost:8080",
  });
  return assign;
}

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const loginOnMain = `http://alif24.localhost:8080/login/child?next=${encodeURIComponent(
  "http://games.alif24.localhost:8080/app/play",
)}`;

describe("RequireSignIn on an app", () => {
  it("shows the page to a signed-in user", async () => {
    await renderApp("/app/play", signedInApi(child));
    expect(await screen.findByText("the game")).toBeInTheDocument();
  });

  it("sends a signed-out user to main's login page and back to this page", async () => {
    const assign = onGamesHost();
    await renderApp("/app/play", signedOutApi());
    await waitFor(() => expect(assign).toHaveBeenCalledWith(loginOnMain));
    expect(screen.queryByText("the game")).not.toBeInTheDocument();
  });

  it("stops bouncing after three trips in a minute and offers a sign-in button instead", async () => {
    const assign = onGamesHost();
    for (let trip = 0; trip < 3; trip++) {
      const view = await renderApp("/app/play", signedOutApi());
      await waitFor(() => expect(assign).toHaveBeenCalledTimes(trip + 1));
      view.unmount();
    }
    await renderApp("/app/play", signedOutApi());
    const signIn = await screen.findByRole("link", { name: "Kirish" });
    expect(signIn).toHaveAttribute("href", loginOnMain);
    expect(screen.getByText(/Kirish sahifasiga oʻtib boʻlmadi/)).toBeInTheDocument();
    expect(assign).toHaveBeenCalledTimes(3);
  });

  it("says it could not check the session when offline, instead of sending to the login", async () => {
    const assign = onGamesHost();
    const api = signedOutApi().on("POST /api/main/auth/refresh", () =>
      apiError(503, "unavailable"),
    );
    await renderApp("/app/play", api);
    expect(await screen.findByText(/Kirganingizni tekshirib boʻlmadi/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Qayta urinish" })).toBeInTheDocument();
    expect(assign).not.toHaveBeenCalled();
  });
});

describe("RequireSignIn on main", () => {
  it("goes to the login page of this router with the way back", async () => {
    await renderApp("/main/settings?tab=1", signedOutApi());
    await waitFor(() => expect(path()).toBe("/login?next=%2Fmain%2Fsettings%3Ftab%3D1"));
  });

  it("goes to the landing page after the user chose to log out", async () => {
    await renderApp("/main/settings", signedInApi(child));
    await userEvent.click(await screen.findByRole("button", { name: "out" }));
    expect(await screen.findByText("landing")).toBeInTheDocument();
  });
});

describe("RequireRole", () => {
  it("sends a user of another role to their own home", async () => {
    await renderApp("/main/children", signedInApi(child));
    expect(await screen.findByText("my home")).toBeInTheDocument();
  });

  it("shows the page to the role it is for", async () => {
    await renderApp("/main/children", signedInApi({ ...child, role: "parent" }));
    expect(await screen.findByText("children")).toBeInTheDocument();
  });
});
