/**
 * The platform for the end-to-end tests: every service and the real nginx gateway, started by
 * start_all.py on free ports with a throw-away data folder, as a person runs `make run`. Its output
 * goes to test-results/e2e/platform.log (the tests read the development codes there). Everything
 * it started is stopped afterwards, whatever happened.
 */
import { type ChildProcess, spawn } from "node:child_process";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    gatewayPort: number;
    platformLog: string;
    artifacts: string;
  }
}

export const ROOT = resolve(import.meta.dirname, "../..");
const ARTIFACTS = join(ROOT, "frontends", "test-results", "e2e");
const START_TIMEOUT_MS = 180_000;
const APPS = ["main", "games", "crm"];

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail()));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process id the run printed: uvicorn's "Started server process [pid]", nginx's pid file. */
function startedPids(log: string, dataDir: string): number[] {
  const pids = [...log.matchAll(/Started server process \[(\d+)\]/g)].map((m) => Number(m[1]));
  const nginxPid = join(dataDir, "nginx", "nginx.pid");
  if (existsSync(nginxPid)) pids.push(Number(readFileSync(nginxPid, "utf8").trim()));
  return pids.filter((pid) => Number.isInteger(pid) && pid > 0);
}

async function stop(child: ChildProcess, log: () => string, dataDir: string): Promise<void> {
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once("exit", () => done());
  });
  // start_all stops its services on SIGTERM; its process group holds uv and start_all itself.
  if (child.pid && alive(child.pid)) process.kill(-child.pid, "SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((done) => {
    timer = setTimeout(done, 20_000);
  });
  await Promise.race([exited, late]);
  clearTimeout(timer);
  if (child.pid && alive(child.pid)) process.kill(-child.pid, "SIGKILL");
  // Whatever is left of what this run started (a service in its own session) goes too.
  for (const pid of startedPids(log(), dataDir)) {
    if (alive(pid)) process.kill(pid, "SIGKILL");
  }
}

export default async function setup(project: TestProject) {
  for (const app of APPS) {
    if (!existsSync(join(ROOT, "frontends", "apps", app, "dist", "index.html"))) {
      throw new Error(`The ${app} web app is not built: run \`npm run build\` (make e2e does).`);
    }
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "alif24-e2e-"));
  const gatewayPort = await freePort();
  const logPath = join(ARTIFACTS, "platform.log");
  const file = createWriteStream(logPath);
  let output = "";
  const child = spawn(
    "uv",
    [
      "run",
      "--frozen",
      "python",
      "start_all.py",
      "--free-ports",
      "--gateway-port",
      String(gatewayPort),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PYTHONUNBUFFERED: "1" },
      detached: true, // its own process group, stopped as one
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    file.write(chunk);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);

  const teardown = async () => {
    await stop(child, () => output, dataDir);
    file.end();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`The platform did not start in ${START_TIMEOUT_MS / 1000} s.`)),
        START_TIMEOUT_MS,
      );
      const check = () => {
        if (output.includes("ALIF24 is running")) {
          clearTimeout(timer);
          ready();
        }
      };
      child.stdout?.on("data", check);
      child.once("exit", (code) => {
        clearTimeout(timer);
        fail(new Error(`start_all.py exited (${code}) before the platform was ready.`));
      });
    });
  } catch (error) {
    await teardown();
    throw new Error(
      `${(error as Error).message}\n--- last lines of ${logPath} ---\n${output.slice(-4000)}`,
    );
  }

  project.provide("gatewayPort", gatewayPort);
  project.provide("platformLog", logPath);
  project.provide("artifacts", ARTIFACTS);
  return teardown;
}
