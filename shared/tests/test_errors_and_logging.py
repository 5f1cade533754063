"""Every failure answers with one envelope; every request gets an id and one access line."""

import json
import logging
from typing import Any

import httpx
import pytest
from httpx import AsyncClient


def _envelope(body: dict) -> tuple[str, str]:
    assert set(body) == {"error", "request_id"}
    assert set(body["error"]) == {"code", "message", "details"}
    return body["error"]["code"], body["request_id"]


async def test_app_errors_use_the_envelope(client: AsyncClient) -> None:
    response = await client.get("/api/alif/open/conflict")
    assert response.status_code == 409
    code, request_id = _envelope(response.json())
    assert code == "conflict"
    assert response.json()["error"]["details"] == {"hint": "nothing to do"}
    assert response.headers["x-request-id"] == request_id


async def test_validation_errors_name_the_fields_without_echoing_input(client: AsyncClient) -> None:
    response = await client.post("/api/alif/open/echo", json={"name": "x", "age": "old"})
    assert response.status_code == 422
    code, _ = _envelope(response.json())
    assert code == "validation_error"
    fields = {f["field"] for f in response.json()["error"]["details"]["fields"]}
    assert fields == {"name", "age"}
    assert "old" not in response.text


async def test_unknown_routes_and_wrong_methods(client: AsyncClient) -> None:
    missing = await client.get("/api/alif/nowhere")
    wrong = await client.delete("/api/alif/open/conflict")
    assert (missing.status_code, _envelope(missing.json())[0]) == (404, "not_found")
    assert (wrong.status_code, _envelope(wrong.json())[0]) == (405, "method_not_allowed")


async def test_an_unhandled_error_is_a_500_with_the_request_id_and_no_internals(
    client: AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    response = await client.get("/api/alif/open/boom", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 500
    code, request_id = _envelope(response.json())
    assert (code, request_id) == ("internal_error", "req-42")
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    ("kind", "status", "code"),
    [
        ("database", 503, "database_unavailable"),
        ("cache", 503, "cache_unavailable"),
        ("disk", 507, "storage_full"),
    ],
)
async def test_a_dependency_that_is_down_is_a_retryable_answer_not_a_500(
    client: AsyncClient, kind: str, status: int, code: str
) -> None:
    response = await client.get(f"/api/alif/open/outage/{kind}")
    assert response.status_code == status
    assert _envelope(response.json())[0] == code
    assert int(response.headers["retry-after"]) > 0
    assert "Connect call failed" not in response.text and "6379" not in response.text


@pytest.mark.parametrize("kind", ["permissions", "timeout"])
async def test_an_error_that_is_no_outage_stays_a_500(client: AsyncClient, kind: str) -> None:
    response = await client.get(f"/api/alif/open/outage/{kind}")
    assert (response.status_code, _envelope(response.json())[0]) == (500, "internal_error")


async def test_the_gateways_request_id_is_kept_and_a_bad_one_replaced(client: AsyncClient) -> None:
    kept = await client.get("/api/alif/open/conflict", headers={"X-Request-ID": "abc-123"})
    assert kept.json()["request_id"] == "abc-123"
    replaced = await client.get("/api/alif/open/conflict", headers={"X-Request-ID": "bad id\n"})
    assert replaced.json()["request_id"] != "bad id\n"
    assert len(replaced.json()["request_id"]) == 32


async def test_one_access_line_per_request_with_status_and_request_id(
    client: AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="alif.access"):
        await client.get("/api/alif/open/conflict", headers={"X-Request-ID": "trace-me"})
    lines = [r for r in caplog.records if r.name == "alif.access"]
    assert len(lines) == 1
    event = lines[0].msg
    assert isinstance(event, dict)
    assert event["status"] == 409
    assert event["request_id"] == "trace-me"
    assert event["path"] == "/api/alif/open/conflict"
    assert event["service"] == "alif"


async def test_health_and_readiness(client: AsyncClient) -> None:
    assert (await client.get("/health")).json() == {"status": "ok", "service": "alif"}
    assert (await client.get("/ready")).json() == {"status": "ready", "service": "alif"}
    assert (await client.get("/api/alif/docs")).status_code == 200


async def test_json_logs_write_one_access_line_per_request(
    settings_values: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    # Production's JSON access line is written directly (not through logging): the same fields.
    from alif.app import create_app
    from alif.config import CommonSettings
    from alif.logging import configure_logging

    from .conftest import private, public

    json_settings = CommonSettings(**{**settings_values, "log_json": True, "log_level": "INFO"})
    app = create_app(json_settings, routers=[private], public_routers=[public])
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            capsys.readouterr()
            await client.get("/api/alif/open/conflict", headers={"X-Request-ID": "json-1"})
            await client.get("/api/alif/open/conflict")
            await client.get("/health")
        lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    finally:
        configure_logging(CommonSettings(**settings_values))
    access = [line for line in lines if line.get("logger") == "alif.access"]
    assert len(access) == 2  # the probe writes none
    first = access[0]
    assert {k: first[k] for k in ("event", "level", "status", "request_id", "service")} == {
        "event": "request",
        "level": "info",
        "status": 409,
        "request_id": "json-1",
        "service": "alif",
    }
    assert (first["method"], first["path"]) == ("GET", "/api/alif/open/conflict")
    assert first["timestamp"].endswith("Z") and first["duration_ms"] >= 0
    # Ids made here are unique and as long as before (32 characters).
    assert access[1]["request_id"] != "json-1" and len(access[1]["request_id"]) == 32
