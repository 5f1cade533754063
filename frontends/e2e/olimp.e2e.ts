/**
 * An olympiad on olimp.alif24.localhost, in Chromium through the real gateway: the demo admin
 * creates a short olympiad, imports its paper as text and publishes it; the demo parent registers
 * both children and watches the live board (WebSocket through nginx) from a third browser; the
 * children wait for the start on the server's clock, sit the paper (Ali on a phone, reloading in the
 * middle and keeping answers and time; Laylo on a desktop), and hand it in while the board moves.
 * The organizer sees every attempt and answers Ali's appeal on the appeals desk. Then the demo's
 * finished olympiad: the parent sees the children's places, downloads a diploma and opens its public
 * verification page signed out; the organizer sees the published table and revokes that
 * certificate, and the page says so. Screenshots at phone and desktop sizes go to test-results/e2e/
 * (40-...), and axe-core checks each screen.
 */
import type { Page } from "playwright-core";
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

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** The screen checked with axe, and kept at this size and the other one. */
async function look(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  // From the top: a full-page picture of a scrolled page draws the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  const size = page.viewportSize() ?? PHONE;
  const phone = size.width < 600;
  await screenshot(page, `${name}-${phone ? "phone" : "desktop"}`);
  await page.setViewportSize(phone ? DESKTOP : PHONE);
  await screenshot(page, `${name}-${phone ? "desktop" : "phone"}`);
  await page.setViewportSize(size);
}

