"""The rendered configuration itself: rules that must hold for every service, on both targets."""

import re
from pathlib import Path

import pytest

from nginx import render
from tools.catalog import UVICORN_KEEP_ALIVE_SECONDS, GatewayRoutes, Service, discover

ROOT = Path(__file__).resolve().parents[2]
SERVICES = discover(ROOT)


def production(version: str = "1.28", **options: object) -> dict[str, str]:
    target = render.production_target(
        SERVICES, "alif24.uz", nginx_version=render.parse_version(version), **options
    )
    return render.render(target, SERVICES)


def local(tmp_path: Path) -> dict[str, str]:
    return render.render(render.local_target(SERVICES, tmp_path), SERVICES)


def locations(text: str) -> list[str]:
    """The body of every `location` block (the blocks hold no nested braces)."""
    return re.findall(r"^\s*location [^{]+\{(.*?)^\s*\}", text, flags=re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("target", ["local", "production"])
def test_every_location_sends_the_security_headers(target: str, tmp_path: Path) -> None:
    files = local(tmp_path) if target == "local" else production()
    count = 0
    for name, text in files.items():
        for body in locations(text):
            count += 1
            assert "include alif/security-headers.conf;" in body, (name, body)
    assert count > 10
    headers = files["alif/security-headers.conf"]
    directives = [line for line in headers.splitlines() if line.startswith("add_header")]
    assert len(directives) >= 6
    assert all(line.endswith(" always;") for line in directives)
    assert ("Strict-Transport-Security" in headers) is (target == "production")


def test_upstream_keepalive_is_below_uvicorns(tmp_path: Path) -> None:
    conf = local(tmp_path)["nginx.conf"]
    timeouts = re.findall(r"keepalive_timeout (\d+)s;", conf.split("upstream alif_", 1)[1])
    assert len(timeouts) == len(SERVICES)
    assert all(int(t) < UVICORN_KEEP_ALIVE_SECONDS for t in timeouts)
    assert conf.count("keepalive 16;") == len(SERVICES)


def test_every_service_has_a_host_and_its_api_on_every_host(tmp_path: Path) -> None:
    apps = local(tmp_path)["alif/apps.conf"]
    common = local(tmp_path)["alif/common.conf"]
    for service in SERVICES:
        assert f"server_name {service.host('alif24.localhost')};" in apps
        assert f"location /api/{service.name}/ {{" in common
        assert f"location ^~ /api/{service.name}/ws/ {{" in common
    assert apps.count("include alif/common.conf;") == len(SERVICES)


def test_main_declares_its_rate_limits_payme_range_and_admin_pages() -> None:
    common = production()["alif/common.conf"]
    for path, zone in [
        ("= /api/main/auth/login", "login"),
        ("= /api/main/auth/child-login", "pin"),
        ("^~ /api/main/auth/otp/", "otp"),
        ("= /api/main/auth/register", "register"),
        ("= /api/main/auth/password/reset", "reset"),
    ]:
        block = common.split(f"location {path} {{", 1)[1].split("}", 1)[0]
        assert f"limit_req zone={zone} " in block
    payme = common.split("location = /api/main/payments/payme {", 1)[1].split("}", 1)[0]
    assert "allow 185.234.113.0/28;\n    deny all;" in payme
    conf = production()["nginx.conf"]
    assert '"~^/api/main/admin(/|$)"' in conf
    assert "limit_req_status 429;" in conf


def test_new_nginx_gets_dynamic_upstreams_and_http2_on_and_old_nginx_still_works() -> None:
    new = production("1.28")
    assert "server main:8000 resolve;" in new["nginx.conf"]
    assert "zone alif_main 64k;" in new["nginx.conf"]
    assert "resolver 127.0.0.11" in new["nginx.conf"]
    assert "http2 on;" in new["alif/apps.conf"]
    old = production("1.22.1")
    assert "server main:8000;" in old["nginx.conf"]
    assert "listen 443 ssl http2;" in old["alif/apps.conf"]


def test_the_client_address_comes_only_from_trusted_proxies() -> None:
    plain = production()["nginx.conf"]
    assert "set_real_ip_from" not in plain
    assert "real_ip_header" not in plain
    behind = production(trusted_proxies=["10.1.0.0/16", " 2001:db8::/32 "])["nginx.conf"]
    assert "set_real_ip_from 10.1.0.0/16;" in behind
    assert "set_real_ip_from 2001:db8::/32;" in behind
    assert "real_ip_recursive on;" in behind
    proxy = production()["alif/proxy.conf"]
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in proxy
    assert "$proxy_add_x_forwarded_for" not in proxy
    with pytest.raises(render.RenderError):
        production(trusted_proxies=["everyone"])


def test_bad_settings_are_refused() -> None:
    with pytest.raises(render.RenderError, match="DOMAIN"):
        render.production_target(SERVICES, "alif24.uz; evil", nginx_version=(1, 28, 0))
    routes = GatewayRoutes(rate_limit={"x": "no_such_zone"})
    bad = Service("quiz", 8010, "quiz", "quiz.app:build_app", routes)
    target = render.local_target([bad], ROOT / ".data" / "unused")
    with pytest.raises(render.RenderError, match="zone"):
        render.render(target, [bad])


def test_a_new_service_folder_is_all_the_gateway_needs(tmp_path: Path) -> None:
    quiz = tmp_path / "services" / "quiz"
    quiz.mkdir(parents=True)
    (quiz / "pyproject.toml").write_text(
        '[tool.alif]\nport = 8007\nsubdomain = "quiz"\napp = "quiz.app:build_app"\n'
        '[tool.alif.gateway]\nuploads = { "imports/" = "20m" }\nwebsockets = ["live/"]\n'
    )
    services = discover(tmp_path)
    files = render.render(render.local_target(services, tmp_path / "nginx"), services)
    assert "server_name quiz.alif24.localhost;" in files["alif/apps.conf"]
    common = files["alif/common.conf"]
    assert "location ^~ /api/quiz/imports/ {" in common
    assert "client_max_body_size 20m;" in common
    assert "location ^~ /api/quiz/live/ {" in common
    assert "server 127.0.0.1:8007;" in files["nginx.conf"]
    assert render.app_urls(render.local_target(services, tmp_path), services) == {
        "quiz": "http://quiz.alif24.localhost:8080/"
    }


def test_production_listens_on_both_families_with_one_tls_policy() -> None:
    files = production()
    apps, http = files["alif/apps.conf"], files["alif/http.conf"]
    default_server = apps.split("ssl_reject_handshake on;")[0].rsplit("server {", 1)[1]
    assert "include alif/tls-params.conf;" in default_server
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in files["alif/tls-params.conf"]
    assert "listen [::]:443 ssl default_server;" in default_server
    assert apps.count("listen [::]:443 ssl;") == len(SERVICES)
    assert "listen [::]:80 default_server;" in http
    assert "[::]" not in "".join(production(ipv6=False).values())


def test_uploads_are_sent_from_the_data_folder_locally_and_from_the_bucket_in_production(
    tmp_path: Path,
) -> None:
    common = local(tmp_path)["alif/common.conf"]
    media = re.search(r"location \^~ /_media/ \{(.*?)\}", common, flags=re.DOTALL)
    assert media is not None
    assert "internal;" in media.group(1)  # only after a service's X-Accel-Redirect
    assert f"alias {tmp_path.parent.resolve() / 'media'}/;" in media.group(1)
    assert "/_media/" not in production()["alif/common.conf"]

    csp = production(media_url="https://media.alif24.uz/")["nginx.conf"]
    assert "img-src 'self' data: blob: https://media.alif24.uz;" in csp
    assert "media-src 'self' data: blob: https://media.alif24.uz;" in csp
    assert "media.alif24" not in production()["nginx.conf"]
    with pytest.raises(render.RenderError):
        production(media_url="http://media.alif24.uz")


def test_the_bucket_is_served_on_media_host_for_reads_only_with_its_host_unchanged() -> None:
    files = production(media_url="https://media.alif24.uz/")
    assert "media.alif24.uz" in files["alif/hosts"].split()  # the certificate covers it
    assert "media.alif24.uz" in re.search(r"server_name ([^;]*);", files["alif/http.conf"])[1]
    assert "server minio:9000 resolve;" in files["nginx.conf"]
    server = files["alif/apps.conf"].split("server_name media.alif24.uz;", 1)[1]
    assert "proxy_pass http://alif_media;" in server
    assert "proxy_set_header Host $host;" in server  # presigned links are signed for the host
    assert "limit_except GET HEAD" in server
    # A bucket elsewhere (AWS, a provider's endpoint): nothing to serve here.
    elsewhere = production(media_url="https://s3.eu-central-1.amazonaws.com")
    assert "alif_media" not in elsewhere["nginx.conf"]
    assert "media.alif24.uz" not in elsewhere["alif/hosts"]
