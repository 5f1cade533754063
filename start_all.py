"""Run the whole ALIF24 platform on one machine: `make run` (or `uv run python start_all.py`).

Embedded defaults: SQLite in .data/, an in-process cache per service, the console code sender, a
development signing key. It migrates the database, adds demo accounts, starts every service found
under services/ (each declares its port in its pyproject's [tool.alif], see tools/catalog.py),
a job worker for each service that has background jobs (alif.jobs, docs/jobs.md), and, when
nginx is installed, the gateway in front of them on http://alif24.localhost:8080/ (the same
nginx templates as production, rendered into .data/nginx). It waits until each is ready,
prints where to go, prefixes every log line with its name, and stops them all on Ctrl-C.
"""

import argparse
import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from alif.keys import development_private_key
from nginx import render as gateway
from tools.catalog import Service, discover, uvicorn_command, worker_command

ROOT = Path(__file__).resolve().parent
READY_TIMEOUT = 60.0
# Demo content, in this order (main's accounts first: the others author as them): the service,
# its module's `seed-demo` command, and the step's title.
DEMO_SEEDS = [
    ("main", "alif_main", "Adding demo accounts"),
    ("crm", "crm", "Adding the demo office"),
    ("lessions", "lessions", "Adding demo courses"),
    ("testai", "testai", "Adding demo tests"),
    ("games", "games", "Adding a week of demo games"),
    ("olimp", "olimp", "Adding demo olympiads"),
]


@dataclass(frozen=True)
class Process:
    """Something start_all runs: a service, or the gateway."""

    name: str
    command: list[str]
    ready_url: str | None  # None: no HTTP to probe (a job worker)


def service_url(service: Service) -> str:
    return f"http://127.0.0.1:{service.port}"


def discover_services() -> list[Service]:
    return discover(ROOT)


def choose(services: list[Service], only: str | None, exclude: str | None) -> list[Service]:
    names = {s.name for s in services}
    wanted = set(only.split(",")) if only else names
    unwanted = set(exclude.split(",")) if exclude else set()
    unknown = (wanted | unwanted) - names
    if unknown:
        raise SystemExit(
            f"Unknown service(s): {', '.join(sorted(unknown))}. Known: {', '.join(sorted(names))}"
        )
    return [s for s in services if s.name in wanted - unwanted]


