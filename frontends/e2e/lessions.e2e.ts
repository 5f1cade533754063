/**
 * A course's life on lessions.alif24.localhost, in Chromium through the real gateway: the demo
 * teacher opens a class and a demo child joins it; the teacher builds a course of two lessons (one
 * completed by its quiz, one by reading to the end), shares it with the class and publishes it; the
 * child, on a phone, finds it first in the catalogue, passes the quiz, stops in the middle of the
 * second lesson and comes back to the same place; the teacher sees both in the class table.
 * Each screen is checked with axe-core and kept at phone and desktop sizes in test-results/e2e/
 * (40-...).
 */
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

const PHONE = { width: 412, height: 915 };
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
const className = `1-B ${suffix}`;

describe("a course from the teacher's editor to the child's phone and back", () => {
  it("a teacher builds and shares a course, a child passes a quiz and resumes a lesson, the teacher sees it", async () => {
    const teacher = await person();
    people.push(teacher);
    const t = teacher.page;
    await t.setViewportSize(DESKTOP);
    const group = await onMain<{ id: string; join_code: string }>(
      t,
      {
        path: "/api/main/auth/login",
        body: { identifier: "+998900000002", password: "alif24-demo" },
      },
      { method: "POST", path: "/api/main/groups", body: { name: className, subject: "" } },
    );
    const child = await person();
    people.push(child);
    const c = child.page;
    await onMain(
      c,
      { path: "/api/main/auth/child-login", body: { username: "ali", pin: "2024" } },
      { method: "POST", path: "/api/main/groups/join", body: { code: group.join_code } },
    );

    // --- the teacher builds the course ----------------------------------------------------------
    await t.goto(url("lessions", "/"));
    await visible(t.getByRole("heading", { name: "Mening kurslarim" }));
    await look(t, "40-lessions-teacher-courses");
    await t.getByRole("link", { name: /Yangi kurs/ }).click();
    await t.getByRole("textbox", { name: "Nomi", exact: true }).fill(title);
    await t.getByRole("textbox", { name: "Fan" }).fill("Matematika");
    await t.getByRole("checkbox", { name: "1", exact: true }).check();
    await t.getByRole("radio", { name: "Tanlangan sinflarim" }).check();
    await t.getByRole("checkbox", { name: className }).check();
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

    // The second lesson: three parts, done when read to the end.
    await t.getByRole("link", { name: /Kursga/ }).click();
    await visible(t.getByRole("heading", { name: title }));
    await t.getByRole("link", { name: /Dars qoʻshish/ }).click();
    await visible(t.getByRole("heading", { name: "Yangi dars" }));
    await t.getByRole("textbox", { name: "Nomi", exact: true }).fill("Uchgacha");
    await t.getByRole("combobox", { name: "Dars qachon tugaydi" }).selectOption("end");
    await t.getByRole("textbox", { name: /Matn \(Markdown\)/ }).fill("Birinchi qism: bir.");
    for (const part of ["Ikkinchi qism: ikki.", "Uchinchi qism: uch."]) {
      await t.getByRole("button", { name: "Matn", exact: true }).click();
      await t
        .getByRole("textbox", { name: /Matn \(Markdown\)/ })
        .last()
        .fill(part);
    }
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

    // The second lesson: the child reads two parts of three and leaves.
    await c.getByRole("link", { name: /Keyingi dars/ }).click();
    await visible(c.getByText("Birinchi qism: bir."));
    await c.getByRole("button", { name: /Keyingi/ }).click();
    await visible(c.getByText("Ikkinchi qism: ikki."));
    await c.waitForLoadState("networkidle");
    await c.goto(url("lessions", "/"));
    await cards.first().getByRole("link").click();
    await c.getByRole("link", { name: /Davom etish/ }).click();
    // ... and comes back where they stopped.
    await visible(c.getByText("Ikkinchi qism: ikki."));
    expect(await c.getByText("Birinchi qism: bir.").count()).toBe(0);

    // --- the teacher sees the class ---------------------------------------------------------------
    await t.getByRole("link", { name: /Sinf natijalari/ }).click();
    const row = t.getByRole("row", { name: /Ali/ });
    await visible(row);
    const cells = row.getByRole("cell");
    expect(await cells.nth(0).textContent()).toBe("50%");
    expect(await cells.nth(1).textContent()).toContain("tugatgan");
    expect(await cells.nth(1).textContent()).toContain("100%");
    expect(await cells.nth(2).textContent()).toContain("boshlagan");
    await look(t, "49-lessions-class-progress");
    const download = t.waitForEvent("download");
    await t.getByRole("button", { name: /CSV yuklab olish/ }).click();
    expect((await download).suggestedFilename()).toBe(`progress-${group.id}.csv`);

    expect(teacher.problems).toEqual([]);
    expect(child.problems).toEqual([]);
  });
});
