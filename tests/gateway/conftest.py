"""The real nginx, rendered from nginx/templates, in front of the real services.

Every service found under services/ runs with uvicorn on a free port (the command start_all.py
and the containers use), plus `echo`: a small test-only service with a websocket route, an upload
route and a route that shows what the service was told about the client. nginx runs from the
system's packages; without it these tests are skipped (CI installs it).
"""

import json
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

from alif.keys import development_private_key
from nginx import render
from tests.gateway.support import free_port, nginx_binary, stop, wait_until_ok
from tools.catalog import GatewayRoutes, Service, discover, uvicorn_command

ROOT = Path(__file__).resolve().parents[2]


# --- the test-only upstream ------------------------------------------------------------------


async def whoami(request: Request) -> JSONResponse:
    return JSONResponse(
        {
            "client": request.client.host if request.client else None,
            "scheme": request.url.scheme,
            "headers": dict(request.headers),
        }
    )


async def upload(request: Request) -> JSONResponse:
    return JSONResponse({"size": len(await request.body())})


async def echo_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in websocket.iter_text():
        await websocket.send_text(f"echo: {message}")


echo_app = Starlette(
    routes=[
        Route("/api/echo/whoami", whoami),
        Route("/api/echo/upload/file", upload, methods=["POST"]),
        Route("/api/echo/upload", upload, methods=["POST"]),
        Route("/api/echo/small", upload, methods=["POST"]),
        WebSocketRoute("/api/echo/ws/echo", echo_socket),
    ]
)

ECHO = Service(
    name="echo",
    port=0,
    subdomain="echo",
    app="tests:echo_app",
    gateway=GatewayRoutes(uploads={"upload/": "2m"}),
)


# A service whose process is down: nothing listens on its port.
GONE = Service(name="gone", port=0, subdomain="gone", app="tests:nothing")


@dataclass
class ThreadServer:
    """uvicorn in a thread, trusting the gateway's forwarded headers like the services do."""

    app: Any
    port: int = field(default_factory=free_port)

    def __post_init__(self) -> None:
        config = uvicorn.Config(
            self.app,
            host="127.0.0.1",
            port=self.port,
            proxy_headers=True,
            forwarded_allow_ips="127.0.0.1",
            log_level="warning",
            lifespan="off",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "ThreadServer":
        self.thread.start()
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("the echo server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)


# --- the platform behind the gateway ---------------------------------------------------------


@dataclass(frozen=True)
class Platform:
    port: int
    services: list[Service]  # the real ones, then echo and gone
    logs: dict[str, Path]  # service -> its output
    access_log: Path
    web_root: Path
    upstream_ports: dict[str, int]

    def host(self, name: str) -> str:
        service = next(s for s in self.services if s.name == name)
        return service.host(render.LOCAL_DOMAIN)

    def client(self, name: str = "main") -> httpx.Client:
        """A client for the web app host of service `name`, connected to the gateway."""
        return httpx.Client(
            base_url=f"http://127.0.0.1:{self.port}",
            headers={"Host": f"{self.host(name)}:{self.port}"},
            timeout=10,
        )

    def log_lines(self, name: str) -> list[dict[str, Any]]:
        lines = []
        for line in self.logs[name].read_text(errors="replace").splitlines():
            if line.startswith("{"):
                lines.append(json.loads(line))
        return lines


def build_web_apps(web_root: Path, names: list[str]) -> None:
    """What `npm run build` leaves in frontends/apps/<name>/dist, for each name."""
    for name in names:
        dist = web_root / name
        (dist / "assets").mkdir(parents=True)
        (dist / "index.html").write_text(
            f'<!doctype html><title>ALIF24 {name}</title><script type="module" '
            f'src="/assets/index-3f9a1c.js"></script><div id="root" data-app="{name}"></div>\n'
        )
        (dist / "assets" / "index-3f9a1c.js").write_text(f"console.log('{name}');\n" * 200)
        (dist / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>\n")


@pytest.fixture(scope="session")
def nginx() -> str:
    return nginx_binary()


@pytest.fixture(scope="session")
def platform(
    nginx: str,
    migrated_database_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Platform]:
    base = tmp_path_factory.mktemp("gateway")
    data_dir = base / "data"
    development_private_key(data_dir)  # one key pair before the services read it
    services = discover(ROOT)
    ports = {s.name: free_port() for s in services}
    env = {
        **os.environ,
        "ENVIRONMENT": "test",
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": migrated_database_url,
        "CACHE_PREFIX": f"alif-gateway-test-{os.getpid()}",
        "LOG_JSON": "true",
        "LOG_LEVEL": "INFO",
        "COOKIE_SECURE": "false",
        "JWT_PUBLIC_KEYS": "",
        "JWT_PRIVATE_KEY": "",
        "PYTHONUNBUFFERED": "1",
    }
    processes: list[subprocess.Popen[bytes]] = []
    logs: dict[str, Path] = {}
    web_root = base / "web"
    # Every app is built except echo's, which shows the "not built yet" answer.
    build_web_apps(web_root, [s.name for s in services])
    with ThreadServer(echo_app) as echo:
        try:
            for service in services:
                logs[service.name] = base / f"{service.name}.log"
                with logs[service.name].open("wb") as output:
                    processes.append(
                        subprocess.Popen(  # noqa: S603 - our own command
                            uvicorn_command(service, host="127.0.0.1", port=ports[service.name]),
                            cwd=ROOT,
                            env=env,
                            stdout=output,
                            stderr=subprocess.STDOUT,
                        )
                    )
            for service, process in zip(services, processes, strict=True):
                wait_until_ok(
                    f"http://127.0.0.1:{ports[service.name]}/ready", process, service.name
                )

            everything = [*services, ECHO, GONE]
            upstream_ports = {**ports, "echo": echo.port, "gone": free_port()}
            gateway_port = free_port()
            prefix = base / "nginx"
            target = render.local_target(
                everything,
                prefix,
                port=gateway_port,
                upstream_ports=upstream_ports,
                web_roots={s.name: web_root / s.name for s in everything},
                nginx_version=render.installed_nginx_version(nginx),
            )
            render.install(target, everything, prefix)
            logs["nginx"] = base / "nginx.log"
            with logs["nginx"].open("wb") as output:
                gateway = subprocess.Popen(  # noqa: S603 - our own command
                    [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr"],
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
            processes.append(gateway)
            wait_until_ok(f"http://127.0.0.1:{gateway_port}/gateway-health", gateway, "nginx")
            yield Platform(
                port=gateway_port,
                services=everything,
                logs=logs,
                access_log=prefix / "logs" / "access.log",
                web_root=web_root,
                upstream_ports=upstream_ports,
            )
        finally:
            for process in processes:
                stop(process)
