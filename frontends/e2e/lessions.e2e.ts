/**
 * A course's life on lessions.alif24.localhost, in Chromium through the real gateway: the demo
 * teacher builds a course of two lessons in the editor (a text and a quiz completed by its quiz;
 * an embedded video and a story, completed at the end), shares it with the demo class (2-A sinf)
 * and publishes it; the demo child Ali, on a phone (390×844), finds it first in the catalogue,
 * passes the quiz, stops after the video and on the next visit comes back to the story, finishes
 * the course and gets its coins and certificate (the PDF downloads); the teacher sees the class
 * table and the parent sees the course on Ali's page in main.
 * Each screen is checked with axe-core and kept at phone and desktop sizes in test-results/e2e/
 * (40-..., 50-...).
 */
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { expectAccessible, onMain, type Person, person, screenshot, url } from "./browser.ts";

const people: Person[] = [];
afterAll(async () => {
  for (const someone of people) await someone.close();
});

async function visible(locator: Locator, timeout = 20_000): Promise<void> {
  await locator.first().waitFor({ state: "visible", timeout });
}

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** The screen checked for accessibility and kept at both sizes; the page returns to its size. */
async function look(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  const size = page.viewportSize() ?? PHONE;
  const other = size.width < 800 ? DESKTOP : PHONE;
  await screenshot(page, `${name}-${size.width < 800 ? "phone" : "desktop"}`);
  await page.setViewportSize(other);
  await screenshot(page, `${name}-${other.width < 800 ? "phone" : "desktop"}`);
  await page.setViewportSize(size);
}

const suffix = String(Date.now()).slice(-5);
const title = `Sanaymiz ${suffix}`;
const CLASS = "2-A sinf"; // the demo class: Ali, Laylo and six classmates, taught by Jasur
const VIDEO = "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ";

