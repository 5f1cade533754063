"""The hot path's benchmark (issue 20 §1): every figure as a ratio measured side by side in one run.

    uv run python bench/run.py [--seconds 6] [--rounds 3] [--connections 32]
    uv run python bench/run.py --profile bare     # py-spy's profile of one endpoint under load

Needs wrk (apt-get install wrk) and, for the figures production cares about, PostgreSQL and Redis:
set DATABASE_URL (a fresh database is created next to it and dropped afterwards) and REDIS_URL.
Without them: a SQLite file and the in-process cache.

What runs: main, testai and games from one migrated database with the demo data, plus the
reference, a plain FastAPI app with no middleware (bench/plain_app.py); each one uvicorn worker
(uvloop, httptools) pinned to CPU 0, with JSON access logs on, and wrk pinned to CPU 1. The reads
are run in turns (`--rounds` short runs each, every endpoint once per round) so a change in the
machine's speed touches them all alike; the table gives each endpoint's median round.

- plain: GET on the plain app (a constant JWK set);
- bare: main's JWKS document: no token, no database, but our middleware and access line;
- /me: the demo parent's account, profile, organization and family;
- the list reads: main's wallet history, testai's assigned tests and games' weekly 2048 board,
  each as the demo child (ali);
- login: main unpinned (its hashing pool on both cores) against the argon2id ceiling measured
  in this process with as many threads; then a storm of 300 concurrent logins while an
  authenticated read (/me) is timed next to it.

Prints the machine, its load average at each stage, the table and the ratios against the aims.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = Path(__file__).resolve().parents[1]
DEMO_PARENT_PHONE = "+998900000001"
DEMO_PASSWORD = "alif24-demo"
DEMO_CHILD = "ali"
STORM_CONNECTIONS = 300

# Aims of issue 20 §1: (numerator, denominator, least ratio).
AIMS = [
    ("bare", "plain", 0.70),
    ("me", "bare", 0.50),
    ("wallet", "bare", 0.40),
    ("testai", "bare", 0.40),
    ("games", "bare", 0.40),
]


@dataclass(frozen=True)
class Endpoint:
    name: str
    label: str
    server: str
    path: str
    user: str | None = None  # "parent" or "child": sent with that demo account's token


JWKS = "/.well-known/jwks.json"
ENDPOINTS = [
    Endpoint("plain", "plain FastAPI: GET (no middleware)", "plain", f"/api/plain{JWKS}"),
    Endpoint("bare", f"bare: GET /api/main{JWKS}", "main", f"/api/main{JWKS}"),
    Endpoint("me", "GET /api/main/me (parent)", "main", "/api/main/me", "parent"),
    Endpoint("wallet", "GET /api/main/wallet/transactions", "main",
             "/api/main/wallet/transactions", "child"),
    Endpoint("testai", "GET /api/testai/my/tests", "testai", "/api/testai/my/tests", "child"),
    Endpoint("games", "GET /api/games/leaderboards/2048", "games",
             "/api/games/leaderboards/2048?period=week", "child"),
]  # fmt: skip

SERVERS = {
    "plain": ("bench.plain_app:app", False),
    "main": ("alif_main.app:build_app", True),
    "testai": ("testai.app:build_app", True),
    "games": ("games.app:build_app", True),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pinned(command: list[str], cpu: int | None) -> list[str]:
    if cpu is None or not shutil.which("taskset") or (os.cpu_count() or 1) < 2:
        return command
    return ["taskset", "-c", str(cpu), *command]


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (5 min {five:.2f})"


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found.group(1).strip() if found else model
    return (
        f"{os.cpu_count()} vCPU {model}, Linux {platform.release()}, "
        f"Python {platform.python_version()}"
    )


# --- the database ---------------------------------------------------------------------------


@dataclass
class Database:
    url: str
    admin_url: str | None = None  # PostgreSQL: where the fresh database was created
    name: str | None = None

    @property
    def backend(self) -> str:
        return "PostgreSQL" if self.admin_url else "SQLite"


async def _postgres(statement: str, url: str) -> None:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def create_database(folder: Path) -> Database:
    given = os.environ.get("DATABASE_URL")
    if not given:
        return Database(f"sqlite+aiosqlite:///{folder / 'bench.db'}")
    from sqlalchemy.engine import make_url

    url = make_url(given)
    name = f"alif_bench_{uuid.uuid4().hex[:8]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    asyncio.run(_postgres(f'CREATE DATABASE "{name}"', admin))
    return Database(url.set(database=name).render_as_string(hide_password=False), admin, name)


def drop_database(database: Database) -> None:
    if database.admin_url and database.name:
        asyncio.run(
            _postgres(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)', database.admin_url)
        )


async def demo_tokens(env: dict[str, str]) -> dict[str, str]:
    """Access tokens of the demo parent and the demo child, signed with the bench's key."""
    from sqlalchemy import or_, select

    from alif.db import standalone_session
    from alif.kernel.models import User
    from alif.keys import private_key_from_pem
    from alif.testing import TestKeys, token_for
    from alif_main.config import MainSettings

    settings = MainSettings(_env_file=None, database_url=env["DATABASE_URL"])
    async with standalone_session(settings) as db:
        users = list(
            await db.scalars(
                select(User).where(
                    or_(User.phone == DEMO_PARENT_PHONE, User.username == DEMO_CHILD)
                )
            )
        )
    key = private_key_from_pem(env["JWT_PRIVATE_KEY"])
    keys = TestKeys(key, env["JWT_PRIVATE_KEY"], "")
    by_kind = {("parent" if u.phone == DEMO_PARENT_PHONE else "child"): u for u in users}
    return {kind: token_for(keys, user, ttl=timedelta(hours=2)) for kind, user in by_kind.items()}