/** A `datetime-local` value in this machine's zone (the browser's), to the second. */
function local(at: Date): string {
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

const suffix = String(Date.now()).slice(-5);
const title = `Bahorgi olimpiada ${suffix}`;
const paper = [
  "1. 5 + 5 = ?",
  "A) 10",
  "B) 11",
  "Javob: A",
  "",
  "2. 3 × 3 = ?",
  "A) 6",
  "B) 9",
  "Javob: B",
  "",
  "3. 12 − 4 = ?",
  "A) 8",
  "B) 7",
  "Javob: A",
].join("\n");
/** Each question's right and wrong option (the paper is shuffled for each child). */
const OPTIONS: Record<string, { right: string; wrong: string }> = {
  "5 + 5 = ?": { right: "10", wrong: "11" },
  "3 × 3 = ?": { right: "9", wrong: "6" },
  "12 − 4 = ?": { right: "8", wrong: "7" },
};

/** Answers the question on screen, rightly or not, and waits until the server has it. */
async function answer(page: Page, right: boolean): Promise<void> {
  const question = (await page.getByRole("heading", { level: 2 }).first().textContent()) ?? "";
  const options = OPTIONS[question.trim()];
  if (!options) throw new Error(`Unexpected question: ${question}`);
  await page
    .getByRole("radio", { name: right ? options.right : options.wrong, exact: true })
    .click();
  await visible(page.getByText("✓ Saqlandi"));
}

async function clockSeconds(page: Page): Promise<number> {
  const [m = "0", s = "0"] = ((await page.getByTestId("clock").textContent()) ?? "")
    .replace("⏱", "")
    .trim()
    .split(":");
  return Number(m) * 60 + Number(s);
}

describe("an olympiad from the organizer's form to the live board", () => {
  it("an organizer starts a short olympiad, two children sit it, a parent watches the board move", async () => {
    // --- the organizer creates, fills and publishes it ------------------------------------------
    const organizer = await person();
    people.push(organizer);
    const o = organizer.page;
    await o.setViewportSize(DESKTOP);
    await onMain(o, {
      path: "/api/main/auth/login",
      body: { identifier: "+998900000009", password: "alif24-demo" },
    });
    await o.goto(url("olimp", "/"));
    await visible(o.getByRole("heading", { name: "Olimpiadalar" }));
    await o.getByRole("link", { name: /Yangi olimpiada/ }).click();
    await visible(o.getByRole("heading", { name: "Yangi olimpiada" }));
    const now = Date.now();
    const opens = new Date(now + 100_000);
    const closes = new Date(now + 20 * 60_000);
    await o.getByLabel("Nomi (oʻzbekcha)").fill(title);
    await o.getByLabel("Sinfdan").selectOption("2");
    await o.getByLabel("Sinfgacha").selectOption("4");
    await o.getByLabel("Roʻyxat ochiladi").fill(local(new Date(now - 60_000)));
    await o.getByLabel("Roʻyxat yopiladi").fill(local(closes));
    await o.getByLabel("Bosqich ochiladi").fill(local(opens));
    await o.getByLabel("Bosqich yopiladi").fill(local(closes));
    await o.getByLabel(/Har bir qatnashchiga vaqt/).fill("10");
    await o.getByLabel("Har bir savolga 1 ball").check();
    await look(o, "40-olimp-new");
    await o.getByRole("button", { name: /Yaratish/ }).click();
    await visible(o.getByRole("heading", { name: title }));
    await o.getByLabel(/Matndan import/).fill(paper);
    await o.getByRole("button", { name: "Import qilish" }).click();
    await visible(o.getByText("Qoʻshildi: 3."));
    await look(o, "41-olimp-manage");
    await o.getByRole("button", { name: /Eʼlon qilish/ }).click();
    await o.getByRole("dialog").getByRole("button", { name: "Eʼlon qilish" }).click();
    await visible(o.getByTestId("state").filter({ hasText: "Roʻyxatdan oʻtish ochiq" }));
    const olympiadPath = new URL(o.url()).pathname.replace(/\/manage$/, "");

    // --- the parent registers both children on a phone ------------------------------------------
    const parent = await person();
    people.push(parent);
    const p = parent.page;
    await p.setViewportSize(PHONE);
    await onMain(p, {
      path: "/api/main/auth/login",
      body: { identifier: "+998900000001", password: "alif24-demo" },
    });
    await p.goto(url("olimp", "/"));
    const card = p.getByRole("heading", { name: title });
    await visible(card);
    await visible(p.getByText(/Qatnasha oladi: .*Ali/));
    await look(p, "42-olimp-list");
    await card.getByRole("link").click();
    for (const child of ["Ali", "Laylo"]) {
      await p.getByLabel("Farzand").selectOption({ label: child });
      await p.getByLabel("Viloyat").selectOption({ label: "Toshkent shahri" });
      await p.getByLabel("Maktab").fill(child === "Ali" ? "5-maktab" : "12-maktab");
      await p.getByRole("button", { name: "Farzandni roʻyxatdan oʻtkazish" }).click();
      await visible(p.getByText(new RegExp(`✓ ${child}`)));
    }
    await visible(p.getByTestId("waiting-room"));
    await look(p, "43-olimp-registered");

    // --- the children wait for the start ---------------------------------------------------------
    const ali = await person();
    people.push(ali);
    const a = ali.page;
    await a.setViewportSize(PHONE);
    await onMain(a, {
      path: "/api/main/auth/child-login",
      body: { username: "ali", pin: "2024" },
    });
    await a.goto(url("olimp", olympiadPath));
    await visible(a.getByTestId("countdown"));
    await look(a, "44-olimp-waiting-room");

    const laylo = await person();
    people.push(laylo);
    const l = laylo.page;
    await l.setViewportSize(DESKTOP);
    await onMain(l, {
      path: "/api/main/auth/child-login",
      body: { username: "laylo", pin: "2024" },
    });
    await l.goto(url("olimp", olympiadPath));
    await visible(l.getByTestId("countdown"));

    // The parent watches the board from here on.
    await p.getByRole("link", { name: /Reyting jadvali/ }).click();
    await visible(p.getByTestId("live").and(p.locator("[data-state=live]")));
    await visible(p.getByText("Hali natija yoʻq."));

    // The countdown reaches zero on the server's clock and the way in opens by itself.
    const wait = Math.max(0, opens.getTime() - Date.now()) + 30_000;
    await visible(a.getByRole("link", { name: /Boshlash/ }), wait);
    await a.getByRole("link", { name: /Boshlash/ }).click();
    await visible(a.getByTestId("clock"));
    expect(await clockSeconds(a)).toBeGreaterThan(9 * 60);
    await answer(a, true);
    await look(a, "45-olimp-paper");
    await a.getByRole("button", { name: /Keyingi/ }).click();
    await answer(a, true);

    // The board moves for the watcher.
    await visible(p.getByRole("cell", { name: /Ali/ }));

    // Ali's phone reloads in the middle: the answers and the time are still there.
    const before = await clockSeconds(a);
    await a.reload();
    await visible(a.getByTestId("clock"));
    const nav = a.getByRole("navigation", { name: "Savollar" });
    await visible(nav.getByRole("button", { name: /javob berilgan/ }));
    expect(await nav.getByRole("button", { name: /javob berilgan/ }).count()).toBe(2);
    const after = await clockSeconds(a);
    expect(after).toBeLessThanOrEqual(before);
    expect(after).toBeGreaterThan(before - 60);

    // Laylo sits it on a desktop: three right answers, handed in.
    await l.getByRole("link", { name: /Boshlash/ }).click();
    for (let i = 0; i < 3; i++) {
      await answer(l, true);
      if (i < 2) await l.getByRole("button", { name: /Keyingi/ }).click();
    }
    await l.getByRole("button", { name: "Yakunlash" }).click();
    await visible(l.getByText(/Hamma savolga javob berdingiz/));
    await look(l, "46-olimp-confirm");
    await l.getByRole("button", { name: "Topshirish" }).click();
    await visible(l.getByRole("heading", { name: "Tayyor!" }));

    // Ali answers the last one wrong and hands in.
    await nav.getByRole("button", { name: "3-savol" }).click();
    await answer(a, false);
    await a.getByRole("button", { name: "Yakunlash" }).click();
    await a.getByRole("button", { name: "Topshirish" }).click();
    await visible(a.getByRole("heading", { name: "Tayyor!" }));
    await look(a, "47-olimp-handed-in");

    // Laylo leads with 3, Ali follows with 2, on the parent's live board.
    await visible(p.getByRole("row").filter({ hasText: /Laylo/ }).filter({ hasText: "3" }));
    const rows = p.getByRole("row").filter({ hasText: /Ali|Laylo/ });
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/Laylo/);
    await look(p, "48-olimp-board");

    // The organizer sees both attempts by name, with what was recorded (Ali's reload).
    await o.reload();
    await visible(o.getByText(/Laylo .* javoblar: 3/));
    await visible(o.getByText(/Ali .* javoblar: 3/));
    await look(o, "49-olimp-attempts");

    // --- after the paper: Ali appeals, the organizer answers on the appeals desk ---------------
    await a.getByLabel("Qaysi savol?").selectOption({ index: 1 });
    await a.getByLabel("Nega javob toʻgʻri deb hisoblaysiz?").fill("Javobim ham toʻgʻri edi.");
    await a.getByRole("button", { name: "Apellyatsiya yuborish" }).click();
    await visible(a.getByText(/Koʻrib chiqilmoqda/));
    await o.reload();
    const appeals = o.getByTestId("appeals-desk");
    await visible(appeals.getByText("“Javobim ham toʻgʻri edi.”"));
    await appeals.getByRole("button", { name: "Rad etish" }).click();
    const decision = o.getByRole("dialog");
    await decision.getByLabel(/Javobingiz/).fill("Kalit toʻgʻri, javobingiz xato.");
    await decision.getByRole("button", { name: "Rad etish" }).click();
    await visible(appeals.getByText("Rad etildi"));
    await look(o, "50-olimp-appeals");
    await a.reload();
    await visible(a.getByText(/Kalit toʻgʻri, javobingiz xato/));

    // --- a finished olympiad (make run's demo): results, the diploma and its public page --------
    const finished = "Kuzgi ona tili olimpiadasi";
    await p.goto(url("olimp", "/"));
    await p.getByRole("heading", { name: finished }).getByRole("link").click();
    const mine = p.getByTestId("my-results");
    await visible(mine.filter({ hasText: "Laylo" }).getByText(/-oʻrin \//));
    await expect.poll(() => mine.count()).toBe(2);
    await look(p, "51-olimp-results");
    const first = mine.first();
    const pdfPath =
      (await first.getByRole("link", { name: /yuklab olish/ }).getAttribute("href")) ?? "";
    // Fetched as the link would be, by the browser (only it resolves *.localhost).
    const pdf = await p.evaluate(async (path) => {
      const response = await fetch(path);
      const head = new Uint8Array(await response.arrayBuffer()).slice(0, 5);
      return { type: response.headers.get("content-type"), head: String.fromCharCode(...head) };
    }, pdfPath);
    expect(pdf).toEqual({ type: "application/pdf", head: "%PDF-" });
    const verifyPath =
      (await first.getByRole("link", { name: "Haqiqiyligini tekshirish" }).getAttribute("href")) ??
      "";
    // Anyone with the code may check it, signed in or not: Laylo's browser, signed out.
    await l.context().clearCookies();
    await l.goto(url("olimp", verifyPath));
    await visible(l.getByText("✓ Bu sertifikat haqiqiy"));
    await look(l, "52-olimp-certificate");

    // The organizer's table of it, and a certificate revoked: its public page says so.
    await o.goto(url("olimp", "/"));
    await o.getByRole("heading", { name: finished }).getByRole("link").click();
    await o.getByRole("link", { name: /Boshqarish/ }).click();
    await visible(o.getByTestId("results-desk").getByText(/Natijalar eʼlon qilingan/));
    const code = decodeURIComponent(verifyPath.split("/").pop() ?? "");
    const issued = o
      .getByTestId("certificates-desk")
      .getByRole("listitem")
      .filter({ hasText: code });
    await issued.getByRole("button", { name: /qaytarib olish/ }).click();
    await o.getByRole("dialog").getByRole("button", { name: "Qaytarib olish" }).click();
    await visible(issued.getByText(/Bekor qilingan:/));
    await look(o, "53-olimp-results-desk");
    await l.reload();
    await visible(l.getByText("Bu sertifikat bekor qilingan"));

    for (const someone of [organizer, parent, ali, laylo]) expect(someone.problems).toEqual([]);
  });
});
