import { Session, useAuth } from "@alif/auth";
import { signedInApi, signedOutApi } from "@alif/testing";
import { act, screen } from "@testing-library/react";
import { useTranslation } from "react-i18next";
import { afterEach, describe, expect, it } from "vitest";
import { mountApp } from "../src/index.ts";
import { demoTranslations } from "./render.tsx";

const roots: { unmount(): void }[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) act(() => root.unmount());
  document.body.innerHTML = "";
  localStorage.clear();
});

async function mount(App: () => React.ReactNode, fetch = signedOutApi().fetch) {
  const element = document.createElement("div");
  element.id = "root";
  document.body.append(element);
  const root = await act(() =>
    mountApp(App, demoTranslations, { session: new Session({ fetch }) }),
  );
  roots.push(root);
  return element;
}

function Hello() {
  const { t } = useTranslation();
  const auth = useAuth();
  const name = auth.state.status === "signedIn" ? auth.state.me.user.first_name : "…";
  return (
    <h1>
      {t("hello")}, {name}
    </h1>
  );
}

describe("mountApp", () => {
  it("renders the app in #root with its texts and the session restored (SSO)", async () => {
    const api = signedInApi({ id: "c1", role: "student", first_name: "Ali" });
    await mount(Hello, api.fetch);
    expect(await screen.findByRole("heading", { name: "Salom, Ali" })).toBeInTheDocument();
  });

  it("starts in the language chosen on this site", async () => {
    localStorage.setItem("alif24.language", "en");
    await mount(Hello);
    expect(await screen.findByRole("heading", { name: "Hello, …" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("en");
  });

  it("shows a kind message with a reload button instead of a blank page when a page breaks", async () => {
    const quiet = console.error;
    console.error = () => undefined;
    try {
      await mount(() => {
        throw new Error("broken");
      });
      expect(await screen.findByRole("button", { name: "Qayta yuklash" })).toBeInTheDocument();
    } finally {
      console.error = quiet;
    }
  });

  it("refuses a page without a place to mount", async () => {
    await expect(mountApp(Hello, demoTranslations, { element: null })).rejects.toThrow("#root");
  });
});
