import { afterEach, describe, expect, it, vi } from "vitest";
import { redirectToLogin } from "../src/index.ts";

const here = {
  protocol: "https:",
  hostname: "games.alif24.uz",
  port: "",
  origin: "https://games.alif24.uz",
  href: "https://games.alif24.uz/play/2048",
};

afterEach(() => {
  sessionStorage.clear();
  vi.restoreAllMocks();
});

describe("redirectToLogin", () => {
  it("goes to main's login with the page to come back to, and stops a redirect loop", () => {
    const assign = vi.fn();
    vi.spyOn(window, "location", "get").mockReturnValue({ ...window.location, assign });
    expect(redirectToLogin({ here })).toBe(true);
    expect(assign).toHaveBeenCalledWith(
      `https://alif24.uz/login?next=${encodeURIComponent("https://games.alif24.uz/play/2048")}`,
    );
    expect(redirectToLogin({ here })).toBe(true);
    expect(redirectToLogin({ here })).toBe(true);
    // a fourth bounce within a minute is a loop: the page explains instead of going again
    expect(redirectToLogin({ here })).toBe(false);
    expect(assign).toHaveBeenCalledTimes(3);
  });

  it("can send a child to the child login page", () => {
    const assign = vi.fn();
    vi.spyOn(window, "location", "get").mockReturnValue({ ...window.location, assign });
    expect(redirectToLogin({ here, path: "/login/child" })).toBe(true);
    expect(assign).toHaveBeenCalledWith(
      `https://alif24.uz/login/child?next=${encodeURIComponent("https://games.alif24.uz/play/2048")}`,
    );
  });
});
