import { describe, expect, it } from "vitest";
import { afterLogin, appOrigin, isAllowedReturnUrl, loginUrl, rootHost } from "../src/index.ts";

const here = (href: string) => {
  const url = new URL(href);
  return {
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port,
    origin: url.origin,
    href: url.href,
  };
};

const MAIN = here("https://alif24.uz/login");

describe("isAllowedReturnUrl", () => {
  it.each([
    "https://alif24.uz/children",
    "https://games.alif24.uz/play/2048?level=2",
    "https://harf.alif24.uz/",
    "https://lessions.alif24.uz/courses/1#top",
    "/children",
    "children/new",
  ])("allows %s", (url) => {
    expect(isAllowedReturnUrl(url, MAIN)).toBe(true);
  });

  it.each([
    "https://evil.example/",
    "https://alif24.uz.evil.example/",
    "https://evilalif24.uz/",
    "https://games.alif24.uz.evil.example/",
    "https://shop.alif24.uz/", // not an ALIF24 app
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://alif24.uz/children", // downgraded to plain http
    "https://alif24.uz:8443/", // another port
    "https://user:pass@alif24.uz/",
    "",
    null,
  ])("refuses %s", (url) => {
    expect(isAllowedReturnUrl(url, MAIN)).toBe(false);
  });

  it("applies the same pattern from a subdomain and on local names", () => {
    expect(isAllowedReturnUrl("https://alif24.uz/", here("https://games.alif24.uz/"))).toBe(true);
    const local = here("http://alif24.localhost:8080/login");
    expect(isAllowedReturnUrl("http://games.alif24.localhost:8080/", local)).toBe(true);
    expect(isAllowedReturnUrl("http://evil.localhost:8080/", local)).toBe(false);
    // Vite's dev servers: same loopback host, other ports
    expect(isAllowedReturnUrl("http://127.0.0.1:5174/", here("http://127.0.0.1:5173/"))).toBe(true);
  });
});

describe("hosts and addresses", () => {
  it("finds main's host from any app", () => {
    expect(rootHost("games.alif24.uz")).toBe("alif24.uz");
    expect(rootHost("alif24.uz")).toBe("alif24.uz");
    expect(rootHost("www.alif24.uz")).toBe("www.alif24.uz");
    expect(appOrigin("main", here("https://games.alif24.uz/x"))).toBe("https://alif24.uz");
    expect(appOrigin("games", MAIN)).toBe("https://games.alif24.uz");
  });

  it("builds main's login address with the way back", () => {
    const url = new URL(
      loginUrl("https://games.alif24.uz/play", { here: here("https://games.alif24.uz/play") }),
    );
    expect(url.origin).toBe("https://alif24.uz");
    expect(url.pathname).toBe("/login");
    expect(url.searchParams.get("next")).toBe("https://games.alif24.uz/play");
  });

  it("goes back to an allowed address after login, and to the fallback otherwise", () => {
    expect(afterLogin("/children?x=1", "/home", MAIN)).toEqual({ path: "/children?x=1" });
    expect(afterLogin("https://alif24.uz/settings", "/home", MAIN)).toEqual({ path: "/settings" });
    expect(afterLogin("https://games.alif24.uz/", "/home", MAIN)).toEqual({
      href: "https://games.alif24.uz/",
    });
    expect(afterLogin("https://evil.example/", "/home", MAIN)).toEqual({ path: "/home" });
    expect(afterLogin(null, "/home", MAIN)).toEqual({ path: "/home" });
  });
});
