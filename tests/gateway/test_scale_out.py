"""Two worker processes of a service behind nginx behave as one (issue 20 §2).

main and games each run with `--workers 2` (the container command with WEB_CONCURRENCY=2)
behind the real gateway. Requests spread over both workers (the JSON access line names its
process), and what one worker learns the other knows: a rate limit counted by one is enforced
by the other, a session ended through one is refused by the other, a score put on a board is
on the board whichever worker reads it. Needs Redis (REDIS_URL): with the in-process cache
each process has its own, which is the single-process development setup, not this one.
"""

import asyncio
import json
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from alif.auth import Role
from alif.db import standalone_session
from alif.kernel.models import User
from alif.keys import development_private_key
from alif.testing import make_user
from nginx import render
from tests.gateway.support import free_port, nginx_binary, stop, wait_until_ok
from tools.catalog import discover, uvicorn_command

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 2
BATCH = 12
PASSWORD = "Scale-Out-Parol-2026"


@dataclass(frozen=True)
class Cluster:
    port: int
    logs: dict[str, Path]
    env: dict[str, str]

    def client(self, host: str) -> httpx.Client:
        return httpx.Client(
            base_url=f"http://127.0.0.1:{self.port}",
            headers={"Host": f"{host}:{self.port}"},
            timeout=15,
        )

    def served_by(self, service: str, responses: list[httpx.Response]) -> set[int]:
        """The worker processes that answered `responses` (by request id, from access lines)."""
        ids = {r.headers["x-request-id"] for r in responses}
        for _ in range(20):  # the access line is written just after the response is sent
            found: dict[str, int] = {}
            for line in self.logs[service].read_text(errors="replace").splitlines():
                if line.startswith("{"):
                    event = json.loads(line)
                    if event.get("logger") == "alif.access" and event["request_id"] in ids:
                        found[event["request_id"]] = event["pid"]
            if len(found) == len(ids):
                break
            time.sleep(0.2)
        return set(found.values())

    def through_both(
        self, service: str, send: Callable[[], httpx.Response]
    ) -> list[httpx.Response]:
        """Batches of requests at once until both workers have answered some of them. The
        gateway keeps up to 16 connections to a service open, and a worker still starting on a
        busy machine accepts none of them: so the batches grow past 16, which makes the gateway
        open new connections, and wait a moment between them."""
        responses: list[httpx.Response] = []
        with ThreadPoolExecutor(max_workers=4 * BATCH) as pool:
            for size in (BATCH, 2 * BATCH, 4 * BATCH, 4 * BATCH, 4 * BATCH, 4 * BATCH):
                responses += pool.map(lambda _: send(), range(size))
                if len(self.served_by(service, responses)) == WORKERS:
                    return responses
                time.sleep(1)
        raise AssertionError(f"{len(responses)} requests never reached both workers")


