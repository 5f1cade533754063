"""Render the nginx gateway from `nginx/templates/` for this machine or for production.

One set of templates, two targets:

- `local` (make run, the gateway tests, the end-to-end tests): `alif24.localhost`,
  `games.alif24.localhost`, ... on an unprivileged port, upstreams on 127.0.0.1, the web apps
  from `frontends/apps/<name>/dist`, everything else under a prefix directory, no TLS;
- `production` (the gateway image): `DOMAIN` and its subdomains on 80/443, upstreams by their
  compose names, TLS with the Let's Encrypt certificate once it exists.

    python -m nginx.render local --out .data/nginx [--port 8080]
    python -m nginx.render production --domain alif24.uz --out /etc/nginx [--nginx-version 1.28]
    python -m nginx.render hosts --domain alif24.uz    # the hosts the certificate must cover

The services come from `tools/catalog.py` (their folders); the limit zones and address groups
that services name in `[tool.alif.gateway]` are defined here.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import pwd
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2

from tools.catalog import UVICORN_KEEP_ALIVE_SECONDS, Service, discover

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "templates"
LOCAL_DOMAIN = "alif24.localhost"  # Chromium resolves *.localhost to the loopback address
LOCAL_PORT = 8080
PRODUCTION_NGINX_VERSION = "1.28"  # keep equal to NGINX_VERSION in nginx/Dockerfile
CERT_NAME = "alif24"  # certbot --cert-name: /etc/letsencrypt/live/alif24/
WEB_ROOT = "/usr/share/nginx/alif"  # the built web apps in the gateway image, one folder each
ACME_ROOT = "/var/www/certbot"

# Idle upstream connections are closed by nginx before uvicorn closes them (no 502 on reuse).
UPSTREAM_KEEPALIVE_SECONDS = 60
assert UPSTREAM_KEEPALIVE_SECONDS < UVICORN_KEEP_ALIVE_SECONDS

BODY_LIMIT = "256k"  # every request body; larger only on a service's declared upload routes
API_READ_TIMEOUT = "30s"  # long work belongs in a job, not in a request
WEBSOCKET_TIMEOUT = "1h"  # uvicorn pings every 20 s; an idle live connection stays open


@dataclass(frozen=True)
class LimitZone:
    """A per-client-address leaky bucket (`limit_req_zone`), answered with 429 when full."""

    rate: str
    burst: int
    size: str = "10m"  # about 160,000 addresses


# The zones services may name in [tool.alif.gateway] rate_limit. Per address: a school behind
# one NAT address shares its budget, so child PIN logins get a class-sized one. The services
# keep their own per-account limits; these stop floods before they reach Python.
LIMIT_ZONES: dict[str, LimitZone] = {
    "login": LimitZone(rate="10r/m", burst=10),
    "pin": LimitZone(rate="30r/m", burst=30),
    "otp": LimitZone(rate="5r/m", burst=5),  # every code sent is an SMS we pay for
    "register": LimitZone(rate="5r/m", burst=10),
    "reset": LimitZone(rate="5r/m", burst=5),
}


@dataclass(frozen=True)
class AddressGroup:
    """Callers allowed on a route (`allow`/`deny all` on the real peer address)."""

    networks: tuple[str, ...]
    keepalive_timeout: str | None = None


# Payme calls only from 185.234.113.1-15 (shared/reference/payments.md; confirm with Payme
# support) and asks for connections kept alive at least 10 minutes.
ADDRESS_GROUPS: dict[str, AddressGroup] = {
    "payme": AddressGroup(networks=("185.234.113.0/28",), keepalive_timeout="610s"),
}

_CSP_COMMON = "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
# The web apps: only their own scripts. Inline style attributes are allowed (React and its UI
# libraries set them); audio and images may be blobs made in the page.
CSP_APP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:{media}; media-src 'self' data: blob:{media}; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; "
    + _CSP_COMMON
)
_ORIGIN = re.compile(r"^https://[a-z0-9.-]+(:[0-9]{1,5})?$")
# Server-rendered staff pages (sqladmin) carry inline scripts and styles; only their paths.
CSP_ADMIN_UI = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " + _CSP_COMMON
)
# FastAPI's /docs page loads Swagger UI from jsDelivr and starts it with an inline script.
CSP_API_DOCS = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; " + _CSP_COMMON
)

_DOMAIN = re.compile(r"^(?=.{1,200}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$")
_SAFE_PATH = re.compile(r"^[A-Za-z0-9_./@+-]+$")  # nothing nginx would read as syntax
_UPSTREAM = re.compile(r"^[a-z0-9.-]+:[0-9]{2,5}$")


class RenderError(ValueError):
    """The settings or a service's gateway table cannot make a safe configuration."""


