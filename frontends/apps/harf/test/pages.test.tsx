import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { forgetSounds } from "../src/lib/audio.ts";
import { harfApi } from "./fixtures.ts";
import { path, renderApp, signedOutApi } from "./harness.tsx";

// What the <audio> elements were asked to play: the server's links.
let played: string[] = [];

beforeEach(() => {
  forgetSounds();
  played = [];
  vi.spyOn(HTMLMediaElement.prototype, "play").mockImplementation(function (
    this: HTMLMediaElement,
  ) {
    played.push(new URL(this.src).pathname);
    return Promise.resolve();
  });
});
afterEach(() => vi.restoreAllMocks());

describe("signing in", () => {
  it("sends a signed-out child to main's child login and back to this page", async () => {
    const assign = vi.fn();
    vi.stubGlobal("location", {
      ...window.location,
      assign,
      href: "http://harf.alif24.localhost:8080/",
      hostname: "harf.alif24.localhost",
      port: "8080",
      protocol: "http:",
      origin: "http://harf.alif24.localhost:8080",
    });
    try {
      await renderApp("/", signedOutApi());
      await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
      expect(assign).toHaveBeenCalledWith(
        `http://alif24.localhost:8080/login/child?next=${encodeURIComponent("http://harf.alif24.localhost:8080/")}`,
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("choosing an alphabet", () => {
  it("offers the four alphabets with my letters, my day and my coins", async () => {
    await renderApp("/", harfApi());
    expect(
      await screen.findByRole("heading", { name: "Ali, qaysi alifboni oʻrganamiz?" }),
    ).toBeInTheDocument();
    for (const name of [/Oʻzbek \(lotin\)/, /Oʻzbek \(kirill\)/, /Rus/, /Ingliz/]) {
      expect(screen.getByRole("link", { name })).toBeInTheDocument();
    }
    expect(await screen.findByText("Bugun: 3 / 10")).toBeInTheDocument();
    expect(screen.getByText("2 kun ketma-ket")).toBeInTheDocument();
    expect(await screen.findByText("120")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("link", { name: /Oʻzbek \(lotin\)/ }));
    await waitFor(() => expect(path()).toBe("/uz-Latn"));
  });
});

describe("the letter grid", () => {
  it("shows each letter's mastery and the letters after the open ones locked", async () => {
    await renderApp("/uz-Latn", harfApi());
    const grid = await screen.findByRole("list");
    expect(
      await within(grid).findByRole("link", { name: "A a: oʻrganilmoqda" }),
    ).toBeInTheDocument();
    expect(within(grid).getByRole("link", { name: "B b: hali boshlanmagan" })).toBeInTheDocument();
    expect(within(grid).getByRole("link", { name: "D d: yopiq" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Mashq qilish/ })).toHaveAttribute(
      "href",
      "/uz-Latn/practise",
    );
  });
});

describe("a letter's page", () => {
  it("says the letter's sound, its name and each word on a tap, with the word's picture", async () => {
    const api = harfApi();
    await renderApp("/uz-Latn/1", api);
    await userEvent.click(await screen.findByRole("button", { name: "A tovushini tinglash" }));
    await userEvent.click(screen.getByRole("button", { name: "A harfining nomini tinglash: «a»" }));
    await userEvent.click(screen.getByRole("button", { name: "«olma» soʻzini tinglash" }));
    await waitFor(() =>
      expect(api.calls.filter((c) => c.path.includes("/audio")).map((c) => c.path)).toEqual([
        "/api/harf/alphabets/uz-Latn/letters/1/audio?as=sound",
        "/api/harf/alphabets/uz-Latn/letters/1/audio",
        "/api/harf/alphabets/uz-Latn/letters/1/audio?word=3",
      ]),
    );
    await waitFor(() => expect(played).toContain("/api/harf/media/harf/audio/generated/x.mp3"));
    expect(screen.getByText("🍎")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: /Chizish/ })).toHaveAttribute(
      "href",
      "/uz-Latn/practise?letter=1&kind=trace",
    );
  });

  it("asks a child to ask their parent for a locked letter, and offers nothing to buy", async () => {
    const api = harfApi();
    await renderApp("/uz-Latn/3", api);
    expect(
      await screen.findByText("Bu harfni ochish uchun ota-onangdan soʻra."),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "D tovushini tinglash" })).toBeDisabled();
    expect(screen.queryByRole("button", { name: /nomini tinglash/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Mashq/ })).not.toBeInTheDocument();
    expect(screen.queryByText(/tarif|obuna/i)).not.toBeInTheDocument();
  });
});

describe("an unknown address", () => {
  it("says the page was not found and leads to the start", async () => {
    await renderApp("/no/such/page", signedOutApi());
    expect(await screen.findByRole("heading", { name: "Bu sahifa topilmadi" })).toBeInTheDocument();
  });
});
