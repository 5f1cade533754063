/**
 * A live game on testai.alif24.localhost, in Chromium through the real gateway (its WebSocket
 * upgrade included): the demo teacher hosts a three-question test on the projector screen; the
 * demo child Ali (PIN login) and two nickname players join by the code on their phones, answer
 * with the coloured buttons, and all four screens reach the podium; the game is saved. Screenshots
 * go to test-results/e2e/ (80-...).
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

const suffix = String(Date.now()).slice(-5);
const title = `Jonli ${suffix}`;
const question = (text: string, options: string[], correct: number) => ({
  type: "single",
  text,
  options: options.map((o, i) => ({ text: o, correct: i === correct })),
});

/** The teacher's published test, made through testai's API with the teacher's session. */
async function publishedTest(page: Page): Promise<{ id: string }> {
  await onMain(page, {
    path: "/api/main/auth/login",
    body: { identifier: "+998900000002", password: "alif24-demo" },
  });
  return page.evaluate(
    async ({ title, questions }) => {
      const refreshed = await fetch("/api/main/auth/refresh", { method: "POST" });
      const { access_token } = (await refreshed.json()) as { access_token: string };
      const send = async (path: string, body?: unknown) => {
        const response = await fetch(path, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${access_token}` },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        return (await response.json()) as { id: string };
      };
      const test = await send("/api/testai/tests", { title });
      await send(`/api/testai/tests/${test.id}/questions/bulk`, { questions });
      return send(`/api/testai/tests/${test.id}/publish`);
    },
    {
      title,
      questions: [
        question("2 + 2 = ?", ["4", "5"], 0),
        question("Qaysi hayvon uchadi?", ["Mushuk", "Qush", "Baliq"], 1),
        question("10 − 3 = ?", ["6", "7", "8", "9"], 1),
      ],
    },
  );
}

describe("a live game from the teacher's projector to the class's phones", () => {
  it("a host and three players play a three-question game to the podium", async () => {
    const teacher = await person();
    people.push(teacher);
    const t = teacher.page;
    await t.setViewportSize({ width: 1280, height: 800 });
    const test = await publishedTest(t);

    await t.goto(url("testai", `/tests/${test.id}`));
    await t.getByRole("link", { name: /Jonli oʻyin/ }).click();
    await t.getByLabel(/Akkauntsiz oʻyinchilar/).check();
    await t.getByRole("button", { name: /Oʻyinni ochish/ }).click();
    const code = (await t.getByTestId("live-code").textContent())?.trim() ?? "";
    expect(code).toMatch(/^\d{6}$/);
    await visible(t.getByRole("img", { name: /QR/ }));

    // Ali signs in with his PIN; two friends come with a nickname.
    const phones: Page[] = [];
    for (const name of ["ali", "Lola", "Sardor"]) {
      const player = await person();
      people.push(player);
      const p = player.page;
      if (name === "ali") {
        await onMain(p, {
          path: "/api/main/auth/child-login",
          body: { username: "ali", pin: "2024" },
        });
      }
      await p.goto(url("testai", `/live?code=${code}`));
      if (name !== "ali") await p.getByLabel(/Oʻyindagi isming/).fill(name);
      await p.getByRole("button", { name: "Kirish" }).click();
      await visible(p.getByTestId("live-in"));
      phones.push(p);
    }
    await visible(t.getByRole("heading", { name: "Oʻyinchilar: 3" }));
    await screenshot(t, "80-testai-live-lobby");
    await screenshot(phones[1] as Page, "81-testai-live-phone-lobby");
    await t.getByRole("button", { name: /Boshlash/ }).click();

    // Everyone taps the second button (the options are shuffled once per game, the same for all).
    for (let index = 0; index < 3; index += 1) {
      for (const [i, p] of phones.entries()) {
        const buttons = p.getByRole("button", { name: /^(uchburchak|romb|doira|kvadrat):/ });
        await visible(buttons);
        if (index === 0 && i === 0) {
          await screenshot(p, "82-testai-live-phone-question");
          await expectAccessible(p, "the phone's answer buttons");
        }
        await buttons.nth(1).click();
        await visible(p.getByTestId("live-sent").or(p.getByTestId("live-result")));
      }
      // Everyone answered: the server closes the question without waiting for the clock.
      await visible(t.getByTestId("live-distribution"));
      await visible(phones[0]?.getByTestId("live-result") as ReturnType<Page["getByTestId"]>);
      if (index === 0) await screenshot(t, "83-testai-live-reveal");
      await t.getByRole("button", { name: index < 2 ? /Keyingi savol/ : /Gʻoliblar/ }).click();
    }

    await visible(t.getByTestId("live-podium"));
    await screenshot(t, "84-testai-live-podium");
    for (const p of phones) await visible(p.getByTestId("live-final"));
    await screenshot(phones[0] as Page, "85-testai-live-phone-podium");
    const top = await t.getByTestId("live-top").textContent();
    for (const name of ["Ali", "Lola", "Sardor"]) expect(top).toContain(name);

    // The game is saved: the teacher's results list Ali's attempt.
    await t.getByRole("link", { name: /Barcha natijalar/ }).click();
    await visible(t.getByText(/Ali/));
    for (const someone of people) expect(someone.problems).toEqual([]);
  });
});
