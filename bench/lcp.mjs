#!/usr/bin/env node
/**
 * Largest contentful paint of each app's first screen on a phone (issue 20 §3; aim < 2.5 s).
 *
 *   node bench/lcp.mjs [--runs 3] [--apps main,games] [--port 8180] [--network 4g]
 *
 * Chromium (the system's, or CHROMIUM_PATH) through playwright-core from the web workspace
 * (`make web`), on a phone profile: a 412×915 screen at 2.625× (a Pixel 7), touch, and the CPU
 * slowed 4× by DevTools' throttling, as Lighthouse's mobile run does. Each run is a fresh
 * profile (nothing cached) loading the app's address through the real gateway. With --port it
 * measures a platform already running there (`make run ARGS="--gateway-port 8180"`); without,
 * it starts one itself (start_all.py on free ports, a throw-away data folder, the built apps)
 * and stops it afterwards. --network 4g adds a 4G-like link (150 ms round trips, 9 Mbit/s down);
 * by default the link is the machine's loopback, so the figure is the CPU's part.
 * Prints a Markdown table: each app's median LCP (and FCP) over the runs, with the load average.
 * Where a visitor is sent on (to sign in on main), the screen they land on is measured, from
 * that document's start (the redirect before it is not counted).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { get } from "node:http";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const ROOT = resolve(import.meta.dirname, "..");
const APPS = ["main", "games", "testai", "harf", "lessions", "olimp", "crm"];
const AIM_MS = 2500;
const PHONE = {
  viewport: { width: 412, height: 915 },
  deviceScaleFactor: 2.625,
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) " +
    "Chrome/130.0.0.0 Mobile Safari/537.36",
};
const FOUR_G = { offline: false, latency: 150, downloadThroughput: 1_125_000, uploadThroughput: 93_750 };

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    apps: { type: "string", default: APPS.join(",") },
    port: { type: "string" },
    network: { type: "string" },
  },
});

// playwright-core is a dependency of the web workspace's end-to-end package.
const require = createRequire(join(ROOT, "frontends", "e2e", "package.json"));
const { chromium } = require("playwright-core");

function chromiumPath() {
  const candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  const path = process.env.CHROMIUM_PATH ?? candidates.find((p) => existsSync(p));
  if (!path) throw new Error("No Chromium: apt-get install chromium, or set CHROMIUM_PATH.");
  return path;
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** 200 from the gateway for `path` on `host` (fetch may not set Host; node:http may). */
function ok(port, host, path) {
  return new Promise((done) => {
    const request = get({ host: "127.0.0.1", port, path, headers: { Host: host } }, (res) => {
      res.resume();
      done(res.statusCode === 200);
    });
    request.on("error", () => done(false));
  });
}

async function waitFor(port, host, path, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ok(port, host, path)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${host}${path} did not answer within ${timeoutMs / 1000} s`);
}

/** The platform as `make run` starts it, in its own process group (stopped as a whole). */
async function startPlatform() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "alif-lcp-"));
  const child = spawn(
    "uv",
    ["run", "--frozen", "python", "start_all.py", "--free-ports", "--gateway-port", String(port)],
    {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, ENVIRONMENT: "development" },
      stdio: "ignore",
      detached: true,
    },
  );
  await waitFor(port, "alif24.localhost", "/gateway-health", 300_000);
  for (const app of APPS) await waitFor(port, "alif24.localhost", `/api/${app}/docs`, 120_000);
  return {
    port,
    stop() {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function appUrl(app, port) {
  const host = app === "main" ? "alif24.localhost" : `${app}.alif24.localhost`;
  return `http://${host}:${port}/`;
}

async function measure(browser, url) {
  const context = await browser.newContext({ ...PHONE, locale: "uz-UZ" });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    if (values.network === "4g") {
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", FOUR_G);
    }
    await page.addInitScript(() => {
      window.__lcp = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__lcp = entry.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    // A visitor may be sent on (an app's sign-in lives on main): the first screen is where the
    // navigations end; the observer is installed in every document. LCP is final once the page
    // stops painting: the network settles, then a moment.
    for (let attempt = 0; ; attempt++) {
      await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => {});
      await page.waitForTimeout(1000);
      try {
        const paints = await page.evaluate(() => ({
          lcp: window.__lcp,
          fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0,
        }));
        return { ...paints, landed: page.url() };
      } catch (error) {
        if (attempt >= 3) throw error; // still navigating after several settles
      }
    }
  } finally {
    await context.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const runs = Number(values.runs);
  const apps = values.apps.split(",").filter(Boolean);
  const platform = values.port ? { port: Number(values.port), stop() {} } : await startPlatform();
  const browser = await chromium.launch({ executablePath: chromiumPath() });
  const rows = [];
  try {
    const before = loadavg()[0];
    for (const app of apps) {
      const url = appUrl(app, platform.port);
      await measure(browser, url); // warm the server side (first requests, caches), not counted
      const results = [];
      for (let i = 0; i < runs; i++) results.push(await measure(browser, url));
      rows.push({ app, results });
    }
    const after = loadavg()[0];
    const network = values.network === "4g" ? "4G-like link" : "loopback link";
    console.log(
      `Phone profile (412×915 @2.625, touch), CPU 4× slower, ${network}, ${runs} cold runs each; ` +
        `Chromium; load average ${before.toFixed(2)} before, ${after.toFixed(2)} after.\n`,
    );
    console.log("| app | first screen | LCP median ms | LCP runs ms | FCP median ms | < 2.5 s |");
    console.log("|---|---|---:|---|---:|---|");
    for (const { app, results } of rows) {
      // No entry (0) is a run the observer did not see paint, not a fast one: left out.
      const seen = results.filter((r) => r.lcp > 0);
      const lcp = seen.length ? median(seen.map((r) => r.lcp)) : 0;
      const fcp = seen.length ? median(seen.map((r) => r.fcp)) : 0;
      const each = results.map((r) => (r.lcp > 0 ? r.lcp.toFixed(0) : "none")).join(" / ");
      const screen = new URL(results[0].landed);
      const where = `${screen.hostname.split(".")[0]}${screen.pathname}`;
      const met = lcp === 0 ? "not measured" : lcp < AIM_MS ? "yes" : "no";
      console.log(
        `| ${app} | ${where} | ${lcp.toFixed(0)} | ${each} | ${fcp.toFixed(0)} | ${met} |`,
      );
    }
  } finally {
    await browser.close();
    platform.stop();
  }
}

await main();
