"""The one list of ALIF24's services, read from their folders.

A service is a folder `services/<name>/` whose `pyproject.toml` has a `[tool.alif]` table:

    [tool.alif]
    port = 8004                   # where it listens, on this machine and in its container
    subdomain = "games"           # its web app's host, games.<DOMAIN>; "" is the apex (main)
    app = "games.app:build_app"   # the uvicorn factory
    jobs = "games.jobs:jobs"      # optional: its background jobs (alif.jobs), run by a worker

    [tool.alif.gateway]           # optional: routes (under /api/<name>/) the gateway treats
    rate_limit = { "auth/login" = "login" }   # specially; see docs/decisions/0020-gateway.md
    allow_only = { "payments/payme" = "payme" }
    admin_ui = ["admin"]
    uploads = { "imports/" = "20m" }
    websockets = ["live/"]        # besides the default "ws/"

A path ending in "/" is a prefix; any other path is matched exactly.

start_all.py, the nginx renderer, docker-compose.yml (checked by a test), the images and CI all
read the services from here, so a new service is one folder. The seven planned services have
their ports here (`PLANNED`), so `make new-service name=harf` takes 8001. The web apps read
`frontends/packages/api/catalog.json`, written from here by `make client` (`web_catalog()`).
Standard library only: the images and CI run this file without the workspace installed.

    python tools/catalog.py list            the names, one a line
    python tools/catalog.py json            everything, as JSON (CI's build matrix)
    python tools/catalog.py web             what the web apps read (catalog.json)
    python tools/catalog.py serve <name>    run the service with uvicorn (the container command)
    python tools/catalog.py ready <name>    exit 0 when its /ready answers 200 (the healthcheck)
    python tools/catalog.py work <name>     run the service's job worker (the worker container)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tomllib
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# uvicorn keeps idle connections this long; the gateway's upstream keepalive must stay below it,
# or nginx may reuse a socket uvicorn has just closed and answer 502.
UVICORN_KEEP_ALIVE_SECONDS = 75
DEFAULT_WEBSOCKET_PATHS = ("ws/",)

# The platform's services and their ports (ARCHITECTURE.md), built or not yet: a new service with
# one of these names takes its port; any other name takes the next port after all of them.
PLANNED = {
    "main": 8000,
    "harf": 8001,
    "testai": 8002,
    "crm": 8003,
    "games": 8004,
    "olimp": 8005,
    "lessions": 8006,
}

_NAME = re.compile(r"^[a-z][a-z0-9]{1,19}$")
_SUBDOMAIN = re.compile(r"^([a-z][a-z0-9-]{0,30})?$")
_ROUTE = re.compile(r"^[a-z0-9][a-z0-9_.-]*(/[a-z0-9_.-]+)*/?$")
_SIZE = re.compile(r"^[1-9][0-9]{0,3}[km]$")
_APP = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")


class CatalogError(ValueError):
    """A service folder declares something the platform cannot use."""


@dataclass(frozen=True)
class GatewayRoutes:
    """Routes of one service that the gateway treats specially; paths are under /api/<name>/."""

    rate_limit: dict[str, str] = field(default_factory=dict)  # path -> limit zone
    allow_only: dict[str, str] = field(default_factory=dict)  # path -> address group
    admin_ui: tuple[str, ...] = ()  # server-rendered pages that need inline scripts/styles
    uploads: dict[str, str] = field(default_factory=dict)  # path -> largest body ("20m")
    websockets: tuple[str, ...] = DEFAULT_WEBSOCKET_PATHS


@dataclass(frozen=True)
class Service:
    name: str
    port: int
    subdomain: str
    app: str
    gateway: GatewayRoutes = field(default_factory=GatewayRoutes)
    jobs: str | None = None  # "package.module:registry" when the service has background jobs

    @property
    def api_prefix(self) -> str:
        return f"/api/{self.name}/"

    def host(self, domain: str) -> str:
        """The host its web app is served on: `games.alif24.uz`, or the apex for main."""
        return f"{self.subdomain}.{domain}" if self.subdomain else domain


def _routes(table: object, where: str) -> GatewayRoutes:
    if table is None:
        return GatewayRoutes()
    if not isinstance(table, dict):
        raise CatalogError(f"{where}: [tool.alif.gateway] must be a table")
    known = {"rate_limit", "allow_only", "admin_ui", "uploads", "websockets"}
    if unknown := set(table) - known:
        raise CatalogError(
            f"{where}: unknown gateway keys {sorted(unknown)}; known: {sorted(known)}"
        )

    def paths(value: object, key: str) -> list[str]:
        items = list(value) if isinstance(value, list | dict) else None
        if items is None or not all(isinstance(p, str) and _ROUTE.match(p) for p in items):
            raise CatalogError(
                f"{where}: gateway.{key} must list paths under /api/<name>/ like 'auth/login' "
                "or 'imports/' (lower case, no leading slash, no '..')"
            )
        if any(".." in p for p in items):
            raise CatalogError(f"{where}: gateway.{key} paths may not contain '..'")
        return items

    def mapping(key: str, value_check: re.Pattern[str], what: str) -> dict[str, str]:
        value = table.get(key, {})
        if not isinstance(value, dict):
            raise CatalogError(f"{where}: gateway.{key} must be a table of path = {what}")
        paths(value, key)
        for path, target in value.items():
            if not isinstance(target, str) or not value_check.match(target):
                raise CatalogError(f"{where}: gateway.{key}.{path!r} must be {what}")
        return dict(value)

    identifier = re.compile(r"^[a-z][a-z0-9_]*$")
    websockets = table.get("websockets", [])
    return GatewayRoutes(
        rate_limit=mapping("rate_limit", identifier, "a limit zone name"),
        allow_only=mapping("allow_only", identifier, "an address group name"),
        admin_ui=tuple(paths(table.get("admin_ui", []), "admin_ui")),
        uploads=mapping("uploads", _SIZE, "a size like '20m' or '512k'"),
        websockets=tuple(dict.fromkeys([*DEFAULT_WEBSOCKET_PATHS, *paths(websockets, "ws")])),
    )


def load_service(pyproject: Path) -> Service | None:
    """The service a `services/<name>/pyproject.toml` declares, or None without [tool.alif]."""
    where = str(pyproject)
    table = tomllib.loads(pyproject.read_text()).get("tool", {}).get("alif")
    if table is None:
        return None
    name = pyproject.parent.name
    if not _NAME.match(name):
        raise CatalogError(f"{where}: a service folder is 2-20 lower-case letters or digits")
    try:
        port, subdomain, app = int(table["port"]), str(table["subdomain"]), str(table["app"])
    except (KeyError, TypeError, ValueError) as error:
        raise CatalogError(
            f"{where}: [tool.alif] needs port, subdomain and app ({error})"
        ) from None
    if not 1024 < port < 65536:
        raise CatalogError(f"{where}: port {port} is not an unprivileged port")
    if not _SUBDOMAIN.match(subdomain):
        raise CatalogError(f"{where}: subdomain {subdomain!r} is not a DNS label")
    if not _APP.match(app):
        raise CatalogError(f"{where}: app {app!r} is not 'package.module:factory'")
    jobs = table.get("jobs")
    if jobs is not None and not (isinstance(jobs, str) and _APP.match(jobs)):
        raise CatalogError(f"{where}: jobs {jobs!r} is not 'package.module:registry'")
    return Service(name, port, subdomain, app, _routes(table.get("gateway"), where), jobs)


def discover(root: Path = ROOT) -> list[Service]:
    """Every service under `root/services`, ordered by port; ports and hosts must be unique."""
    services = [
        service
        for pyproject in sorted(root.glob("services/*/pyproject.toml"))
        if (service := load_service(pyproject)) is not None
    ]
    for attribute in ("port", "subdomain"):
        seen: dict[object, str] = {}
        for service in services:
            value = getattr(service, attribute)
            if value in seen:
                raise CatalogError(
                    f"services {seen[value]} and {service.name} share the {attribute} {value!r}"
                )
            seen[value] = service.name
    return sorted(services, key=lambda s: s.port)


def port_for(name: str, root: Path = ROOT) -> int:
    """The port a new service called `name` takes: its planned one, or the next free one."""
    taken = {s.port for s in discover(root)}
    port = PLANNED.get(name) or max(taken | set(PLANNED.values())) + 1
    if port in taken:
        raise CatalogError(f"port {port} is taken by another service")
    return port


def web_catalog(root: Path = ROOT) -> dict[str, dict[str, object]]:
    """What the web apps read: every service, planned or built, by port.

    `api` is true when the service exists (its typed client is generated), `web` when it has an
    app in frontends/apps/<name>. The dev servers proxy to `port`; the login's return-URL
    allow-list takes the subdomains.
    """
    built = {s.name: s for s in discover(root)}
    planned = {
        name: Service(name, port, "" if name == "main" else name, "")
        for name, port in PLANNED.items()
        if name not in built
    }
    return {
        s.name: {
            "port": s.port,
            "subdomain": s.subdomain,
            "api": s.name in built,
            "web": (root / "frontends" / "apps" / s.name / "package.json").exists(),
        }
        for s in sorted([*built.values(), *planned.values()], key=lambda s: s.port)
    }


def render_web_catalog(root: Path = ROOT) -> str:
    return json.dumps(web_catalog(root), indent=2) + "\n"


def find(name: str, root: Path = ROOT) -> Service:
    for service in discover(root):
        if service.name == name:
            return service
    raise CatalogError(f"no service named {name!r} under {root / 'services'}")


def uvicorn_command(
    service: Service,
    *,
    host: str,
    port: int | None = None,
    forwarded_allow_ips: str = "127.0.0.1",
    python: str = sys.executable,
    workers: int = 1,
) -> list[str]:
    """How every service is run, on this machine (start_all.py) and in its container.

    `--proxy-headers` with only the gateway trusted: the client address and scheme come from
    the gateway's X-Forwarded-For / X-Forwarded-Proto, which a client cannot forge.
    `workers` uvicorn processes share the port; everything they share lives in PostgreSQL or
    Redis (docs/operations.md, "Growing"), so a service runs the same with one or several.
    The supervisor's health check waits 30 s, not 5: a worker still importing on a busy machine
    is slow, not hung, and killing it only starts the same slow import again.
    """
    return [
        python,
        "-m",
        "uvicorn",
        "--factory",
        service.app,
        "--host",
        host,
        "--port",
        str(port or service.port),
        "--proxy-headers",
        "--forwarded-allow-ips",
        forwarded_allow_ips,
        "--no-access-log",  # the service's own middleware writes one access line with request_id
        "--timeout-keep-alive",
        str(UVICORN_KEEP_ALIVE_SECONDS),
        *(["--workers", str(workers), "--timeout-worker-healthcheck", "30"] if workers > 1 else []),
    ]


def worker_command(service: Service, *, python: str = sys.executable) -> list[str] | None:
    """How a service's job worker is run (start_all.py and its container), or None without jobs."""
    if service.jobs is None:
        return None
    return [python, "-m", "alif.jobs", service.jobs]


