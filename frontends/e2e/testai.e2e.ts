/**
 * A test's life on testai.alif24.localhost, in Chromium through the real gateway: the demo teacher
 * opens a class, a demo child joins it; the teacher imports a test with a flagged question, fixes
 * it, gives a time limit, publishes and assigns it to the class; the child takes it on a phone with
 * the timer running and hands it in; the teacher sees the results. Screenshots go to
 * test-results/e2e/ (20-...).
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  expectAccessible,
  onMain,
  type Person,
  person,
  screenshot,
  url,
  visible,
} from "./browser.ts";

const people: Person[] = [];
afterAll(async () => {
  for (const someone of people) await someone.close();
});

const suffix = String(Date.now()).slice(-5);
const title = `Kasrlar ${suffix}`;
const className = `5-A ${suffix}`;
const pasted = [
  "1. 1/2 + 1/2 = ?",
  "A) 1",
  "B) 2",
  "Javob: A",
  "",
  "2. Qaysi kasr eng katta?",
  "A) 1/3",
  "B) 1/2",
  "C) 1/4",
  "",
  "3. 3/4 ning maxraji nechchi?",
  "A) 3",
  "B) 4",
  "Javob: B",
].join("\n");

describe("a test from the teacher's import to the student's phone and back", () => {
  it("a teacher imports and assigns a test, a child takes it on a phone, the teacher sees the results", async () => {
    const teacher = await person();
    people.push(teacher);
    const t = teacher.page;
    await t.setViewportSize({ width: 1280, height: 900 });
    const password = { identifier: "+998900000002", password: "alif24-demo" };
    const group = await onMain<{ id: string; join_code: string }>(
      t,
      { path: "/api/main/auth/login", body: password },
      {
        method: "POST",
        path: "/api/main/groups",
        body: { name: className, subject: "matematika" },
      },
    );
    expect(group.join_code).toBeTruthy();

    const child = await person();
    people.push(child);
    const c = child.page;
    await onMain(
      c,
      { path: "/api/main/auth/child-login", body: { username: "ali", pin: "2024" } },
      { method: "POST", path: "/api/main/groups/join", body: { code: group.join_code } },
    );

    // --- the teacher, on testai ---------------------------------------------------------------
    await t.goto(url("testai", "/"));
    await visible(t.getByRole("heading", { name: "Testlarim" }));
    await t.getByRole("link", { name: /Yangi test/ }).click();
    await t.getByLabel(/Test nomi/).fill(title);
    await t.getByLabel(/^Fan/).fill("Matematika");
    await t.getByRole("button", { name: "Testni yaratish" }).click();
    await visible(t.getByRole("heading", { name: title }));
    await t.getByRole("link", { name: /Import/ }).click();
    await t.getByLabel(/Savollarni joylang/).fill(pasted);
    await t.getByRole("button", { name: "Tekshirish" }).click();
    const flagged = t.getByTestId("flagged");
    await visible(flagged);
    await visible(t.getByText("Toʻgʻri javob koʻrsatilmagan."));
    await screenshot(t, "20-testai-import-review");
    await expectAccessible(t, "testai's import review");
    // The flagged question comes first; the teacher marks its key in place.
    expect(await t.getByRole("button", { name: /Testga qoʻshish/ }).isDisabled()).toBe(true);
    await flagged.getByRole("radio", { name: "2-variant toʻgʻri" }).click();
    await flagged.getByRole("button", { name: "Shunday qoldirish" }).click();
    await t.getByRole("button", { name: "Testga qoʻshish: 3" }).click();
    await visible(t.getByText("1. 1/2 + 1/2 = ?"));
    await screenshot(t, "21-testai-editor");
    await expectAccessible(t, "testai's test editor");

    await t.getByRole("tab", { name: "Sozlamalar" }).click();
    await t.getByLabel(/Vaqt \(daqiqa\)/).fill("10");
    await t.getByRole("button", { name: "Sozlamalarni saqlash" }).click();
    await visible(t.getByText("✓ Saqlandi"));
    await t.getByRole("button", { name: /Eʼlon qilish/ }).click();
    await visible(t.getByText(/Eʼlon qilingan ·/));
    await t.getByRole("tab", { name: "Berish" }).click();
    await t.getByLabel(/^Sinf/).selectOption({ label: className });
    await t.getByRole("button", { name: "Berish", exact: true }).click();
    await visible(t.getByRole("button", { name: "Bekor qilish" }));
    await screenshot(t, "22-testai-assigned");
    await expectAccessible(t, "testai's assigned test");

    // --- the child, on a phone ----------------------------------------------------------------
    await c.goto(url("testai", "/"));
    const card = c.getByRole("listitem").filter({ hasText: title });
    await visible(card);
    await screenshot(c, "23-testai-my-tests");
    await expectAccessible(c, "the child's tests");
    await card.getByRole("button", { name: "Boshlash" }).click();
    await c.waitForURL(/\/attempts\/[0-9a-f-]+$/);
    await visible(c.getByRole("timer"));
    expect(await c.getByRole("timer").textContent()).toMatch(/(10:00|09:5\d)/);
    await c.getByRole("radio", { name: "1", exact: true }).click();
    await visible(c.getByText("✓ Saqlandi"));
    await screenshot(c, "24-testai-taking");
    await expectAccessible(c, "a test being taken");
    await c.getByRole("button", { name: /Keyingi/ }).click();
    await c.getByRole("radio", { name: "1/2" }).click();
    await visible(c.getByText("✓ Saqlandi"));
    await c.getByRole("button", { name: /Keyingi/ }).click();
    await c.getByRole("radio", { name: "3" }).click(); // a wrong answer
    await visible(c.getByText("✓ Saqlandi"));
    await c.getByRole("button", { name: "Yakunlash" }).click();
    await visible(c.getByText(/Hamma savolga javob berdingiz/));
    await screenshot(c, "25-testai-confirm");
    await c.getByRole("button", { name: "Topshirish" }).click();
    await visible(c.getByTestId("percent"));
    expect(await c.getByTestId("percent").textContent()).toBe("67%");
    await screenshot(c, "26-testai-result");
    await expectAccessible(c, "a test's result");

    // --- the teacher sees it ------------------------------------------------------------------
    await t.getByRole("link", { name: /Natijalar/ }).click();
    await visible(t.getByText("Ali Karimov"));
    await visible(t.getByTestId("distribution"));
    await screenshot(t, "27-testai-results");
    await expectAccessible(t, "the teacher's results");

    expect(teacher.problems).toEqual([]);
    expect(child.problems).toEqual([]);
  });
});
