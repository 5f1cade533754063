/**
 * Letters on harf.alif24.localhost, in Chromium through the real gateway: a demo child signs in
 * (sent to main's child login and back), picks Uzbek Latin, opens the letter A and hears its sound
 * (an MP3 the gateway sends), answers three exercises (match the case, hear and tap, and tracing
 * on the canvas with the mouse), and the letter's tile in the grid moves from "not started" to
 * "learning". Every screen passes
 * axe-core's serious checks; screenshots at phone and desktop sizes go to test-results/e2e/ (40-...).
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { expectAccessible, type Person, person, screenshot, url } from "./browser.ts";

const people: Person[] = [];
afterAll(async () => {
  for (const someone of people) await someone.close();
});

async function visible(locator: Locator, timeout = 20_000): Promise<void> {
  await locator.first().waitFor({ state: "visible", timeout });
}

/** Looked at, at a phone's size and a desktop's, and checked with axe-core. */
async function look(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize({ width: 412, height: 915 });
}

/** Draws the stroke (in the letter's units) over the trace canvas, as a finger would. */
async function drawStroke(page: Page, box: Box, from: number[], to: number[]): Promise<void> {
  const canvas = await page.getByRole("img", { name: /barmogʻing bilan chiz/ }).boundingBox();
  if (!canvas) throw new Error("no canvas");
  const at = ([x = 0, y = 0]: number[]) => ({
    x: canvas.x + ((x - box.left) / box.width) * canvas.width,
    y: canvas.y + ((y - box.top) / box.height) * canvas.height,
  });
  const start = at(from);
  const end = at(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.up();
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

describe("a child learns a letter", () => {
  it("signs in, picks Uzbek Latin, practises three exercises and the letter moves", async () => {
    const child = await person();
    people.push(child);
    const c = child.page;

    await c.goto(url("harf", "/"));
    await c.waitForURL(/alif24\.localhost:\d+\/login\/child\?next=/);
    await c.getByLabel(/Loginingni/).fill("laylo");
    await c.getByRole("button", { name: /Davom etish/ }).click();
    for (const digit of "2024") await c.getByRole("button", { name: digit, exact: true }).click();
    await c.getByRole("button", { name: "Kirish", exact: true }).click();
    await c.waitForURL(/harf\.alif24\.localhost:\d+\/$/);
    await visible(c.getByRole("heading", { name: /qaysi alifboni oʻrganamiz/ }));
    await visible(c.getByText("Bugun: 0 / 10"));
    await look(c, "40-harf-alphabets");

    await c.getByRole("link", { name: /Oʻzbek \(lotin\)/ }).click();
    await visible(c.getByRole("link", { name: "A a: hali boshlanmagan" }));
    await expect(c.getByRole("link", { name: /: yopiq$/ }).count()).resolves.toBe(25);
    await look(c, "41-harf-letters");

    await c.getByRole("link", { name: "A a: hali boshlanmagan" }).click();
    await visible(c.getByRole("heading", { name: "A a harfi" }));
    // The big letter says its sound: harf-worker has espeak-ng make an MP3 (the app asks again
    // while it is pending), then the gateway sends it from the data folder by its signed link.
    const played = c.waitForResponse((r) => r.url().includes("/api/harf/media/harf/audio/"), {
      timeout: 30_000,
    });
    await c.getByRole("button", { name: "A tovushini tinglash" }).click();
    const file = await played;
    expect(file.status()).toBeLessThan(300);
    expect(file.headers()["content-type"]).toBe("audio/mpeg");
    await look(c, "42-harf-letter");

    // 1. Match the case: the small a.
    await c.goto(url("harf", "/uz-Latn/practise?letter=1&kind=match_case"));
    await visible(c.getByText("Kichik harfini top"));
    await look(c, "43-harf-match-case");
    await c.getByRole("button", { name: "a", exact: true }).click();
    await visible(c.getByRole("status").filter({ hasText: "Barakalla!" }));
    await look(c, "44-harf-right");

    // 2. Hear and tap: "a" is said; the child taps a.
    await c.goto(url("harf", "/uz-Latn/practise?letter=1&kind=hear_and_tap"));
    await visible(c.getByText("Tingla va harfni top"));
    await look(c, "45-harf-hear-and-tap");
    await c.getByRole("button", { name: "a", exact: true }).click();
    await visible(c.getByRole("status").filter({ hasText: "Barakalla!" }));

    // 3. Trace the A with the mouse: its three strokes, in the letter's box with its margin.
    await c.goto(url("harf", "/uz-Latn/practise?letter=1&kind=trace"));
    await visible(c.getByText("Harfni barmogʻing bilan chiz"));
    await look(c, "46-harf-trace");
    const box = { left: -0.3, top: -0.3, width: 1.4, height: 1.6 };
    const traced = c.waitForResponse((r) => r.url().endsWith("/trace"));
    await drawStroke(c, box, [0.4, 0], [0, 1]);
    await drawStroke(c, box, [0.4, 0], [0.8, 1]);
    await drawStroke(c, box, [0.15, 0.62], [0.65, 0.62]);
    expect((await traced).status()).toBe(200);
    await visible(c.getByRole("status").filter({ hasText: "Barakalla!" }));
    await visible(c.getByText("Yulduzlar: 1"));
    await look(c, "47-harf-traced");

    // The letter moved: learning now, and today's goal counts the three.
    await c.getByRole("link", { name: /Tugatish/ }).click();
    await visible(c.getByRole("link", { name: "A a: oʻrganilmoqda" }));
    await visible(c.getByText("Bugun: 3 / 10"));
    await look(c, "48-harf-letters-after");

    // A 503 while espeak-ng renders a sound is the API's "ask again" (audio_pending).
    expect(
      child.problems.filter((p) => !/^503 .*\/audio(\?(word=\d+|as=sound))?$/.test(p)),
    ).toEqual([]);
  });
});
