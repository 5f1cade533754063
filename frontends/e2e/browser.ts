/** Chromium through playwright-core, pages on the local hostnames, screenshots and the log. */

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

/** The system's Chromium (or Chrome, as on GitHub's runners); CHROMIUM_PATH chooses another. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? CANDIDATES.find((p) => existsSync(p));
  if (!path) throw new Error("No Chromium: apt-get install chromium, or set CHROMIUM_PATH.");
  return path;
}

export type App = "main" | "games" | "testai" | "harf" | "lessions" | "olimp" | "crm";

/** An app's address through the gateway: http://alif24.localhost:<port>/..., games.alif24... */
export function url(app: App, path = "/"): string {
  const host = app === "main" ? "alif24.localhost" : `${app}.alif24.localhost`;
  return `http://${host}:${inject("gatewayPort")}${path}`;
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and server errors (5xx) seen so far: a flow ends with none. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh browser profile (its own cookies), on a phone-sized screen. */
export async function person(): Promise<Person> {
  const profile = mkdtempSync(join(tmpdir(), "alif24-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 412, height: 915 },
    timeout: 60_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} ${response.url()}`);
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A full-page screenshot in test-results/e2e/, to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.screenshot({ path: join(inject("artifacts"), `${name}.png`), fullPage: true });
}

/** The last one-time code the development sender logged for this phone or e-mail. */
export async function developmentCode(identifier: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const lines = readFileSync(inject("platformLog"), "utf8")
      .split("\n")
      .filter((line) => line.includes("development_code") && line.includes(identifier));
    const code = lines.at(-1)?.match(/code=(\d{6})/)?.[1];
    if (code) return code;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`No development code for ${identifier} in the platform log.`);
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * axe-core's WCAG 2 A/AA rules on the page as it is now: a serious or critical violation fails the
 * flow with what and where, so a screen nobody can use with a screen reader does not land.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  // Evaluated through the debugging protocol, not injected as a <script>: the gateway's strict
  // Content-Security-Policy (script-src 'self') rightly refuses inline scripts.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] },
    });
    return result.violations;
  });
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (serious.length > 0) {
    const found = serious.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`,
    );
    throw new Error(`Accessibility problems on ${screen}:\n${found.join("\n")}`);
  }
}