@pytest.fixture(scope="module")
def cluster(
    migrated_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cluster]:
    if not os.environ.get("REDIS_URL"):
        pytest.skip("workers share state through Redis: set REDIS_URL (CI's second run does)")
    nginx = nginx_binary()
    base = tmp_path_factory.mktemp("scale")
    data_dir = base / "data"
    development_private_key(data_dir)  # one key pair, read by every worker
    services = [s for s in discover(ROOT) if s.name in ("main", "games")]
    ports = {s.name: free_port() for s in services}
    env = {
        **os.environ,
        "ENVIRONMENT": "test",
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": migrated_database_url,
        "CACHE_PREFIX": f"alif-scale-test-{os.getpid()}",
        "LOG_JSON": "true",
        "LOG_LEVEL": "INFO",
        "COOKIE_SECURE": "false",
        "JWT_PUBLIC_KEYS": "",
        "JWT_PRIVATE_KEY": "",
        "PYTHONUNBUFFERED": "1",
    }
    processes: list[subprocess.Popen[bytes]] = []
    logs: dict[str, Path] = {}
    try:
        for service in services:
            logs[service.name] = base / f"{service.name}.log"
            command = uvicorn_command(
                service, host="127.0.0.1", port=ports[service.name], workers=WORKERS
            )
            with logs[service.name].open("wb") as output:
                processes.append(
                    subprocess.Popen(  # noqa: S603 - our own command
                        command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
                    )
                )
        for service, process in zip(services, processes, strict=True):
            _wait_ready(f"http://127.0.0.1:{ports[service.name]}/ready", process, service.name)
        gateway_port = free_port()
        prefix = base / "nginx"
        target = render.local_target(
            services,
            prefix,
            port=gateway_port,
            upstream_ports=ports,
            web_roots={s.name: base / "web" for s in services},
            nginx_version=render.installed_nginx_version(nginx),
        )
        render.install(target, services, prefix)
        with (base / "nginx.log").open("wb") as output:
            gateway = subprocess.Popen(  # noqa: S603 - our own command
                [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr"],
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        processes.append(gateway)
        wait_until_ok(f"http://127.0.0.1:{gateway_port}/gateway-health", gateway, "nginx")
        yield Cluster(gateway_port, logs, env)
    finally:
        for process in processes:
            stop(process)


def _wait_ready(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    # Two workers each import the whole service: on a loaded machine that takes a while.
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} while starting")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{what} was not ready after 240 s")


def test_a_rate_limit_counted_by_one_worker_holds_in_the_other(cluster: Cluster) -> None:
    # Wrong PINs are limited per address (20 in 15 minutes); the gateway's own zone allows 30.
    path = "/api/main/auth/child-login"
    # A name each, so no single child's PIN lock (after a few tries) is what answers.
    names = iter(f"nobody_{n:02d}" for n in range(21))

    def attempt() -> httpx.Response:
        body = {"username": next(names), "pin": "0000", "token_delivery": "body"}
        return client.post(path, json=body)

    with cluster.client(render.LOCAL_DOMAIN) as client, ThreadPoolExecutor(20) as pool:
        first = list(pool.map(lambda _: attempt(), range(20)))
        assert [r.status_code for r in first] == [401] * 20
        refused = attempt()
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_requests"  # the service's, not nginx's
    # Both workers counted some of the 20: per process, neither would have reached 20.
    assert len(cluster.served_by("main", first)) == WORKERS


def _parent(cluster: Cluster) -> tuple[str, User]:
    from alif_main.auth.passwords import SecretHasher
    from alif_main.config import MainSettings

    async def create() -> User:
        settings = MainSettings(_env_file=None, database_url=cluster.env["DATABASE_URL"])
        async with standalone_session(settings) as db:
            return await make_user(
                db, role=Role.parent, password_hash=await SecretHasher(1).hash(PASSWORD)
            )

    user = asyncio.run(create())
    assert user.phone is not None
    return user.phone, user


def test_a_session_ended_through_one_worker_is_refused_by_both(cluster: Cluster) -> None:
    phone, _ = _parent(cluster)
    with cluster.client(render.LOCAL_DOMAIN) as client:
        login = client.post(
            "/api/main/auth/login",
            json={"identifier": phone, "password": PASSWORD, "token_delivery": "body"},
        )
        assert login.status_code == 200, login.text
        bearer = {"Authorization": f"Bearer {login.json()['access_token']}"}
        before = cluster.through_both("main", lambda: client.get("/api/main/me", headers=bearer))
        assert {r.status_code for r in before} == {200}
        assert client.post("/api/main/auth/logout", headers=bearer).status_code == 204
        after = cluster.through_both("main", lambda: client.get("/api/main/me", headers=bearer))
    assert {r.status_code for r in after} == {401}


def test_a_score_is_on_the_board_whichever_worker_reads_it(cluster: Cluster) -> None:
    from alif.cache import create_cache
    from alif.testing import TestKeys, token_for
    from games.config import GamesSettings
    from games.engines.replay import GameKind
    from games.leaderboards.boards import CacheBoards
    from games.testing import make_finished_game

    settings = GamesSettings(
        _env_file=None,
        database_url=cluster.env["DATABASE_URL"],
        redis_url=cluster.env["REDIS_URL"],
        cache_prefix=cluster.env["CACHE_PREFIX"],
    )

    async def play() -> User:
        # A verified game, recorded on the boards the way the finish endpoint does it.
        cache = create_cache(settings)
        try:
            async with standalone_session(settings) as db:
                child = await make_user(db, role=Role.student)
                game = await make_finished_game(db, child, GameKind.g2048, 4096, datetime.now(UTC))
                await CacheBoards(cache, ZoneInfo(settings.games_timezone)).record(db, game)
            return child
        finally:
            await cache.close()

    child = asyncio.run(play())
    # The development key the services sign with (created by the fixture): a token of main's.
    keys = TestKeys(development_private_key(Path(cluster.env["DATA_DIR"])), "", "")
    bearer = {"Authorization": f"Bearer {token_for(keys, child)}"}
    path = "/api/games/leaderboards/2048"
    with cluster.client(f"games.{render.LOCAL_DOMAIN}") as client:
        boards = cluster.through_both(
            "games", lambda: client.get(f"{path}?period=day", headers=bearer)
        )
    assert {r.status_code for r in boards} == {200}, boards[0].text
    assert {r.json()["me"]["score"] for r in boards} == {4096}
