"""Every operation of every service stays reachable, and authenticated as it was.

`alif.routing.IndexedRouter` skips the routers a path cannot reach (issue 20). This sends each
operation of each service's OpenAPI document a request without a token: an operation must
never answer "no such address" (404 `not_found`) or 405, and the operations that answer 401
must be exactly those in `authenticated.json`, recorded from the app before the route index
(ALIF_WRITE_ROUTE_SNAPSHOT=1 rewrites it, for a reviewed change of what is public).
"""

import json
import os
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from tools.export_openapi import services

SNAPSHOT = Path(__file__).with_name("authenticated.json")
METHODS = ("get", "post", "put", "patch", "delete")


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    if "anyOf" in schema:
        return _resolve(document, schema["anyOf"][0])
    return schema


def _sample(document: dict[str, Any], schema: dict[str, Any]) -> str:
    schema = _resolve(document, schema)
    if "enum" in schema:
        return str(schema["enum"][0])
    if schema.get("format") == "uuid":
        return str(uuid.uuid4())
    if schema.get("type") == "integer":
        return "1"
    return "sample"


def _url(document: dict[str, Any], path: str, operation: dict[str, Any]) -> str:
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            value = _sample(document, parameter.get("schema", {}))
            path = path.replace("{" + parameter["name"] + "}", value)
    return path


@pytest.fixture(scope="module")
def app_environment(tmp_path_factory: pytest.TempPathFactory) -> None:
    # As tools/export_openapi builds the apps: nothing here connects anywhere.
    folder = tmp_path_factory.mktemp("routes")
    saved = dict(os.environ)
    os.environ.update(
        ENVIRONMENT="test",
        DATA_DIR=str(folder),
        DATABASE_URL=f"sqlite+aiosqlite:///{folder}/routes.db",
        REDIS_URL="",
        SENTRY_DSN="",
        LOG_LEVEL="CRITICAL",
    )
    yield
    os.environ.clear()
    os.environ.update(saved)


async def _answers(factory: str) -> dict[str, int]:
    import importlib

    module_name, _, function = factory.partition(":")
    app = getattr(importlib.import_module(module_name), function)()
    document = app.openapi()
    found: dict[str, int] = {}
    # No lifespan: a public operation that reaches its handler fails on the missing database
    # (a 500), which still proves it was routed.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for path, item in document["paths"].items():
            for method in METHODS:
                if method not in item:
                    continue
                response = await client.request(method, _url(document, path, item[method]))
                code = None
                if response.headers.get("content-type", "").startswith("application/json"):
                    body = response.json()
                    code = body.get("error", {}).get("code") if isinstance(body, dict) else None
                assert response.status_code != 405, f"{method.upper()} {path}: 405"
                assert (response.status_code, code) != (404, "not_found"), (
                    f"{method.upper()} {path} is not routed"
                )
                found[f"{method.upper()} {path}"] = response.status_code
    return found


@pytest.mark.parametrize("name", sorted(services()))
async def test_every_operation_is_routed_and_authenticated_as_recorded(
    name: str, app_environment: None
) -> None:
    answers = await _answers(services()[name])
    authenticated = sorted(op for op, status in answers.items() if status == 401)
    recorded = json.loads(SNAPSHOT.read_text()) if SNAPSHOT.exists() else {}
    if os.environ.get("ALIF_WRITE_ROUTE_SNAPSHOT") == "1":
        recorded[name] = authenticated
        SNAPSHOT.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
    assert authenticated == recorded[name]
    # Most of a service is behind a token; the public part is the exception.
    assert len(authenticated) > len(answers) / 2