describe("a course from the teacher's editor to the child's phone, the certificate and the parent", () => {
  it("a teacher builds and shares a course, a child works through it over two visits and completes it, the teacher and the parent see it", async () => {
    const teacher = await person();
    people.push(teacher);
    const t = teacher.page;
    await t.setViewportSize(DESKTOP);
    await onMain(t, {
      path: "/api/main/auth/login",
      body: { identifier: "+998900000002", password: "alif24-demo" },
    });
    const child = await person();
    people.push(child);
    const c = child.page;
    await c.setViewportSize(PHONE);
    await onMain(c, {
      path: "/api/main/auth/child-login",
      body: { username: "ali", pin: "2024" },
    });

    // --- the teacher builds the course ----------------------------------------------------------
    await t.goto(url("lessions", "/"));
    await visible(t.getByRole("heading", { name: "Mening kurslarim" }));
    await look(t, "40-lessions-teacher-courses");
    await t.getByRole("link", { name: /Yangi kurs/ }).click();
    await t.getByRole("textbox", { name: "Nomi", exact: true }).fill(title);
    await t.getByRole("textbox", { name: "Fan" }).fill("Matematika");
    await t.getByRole("checkbox", { name: "1", exact: true }).check();
    await t.getByRole("radio", { name: "Tanlangan sinflarim" }).check();
    await t.getByRole("checkbox", { name: CLASS }).check();
    await look(t, "41-lessions-new-course");
    await t.getByRole("button", { name: "Kursni yaratish" }).click();
    await visible(t.getByRole("heading", { name: title }));
    await t.getByRole("textbox", { name: "Yangi boʻlim nomi" }).fill("Sonlar");
    await t.getByRole("button", { name: /Boʻlim qoʻshish/ }).click();
    await visible(t.getByRole("heading", { name: "Sonlar" }));

    // The first lesson: a text and a quiz, done when the quiz is passed.
    await t.getByRole("link", { name: /Dars qoʻshish/ }).click();
    await visible(t.getByRole("heading", { name: "Yangi dars" }));
    await t.getByRole("textbox", { name: "Nomi", exact: true }).fill("Ikki va ikki");
    await t
      .getByRole("textbox", { name: /Matn \(Markdown\)/ })
      .fill("Ikkita olma va **ikkita** olma.");
    await t.getByRole("combobox", { name: "Dars qachon tugaydi" }).selectOption("quiz");
    await t.getByRole("button", { name: "Savollar", exact: true }).click();
    const question = t.getByRole("group", { name: "1-savol" });
    await question.getByRole("textbox", { name: /^Savol/ }).fill("2 + 2 = ?");
    await question.getByRole("textbox", { name: "1-variant" }).fill("3");
    await question.getByRole("textbox", { name: "2-variant" }).fill("4");
    await question.getByRole("radio", { name: /2-variant toʻgʻri/ }).check();
    await look(t, "42-lessions-lesson-editor");
    await t.getByRole("button", { name: /Saqlash/ }).click();
    await t.waitForURL(/\/teach\/lessons\/[0-9a-f-]+$/);
    await t.getByRole("button", { name: /Darsni eʼlon qilish/ }).click();
    await visible(t.getByText(/Dars eʼlon qilingan \(1-versiya\)/));

    // The second lesson: an embedded video, a story of two pages and a last word; done at the end.
    await t.getByRole("link", { name: /Kursga/ }).click();
    await visible(t.getByRole("heading", { name: title }));
    await t.getByRole("link", { name: /Dars qoʻshish/ }).click();
    await visible(t.getByRole("heading", { name: "Yangi dars" }));
    await t.getByRole("textbox", { name: "Nomi", exact: true }).fill("Tulki va qargʻa");
    await t.getByRole("combobox", { name: "Dars qachon tugaydi" }).selectOption("end");
    await t.getByRole("button", { name: "1-qismni oʻchirish" }).click();
    await t.getByRole("button", { name: "Video", exact: true }).click();
    await t.getByRole("textbox", { name: /Video manzili/ }).fill(VIDEO);
    await t.getByRole("button", { name: "Ertak", exact: true }).click();
    await t.getByRole("textbox", { name: "Ertak nomi" }).fill("Tulki va qargʻa");
    await t.getByRole("textbox", { name: "1-sahifa matni" }).fill("Qargʻa pishloq topdi.");
    await t.getByRole("textbox", { name: /1-sahifa surati/ }).fill("🐦");
    await t.getByRole("button", { name: /Sahifa qoʻshish/ }).click();
    await t.getByRole("textbox", { name: "2-sahifa matni" }).fill("Tulki maqtadi, pishloq tushdi.");
    await t.getByRole("textbox", { name: /2-sahifa surati/ }).fill("🦊");
    await t.getByRole("button", { name: "Matn", exact: true }).click();
    await t.getByRole("textbox", { name: /Matn \(Markdown\)/ }).fill("Ertak tugadi. Barakalla!");
    await t.getByRole("button", { name: /Saqlash/ }).click();
    await t.waitForURL(/\/teach\/lessons\/[0-9a-f-]+$/);
    await t.getByRole("button", { name: /Darsni eʼlon qilish/ }).click();
    await visible(t.getByText(/Dars eʼlon qilingan/));
    await t.getByRole("link", { name: /Kursga/ }).click();
    await visible(t.getByRole("heading", { name: title }));
    await t.getByRole("button", { name: /Kursni eʼlon qilish/ }).click();
    await visible(t.getByRole("link", { name: /Sinf natijalari/ }));
    await look(t, "43-lessions-course-editor");

    // --- the child, on a phone ------------------------------------------------------------------
    await c.goto(url("lessions", "/"));
    const cards = c.getByRole("main").getByRole("listitem");
    await visible(cards.first());
    // The class's course comes before the platform's catalogue.
    expect(await cards.first().textContent()).toContain(title);
    await look(c, "44-lessions-catalogue");
    await cards.first().getByRole("link").click();
    await visible(c.getByRole("progressbar", { name: "Kursdagi yutugʻim" }));
    await look(c, "45-lessions-course");
    await c.getByRole("link", { name: /Boshlash/ }).click();
    await visible(c.getByText("Ikkita olma va"));
    await look(c, "46-lessions-lesson-text");
    await c.getByRole("button", { name: /Keyingi/ }).click();
    await c.getByRole("radio", { name: "3" }).check(); // wrong first
    await c.getByRole("button", { name: "Tekshirish" }).click();
    await visible(c.getByText("❌ Yana urinib koʻring"));
    await c.getByRole("radio", { name: "4" }).check();
    await c.getByRole("button", { name: "Yana tekshirish" }).click();
    await visible(c.getByText("✅ Toʻgʻri!"));
    await look(c, "47-lessions-quiz");
    await c.getByRole("button", { name: /Tugatish/ }).click();
    await visible(c.getByRole("heading", { name: "Dars tugadi!" }));
    await look(c, "48-lessions-lesson-done");

    // The second lesson: the child watches the video, opens the story and leaves.
    await c.getByRole("link", { name: /Keyingi dars/ }).click();
    const video = c.locator(`iframe[src="${VIDEO}"]`);
    await video.waitFor({ state: "attached" });
    await screenshot(c, "50-lessions-video-phone");
    await c.getByRole("button", { name: /Keyingi/ }).click();
    await visible(c.getByText("Qargʻa pishloq topdi."));
    await c.waitForLoadState("networkidle");
    // The next visit: from the catalogue, "continue" opens the story, not the video again.
    await c.goto(url("lessions", "/"));
    await cards.first().getByRole("link").click();
    await c.getByRole("link", { name: /Davom etish/ }).click();
    await visible(c.getByText("Qargʻa pishloq topdi."));
    expect(await video.count()).toBe(0);
    await look(c, "51-lessions-story");
    await c.getByRole("button", { name: "Keyingi sahifa" }).click();
    await visible(c.getByText("Tulki maqtadi, pishloq tushdi."));
    await c.getByRole("button", { name: "Keyingi →", exact: true }).click();
    await visible(c.getByText("Ertak tugadi. Barakalla!"));
    await c.getByRole("button", { name: /Tugatish/ }).click();

    // The course is complete: its coins once, its badge and a certificate that downloads.
    await visible(c.getByText("Butun kursni tugatdingiz!"));
    expect(await c.getByText("Butun kursni tugatdingiz!").textContent()).toContain("20");
    const certificate = c.getByRole("region", { name: "Sertifikat" });
    await visible(certificate);
    await look(c, "52-lessions-course-done");
    const pdf = c.waitForEvent("download");
    await certificate.getByRole("link", { name: /Yuklab olish/ }).click();
    const saved = await (await pdf).path();
    expect(readFileSync(saved).subarray(0, 5).toString()).toBe("%PDF-");

    // --- the teacher sees the class ---------------------------------------------------------------
    await t.getByRole("link", { name: /Sinf natijalari/ }).click();
    const row = t.getByRole("row", { name: /Ali Karimov/ });
    await visible(row);
    const cells = row.getByRole("cell");
    expect(await cells.nth(0).textContent()).toBe("100%");
    expect(await cells.nth(1).textContent()).toContain("tugatgan");
    expect(await cells.nth(1).textContent()).toContain("100%");
    expect(await cells.nth(2).textContent()).toContain("tugatgan");
    await look(t, "49-lessions-class-progress");
    const download = t.waitForEvent("download");
    await t.getByRole("button", { name: /CSV yuklab olish/ }).click();
    expect((await download).suggestedFilename()).toMatch(/^progress-[0-9a-f-]+\.csv$/);

    // --- the parent sees it in main ---------------------------------------------------------------
    const parent = await person();
    people.push(parent);
    const p = parent.page;
    await p.setViewportSize(PHONE);
    const children = await onMain<{ id: string; username: string }[]>(
      p,
      {
        path: "/api/main/auth/login",
        body: { identifier: "+998900000001", password: "alif24-demo" },
      },
      { method: "GET", path: "/api/main/children" },
    );
    const ali = children.find((someone) => someone.username === "ali");
    await p.goto(url("main", `/children/${ali?.id}`));
    await visible(p.getByRole("heading", { name: "Alining kurslari" }));
    const bar = p.getByRole("progressbar", { name: `${title}: yutuq` });
    await visible(bar);
    expect(await bar.getAttribute("aria-valuenow")).toBe("100");
    await look(p, "53-main-child-courses");

    expect(teacher.problems).toEqual([]);
    expect(child.problems).toEqual([]);
    expect(parent.problems).toEqual([]);
  });
});