@dataclass(frozen=True)
class MediaProxy:
    """The bucket's public host (media.<DOMAIN>) served by the gateway: reads only, passed to
    the S3-compatible server (MinIO in compose) with the Host unchanged, as presigned links
    are signed for it (decision 48)."""

    host: str
    address: str  # "minio:9000"


@dataclass(frozen=True)
class Tls:
    certificate: str
    certificate_key: str
    port: int = 443


@dataclass(frozen=True)
class Target:
    """Where and how the gateway runs; everything that differs between the two targets."""

    name: str  # "local" | "production"
    domain: str
    listen: str  # the plain-HTTP listen address: "127.0.0.1:8080" or "80"
    upstreams: Mapping[str, str]  # service -> "host:port"
    web_roots: Mapping[str, str]  # service -> the directory of its built web app
    pid: str
    error_log: str
    access_log: str
    tls: Tls | None = None
    acme_root: str | None = None
    temp_dir: str | None = None  # local: nginx's temporary files under the prefix
    # The data folder's uploads (alif.storage's LocalStorage), sent when a service answers
    # X-Accel-Redirect: /_media/<key>. Production keeps uploads in a bucket: None.
    media_root: str | None = None
    # Where uploads' presigned links point (the bucket's public origin): pictures and sound
    # from there are allowed by the web apps' Content-Security-Policy.
    media_origins: tuple[str, ...] = ()
    # Production with S3_PUBLIC_ENDPOINT_URL=https://media.<DOMAIN>: the gateway serves the bucket.
    media_proxy: MediaProxy | None = None
    user: str | None = None  # workers' user (only used when the master runs as root)
    worker_processes: str = "auto"
    daemon: bool = True
    trusted_proxies: tuple[str, ...] = ()  # a load balancer / CDN in front of the gateway
    real_ip_header: str = "X-Forwarded-For"
    resolver: str | None = None  # production: Docker's DNS, so upstreams follow new containers
    ipv6: bool = False  # production: listen on IPv6 too (the compose network is dual-stack)
    nginx_version: tuple[int, ...] = (1, 22, 0)

    @property
    def public_port(self) -> int | None:
        """The port in the apps' URLs when it is not the scheme's default."""
        if self.tls is not None:
            return None if self.tls.port == 443 else self.tls.port
        port = int(self.listen.rsplit(":", 1)[-1])
        return None if port == 80 else port

    @property
    def upstream_resolve(self) -> bool:
        # `server ... resolve` in upstream blocks is in open-source nginx since 1.27.3.
        return self.resolver is not None and self.nginx_version >= (1, 27, 3)

    @property
    def http2_directive(self) -> bool:
        return self.nginx_version >= (1, 25, 1)


@dataclass(frozen=True)
class Route:
    """One location under /api/<service>/ with its special treatment."""

    path: str  # the full path: /api/main/auth/login or /api/testai/imports/
    limit: tuple[str, LimitZone] | None = None
    allow: AddressGroup | None = None
    max_body: str | None = None
    websocket: bool = False

    @property
    def modifier(self) -> str:
        return "^~" if self.path.endswith("/") else "="


@dataclass(frozen=True)
class App:
    """A service as the templates see it."""

    name: str
    host: str
    upstream: str
    address: str
    web_root: str
    routes: tuple[Route, ...]
    admin_ui: tuple[str, ...] = field(default=())  # full paths


def parse_version(text: str) -> tuple[int, ...]:
    match = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", text)
    if not match:
        raise RenderError(f"not an nginx version: {text!r}")
    return tuple(int(part or 0) for part in match.groups())


def installed_nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )


def installed_nginx_version(nginx: str) -> tuple[int, ...]:
    result = subprocess.run([nginx, "-v"], capture_output=True, text=True, check=True)  # noqa: S603
    return parse_version(result.stderr + result.stdout)


