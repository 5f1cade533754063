"""The local gateway (the configuration `make run` and the end-to-end tests use), live."""

import asyncio
import json
import time
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect

SECURITY_HEADERS = (
    "content-security-policy",
    "x-content-type-options",
    "x-frame-options",
    "referrer-policy",
    "permissions-policy",
    "x-request-id",
)


def wait_for(predicate: Any, timeout: float = 5.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


def assert_security_headers(response: httpx.Response) -> None:
    for header in SECURITY_HEADERS:
        assert header in response.headers, f"{header} missing on {response.status_code}"
    assert response.headers["x-content-type-options"] == "nosniff"
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    # the apps and the APIs run only their own script files (test_security_headers.py)
    assert "script-src 'self';" in policy
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert len(response.headers.get_list("x-request-id")) == 1


def assert_error_envelope(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"]["code"] == code
    assert body["request_id"] == response.headers["x-request-id"]
    assert_security_headers(response)


def test_every_host_serves_its_own_web_app(platform: Any) -> None:
    for service in platform.services:
        with platform.client(service.name) as client:
            response = client.get("/")
        if service.name in ("echo", "gone"):  # the apps the fixture did not build
            # A person who follows a link to an app that is not deployed yet gets a kind page
            # in their languages with the way back to main, never a developer's note.
            assert response.status_code == 404
            assert response.headers["content-type"].startswith("text/html")
            assert "tez orada ochiladi" in response.text
            assert "opens soon" in response.text
            assert f"href='http://{platform.host('main')}:{platform.port}/'" in response.text
            assert "npm" not in response.text
            assert_security_headers(response)
            continue
        assert response.status_code == 200, service.name
        assert f'data-app="{service.name}"' in response.text
        assert response.headers["cache-control"] == "no-cache"
        assert_security_headers(response)


def test_the_apex_domain_is_main_and_subdomains_are_the_others(platform: Any) -> None:
    assert platform.host("main") == "alif24.localhost"
    assert platform.host("games") == "games.alif24.localhost"


def test_every_api_is_reachable_from_every_host(platform: Any) -> None:
    real = [s for s in platform.services if s.name not in ("echo", "gone")]
    for host_service in platform.services:
        with platform.client(host_service.name) as client:
            for api in real:
                response = client.get(f"/api/{api.name}/openapi.json")
                assert response.status_code == 200, (host_service.name, api.name)
                assert response.json()["info"]["title"] == f"ALIF24 {api.name}"
                assert_security_headers(response)
            assert client.get("/api/echo/whoami").status_code == 200


def test_spa_routes_fall_back_to_index_html_and_assets_are_cached(platform: Any) -> None:
    with platform.client("games") as client:
        deep = client.get("/leaderboard/tetris?week=3")
        asset = client.get("/assets/index-3f9a1c.js")
        missing = client.get("/assets/index-000000.js")
        icon = client.get("/favicon.svg")
    assert deep.status_code == 200
    assert 'data-app="games"' in deep.text
    assert deep.headers["cache-control"] == "no-cache"
    assert asset.status_code == 200
    assert asset.headers["content-type"].startswith("application/javascript")
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert_security_headers(asset)
    # A missing asset is a 404 (never index.html served as a script), not cached for a year.
    assert missing.status_code == 404
    assert "data-app" not in missing.text
    assert "immutable" not in missing.headers.get("cache-control", "")
    assert_security_headers(missing)
    assert icon.status_code == 200
    assert icon.headers["cache-control"] == "no-cache"


def test_a_missing_file_is_a_404_wherever_it_is_asked_for(platform: Any) -> None:
    """Only client-side routes fall back to index.html: a path naming a file (`/x.js`,
    `/old/logo.png`) that is not there is a 404, never the page served as a script or image."""
    with platform.client("games") as client:
        script = client.get("/x.js")
        nested = client.get("/games/old/logo.png")
        dotted_route = client.get("/games/2048")
        icon = client.get("/favicon.svg")
    for missing in (script, nested):
        assert missing.status_code == 404
        assert "data-app" not in missing.text
        assert_security_headers(missing)
    assert dotted_route.status_code == 200
    assert 'data-app="games"' in dotted_route.text
    assert icon.status_code == 200


def test_source_maps_are_never_served(platform: Any) -> None:
    """A build that still wrote source maps must not publish the apps' source."""
    assets = platform.web_root / "games" / "assets"
    (assets / "index-3f9a1c.js.map").write_text('{"version":3,"sources":["src/App.tsx"]}')
    (platform.web_root / "games" / "sw.js.map").write_text('{"version":3}')
    with platform.client("games") as client:
        in_assets = client.get("/assets/index-3f9a1c.js.map")
        at_root = client.get("/sw.js.map")
        script = client.get("/assets/index-3f9a1c.js")
    for response in (in_assets, at_root):
        assert response.status_code == 404
        assert "sources" not in response.text
        assert_security_headers(response)
    assert script.status_code == 200


def test_assets_and_json_are_compressed(platform: Any) -> None:
    with platform.client("games") as client:
        asset = client.get("/assets/index-3f9a1c.js", headers={"Accept-Encoding": "gzip"})
        api = client.get("/api/main/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert asset.headers["content-encoding"] == "gzip"
    assert api.headers["content-encoding"] == "gzip"
    assert asset.text.startswith("console.log")  # httpx decoded it


def test_dot_files_are_never_served(platform: Any) -> None:
    (platform.web_root / "games" / ".env").write_text("SECRET=1\n")
    with platform.client("games") as client:
        response = client.get("/.env")
        jwks = client.get("/api/main/.well-known/jwks.json")
    assert response.status_code == 404
    assert "SECRET" not in response.text
    assert_security_headers(response)
    assert jwks.status_code == 200  # the API's own dot paths still pass
    assert jwks.json()["keys"]


def test_unknown_paths_and_hosts(platform: Any) -> None:
    with platform.client("games") as c:
        unknown_api = c.get("/api/nothing/here")
        service_404 = c.get("/api/games/no-such-route")
    assert_error_envelope(unknown_api, 404, "not_found")
    # The service's own 404 passes through, with the gateway's headers added.
    assert service_404.status_code == 404
    assert service_404.json()["error"]["code"] == "not_found"
    assert_security_headers(service_404)
    with httpx.Client(base_url=f"http://127.0.0.1:{platform.port}") as client:
        stranger = client.get("/", headers={"Host": "evil.example"})
    assert stranger.status_code == 404
    assert "Unknown host" in stranger.text
    assert_security_headers(stranger)


def test_a_strict_csp_for_apps_and_a_relaxed_one_only_for_admin_and_docs(platform: Any) -> None:
    with platform.client("main") as client:
        app = client.get("/").headers["content-security-policy"]
        admin = client.get("/api/main/admin/login").headers["content-security-policy"]
        docs = client.get("/api/games/docs").headers["content-security-policy"]
        api = client.get("/api/main/openapi.json").headers["content-security-policy"]
    assert "script-src 'self';" in app
    assert "unsafe-inline" not in app.split("script-src")[1].split(";")[0]
    assert api == app
    assert "script-src 'self' 'unsafe-inline'" in admin
    assert "https://cdn.jsdelivr.net" in docs
    for policy in (app, admin, docs):
        assert "frame-ancestors 'none'" in policy
        assert "object-src 'none'" in policy


def test_the_admin_ui_works_through_the_gateway(platform: Any) -> None:
    with platform.client("main") as client:
        page = client.get("/api/main/admin/login")
        assert page.status_code == 200
        # sqladmin builds its links from the forwarded host: they must point at the gateway.
        assert f"http://alif24.localhost:{platform.port}/api/main/admin/statics/" in page.text
        css = client.get("/api/main/admin/statics/css/main.css")
    assert css.status_code == 200


def test_login_answers_429_after_a_burst(platform: Any) -> None:
    with platform.client("main") as client:
        # An empty body is refused by the service (422) before its own limiter counts it, so
        # only the gateway's limit can produce the 429.
        answers = [client.post("/api/main/auth/login", json={}) for _ in range(16)]
    statuses = [a.status_code for a in answers]
    assert statuses[0] == 422
    assert statuses[-1] == 429, statuses
    limited = answers[-1]
    assert_error_envelope(limited, 429, "too_many_requests")
    assert limited.headers["retry-after"] == "60"


def test_other_auth_routes_are_rate_limited_too(platform: Any) -> None:
    with platform.client("games") as client:
        statuses = [client.post("/api/main/auth/otp/send", json={}).status_code for _ in range(10)]
    assert statuses[0] == 422
    assert statuses[-1] == 429


def test_bodies_are_small_except_on_upload_routes(platform: Any) -> None:
    with platform.client("games") as client:
        too_big = client.post("/api/echo/small", content=b"x" * 300_000)
        small = client.post("/api/echo/small", content=b"x" * 100_000)
        upload = client.post("/api/echo/upload/file", content=b"x" * 1_500_000)
        upload_too_big = client.post("/api/echo/upload/file", content=b"x" * 3_000_000)
    assert_error_envelope(too_big, 413, "payload_too_large")
    assert small.json() == {"size": 100_000}
    assert upload.json() == {"size": 1_500_000}
    assert_error_envelope(upload_too_big, 413, "payload_too_large")


def test_a_route_next_to_an_upload_prefix_is_not_redirected(platform: Any) -> None:
    # echo's uploads prefix is upload/; nginx would answer POST /api/echo/upload with a 301 (and
    # the browser would follow it as a GET), as it did for POST /api/games/sessions.
    with platform.client("games") as client:
        response = client.post("/api/echo/upload", content=b"x" * 10)
    assert response.status_code == 200
    assert response.json() == {"size": 10}


def test_the_payme_callback_is_refused_to_other_addresses(platform: Any) -> None:
    with platform.client("main") as client:
        # A forged X-Forwarded-For naming Payme's range changes nothing: the peer is 127.0.0.1.
        response = client.post(
            "/api/main/payments/payme",
            json={"method": "CheckPerformTransaction", "params": {}, "id": 1},
            headers={"X-Forwarded-For": "185.234.113.5", "X-Real-IP": "185.234.113.5"},
        )
    assert_error_envelope(response, 403, "forbidden")


def test_clients_cannot_forge_their_address_or_the_request_id(platform: Any) -> None:
    with platform.client("main") as client:
        response = client.get(
            "/api/echo/whoami",
            headers={
                "X-Forwarded-For": "203.0.113.7",
                "X-Real-IP": "203.0.113.7",
                "Forwarded": "for=203.0.113.7",
                "X-Request-ID": "forged-id",
            },
        )
    seen = response.json()
    assert seen["client"] == "127.0.0.1"
    assert seen["headers"]["x-forwarded-for"] == "127.0.0.1"
    assert "forwarded" not in seen["headers"]
    assert seen["headers"]["x-request-id"] == response.headers["x-request-id"] != "forged-id"
    assert seen["headers"]["host"] == f"alif24.localhost:{platform.port}"
    assert seen["scheme"] == "http"


def test_the_request_id_reaches_the_service_log_and_the_access_log(platform: Any) -> None:
    with platform.client("games") as client:
        response = client.get("/api/games/openapi.json?code=123456")
    request_id = response.headers["x-request-id"]
    assert len(request_id) == 32

    def service_line() -> dict[str, Any] | None:
        for line in platform.log_lines("games"):
            if line.get("request_id") == request_id:
                return line
        return None

    line = wait_for(service_line)
    assert line is not None, "the games service did not log the gateway's request id"
    assert line["service"] == "games"
    assert line["path"] == "/api/games/openapi.json"

    def access_line() -> dict[str, Any] | None:
        for text in platform.access_log.read_text().splitlines():
            entry = json.loads(text)
            if entry["request_id"] == request_id:
                return dict(entry)
        return None

    entry = wait_for(access_line)
    assert entry is not None
    assert entry["status"] == 200
    assert entry["host"] == "games.alif24.localhost"
    assert entry["path"] == "/api/games/openapi.json"  # no query string: it may hold codes
    assert "123456" not in json.dumps(entry)
    assert entry["upstream"] == f"127.0.0.1:{platform.upstream_ports['games']}"


def test_a_websocket_upgrade_passes_on_every_host(platform: Any) -> None:
    async def talk(host: str) -> str:
        async with connect(
            f"ws://{host}:{platform.port}/api/echo/ws/echo",
            host="127.0.0.1",
            port=platform.port,
            open_timeout=10,
        ) as websocket:
            await websocket.send("salom")
            return str(await asyncio.wait_for(websocket.recv(), 10))

    for name in ("main", "games"):
        assert asyncio.run(talk(platform.host(name))) == "echo: salom"


def test_a_service_that_is_down_is_a_json_503(platform: Any) -> None:
    with platform.client("main") as client:
        response = client.get("/api/gone/anything")
    assert_error_envelope(response, 503, "service_unavailable")
    assert response.headers["retry-after"] == "10"


@pytest.mark.parametrize("path", ["/api/main/auth/login", "/api/main/payments/payme"])
def test_special_routes_keep_the_security_headers(platform: Any, path: str) -> None:
    with platform.client("main") as client:
        response = client.get(path)
    assert response.status_code in (403, 405, 429)
    assert_security_headers(response)
