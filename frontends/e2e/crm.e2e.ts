/**
 * A day at the demo learning centre on crm.alif24.localhost, in Chromium through the real gateway:
 * the director, at a desk, adds a lead, moves it on the board and turns it into a student in a
 * group; the teacher marks the lesson's attendance on a phone; the director, at the cash desk on a
 * tablet, charges the month, finds the new student among the debtors, takes the payment (with its
 * receipt), and the student leaves the debtors list. Then the director's dashboard, an Excel
 * import whose bad row is reported (nothing imported) and then fixed, and a Payme/Click link for
 * a student that a parent opens without signing in. Screenshots go to test-results/e2e/ (30-...).
 */
import { join } from "node:path";
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

/** Signs in on main (the refresh cookie every app reads) as a demo account. */
async function signIn(page: Page, phone: string): Promise<void> {
  await page.goto(url("main", "/"));
  await page.evaluate(async (identifier) => {
    const login = await fetch("/api/main/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ identifier, password: "alif24-demo" }),
    });
    if (!login.ok) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
  }, phone);
}

/** A crm API answer as the signed-in page sees it (for ids the screens do not print). */
async function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (path) => {
    const refresh = await fetch("/api/main/auth/refresh", { method: "POST" });
    const { access_token } = (await refresh.json()) as { access_token: string };
    const answer = await fetch(path, { headers: { authorization: `Bearer ${access_token}` } });
    if (!answer.ok) throw new Error(`${path}: ${answer.status}`);
    return (await answer.json()) as T;
  }, path);
}

const suffix = String(Date.now()).slice(-7);
const leadName = `Nodir Test${suffix}`;
const leadPhone = `+99893${suffix}`;
const GROUP = "Ingliz tili — Beginner";