# --- servers and the load generator ---------------------------------------------------------


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    base: str
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_server(name: str, env: dict[str, str], folder: Path, cpu: int | None) -> Server:
    app, factory = SERVERS[name]
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", *(["--factory"] if factory else []), app]
    command += ["--port", str(port), "--no-access-log", "--log-level", "warning"]
    log = folder / f"{name}.log"
    process = subprocess.Popen(
        pinned(command, cpu),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,  # the access lines: written as in production, then dropped
        stderr=log.open("wb"),
    )
    base = f"http://127.0.0.1:{port}"
    probe = "/api/plain/.well-known/jwks.json" if name == "plain" else "/ready"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} stopped while starting:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(base + probe).status_code == 200:
                return Server(name, process, base, log)
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{name} was not ready within 60 s")


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int = 0
    rounds: list[float] = field(default_factory=list)
    cpu_us: float = float("nan")  # the worker's CPU time per request (user + system)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_wrk(server: Server, url: str, seconds: float, connections: int, **kw: object) -> Result:
    """wrk, plus the CPU the worker spent per request: a figure the other processes on a shared
    machine disturb far less than requests a second (they take turns on the core, they do not
    make each request cost more CPU)."""
    before = cpu_seconds(server.process.pid)
    result = wrk(url, seconds, connections, **kw)  # type: ignore[arg-type]
    spent = cpu_seconds(server.process.pid) - before
    result.cpu_us = spent / result.requests * 1e6 if result.requests else float("nan")
    return result


def _ms(match: re.Match[str] | None) -> float:
    if match is None:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def wrk(
    url: str,
    seconds: float,
    connections: int,
    *,
    token: str | None = None,
    script: Path | None = None,
    cpu: int | None = 1,
    threads: int = 1,
) -> Result:
    extra = ["-H", f"Authorization: Bearer {token}"] if token else []
    extra += ["-s", str(script)] if script else []
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:.0f}s", "--latency"]
    command = pinned([*command, "--timeout", "10s", *extra, url], cpu)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    return Result(
        rps=float(rate.group(1)) if rate else 0.0,
        p50_ms=_ms(re.search(r"50%\s+([\d.]+)(us|ms|s)", output)),
        p99_ms=_ms(re.search(r"99%\s+([\d.]+)(us|ms|s)", output)),
        errors=errors,
        requests=int(total.group(1)) if total else 0,
    )


def median_result(results: list[Result]) -> Result:
    middle = sorted(results, key=lambda r: r.rps)[len(results) // 2]
    return Result(
        rps=statistics.median(r.rps for r in results),
        p50_ms=middle.p50_ms,
        p99_ms=middle.p99_ms,
        errors=sum(r.errors for r in results),
        rounds=[r.rps for r in results],
        cpu_us=statistics.median(r.cpu_us for r in results),
    )


def login_script(folder: Path) -> Path:
    body = {"identifier": DEMO_PARENT_PHONE, "password": DEMO_PASSWORD, "token_delivery": "body"}
    script = folder / "login.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        f"wrk.body = '{json.dumps(body)}'\n"
    )
    return script


