"""The olympiad wall (issue 13 §6): the morning of a national round, open loop, on this machine.

    DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/postgres \\
    REDIS_URL=redis://127.0.0.1:6379/5 \\
    uv run python bench/olimp_wall.py --participants 3000 --watchers 200 --workers 2

What it does (decision 52):

1. Creates a fresh PostgreSQL database next to DATABASE_URL's, migrates it, and seeds one
   published olympiad whose round is open now: 30 single-choice questions in three sections,
   `--participants` registered students (plus one probe student per probe), signed tokens.
2. Starts olimp under uvicorn (`--workers` processes) on PostgreSQL and Redis (pub/sub for the
   board), as production runs it behind the gateway.
3. Open loop: every participant's start is fired at a time drawn uniformly in the first
   `--start-window` seconds, each of their 30 answers at its own time over `--round-seconds`, and
   the hand-in at the end, whatever the server's answers before it (a late start delays only the
   requests that need its attempt id). Latency is counted from the scheduled time, so a server
   that falls behind is not hidden by a client that waits (no coordinated omission).
4. `--watchers` WebSockets watch the board. Every `--probe-every` seconds a probe student starts
   (which, like an answer, announces a change); the lag is the time from the probe's start being
   acknowledged to each watcher receiving a board that contains the probe.
5. Afterwards every acknowledged answer is looked up in the database: `lost` counts those that
   are not there as acknowledged.

Prints one Markdown table; results go to bench/RESULTS.md by hand, with the machine.
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import websockets
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS_PER_SECTION = 10
SECTIONS = (3, 4, 5)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Seeded:
    olympiad_id: uuid.UUID
    round_id: uuid.UUID
    tokens: list[str]
    probe_tokens: list[str]


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    acknowledged: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    lags: list[float] = field(default_factory=list)
    probes_missed: int = 0
    unfinished: bool = False

    def record(self, kind: str, seconds: float, ok: bool) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        if not ok:
            self.errors[kind] = self.errors.get(kind, 0) + 1


async def create_database(server_url: str) -> str:
    import asyncpg

    url = make_url(server_url)
    name = f"alif_bench_{secrets.token_hex(4)}"
    connection = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database or "postgres",
    )
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return url.set(database=name).render_as_string(hide_password=False)


async def drop_database(server_url: str, bench_url: str) -> None:
    import asyncpg

    url = make_url(server_url)
    connection = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database or "postgres",
    )
    try:
        name = make_url(bench_url).database
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


async def seed(database_url: str, private_pem: str, participants: int, probes: int) -> Seeded:
    from alif.assessment import questions
    from alif.assessment.schemas import OptionIn, QuestionIn
    from alif.assessment.types import QuestionSource
    from alif.auth import AccountStatus, Role
    from alif.config import CommonSettings
    from alif.db import standalone_session, utcnow
    from alif.kernel.models import Region, StudentProfile, User
    from alif.keys import private_key_from_pem
    from alif.testing import TestKeys, token_for
    from olimp.olympiads.models import (
        Olympiad,
        Question,
        Registration,
        Round,
        Scope,
        Section,
        Subject,
    )

    settings = CommonSettings(_env_file=None, database_url=database_url)
    now = utcnow()
    async with standalone_session(settings) as db:
        organizer = User(
            role=Role.admin, status=AccountStatus.active, first_name="Bench", phone="+998900009999"
        )
        db.add(organizer)
        await db.flush()
        olympiad = Olympiad(
            organizer_id=organizer.id,
            title={"uz": "Devor sinovi"},
            subject=Subject.math,
            grade_min=1,
            grade_max=11,
            scope=Scope.country,
            registration_opens_at=now - timedelta(days=2),
            registration_closes_at=now - timedelta(days=1),
            published_at=now - timedelta(days=2),
            award_rule={},
            prizes={},
        )
        db.add(olympiad)
        await db.flush()
        round_ = Round(
            olympiad_id=olympiad.id,
            number=1,
            opens_at=now - timedelta(minutes=1),
            closes_at=now + timedelta(hours=2),
            duration_minutes=90,
            start_bonus=30,
            shuffle=True,
            freeze_minutes=0,
        )
        db.add(round_)
        await db.flush()
        for position, points in enumerate(SECTIONS, start=1):
            section = Section(round_id=round_.id, position=position, points=points, penalty=1)
            db.add(section)
            await db.flush()
            for number in range(QUESTIONS_PER_SECTION):
                form = questions.stored_form(
                    QuestionIn(
                        text=f"{position}.{number}: {number} + {position} = ?",
                        options=[
                            OptionIn(text=str(number + position + k), correct=k == 0)
                            for k in range(4)
                        ],
                    )
                )
                db.add(
                    Question(
                        round_id=round_.id,
                        section_id=section.id,
                        position=(position - 1) * QUESTIONS_PER_SECTION + number,
                        source=QuestionSource.manual,
                        **form,
                    )
                )
        students: list[User] = []
        for index in range(participants + probes):
            probe = index >= participants
            students.append(
                User(
                    role=Role.student,
                    status=AccountStatus.active,
                    first_name=f"Probe{index - participants}" if probe else f"Bola{index}",
                    last_name="" if probe else "Benchev",
                    username=f"bench{index}_{secrets.token_hex(3)}",
                    approved_at=now,
                )
            )
        db.add_all(students)
        await db.flush()
        db.add_all(StudentProfile(user_id=s.id, grade=5) for s in students)
        db.add_all(
            Registration(
                olympiad_id=olympiad.id,
                student_id=s.id,
                registered_by_id=s.id,
                grade=5,
                region=Region.tashkent_city,
                district="",
                school=f"{index % 50}-maktab",
            )
            for index, s in enumerate(students)
        )
    keys = TestKeys(private_key_from_pem(private_pem), private_pem, "")
    tokens = [token_for(keys, s, ttl=timedelta(hours=3)) for s in students]
    return Seeded(olympiad.id, round_.id, tokens[:participants], tokens[participants:])


async def participant(
    client: httpx.AsyncClient,
    seeded: Seeded,
    token: str,
    start_at: float,
    round_seconds: float,
    stats: Stats,
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    base = f"/api/olimp/olympiads/{seeded.olympiad_id}/rounds/{seeded.round_id}"
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    try:
        started = await client.post(f"{base}/attempt", headers=headers)
        ok = started.status_code == 200
    except httpx.HTTPError:
        started, ok = None, False
    stats.record("start", time.monotonic() - start_at, ok)
    if not ok or started is None:
        return
    attempt = started.json()
    paper = attempt["questions"]
    times = sorted(start_at + random.uniform(1, round_seconds - 1) for _ in paper)

    async def save(question: dict[str, Any], at: float) -> None:
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        choice = random.choice(question["options"])["id"]
        try:
            saved = await client.put(
                f"/api/olimp/attempts/{attempt['id']}/answers/{question['id']}",
                json={"choice": [choice]},
                headers=headers,
            )
            ok = saved.status_code == 200
        except httpx.HTTPError:
            ok = False
        stats.record("save", time.monotonic() - at, ok)
        if ok:
            stats.acknowledged[(attempt["id"], question["id"])] = [choice]

    await asyncio.gather(*(save(q, t) for q, t in zip(paper, times, strict=True)))
    end = start_at + round_seconds
    await asyncio.sleep(max(0.0, end - time.monotonic()))
    try:
        submitted = await client.post(
            f"/api/olimp/attempts/{attempt['id']}/submit", headers=headers
        )
        ok = submitted.status_code == 200
    except httpx.HTTPError:
        ok = False
    stats.record("submit", time.monotonic() - end, ok)


async def watcher(
    ws_url: str, token: str, seen: dict[str, list[float]], stop: asyncio.Event, stats: Stats
) -> None:
    try:
        async with websockets.connect(ws_url, max_size=None, open_timeout=60) as socket_:
            await socket_.send(json.dumps({"token": token}))
            while not stop.is_set():
                try:
                    message = await asyncio.wait_for(socket_.recv(), timeout=1)
                except TimeoutError:
                    continue
                now = time.monotonic()
                text = message if isinstance(message, str) else message.decode()
                for name, times in seen.items():
                    if not times and f'"name":"{name}"' in text:
                        times.append(now)
    except (OSError, websockets.WebSocketException):
        stats.errors["watcher"] = stats.errors.get("watcher", 0) + 1


async def probe(
    client: httpx.AsyncClient, seeded: Seeded, index: int, at: float
) -> tuple[str, float | None]:
    """A probe student starts (their row joins the board); returns when that was acknowledged."""
    await asyncio.sleep(max(0.0, at - time.monotonic()))
    headers = {"Authorization": f"Bearer {seeded.probe_tokens[index]}"}
    base = f"/api/olimp/olympiads/{seeded.olympiad_id}/rounds/{seeded.round_id}"
    started = await client.post(f"{base}/attempt", headers=headers)
    if started.status_code != 200:
        return f"Probe{index}", None
    return f"Probe{index}", time.monotonic()


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def count_lost(database_url: str, stats: Stats) -> tuple[int, int]:
    from sqlalchemy import select

    from alif.config import CommonSettings
    from alif.db import standalone_session
    from olimp.papers.models import Answer

    settings = CommonSettings(_env_file=None, database_url=database_url)
    async with standalone_session(settings) as db:
        stored = {
            (str(a), str(q)): (r or {}).get("choice")
            for a, q, r in await db.execute(
                select(Answer.attempt_id, Answer.question_id, Answer.response)
            )
        }
    lost = sum(1 for k, choice in stats.acknowledged.items() if stored.get(k) != choice)
    return len(stored), lost


async def drive(args: argparse.Namespace, seeded: Seeded, port: int, stats: Stats) -> None:
    limits = httpx.Limits(
        max_connections=args.connections, max_keepalive_connections=args.connections
    )
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=120
    ) as client:
        ws_url = f"ws://127.0.0.1:{port}/api/olimp/ws/rounds/{seeded.round_id}/board"
        stop = asyncio.Event()
        seen: dict[str, list[float]] = {f"Probe{i}": [] for i in range(args.probes)}
        per_watcher: list[dict[str, list[float]]] = [
            {name: [] for name in seen} for _ in range(args.watchers)
        ]
        watchers = [
            asyncio.create_task(
                watcher(ws_url, seeded.tokens[i % len(seeded.tokens)], per_watcher[i], stop, stats)
            )
            for i in range(args.watchers)
        ]
        await asyncio.sleep(2 + args.watchers / 100)  # the watchers are signed in
        t0 = time.monotonic() + 1
        runs = [
            participant(
                client,
                seeded,
                token,
                t0 + random.uniform(0, args.start_window),
                args.round_seconds,
                stats,
            )
            for token in seeded.tokens
        ]
        probes = [
            probe(client, seeded, i, t0 + args.start_window + (i + 1) * args.probe_every)
            for i in range(args.probes)
        ]
        # Whatever has not finished well after the round is counted as unfinished, so a server
        # that cannot keep up still gives figures.
        everything = asyncio.gather(*runs, *probes)
        try:
            outcomes = await asyncio.wait_for(
                asyncio.shield(everything), args.start_window + args.round_seconds + args.grace
            )
        except TimeoutError:
            everything.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await everything
            outcomes = []
            stats.unfinished = True
        await asyncio.sleep(3)
        stop.set()
        await asyncio.gather(*watchers)
        for name, acknowledged in (o for o in outcomes if o is not None):
            if acknowledged is None:
                continue
            for view in per_watcher:
                if view[name]:
                    stats.lags.append(max(0.0, view[name][0] - acknowledged))
                else:
                    stats.probes_missed += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=3000)
    parser.add_argument("--watchers", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--start-window", type=float, default=1.0)
    parser.add_argument("--round-seconds", type=float, default=120.0)
    parser.add_argument("--probes", type=int, default=10)
    parser.add_argument("--probe-every", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=400)
    parser.add_argument(
        "--grace", type=float, default=90.0, help="seconds after the round before giving up"
    )
    parser.add_argument("--pool", type=int, default=10, help="database connections per worker")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    args = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith("postgresql"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL server (postgresql+asyncpg://...)")
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("REDIS_URL is needed: the board's pub/sub crosses worker processes")

    from alif.keys import private_key_to_pem, public_key_to_pem

    key = Ed25519PrivateKey.generate()
    database_url = asyncio.run(create_database(server_url))
    folder = Path(tempfile.mkdtemp(prefix="olimp-wall-"))
    env = {
        **os.environ,
        "ENVIRONMENT": "test",
        "DATA_DIR": str(folder),
        "DATABASE_URL": database_url,
        "DATABASE_POOL_SIZE": str(args.pool),
        "DATABASE_MAX_OVERFLOW": "0",
        "JWT_PUBLIC_KEYS": public_key_to_pem(key.public_key()),
        "LOG_LEVEL": "WARNING",
        "LOG_JSON": "true",
    }
    server: subprocess.Popen[bytes] | None = None
    try:
        migrate = [sys.executable, "-m", "alembic", "upgrade", "head"]
        subprocess.run(migrate, cwd=ROOT, env=env, check=True, capture_output=True)
        began = time.monotonic()
        seeded = asyncio.run(
            seed(database_url, private_key_to_pem(key), args.participants, args.probes)
        )
        print(f"seeded {args.participants} participants in {time.monotonic() - began:.1f} s")
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "olimp.app:build_app",
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
        # A starved machine answers /ready slowly: wait on the clock, not on a count of tries.
        ready_by = time.monotonic() + 180
        while time.monotonic() < ready_by:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=60).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        time.sleep(2)  # every worker is up
        stats = Stats()
        asyncio.run(drive(args, seeded, port, stats))
        stored, lost = asyncio.run(count_lost(database_url, stats))
    finally:
        if server is not None:
            server.terminate()
            server.wait(20)
        if not args.keep:
            asyncio.run(drop_database(server_url, database_url))

    print(
        f"\n{args.participants} participants (starts within {args.start_window:g} s, 30 answers "
        f"over {args.round_seconds:g} s), {args.watchers} watchers, {args.workers} workers\n"
    )
    print("| request | count | errors | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind in ("start", "save", "submit"):
        values = stats.latencies.get(kind, [])
        print(
            f"| {kind} | {len(values)} | {stats.errors.get(kind, 0)} "
            f"| {percentile(values, 0.5) * 1000:.0f} | {percentile(values, 0.95) * 1000:.0f} "
            f"| {percentile(values, 0.99) * 1000:.0f} | {max(values, default=0) * 1000:.0f} |"
        )
    lags = stats.lags
    if stats.unfinished:
        print("\nNOT FINISHED: requests were still waiting --grace seconds after the round")
    print(
        f"\nanswers acknowledged: {len(stats.acknowledged)}, in the database: {stored}, "
        f"lost: {lost}"
    )
    print(
        f"board lag (probe's start acknowledged -> watcher has it): "
        f"p50 {statistics.median(lags) if lags else float('nan'):.2f} s, "
        f"p99 {percentile(lags, 0.99):.2f} s, max {max(lags, default=float('nan')):.2f} s, "
        f"seen {len(lags)}, missed {stats.probes_missed}, watcher errors "
        f"{stats.errors.get('watcher', 0)}"
    )


if __name__ == "__main__":
    main()