describe("the centre's office from a lead to a paid month", () => {
  it("an administrator converts a lead into a student in a group, a teacher marks attendance, a cashier takes a payment", async () => {
    // --- the director at a desk: the board, a new lead, the conversion -----------------------
    const director = await person();
    people.push(director);
    const d = director.page;
    await d.setViewportSize({ width: 1280, height: 800 });
    await signIn(d, "+998900000003");
    await d.goto(url("crm", "/"));
    await visible(d.getByRole("heading", { name: "Lidlar" }));
    await visible(d.getByRole("region", { name: /Yangi/ }));
    await screenshot(d, "30-crm-board");
    await expectAccessible(d, "the lead board");

    await d.getByRole("button", { name: "Yangi lid" }).click();
    const form = d.getByRole("dialog");
    await form.getByLabel(/^Ism/).fill(leadName);
    await form.getByLabel(/^Telefon/).fill(leadPhone);
    await form.getByLabel(/^Fan/).fill("ingliz tili");
    await form.getByRole("button", { name: "Qoʻshish" }).click();
    await visible(d.getByRole("heading", { name: leadName }));
    await d.getByRole("combobox", { name: /Bosqich/ }).selectOption({ label: "Sinov darsi" });
    await d.getByRole("link", { name: "← Lidlar" }).click();
    const trial = d.getByRole("region", { name: /Sinov darsi/ });
    await visible(trial.getByRole("link", { name: leadName }));

    await d.getByRole("link", { name: "Jadval" }).click();
    await d.getByLabel("Ism boʻyicha qidirish").fill(leadName);
    await d.getByRole("button", { name: "Qidirish" }).click();
    await visible(d.getByRole("cell", { name: leadName }));
    expect(d.url()).toContain(`q=${encodeURIComponent(leadName).replace(/%20/g, "+")}`);
    await screenshot(d, "31-crm-leads-table");
    await expectAccessible(d, "the leads table");

    await d.getByRole("link", { name: leadName }).click();
    await d.getByRole("button", { name: "Oʻquvchi qilish" }).click();
    const convert = d.getByRole("dialog");
    await convert.getByLabel(/Ota-onasining ismi/).fill("Sanobar Testova");
    await convert.getByLabel("Guruhga yozish").selectOption({ label: GROUP });
    await screenshot(d, "32-crm-convert");
    await convert.getByRole("button", { name: "Oʻquvchi qilish" }).click();
    await visible(d.getByRole("heading", { name: leadName }));
    await visible(d.getByRole("heading", { name: "Toʻlovlar" }));
    const studentId = d.url().split("/students/")[1] ?? "";
    expect(studentId).toMatch(/^[0-9a-f-]{36}$/);
    await expectAccessible(d, "the student card");

    await d.getByRole("link", { name: /Guruhlar/ }).click();
    await d.getByRole("link", { name: GROUP }).click();
    await visible(d.getByRole("link", { name: leadName }));
    await screenshot(d, "33-crm-group");
    await expectAccessible(d, "the group");

    await d.getByRole("link", { name: /Darslar/ }).click();
    await visible(d.getByRole("heading", { name: "Darslar jadvali" }));
    await screenshot(d, "34-crm-week");
    await expectAccessible(d, "the week's lessons");

    // --- the teacher on a phone: the attendance sheet of the group's next lesson --------------
    const offices = await api<{ organization_id: string }[]>(d, "/api/crm/organizations");
    const org = offices[0]?.organization_id ?? "";
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 13 * 86_400_000).toISOString().slice(0, 10);
    const lessons = await api<{ id: string; group_name: string; on: string; status: string }[]>(
      d,
      `/api/crm/organizations/${org}/lessons?starts_on=${today}&ends_on=${later}`,
    );
    const lesson = lessons.find((l) => l.group_name === GROUP && l.status === "scheduled");
    expect(lesson).toBeTruthy();

    const teacher = await person();
    people.push(teacher);
    const t = teacher.page;
    await t.setViewportSize({ width: 390, height: 844 });
    await signIn(t, "+998900000002");
    await t.goto(url("crm", `/o/${org}/lessons/${lesson?.id}`));
    const sheet = t.getByRole("group", { name: leadName });
    await visible(sheet);
    await sheet.getByText("Kelmadi").click();
    await t.getByRole("button", { name: "Qolganlar hammasi keldi" }).click();
    await screenshot(t, "35-crm-attendance-phone");
    await expectAccessible(t, "the attendance sheet");
    await t.getByRole("button", { name: "Davomatni saqlash" }).click();
    await visible(t.getByRole("button", { name: "Saqlangan" }));
    const marked = await api<{ roster: { student_id: string; mark: string | null }[] }>(
      t,
      `/api/crm/organizations/${org}/lessons/${lesson?.id}`,
    );
    expect(marked.roster.find((r) => r.student_id === studentId)?.mark).toBe("absent");
    expect(marked.roster.every((r) => r.mark !== null)).toBe(true);

    // --- the cash desk on a tablet: the month's charge, the debtors, the payment --------------
    await d.setViewportSize({ width: 820, height: 1180 });
    await d.goto(url("crm", `/o/${org}/debtors`));
    await visible(d.getByRole("heading", { name: "Qarzdorlar" }));
    await d.getByRole("button", { name: "Oy uchun toʻlovlarni hisoblash" }).click();
    await visible(d.getByRole("link", { name: leadName }));
    await screenshot(d, "36-crm-debtors");
    await expectAccessible(d, "the debtors");

    await d.getByRole("checkbox", { name: `${leadName}ni tanlash` }).check();
    await d.getByRole("button", { name: /Eslatma SMS tayyorlash/ }).click();
    await visible(d.getByRole("heading", { name: "Toʻlov eslatmasi" }));
    await screenshot(d, "37-crm-sms-confirm");
    await expectAccessible(d, "the SMS confirm screen");
    await d.goBack();

    await d.getByRole("link", { name: leadName }).click();
    const owes = await d.getByText(/^Qarzi: /).textContent();
    // "Qarzi: 380 769.23 soʻm": a month started mid-way is prorated to the tiyin.
    const debt = (owes ?? "").replace(/[^\d.,]/g, "").replace(",", ".");
    expect(Number(debt)).toBeGreaterThan(0);
    await d.getByLabel("Summa, soʻm").fill(debt);
    await d.getByRole("button", { name: "Toʻlovni qabul qilish" }).click();
    const receipt = d.getByRole("dialog");
    await visible(receipt.getByText(/№ \d+/));
    await screenshot(d, "38-crm-receipt");
    await expectAccessible(d, "the receipt");
    await receipt.getByRole("button", { name: "Yopish" }).click();
    await visible(d.getByText("Qarzi yoʻq"));

    await d.getByRole("link", { name: /Qarzdorlar/ }).click();
    await visible(d.getByRole("heading", { name: "Qarzdorlar" }));
    await d.waitForLoadState("networkidle");
    expect(await d.getByRole("link", { name: leadName }).count()).toBe(0);

    expect(director.problems).toEqual([]);
    expect(teacher.problems).toEqual([]);
  });
});