def _check_domain(domain: str) -> str:
    if not _DOMAIN.match(domain):
        raise RenderError(f"DOMAIN {domain!r} is not a lower-case domain name like alif24.uz")
    return domain


def _check_path(path: str | Path) -> str:
    text = str(path)
    if not _SAFE_PATH.match(text):
        raise RenderError(f"the path {text!r} has characters nginx would misread")
    return text


def _networks(values: Iterable[str]) -> tuple[str, ...]:
    try:
        return tuple(
            str(ipaddress.ip_network(v.strip(), strict=False)) for v in values if v.strip()
        )
    except ValueError as error:
        raise RenderError(f"TRUSTED_PROXIES: {error}") from None


def _routes(service: Service) -> tuple[Route, ...]:
    routes: dict[str, Route] = {}
    gateway = service.gateway

    def update(path: str, **changes: Any) -> None:
        full = service.api_prefix + path
        routes[full] = replace(routes.get(full, Route(full)), **changes)

    for path, zone in gateway.rate_limit.items():
        if zone not in LIMIT_ZONES:
            raise RenderError(
                f"{service.name}: rate_limit {path!r} names the zone {zone!r}; "
                f"known zones: {', '.join(LIMIT_ZONES)} (nginx/render.py)"
            )
        update(path, limit=(zone, LIMIT_ZONES[zone]))
    for path, group in gateway.allow_only.items():
        if group not in ADDRESS_GROUPS:
            raise RenderError(
                f"{service.name}: allow_only {path!r} names the group {group!r}; "
                f"known groups: {', '.join(ADDRESS_GROUPS)} (nginx/render.py)"
            )
        update(path, allow=ADDRESS_GROUPS[group])
    for path, size in gateway.uploads.items():
        update(path, max_body=size)
    for path in gateway.websockets:
        update(path, websocket=True)
    return tuple(routes[path] for path in sorted(routes))


def apps(target: Target, services: Sequence[Service]) -> list[App]:
    result = []
    for service in services:
        address = target.upstreams.get(service.name)
        if address is None or not _UPSTREAM.match(address):
            raise RenderError(f"no upstream address host:port for {service.name}: {address!r}")
        result.append(
            App(
                name=service.name,
                host=service.host(target.domain),
                upstream=f"alif_{service.name}",
                address=address,
                web_root=_check_path(target.web_roots[service.name]),
                routes=_routes(service),
                admin_ui=tuple(service.api_prefix + path for path in service.gateway.admin_ui),
            )
        )
    return result


def _csp_regex(path: str) -> str:
    """A PCRE for the map on $uri: a prefix path, or the path and everything below it."""
    escaped = re.escape(path.rstrip("/"))
    return f"~^{escaped}/" if path.endswith("/") else f"~^{escaped}(/|$)"


def render(target: Target, services: Sequence[Service]) -> dict[str, str]:
    """The files of the configuration, by path relative to the directory of nginx.conf."""
    if not services:
        raise RenderError("no service found under services/")
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701 - nginx configuration, not HTML; inputs are validated
    )
    rendered_apps = apps(target, services)
    hosts = [app.host for app in rendered_apps]
    if target.media_proxy:  # one certificate covers the bucket's host too
        hosts.append(target.media_proxy.host)
    media = "".join(f" {origin}" for origin in target.media_origins)
    csp_app = CSP_APP.format(media=media) + ("; upgrade-insecure-requests" if target.tls else "")
    context = {
        "target": target,
        "apps": rendered_apps,
        "hosts": hosts,
        "zones": LIMIT_ZONES,
        "body_limit": BODY_LIMIT,
        "api_read_timeout": API_READ_TIMEOUT,
        "websocket_timeout": WEBSOCKET_TIMEOUT,
        "upstream_keepalive": f"{UPSTREAM_KEEPALIVE_SECONDS}s",
        "csp_app": csp_app,
        "csp_admin_ui": CSP_ADMIN_UI,
        "csp_api_docs": CSP_API_DOCS,
        "csp_admin_paths": [_csp_regex(p) for app in rendered_apps for p in app.admin_ui],
        "host_header": "$host" if target.public_port is None else "$host:$server_port",
    }
    files = {
        "nginx.conf": "nginx.conf.j2",
        "alif/mime.types": "mime.types.j2",
        "alif/security-headers.conf": "security-headers.conf.j2",
        "alif/proxy.conf": "proxy.conf.j2",
        "alif/common.conf": "common.conf.j2",
        "alif/http.conf": "http.conf.j2",
        "alif/apps.conf": "apps.conf.j2",
    }
    if target.tls:
        files["alif/tls-params.conf"] = "tls-params.conf.j2"
    rendered = {path: environment.get_template(t).render(context) for path, t in files.items()}
    if target.tls:
        rendered["alif/hosts"] = "".join(f"{host}\n" for host in hosts)  # certbot -d
    return rendered