def _work(name: str) -> None:
    """The worker container's command: exec the service's job worker."""
    command = worker_command(find(name))
    if command is None:
        raise SystemExit(f"service {name} declares no jobs in its [tool.alif]")
    os.execv(command[0], command)  # noqa: S606 - a fixed argv, no shell


def _serve(name: str) -> None:
    """The container's command: exec uvicorn for the service (PID 1 stays uvicorn)."""
    command = uvicorn_command(
        find(name),
        host=os.environ.get("HOST", "0.0.0.0"),  # noqa: S104 - inside its container
        forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        workers=web_concurrency(),
    )
    os.execv(command[0], command)  # noqa: S606 - a fixed argv, no shell


def web_concurrency() -> int:
    """Worker processes per container: WEB_CONCURRENCY (CommonSettings.web_concurrency), 1 unset.

    Read from the environment here, as the settings read it, because this command runs
    before any service module is imported.
    """
    value = os.environ.get("WEB_CONCURRENCY", "").strip() or "1"
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"WEB_CONCURRENCY must be a whole number of at least 1, not {value!r}")
    return int(value)


def _ready(name: str) -> int:
    url = f"http://127.0.0.1:{find(name).port}/ready"
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError):
        return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="the service names, one a line")
    commands.add_parser("json", help="every service as JSON")
    commands.add_parser("web", help="what the web apps read (frontends/packages/api/catalog.json)")
    commands.add_parser("serve", help="run a service with uvicorn").add_argument("name")
    commands.add_parser("ready", help="probe a service's /ready").add_argument("name")
    commands.add_parser("work", help="run a service's job worker").add_argument("name")
    args = parser.parse_args(argv)
    if args.command == "list":
        sys.stdout.write("".join(f"{s.name}\n" for s in discover()))
    elif args.command == "json":
        sys.stdout.write(json.dumps([asdict(s) for s in discover()]) + "\n")
    elif args.command == "web":
        sys.stdout.write(render_web_catalog())
    elif args.command == "serve":
        _serve(args.name)
    elif args.command == "work":
        _work(args.name)
    else:
        return _ready(args.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
