"""The production rendering: `nginx -t` as the image would run it, then the real thing on free
ports of this machine (upstreams on 127.0.0.1 instead of the containers' names)."""

import datetime
import getpass
import os
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from nginx import render
from tests.gateway.support import free_port, stop, wait_until_ok
from tools.catalog import discover

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = "alif24.uz"
ALIF_TLS = ROOT / "nginx" / "alif-tls.sh"
DAEMON_OFF = ("-e", "stderr", "-g", "daemon off;")  # in the foreground, as the image runs it


def self_signed(directory: Path, hosts: list[str]) -> Path:
    """A certificate for every host, where certbot would put it (fullchain.pem, privkey.pem)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in hosts]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    directory.mkdir(parents=True)
    (directory / "fullchain.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (directory / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return directory


def alif_tls(conf_dir: Path, cert_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own script
        ["/bin/sh", str(ALIF_TLS)],
        env={**os.environ, "ALIF_NGINX_DIR": str(conf_dir), "ALIF_CERT_DIR": str(cert_dir)},
        capture_output=True,
        text=True,
        check=True,
    )


def nginx_test(nginx: str, conf_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own command
        [nginx, "-t", "-p", str(conf_dir), "-c", str(conf_dir / "nginx.conf"), "-e", "stderr"],
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_render_passes_nginx_t_before_and_after_the_certificate(
    nginx: str, tmp_path: Path
) -> None:
    services = discover(ROOT)
    conf_dir = tmp_path / "etc-nginx"
    cert_dir = tmp_path / "letsencrypt" / "live" / "alif24"
    target = render.production_target(
        services,
        DOMAIN,
        nginx_version=render.installed_nginx_version(nginx),
        certificate_dir=str(cert_dir),
        # The containers' names resolve only inside compose's network.
        upstreams={s.name: f"127.0.0.1:{s.port}" for s in services},
        user=getpass.getuser(),
        trusted_proxies=["10.0.0.0/8"],
        # The bucket served on media.<DOMAIN> (compose's MinIO); nginx -t must accept it too.
        media_url=f"https://media.{DOMAIN}",
        media_upstream="127.0.0.1:9000",
    )
    render.install(target, services, conf_dir)
    hosts = [*(s.host(DOMAIN) for s in services), f"media.{DOMAIN}"]

    # First start on a new server: no certificate yet, only port 80 for the ACME challenge.
    first = alif_tls(conf_dir, cert_dir)
    assert "no certificate" in first.stderr
    assert not (conf_dir / "enabled" / "apps.conf").exists()
    result = nginx_test(nginx, conf_dir)
    assert result.returncode == 0, result.stderr

    # certbot has issued it: the HTTPS servers are enabled.
    self_signed(cert_dir, hosts)
    assert "HTTPS is on" in alif_tls(conf_dir, cert_dir).stdout
    assert (conf_dir / "enabled" / "apps.conf").resolve() == conf_dir / "alif" / "apps.conf"
    result = nginx_test(nginx, conf_dir)
    assert result.returncode == 0, result.stderr
    assert (conf_dir / "alif" / "hosts").read_text().split() == hosts


@dataclass(frozen=True)
class Production:
    http: int
    https: int
    cert_dir: Path
    acme_root: Path


@pytest.fixture(scope="module")
def production(
    nginx: str, platform: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Production]:
    base = tmp_path_factory.mktemp("production")
    services = platform.services
    conf_dir, cert_dir, acme_root = base / "conf", base / "live" / "alif24", base / "acme"
    http_port, https_port = free_port(), free_port()
    target = render.production_target(
        services,
        DOMAIN,
        nginx_version=render.installed_nginx_version(nginx),
        certificate_dir=str(cert_dir),
        upstreams={name: f"127.0.0.1:{port}" for name, port in platform.upstream_ports.items()},
        user=getpass.getuser(),
        resolver=None,
        http_port=http_port,
        https_port=https_port,
        acme_root=str(acme_root),
        web_root=str(platform.web_root),
        pid=str(base / "nginx.pid"),
    )
    render.install(target, services, conf_dir)
    self_signed(cert_dir, [s.host(DOMAIN) for s in services])
    alif_tls(conf_dir, cert_dir)
    (acme_root / ".well-known" / "acme-challenge").mkdir(parents=True)
    (acme_root / ".well-known" / "acme-challenge" / "token-1").write_text("token-1.thumbprint")
    with (base / "nginx.log").open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command
            [
                nginx,
                "-p",
                str(conf_dir),
                "-c",
                str(conf_dir / "nginx.conf"),
                "-e",
                "stderr",
                *DAEMON_OFF,
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_ok(f"http://127.0.0.1:{http_port}/gateway-health", process, "nginx")
        yield Production(http_port, https_port, cert_dir, acme_root)
    finally:
        stop(process)


def https(production: Production, host: str) -> httpx.Client:
    context = ssl.create_default_context(cafile=str(production.cert_dir / "fullchain.pem"))
    return httpx.Client(
        base_url=f"https://127.0.0.1:{production.https}",
        headers={"Host": host},
        verify=context,
        timeout=10,
    )


def test_http_redirects_to_https_and_serves_acme_challenges(production: Production) -> None:
    with httpx.Client(base_url=f"http://127.0.0.1:{production.http}") as client:
        redirect = client.get("/games/2048?x=1", headers={"Host": f"games.{DOMAIN}"})
        challenge = client.get(
            "/.well-known/acme-challenge/token-1", headers={"Host": f"games.{DOMAIN}"}
        )
        with pytest.raises(httpx.RemoteProtocolError):  # 444: closed without an answer
            client.get("/", headers={"Host": "evil.example"})
    assert redirect.status_code == 301
    assert redirect.headers["location"] == f"https://games.{DOMAIN}/games/2048?x=1"
    assert challenge.status_code == 200
    assert challenge.text == "token-1.thumbprint"


def test_https_serves_apps_and_apis_with_hsts(production: Production) -> None:
    with https(production, DOMAIN) as client:
        sni = {"sni_hostname": DOMAIN}
        page = client.get("/", extensions=sni)
        api = client.get("/api/games/openapi.json", extensions=sni)
        seen = client.get("/api/echo/whoami", extensions=sni).json()
    assert page.status_code == 200
    assert 'data-app="main"' in page.text
    assert api.status_code == 200
    for response in (page, api):
        assert response.headers["strict-transport-security"] == (
            "max-age=31536000; includeSubDomains"
        )
        assert "upgrade-insecure-requests" in response.headers["content-security-policy"]
    assert seen["scheme"] == "https"  # X-Forwarded-Proto: sqladmin and redirects build https
    assert seen["headers"]["host"] == f"{DOMAIN}:{production.https}"


def test_https_refuses_names_that_are_not_ours(production: Production) -> None:
    with https(production, "evil.example") as client, pytest.raises(httpx.ConnectError):
        client.get("/", extensions={"sni_hostname": "evil.example"})


def test_tls_1_3_is_offered_whatever_nginx_defaults_to(production: Production) -> None:
    """The default server (ssl_reject_handshake) decides the protocols of the port: without
    ssl_protocols there, nginx before 1.23.4 offers no TLS 1.3 to anyone."""
    context = ssl.create_default_context(cafile=str(production.cert_dir / "fullchain.pem"))
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    with httpx.Client(
        base_url=f"https://127.0.0.1:{production.https}",
        headers={"Host": DOMAIN},
        verify=context,
        timeout=10,
    ) as client:
        response = client.get("/", extensions={"sni_hostname": DOMAIN})
        assert response.status_code == 200
        assert response.extensions["network_stream"].get_extra_info("ssl_object").version() == (
            "TLSv1.3"
        )


def test_ipv6_visitors_are_served_with_their_own_address(production: Production) -> None:
    """The compose network is dual-stack: the gateway listens on IPv6 too, and sees the
    visitor's address (which its rate limits count), not a proxy's."""
    context = ssl.create_default_context(cafile=str(production.cert_dir / "fullchain.pem"))
    with httpx.Client(
        base_url=f"https://[::1]:{production.https}",
        headers={"Host": DOMAIN},
        verify=context,
        timeout=10,
    ) as client:
        page = client.get("/", extensions={"sni_hostname": DOMAIN})
        seen = client.get("/api/echo/whoami", extensions={"sni_hostname": DOMAIN}).json()
    assert page.status_code == 200
    assert seen["headers"]["x-real-ip"] == "::1"