def write(files: Mapping[str, str], out: Path) -> None:
    """Write a rendering; files of an earlier rendering that are gone now are removed."""
    alif = out / "alif"
    if alif.is_dir():
        for old in alif.iterdir():
            if f"alif/{old.name}" not in files:
                old.unlink()
    for relative, text in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    if "alif/tls-params.conf" in files:
        (out / "enabled").mkdir(exist_ok=True)  # alif-tls links alif/apps.conf here


def install(target: Target, services: Sequence[Service], out: Path) -> None:
    """Render into `out` and create the directories nginx writes to (local target)."""
    write(render(target, services), out)
    if target.temp_dir:
        Path(target.temp_dir).mkdir(parents=True, exist_ok=True)
    if target.access_log.startswith("/") and not target.access_log.startswith("/dev/"):
        Path(target.access_log).parent.mkdir(parents=True, exist_ok=True)


def local_target(
    services: Sequence[Service],
    prefix: Path,
    *,
    port: int = LOCAL_PORT,
    upstream_ports: Mapping[str, int] | None = None,
    web_roots: Mapping[str, Path] | None = None,
    domain: str = LOCAL_DOMAIN,
    nginx_version: tuple[int, ...] = (1, 22, 0),
    media_root: Path | None = None,
) -> Target:
    """This machine: `nginx -p <prefix> -c <prefix>/nginx.conf`, in the foreground; uploads
    from `media_root` (default: `media/` beside the prefix, i.e. DATA_DIR/media)."""
    prefix = prefix.resolve()
    ports = dict(upstream_ports or {})
    roots = dict(web_roots or {})
    # As root (CI, containers) nginx would switch workers to `nobody`, who may not read the
    # work tree or a test's temporary directory; stay the current user.
    user = pwd.getpwuid(os.geteuid()).pw_name if os.geteuid() == 0 else None
    return Target(
        name="local",
        domain=_check_domain(domain),
        listen=f"127.0.0.1:{port}",
        upstreams={s.name: f"127.0.0.1:{ports.get(s.name, s.port)}" for s in services},
        web_roots={
            s.name: _check_path(roots.get(s.name, ROOT / "frontends" / "apps" / s.name / "dist"))
            for s in services
        },
        pid=_check_path(prefix / "nginx.pid"),
        error_log="stderr",
        access_log=_check_path(prefix / "logs" / "access.log"),
        temp_dir=_check_path(prefix / "tmp"),
        media_root=_check_path((media_root or prefix.parent / "media").resolve()),
        user=user,
        worker_processes="1",
        daemon=False,
        nginx_version=nginx_version,
    )