def environment(data_dir: Path, *, with_gateway: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("ENVIRONMENT", "development")
    env.setdefault("DATA_DIR", str(data_dir))
    env.setdefault("COOKIE_SECURE", "false")  # plain http on this machine
    if with_gateway:
        # The refresh cookie on the parent of every app's host: single sign-on, as in production.
        env.setdefault("COOKIE_DOMAIN", gateway.LOCAL_DOMAIN)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def gateway_process(
    services: list[Service],
    data_dir: Path,
    port: int,
    upstream_ports: Mapping[str, int] | None = None,
) -> Process | None:
    """The local gateway rendered into <data dir>/nginx, or None (with a hint) without nginx."""
    nginx = gateway.installed_nginx()
    if nginx is None:
        print(
            "nginx is not installed, so the services run without the gateway and web apps.\n"
            "  Install it (Debian/Ubuntu: sudo apt-get install nginx) and run make run again."
        )
        return None
    prefix = data_dir / "nginx"
    target = gateway.local_target(
        services,
        prefix,
        port=port,
        upstream_ports=upstream_ports,
        nginx_version=gateway.installed_nginx_version(nginx),
    )
    gateway.install(target, services, prefix)
    return Process(
        "gateway",
        [
            nginx,
            "-p",
            str(prefix.resolve()),
            "-c",
            str(prefix.resolve() / "nginx.conf"),
            "-e",
            "stderr",
        ],
        f"http://127.0.0.1:{port}/gateway-health",
    )


def print_urls(services: list[Service], port: int | None, width: int) -> None:
    print("\nALIF24 is running:")
    if port is not None:
        target_urls = {s.name: f"http://{s.host(gateway.LOCAL_DOMAIN)}:{port}/" for s in services}
        for service in services:
            built = (ROOT / "frontends" / "apps" / service.name / "dist" / "index.html").exists()
            note = "" if built else "  (web app not built yet)"
            print(f"  {service.name:<{width}}  {target_urls[service.name]}{note}")
        main_host = target_urls[services[0].name]
        print(f"  APIs on every host: {main_host}api/<service>/docs")
        print("  Gateway logs: .data/nginx/logs/access.log")
    else:
        for service in services:
            print(f"  {service.name:<{width}}  {service_url(service)}/api/{service.name}/docs")


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def ensure_ports_free(ports: dict[str, int], host: str) -> None:
    """Refuse to start next to another run: its services would answer our readiness checks."""
    taken = []
    for name, port in ports.items():
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError:
                taken.append(f"{port} ({name})")
    if taken:
        raise SystemExit(
            f"Port {', '.join(taken)} already in use: is another `make run` running? "
            "Stop it, or choose services with --only / --exclude."
        )


def run_step(title: str, command: list[str], env: dict[str, str]) -> str:
    print(f"==> {title}")
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        raise SystemExit(f"{title} failed.")
    return result.stdout


async def pipe_output(name: str, stream: asyncio.StreamReader, width: int) -> None:
    prefix = f"{name:<{width}} | "
    while line := await stream.readline():
        sys.stdout.write(prefix + line.decode(errors="replace"))
        sys.stdout.flush()


async def wait_ready(item: Process, process: asyncio.subprocess.Process) -> None:
    if item.ready_url is None:
        return
    deadline = asyncio.get_running_loop().time() + READY_TIMEOUT
    async with httpx.AsyncClient(timeout=2) as client:
        while asyncio.get_running_loop().time() < deadline:
            if process.returncode is not None:
                raise SystemExit(f"{item.name} stopped while starting (exit {process.returncode}).")
            try:
                if (await client.get(item.ready_url)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.3)
    raise SystemExit(f"{item.name} was not ready after {READY_TIMEOUT:.0f} s.")


async def start(
    services: list[Service],
    env: dict[str, str],
    host: str,
    gateway_item: Process | None,
    gateway_port: int | None,
) -> int:
    items = [
        Process(s.name, uvicorn_command(s, host=host), f"http://127.0.0.1:{s.port}/ready")
        for s in services
    ]
    # Each service with background jobs gets its worker (the same as its container in production).
    workers = [
        Process(f"{s.name}-worker", command, None)
        for s in services
        if (command := worker_command(s)) is not None
    ]
    width = max(len(s.name) for s in [*items, *workers, *([gateway_item] if gateway_item else [])])
    processes: dict[str, asyncio.subprocess.Process] = {}
    pipes = []
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    async def launch(item: Process) -> None:
        process = await asyncio.create_subprocess_exec(
            *item.command,
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
        processes[item.name] = process
        assert process.stdout is not None
        pipes.append(asyncio.create_task(pipe_output(item.name, process.stdout, width)))

    try:
        for item in items:
            await launch(item)
        await asyncio.gather(*(wait_ready(i, processes[i.name]) for i in items))
        for worker in workers:
            await launch(worker)
        if gateway_item is not None:
            await launch(gateway_item)
            await wait_ready(gateway_item, processes[gateway_item.name])

        print_urls(services, gateway_port if gateway_item else None, width)
        print("Press Ctrl-C to stop.\n")

        exited = [asyncio.create_task(p.wait()) for p in processes.values()]
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait([stopping, *exited], return_when=asyncio.FIRST_COMPLETED)
        crashed = [name for name, p in processes.items() if p.returncode not in (None, 0)]
        if crashed:
            print(f"Stopped because {', '.join(crashed)} exited.", file=sys.stderr)
        return 1 if crashed else 0
    finally:
        await shutdown(processes)
        for pipe in pipes:
            pipe.cancel()


async def shutdown(processes: dict[str, asyncio.subprocess.Process]) -> None:
    for process in processes.values():
        if process.returncode is None:
            process.terminate()
    try:
        await asyncio.wait_for(asyncio.gather(*(p.wait() for p in processes.values())), 10)
    except TimeoutError:
        for process in processes.values():
            if process.returncode is None:
                process.kill()
    print("All stopped.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated services to start (e.g. main,games)")
    parser.add_argument("--exclude", help="comma-separated services not to start")
    parser.add_argument("--no-demo", action="store_true", help="do not add demo accounts")
    parser.add_argument("--host", default="127.0.0.1", help="address the services listen on")
    parser.add_argument(
        "--gateway-port",
        type=int,
        default=gateway.LOCAL_PORT,
        help=f"the gateway's port (default {gateway.LOCAL_PORT})",
    )
    parser.add_argument("--no-gateway", action="store_true", help="do not start nginx")
    parser.add_argument(
        "--free-ports",
        action="store_true",
        help="run the services on free ports instead of their own (the gateway still routes to "
        "them): a throw-away run next to another one, as the end-to-end tests do",
    )
    parser.add_argument("--list", action="store_true", help="list the services and exit")
    args = parser.parse_args()

    services = discover_services()
    if args.list:
        for service in services:
            host = service.host(gateway.LOCAL_DOMAIN)
            print(f"{service.name:<10} port {service.port}  {host:<28} {service.app}")
        return
    services = choose(services, args.only, args.exclude)
    if not services:
        raise SystemExit("No service to start.")
    if args.free_ports:
        services = [replace(s, port=free_port(args.host)) for s in services]
    ports = {s.name: s.port for s in services}
    if not args.no_gateway:
        ports["gateway"] = args.gateway_port
    ensure_ports_free(ports, args.host)

    # DATA_DIR (a temporary folder for a throw-away run) holds the database, keys and gateway.
    data_dir = Path(os.environ.get("DATA_DIR") or ROOT / ".data")
    gateway_item = (
        None
        if args.no_gateway
        else gateway_process(
            discover_services(), data_dir, args.gateway_port, {s.name: s.port for s in services}
        )
    )
    env = environment(data_dir, with_gateway=gateway_item is not None)
    data_dir.mkdir(parents=True, exist_ok=True)
    development_private_key(data_dir)  # one key pair, created before any service reads it
    run_step("Migrating the database", [sys.executable, "-m", "alembic", "upgrade", "head"], env)
    if not args.no_demo and any(s.name == "main" for s in services):
        running = {s.name for s in services}
        for name, module, step in DEMO_SEEDS:
            if name in running:
                print(run_step(step, [sys.executable, "-m", module, "seed-demo"], env))
    sys.exit(asyncio.run(start(services, env, args.host, gateway_item, args.gateway_port)))


if __name__ == "__main__":
    main()
