"""Benchmarks of main, reported as ratios measured side by side in one run.

    uv run python bench/run.py [--seconds 10] [--connections 32]

One uvicorn worker (uvloop + httptools) serves main from a fresh SQLite database (or
DATABASE_URL when given); wrk drives it from the other CPU core (both pinned with taskset when
available). Measured, each against the same server:

- `GET /api/main/me` (token verification, the revocation check, three small queries) against a
  bare endpoint, main's JWKS document (no auth, no database, the same middleware and access log);
- `POST /api/main/auth/login` (an argon2id verification, a new session written) per second, next to
  the ceiling the hashing pool allows.

Needs `wrk` (apt-get install wrk). Results go to bench/RESULTS.md by hand, with the machine.
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "bench-Parol-2026"
PHONE = "+998900001234"
LOGIN_BODY = {"identifier": PHONE, "password": PASSWORD, "token_delivery": "body"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pinned(command: list[str], cpu: int) -> list[str]:
    return ["taskset", "-c", str(cpu), *command] if shutil.which("taskset") else command


async def prepare_database(env: dict[str, str], private_pem: str) -> str:
    """Create one parent in the migrated database and return an access token for them."""
    from alif.auth import Role
    from alif.db import standalone_session
    from alif.keys import private_key_from_pem
    from alif.testing import TestKeys, make_user, token_for
    from alif_main.auth.passwords import SecretHasher
    from alif_main.config import MainSettings

    settings = MainSettings(_env_file=None, database_url=env["DATABASE_URL"])
    async with standalone_session(settings) as db:
        parent = await make_user(
            db, role=Role.parent, phone=PHONE, password_hash=await SecretHasher(1).hash(PASSWORD)
        )
    key = private_key_from_pem(private_pem)
    return token_for(TestKeys(key, private_pem, ""), parent, ttl=timedelta(hours=1))


def wrk(url: str, seconds: int, connections: int, extra: list[str]) -> dict[str, float]:
    command = pinned(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", *extra, url], cpu=1
    )
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)

    def ms(match: re.Match[str] | None) -> float:
        if match is None:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {
        "rps": rate,
        "p50_ms": ms(p50),
        "p99_ms": ms(p99),
        "errors": float(non_2xx.group(1)) if non_2xx else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    from alif.keys import private_key_to_pem, public_key_to_pem

    key = Ed25519PrivateKey.generate()
    folder = Path(tempfile.mkdtemp(prefix="alif-bench-"))
    env = {
        **os.environ,
        "ENVIRONMENT": "test",
        "DATA_DIR": str(folder),
        "DATABASE_URL": os.environ.get("DATABASE_URL")
        or f"sqlite+aiosqlite:///{folder / 'bench.db'}",
        "JWT_PRIVATE_KEY": private_key_to_pem(key),
        "JWT_PUBLIC_KEYS": public_key_to_pem(key.public_key()),
        "LOG_LEVEL": "INFO",
        "LOG_JSON": "true",
    }
    migrate = [sys.executable, "-m", "alembic", "upgrade", "head"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True, capture_output=True)
    token = asyncio.run(prepare_database(env, env["JWT_PRIVATE_KEY"]))
    port = free_port()
    server = subprocess.Popen(
        pinned(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "alif_main.app:build_app",
                "--port",
                str(port),
                "--no-access-log",
                "--log-level",
                "warning",
            ],
            cpu=0,
        ),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/ready").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        script = folder / "login.lua"
        script.write_text(
            'wrk.method = "POST"\n'
            'wrk.headers["Content-Type"] = "application/json"\n'
            f"wrk.body = '{json.dumps(LOGIN_BODY)}'\n"
        )
        warmup = ["-H", f"Authorization: Bearer {token}"]
        wrk(f"{base}/api/main/me", 2, args.connections, warmup)
        bare = wrk(f"{base}/api/main/.well-known/jwks.json", args.seconds, args.connections, [])
        me = wrk(f"{base}/api/main/me", args.seconds, args.connections, warmup)
        login = wrk(f"{base}/api/main/auth/login", args.seconds, 8, ["-s", str(script)])
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(folder, ignore_errors=True)

    print("| endpoint | requests/s | p50 ms | p99 ms | non-2xx |")
    print("|---|---|---|---|---|")
    for name, result in (
        ("bare: GET jwks.json", bare),
        ("GET /me (auth + 3 queries)", me),
        ("POST /auth/login (argon2id)", login),
    ):
        print(
            f"| {name} | {result['rps']:.0f} | {result['p50_ms']:.2f} | {result['p99_ms']:.2f} "
            f"| {result['errors']:.0f} |"
        )
    print(
        f"\n/me runs at {me['rps'] / bare['rps']:.2f} of the bare endpoint's rate "
        f"({bare['rps'] / me['rps']:.1f}x its cost)."
    )
    print(f"login: {login['rps']:.0f}/s with 2 hashing threads.")


if __name__ == "__main__":
    main()