describe("the director's desk: the dashboard, an Excel import, a payment link", () => {
  it("shows the dashboard, reports a messy file's bad row, imports the fixed one, and a parent opens the link", async () => {
    const director = await person();
    people.push(director);
    const d = director.page;
    await d.setViewportSize({ width: 1280, height: 800 });
    await signIn(d, "+998900000003");
    const offices = await api<{ organization_id: string }[]>(d, "/api/crm/organizations");
    const org = offices[0]?.organization_id ?? "";

    await d.goto(url("crm", `/o/${org}/dashboard`));
    await visible(d.getByRole("heading", { name: "Direktor koʻrsatkichlari" }));
    await visible(d.getByText("Faol oʻquvchilar"));
    await visible(d.getByText("Oylar boʻyicha tushum"));
    await screenshot(d, "40-crm-dashboard");
    await expectAccessible(d, "the dashboard");

    // A messy file: Russian headers, a blank row, a phone that is not one. Nothing is imported.
    await d.getByRole("link", { name: /Excel/ }).click();
    const students = d
      .getByRole("region", { name: "Oʻquvchilarni import qilish" })
      .or(d.locator("form").first());
    const fixtures = join(import.meta.dirname, "fixtures");
    await students
      .first()
      .getByLabel("Excel fayl (.xlsx)")
      .setInputFiles(join(fixtures, "students-messy.xlsx"));
    await d.getByRole("button", { name: "Yuklash" }).first().click();
    const report = d.getByRole("table", { name: /Xato qatorlar/ });
    await visible(report);
    expect(await report.getByRole("cell", { name: "4", exact: true }).count()).toBe(1);
    await screenshot(d, "41-crm-import-report");
    await expectAccessible(d, "the import's row report");
    const before = await api<{ total: number }>(
      d,
      `/api/crm/organizations/${org}/students?q=${encodeURIComponent("Excelov")}`,
    );

    await students
      .first()
      .getByLabel("Excel fayl (.xlsx)")
      .setInputFiles(join(fixtures, "students-fixed.xlsx"));
    await d.getByRole("button", { name: "Yuklash" }).first().click();
    await visible(d.getByText("Qoʻshildi: 2"));
    const after = await api<{ total: number; items: { id: string; first_name: string }[] }>(
      d,
      `/api/crm/organizations/${org}/students?q=${encodeURIComponent("Excelov")}`,
    );
    expect(after.total).toBe(before.total + 2);
    const sardor = after.items.find((s) => s.first_name === "Sardor");

    // A Payme/Click link on the card; the parent opens it on a phone, without signing in.
    await d.goto(url("crm", `/o/${org}/students/${sardor?.id}`));
    const links = d.getByRole("heading", { name: /Toʻlov havolalari/ });
    await visible(links);
    await d.getByLabel("Havola summasi, soʻm").fill("450000");
    await d.getByRole("button", { name: "Havola yaratish" }).click();
    await visible(d.getByText("Kutilmoqda"));
    await screenshot(d, "42-crm-payment-link");
    await expectAccessible(d, "the payment links");
    const made = await api<{ id: string; url: string; status: string }[]>(
      d,
      `/api/crm/organizations/${org}/students/${sardor?.id}/payment-links`,
    );
    expect(made[0]?.status).toBe("waiting");

    const parent = await person();
    people.push(parent);
    const p = parent.page;
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto(url("main", `/pay/${made[0]?.id}`));
    await visible(p.getByRole("heading", { name: "Oʻquv toʻlovi" }));
    await visible(p.getByText("Sardor E."));
    await visible(p.getByRole("button", { name: "Payme" }));
    await screenshot(p, "43-main-tuition-pay-phone");
    await expectAccessible(p, "the tuition pay page");

    expect(director.problems).toEqual([]);
  });
});
