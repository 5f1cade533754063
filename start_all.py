"""Run the whole ALIF24 platform on one machine: `make run` (or `uv run python start_all.py`).

Embedded defaults: SQLite in .data/, an in-process cache per service, the console code sender, a
development signing key. It migrates the database, adds demo accounts, starts every service found
under services/ (each declares its port in its pyproject's [tool.alif]), waits until each is ready,
prints where to go, prefixes every log line with the service's name, and stops them all on Ctrl-C.
"""

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import httpx

from alif.keys import development_private_key

ROOT = Path(__file__).resolve().parent
READY_TIMEOUT = 60.0


@dataclass(frozen=True)
class Service:
    name: str
    port: int
    app: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def discover_services() -> list[Service]:
    services = []
    for pyproject in sorted(ROOT.glob("services/*/pyproject.toml")):
        alif = tomllib.loads(pyproject.read_text()).get("tool", {}).get("alif")
        if alif:
            services.append(Service(pyproject.parent.name, int(alif["port"]), alif["app"]))
    return sorted(services, key=lambda s: s.port)


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


def environment(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("ENVIRONMENT", "development")
    env.setdefault("DATA_DIR", str(data_dir))
    env.setdefault("COOKIE_SECURE", "false")  # plain http on this machine
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def run_step(title: str, command: list[str], env: dict[str, str]) -> str:
    print(f"==> {title}")
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        raise SystemExit(f"{title} failed.")
    return result.stdout


async def pipe_output(service: Service, stream: asyncio.StreamReader, width: int) -> None:
    prefix = f"{service.name:<{width}} | "
    while line := await stream.readline():
        sys.stdout.write(prefix + line.decode(errors="replace"))
        sys.stdout.flush()


async def wait_ready(service: Service, process: asyncio.subprocess.Process) -> None:
    deadline = asyncio.get_running_loop().time() + READY_TIMEOUT
    async with httpx.AsyncClient(timeout=2) as client:
        while asyncio.get_running_loop().time() < deadline:
            if process.returncode is not None:
                raise SystemExit(
                    f"{service.name} stopped while starting (exit {process.returncode})."
                )
            try:
                if (await client.get(f"{service.url}/ready")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.3)
    raise SystemExit(f"{service.name} was not ready after {READY_TIMEOUT:.0f} s.")


async def start(services: list[Service], env: dict[str, str], host: str) -> int:
    width = max(len(s.name) for s in services)
    processes: dict[str, asyncio.subprocess.Process] = {}
    pipes = []
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    try:
        for service in services:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                service.app,
                "--host",
                host,
                "--port",
                str(service.port),
                "--proxy-headers",
                "--forwarded-allow-ips",
                "127.0.0.1",
                "--no-access-log",
                "--timeout-keep-alive",
                "75",
                cwd=ROOT,
                env=env,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
                start_new_session=True,
            )
            processes[service.name] = process
            assert process.stdout is not None
            pipes.append(asyncio.create_task(pipe_output(service, process.stdout, width)))
        await asyncio.gather(*(wait_ready(s, processes[s.name]) for s in services))

        print("\nALIF24 is running:")
        for service in services:
            print(f"  {service.name:<{width}}  {service.url}/api/{service.name}/docs")
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
    print("All services stopped.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated services to start (e.g. main,games)")
    parser.add_argument("--exclude", help="comma-separated services not to start")
    parser.add_argument("--no-demo", action="store_true", help="do not add demo accounts")
    parser.add_argument("--host", default="127.0.0.1", help="address the services listen on")
    parser.add_argument("--list", action="store_true", help="list the services and exit")
    args = parser.parse_args()

    services = discover_services()
    if args.list:
        for service in services:
            print(f"{service.name:<10} port {service.port}  {service.app}")
        return
    services = choose(services, args.only, args.exclude)
    if not services:
        raise SystemExit("No service to start.")

    env = environment(ROOT / ".data")
    data_dir = Path(env["DATA_DIR"])
    data_dir.mkdir(parents=True, exist_ok=True)
    development_private_key(data_dir)  # one key pair, created before any service reads it
    run_step("Migrating the database", [sys.executable, "-m", "alembic", "upgrade", "head"], env)
    if not args.no_demo and any(s.name == "main" for s in services):
        print(
            run_step("Adding demo accounts", [sys.executable, "-m", "alif_main", "seed-demo"], env)
        )
    sys.exit(asyncio.run(start(services, env, args.host)))


if __name__ == "__main__":
    main()
