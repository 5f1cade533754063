"""A live game with a whole school hall on phones (issue 19 §3), on this machine.

    REDIS_URL=redis://127.0.0.1:6379/7 uv run python bench/live_quiz.py --players 300 --workers 2

What it does:

1. Migrates a fresh database (SQLite in a temporary folder; or a fresh PostgreSQL database next
   to DATABASE_URL's when it names one) and seeds a teacher with a published test of
   `--questions` single-choice questions. The database is off the game's hot path: it is written
   when the game is created and when it ends.
2. Starts testai under uvicorn (`--workers` processes) on that database and Redis (the game's
   state and its pub/sub), as production runs it behind the gateway.
3. The teacher creates the game over HTTP; `--players` nickname players and the host connect over
   WebSockets (the workers share the sockets between them as the kernel hands them out).
4. For each question the host sends `start`/`next`; the time from that send to each phone
   receiving the question is the delivery latency (it includes the command's own processing, so
   it is an upper bound on "question open → phone"). Every player answers at a time drawn in the
   last second before the close (by the phone's countdown, which is the server's); the server's
   acknowledgements are counted, and the distribution the host receives at the close says how
   many answers the server scored: `lost` = accepted − scored.
5. After the last question the host asks for the podium; the game is saved.

Prints one Markdown table; results go to bench/RESULTS.md by hand, with the machine's load.
"""

import argparse
import asyncio
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import websockets
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from olimp_wall import create_database, drop_database, free_port, percentile  # noqa: E402


@dataclass
class Round:
    sent_at: float = 0.0
    received: dict[int, float] = field(default_factory=dict)
    accepted: int = 0
    refused: dict[str, int] = field(default_factory=dict)
    scored: int | None = None
    late: list[float] = field(default_factory=list)  # the load generator's own lateness


@dataclass
class Run:
    rounds: list[Round]
    connect_errors: int = 0
    podium_seen: int = 0


async def seed(database_url: str, private_pem: str, count: int) -> tuple[str, str]:
    """A teacher and their published test; returns the test id and the teacher's token."""
    from alif.assessment import questions
    from alif.assessment.schemas import OptionIn, QuestionIn
    from alif.assessment.types import QuestionSource
    from alif.auth import AccountStatus, Role
    from alif.config import CommonSettings
    from alif.db import standalone_session, utcnow
    from alif.kernel.models import User
    from alif.keys import private_key_from_pem
    from alif.testing import TestKeys, token_for
    from testai.questions.models import Question
    from testai.quizzes.models import Quiz, QuizStatus

    settings = CommonSettings(_env_file=None, database_url=database_url)
    async with standalone_session(settings) as db:
        teacher = User(
            role=Role.teacher,
            status=AccountStatus.active,
            first_name="Bench",
            phone=f"+99890{secrets.randbelow(10**7):07d}",
            approved_at=utcnow(),
        )
        db.add(teacher)
        await db.flush()
        quiz = Quiz(
            owner_id=teacher.id,
            title="Zal sinovi",
            status=QuizStatus.published,
            published_at=utcnow(),
            shuffle_options=False,
        )
        db.add(quiz)
        await db.flush()
        for number in range(count):
            form = questions.stored_form(
                QuestionIn(
                    text=f"{number} + 1 = ?",
                    options=[OptionIn(text=str(number + 1 + k), correct=k == 0) for k in range(4)],
                )
            )
            db.add(
                Question(
                    test_id=quiz.id,
                    owner_id=teacher.id,
                    position=number,
                    source=QuestionSource.manual,
                    **form,
                )
            )
    keys = TestKeys(private_key_from_pem(private_pem), private_pem, "")
    return str(quiz.id), token_for(keys, teacher, ttl=timedelta(hours=1))


async def next_of(socket_: Any, kind: str, seconds: float = 60) -> dict[str, Any]:
    async with asyncio.timeout(seconds):
        while True:
            message: dict[str, Any] = json.loads(await socket_.recv())
            if message["type"] == kind:
                return message


async def player(
    url: str, code: str, number: int, run: Run, joined: asyncio.Event, all_in: asyncio.Event
) -> None:
    try:
        await play(url, code, number, run, joined, all_in)
    except (OSError, TimeoutError, websockets.WebSocketException):
        # Counted, never waited for: a phone the server refused is a result, not a hang.
        run.connect_errors += 1
    finally:
        joined.set()


async def play(
    url: str, code: str, number: int, run: Run, joined: asyncio.Event, all_in: asyncio.Event
) -> None:
    rounds = run.rounds
    async with websockets.connect(url, open_timeout=120, max_queue=None) as socket_:
        hello = {"type": "hello", "v": 1, "code": code, "role": "player"}
        await socket_.send(json.dumps(hello | {"nickname": f"Bola {number:03d}"}))
        await next_of(socket_, "welcome", seconds=120)
        joined.set()
        await all_in.wait()
        while True:
            message = json.loads(await socket_.recv())
            now = time.perf_counter()
            if message["type"] == "question":
                index = message["question"]["index"]
                rounds[index].received[number] = now
                # The answer in the last second before the close, by the server's countdown.
                left = message["timer"]["remaining_ms"] / 1000
                delay = max(0.0, left - 1.0 + random.uniform(0.0, 0.9))
                await asyncio.sleep(delay)
                rounds[index].late.append(time.perf_counter() - now - delay)
                option = message["question"]["options"][number % 4]["id"]
                await socket_.send(
                    json.dumps({"type": "answer", "index": index, "choice": [option]})
                )
            elif message["type"] == "answered":
                round_ = rounds[message["index"]]
                if message["accepted"]:
                    round_.accepted += 1
                else:
                    reason = str(message["reason"])
                    round_.refused[reason] = round_.refused.get(reason, 0) + 1
            elif message["type"] == "podium":
                run.podium_seen += 1
                return