def hash_ceiling(threads: int, seconds: float) -> float:
    """Verifications a second that `threads` threads of argon2id (our parameters) manage."""
    from alif_main.auth.passwords import SecretHasher

    hasher = SecretHasher(threads)
    stored = hasher._argon2.hash(DEMO_PASSWORD)
    counts = [0] * threads
    stop = time.monotonic() + seconds

    def work(index: int) -> None:
        while time.monotonic() < stop:
            hasher._argon2.verify(stored, DEMO_PASSWORD)
            counts[index] += 1

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts) / (time.monotonic() - started)


# --- the profile ----------------------------------------------------------------------------


def profile(
    server: Server, endpoint: Endpoint, token: str | None, seconds: int, folder: Path
) -> None:
    """py-spy samples the worker while wrk drives one endpoint; prints where the time goes."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    raw = folder / "profile.txt"
    recorder = subprocess.Popen(
        [spy, "record", "--pid", str(server.process.pid), "--duration", str(seconds),
         "--rate", "250", "--format", "raw", "--output", str(raw), "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(0.5)
    wrk(server.base + endpoint.path, seconds, 32, token=token)
    recorder.wait(30)
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack:
            continue
        count = int(count_text)
        frames = [re.sub(r" \(.*?(site-packages/|/work/[^/]+/)", " (", f) for f in stack.split(";")]
        total += count
        for frame in set(frames):
            inclusive[frame] += count
        own[frames[-1]] += count
    print(f"\nProfile of {endpoint.label}: {total} samples over {seconds} s, load {load()}")
    print("\ninclusive % | function")
    for frame, count in inclusive.most_common(45):
        print(f"{100 * count / total:10.1f}  | {frame}")
    print("\nown % | function")
    for frame, count in own.most_common(25):
        print(f"{100 * count / total:5.1f} | {frame}")
    kept = Path(tempfile.gettempdir()) / f"alif-profile-{endpoint.name}.txt"
    shutil.copy(raw, kept)
    print(f"\nThe raw stacks (py-spy's collapsed format): {kept}")


# --- the run ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=int, default=6, help="per endpoint, split into rounds")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--profile", choices=[e.name for e in ENDPOINTS], help="profile one endpoint"
    )
    parser.add_argument("--no-login", action="store_true", help="skip login and the storm")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    from alif.keys import private_key_to_pem, public_key_to_pem

    key = Ed25519PrivateKey.generate()
    folder = Path(tempfile.mkdtemp(prefix="alif-bench-"))
    database = create_database(folder)
    env = {
        **os.environ,
        "ENVIRONMENT": "test",
        "DATA_DIR": str(folder),
        "DATABASE_URL": database.url,
        "JWT_PRIVATE_KEY": private_key_to_pem(key),
        "JWT_PUBLIC_KEYS": public_key_to_pem(key.public_key()),
        "LOG_LEVEL": "INFO",
        "LOG_JSON": "true",
        "PYTHONPATH": str(ROOT),
    }
    servers: dict[str, Server] = {}
    try:
        subprocess.run(
            [sys.executable, "-m", "alembic", "upgrade", "head"],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )  # fmt: skip
        seed_env = {**env, "ENVIRONMENT": "development"}
        for module in ("alif_main", "testai", "games"):
            subprocess.run(
                [sys.executable, "-m", module, "seed-demo"],
                cwd=ROOT, env=seed_env, check=True, capture_output=True,
            )  # fmt: skip
        tokens = asyncio.run(demo_tokens(env))
        print(f"Machine: {machine()}")
        cache = "Redis" if env.get("REDIS_URL") else "in-process cache"
        print(f"Backend: {database.backend} + {cache}")
        print(f"Load average before: {load()}")

        wanted = [e for e in ENDPOINTS if args.profile in (None, e.name)]
        for name in dict.fromkeys(e.server for e in wanted):
            servers[name] = start_server(name, env, folder, cpu=0)
        for endpoint in wanted:  # warm every path (imports, pools, caches)
            token = tokens.get(endpoint.user) if endpoint.user else None
            warm = wrk(servers[endpoint.server].base + endpoint.path, 1, 8, token=token)
            if warm.errors:
                raise SystemExit(f"{endpoint.path} answered errors: check {folder}")

        if args.profile:
            endpoint = wanted[0]
            token = tokens.get(endpoint.user) if endpoint.user else None
            profile(servers[endpoint.server], endpoint, token, args.seconds, folder)
            return

        per_round = max(1, round(args.seconds / args.rounds))
        runs: dict[str, list[Result]] = {e.name: [] for e in ENDPOINTS}
        for _ in range(args.rounds):
            for endpoint in ENDPOINTS:
                token = tokens.get(endpoint.user) if endpoint.user else None
                server = servers[endpoint.server]
                url = server.base + endpoint.path
                result = timed_wrk(server, url, per_round, args.connections, token=token)
                runs[endpoint.name].append(result)
        reads = {name: median_result(results) for name, results in runs.items()}
        read_load = load()
        for server in servers.values():
            server.stop()
        servers.clear()

        login = storm = storm_logins = None
        ceiling = 0.0
        threads = int(os.environ.get("PASSWORD_HASH_THREADS", "2"))
        if not args.no_login:
            ceiling = hash_ceiling(threads, 5)
            servers["main"] = start_server("main", env, folder, cpu=None)
            base = servers["main"].base
            script = login_script(folder)
            login = wrk(base + "/api/main/auth/login", args.seconds, 16, script=script, cpu=None)
            # The storm: 300 logins at once, and beside them a reader timing /me.
            storm_result: list[Result] = []
            stormer = threading.Thread(
                target=lambda: storm_result.append(
                    wrk(base + "/api/main/auth/login", args.seconds + 2, STORM_CONNECTIONS,
                        script=script, cpu=None, threads=2)
                )
            )  # fmt: skip
            stormer.start()
            time.sleep(1)
            storm = wrk(base + "/api/main/me", args.seconds, 4, token=tokens["parent"], cpu=None)
            stormer.join()
            storm.errors += storm_result[0].errors if storm_result else 0
            storm_logins = storm_result[0] if storm_result else None
        login_load = load()
    finally:
        for server in servers.values():
            server.stop()
        drop_database(database)
        shutil.rmtree(folder, ignore_errors=True)

    print(f"Load average after the reads: {read_load}; after login: {login_load}\n")
    header = "| endpoint | requests/s | rounds | p50 ms | p99 ms | errors | worker CPU µs/request |"
    print(header.replace("endpoint", f"endpoint ({database.backend})"))
    print("|---|---:|---|---:|---:|---:|---:|")
    for endpoint in ENDPOINTS:
        r = reads[endpoint.name]
        row(endpoint.label, r, " / ".join(f"{x:.0f}" for x in r.rounds))
    if login and storm:
        row("POST /api/main/auth/login (16 at once)", login)
        if storm_logins:
            row(f"login storm: {STORM_CONNECTIONS} at once", storm_logins)
        row("GET /api/main/me during the storm (4 at once)", storm)
    print("\n| aim | requests/s ratio | met | CPU-per-request ratio | met |")
    print("|---|---:|---|---:|---|")
    for top, bottom, least in AIMS:
        ratio = reads[top].rps / reads[bottom].rps if reads[bottom].rps else 0.0
        # The same ratio from CPU time: what one dedicated core would serve of each.
        cpu_ratio = reads[bottom].cpu_us / reads[top].cpu_us if reads[top].cpu_us else 0.0
        print(
            f"| {top} ≥ {least:.0%} of {bottom} | {ratio:.0%} | {'yes' if ratio >= least else 'no'}"
            f" | {cpu_ratio:.0%} | {'yes' if cpu_ratio >= least else 'no'} |"
        )
    if login and storm:
        share = login.rps / ceiling if ceiling else 0.0
        aim = f"login ≥ 80% of the hash ceiling ({ceiling:.0f}/s, {threads} threads)"
        verdict(aim, f"{share:.0%}", share >= 0.8)
        met = storm.requests > 0 and storm.p99_ms < 50  # no answer at all is no p99
        shown = f"{storm.p99_ms:.1f} ms ({storm.requests} reads)"
        verdict("/me p99 < 50 ms during the storm", shown, met)


def row(label: str, r: Result, rounds: str = "") -> None:
    cells = [label, f"{r.rps:,.0f}", rounds, f"{r.p50_ms:.2f}", f"{r.p99_ms:.2f}", str(r.errors)]
    cells.append("" if r.cpu_us != r.cpu_us else f"{r.cpu_us:,.0f}")  # NaN: not measured
    print("| " + " | ".join(cells) + " |")


def verdict(aim: str, measured: str, met: bool) -> None:
    print(f"| {aim} | {measured} | {'yes' if met else 'no'} | | |")


if __name__ == "__main__":
    main()