def production_target(
    services: Sequence[Service],
    domain: str,
    *,
    nginx_version: tuple[int, ...],
    trusted_proxies: Iterable[str] = (),
    real_ip_header: str = "X-Forwarded-For",
    certificate_dir: str = f"/etc/letsencrypt/live/{CERT_NAME}",
    upstreams: Mapping[str, str] | None = None,
    user: str = "nginx",
    resolver: str | None = "127.0.0.11",
    http_port: int = 80,
    https_port: int = 443,
    acme_root: str = ACME_ROOT,
    web_root: str = WEB_ROOT,
    pid: str = "/var/run/nginx.pid",
    ipv6: bool = True,
    media_url: str = "",
    media_upstream: str = "minio:9000",
) -> Target:
    """The gateway container: compose names as upstreams, Docker's DNS, TLS on 443; `media_url`
    (S3_PUBLIC_ENDPOINT_URL) is the bucket browsers fetch uploads from; when it is
    https://media.<domain>, the gateway serves that host from `media_upstream` (compose's MinIO).

    The keyword arguments after `certificate_dir` exist for the tests, which run this
    configuration on free ports of this machine.
    """
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]{1,40}", real_ip_header):
        raise RenderError(f"REAL_IP_HEADER {real_ip_header!r} is not a header name")
    if not _UPSTREAM.match(media_upstream):
        raise RenderError(f"the bucket's address {media_upstream!r} is not host:port")
    domain = _check_domain(domain)
    origins = _media_origins(media_url)
    media_host = f"media.{domain}"
    served = origins == (f"https://{media_host}",)  # else a provider's bucket: nothing to serve
    proxy = MediaProxy(media_host, media_upstream) if served else None
    return Target(
        name="production",
        domain=domain,
        listen=str(http_port),
        upstreams=dict(upstreams or {s.name: f"{s.name}:{s.port}" for s in services}),
        web_roots={s.name: _check_path(f"{web_root}/{s.name}") for s in services},
        pid=_check_path(pid),
        error_log="/dev/stderr",
        access_log="/dev/stdout",
        tls=Tls(
            certificate=_check_path(f"{certificate_dir}/fullchain.pem"),
            certificate_key=_check_path(f"{certificate_dir}/privkey.pem"),
            port=https_port,
        ),
        acme_root=_check_path(acme_root),
        user=user,
        trusted_proxies=_networks(trusted_proxies),
        real_ip_header=real_ip_header,
        resolver=resolver,
        nginx_version=nginx_version,
        ipv6=ipv6,
        media_origins=origins,
        media_proxy=proxy,
    )


def _media_origins(url: str) -> tuple[str, ...]:
    """The origin of the bucket's public address (https only), or none."""
    if not url.strip():
        return ()
    parts = url.strip().split("/")
    origin = "/".join(parts[:3]).lower()
    if len(parts) < 3 or not _ORIGIN.match(origin):
        raise RenderError(f"S3_PUBLIC_ENDPOINT_URL {url!r} is not an https address")
    return (origin,)


def app_urls(target: Target, services: Sequence[Service]) -> dict[str, str]:
    scheme = "https" if target.tls else "http"
    port = f":{target.public_port}" if target.public_port else ""
    return {s.name: f"{scheme}://{s.host(target.domain)}{port}/" for s in services}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    local = commands.add_parser("local", help="this machine (make run, tests)")
    local.add_argument("--out", type=Path, default=ROOT / ".data" / "nginx")
    local.add_argument("--port", type=int, default=LOCAL_PORT)
    production = commands.add_parser("production", help="the gateway image")
    production.add_argument("--out", type=Path, required=True)
    production.add_argument("--domain", required=True)
    production.add_argument("--nginx-version", default=PRODUCTION_NGINX_VERSION)
    production.add_argument(
        "--trusted-proxies", default="", help="comma-separated networks of a proxy in front"
    )
    production.add_argument("--real-ip-header", default="X-Forwarded-For")
    production.add_argument(
        "--media-url", default="", help="S3_PUBLIC_ENDPOINT_URL: the bucket browsers fetch from"
    )
    hosts = commands.add_parser("hosts", help="the hosts one certificate must cover")
    hosts.add_argument("--domain", required=True)
    args = parser.parse_args(argv)

    services = discover()
    try:
        if args.command == "hosts":
            _check_domain(args.domain)
            sys.stdout.write("".join(f"{s.host(args.domain)}\n" for s in services))
            return 0
        if args.command == "local":
            nginx = installed_nginx()
            version = installed_nginx_version(nginx) if nginx else (1, 22, 0)
            target = local_target(services, args.out, port=args.port, nginx_version=version)
        else:
            target = production_target(
                services,
                args.domain,
                nginx_version=parse_version(args.nginx_version),
                trusted_proxies=args.trusted_proxies.split(","),
                real_ip_header=args.real_ip_header,
                media_url=args.media_url,
            )
        install(target, services, args.out)
    except RenderError as error:
        sys.stderr.write(f"nginx/render.py: {error}\n")
        return 2
    sys.stdout.write(f"Rendered the {target.name} gateway into {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