async def drive(args: argparse.Namespace, port: int, test_id: str, token: str) -> Run:
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        created = await client.post(
            f"/api/testai/tests/{test_id}/live",
            json={"seconds_per_question": args.seconds, "nicknames_allowed": True},
            headers={"Authorization": f"Bearer {token}"},
        )
        created.raise_for_status()
    code = created.json()["code"]
    url = f"ws://127.0.0.1:{port}/api/testai/ws/live"
    run = Run(rounds=[Round() for _ in range(args.questions)])
    async with websockets.connect(url, open_timeout=120, max_queue=None) as host:
        await host.send(
            json.dumps({"type": "hello", "v": 1, "code": code, "role": "host", "token": token})
        )
        await next_of(host, "welcome", seconds=120)
        joined = [asyncio.Event() for _ in range(args.players)]
        all_in = asyncio.Event()
        players = []
        began = time.perf_counter()
        for number in range(args.players):
            players.append(
                asyncio.create_task(player(url, code, number, run, joined[number], all_in))
            )
            if number % 25 == 24:
                await asyncio.sleep(0.05)  # a class arrives over a moment, not in one packet
        for event in joined:
            await event.wait()
        print(f"{args.players} players joined in {time.perf_counter() - began:.1f} s")
        all_in.set()
        await asyncio.sleep(1)
        for index, round_ in enumerate(run.rounds):
            round_.sent_at = time.perf_counter()
            await host.send(json.dumps({"type": "start" if index == 0 else "next"}))
            reveal = await next_of(host, "reveal", seconds=args.seconds + 120)
            round_.scored = sum(bar["count"] for bar in reveal["bars"])
            await asyncio.sleep(0.5)
        await host.send(json.dumps({"type": "next"}))
        await next_of(host, "podium", seconds=120)
        _, hanging = await asyncio.wait(players, timeout=60)
        for task in hanging:
            task.cancel()
    return run


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=300)
    parser.add_argument("--questions", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8, help="seconds per question")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("REDIS_URL is needed: the game's state and pub/sub cross the workers")

    from alif.keys import private_key_to_pem, public_key_to_pem

    key = Ed25519PrivateKey.generate()
    folder = Path(tempfile.mkdtemp(prefix="live-quiz-"))
    server_url = os.environ.get("DATABASE_URL", "")
    postgres = server_url.startswith("postgresql")
    database_url = (
        asyncio.run(create_database(server_url))
        if postgres
        else f"sqlite+aiosqlite:///{folder / 'bench.db'}"
    )
    env = {
        **os.environ,
        "ENVIRONMENT": "test",
        "DATA_DIR": str(folder),
        "DATABASE_URL": database_url,
        "JWT_PUBLIC_KEYS": public_key_to_pem(key.public_key()),
        "CACHE_PREFIX": f"live-bench-{secrets.token_hex(3)}",
        "LOG_LEVEL": "WARNING",
        "LOG_JSON": "true",
    }
    server: subprocess.Popen[bytes] | None = None
    load_before = load_average()
    try:
        migrate = [sys.executable, "-m", "alembic", "upgrade", "head"]
        subprocess.run(migrate, cwd=ROOT, env=env, check=True, capture_output=True)
        os.environ["DATABASE_URL"] = database_url
        test_id, token = asyncio.run(seed(database_url, private_key_to_pem(key), args.questions))
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "testai.app:build_app",
                "--port",
                str(port),
                "--workers",
                str(args.workers),
                "--no-access-log",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        ready_by = time.monotonic() + 180
        while time.monotonic() < ready_by:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=60).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        time.sleep(2)  # every worker is up
        run = asyncio.run(drive(args, port, test_id, token))
    finally:
        if server is not None:
            server.terminate()
            server.wait(20)
        if postgres and not args.keep:
            asyncio.run(drop_database(server_url, database_url))
    load_after = load_average()

    print(
        f"\n{args.players} players, {args.questions} questions of {args.seconds} s, "
        f"{args.workers} workers, Redis pub/sub; load average before {load_before}, "
        f"after {load_after} ({os.cpu_count()} CPUs)\n"
    )
    print(
        "| question | phones reached | p50 ms | p99 ms | last phone ms "
        "| answers accepted | refused | scored | lost | sender late p99 ms |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    pooled: list[float] = []
    for index, round_ in enumerate(run.rounds):
        lags = [at - round_.sent_at for at in round_.received.values()]
        pooled.extend(lags)
        scored = round_.scored if round_.scored is not None else 0
        refused = ", ".join(f"{k} {v}" for k, v in round_.refused.items()) or "0"
        print(
            f"| {index + 1} | {len(lags)} | {statistics.median(lags) * 1000:.0f} "
            f"| {percentile(lags, 0.99) * 1000:.0f} | {max(lags) * 1000:.0f} "
            f"| {round_.accepted} | {refused} | {scored} | {round_.accepted - scored} "
            f"| {percentile(round_.late, 0.99) * 1000:.0f} |"
        )
    print(
        f"\nall questions: p50 {statistics.median(pooled) * 1000:.0f} ms, "
        f"p99 {percentile(pooled, 0.99) * 1000:.0f} ms, max {max(pooled) * 1000:.0f} ms; "
        f"connect errors {run.connect_errors}; podium seen by {run.podium_seen} phones"
    )


if __name__ == "__main__":
    main()
