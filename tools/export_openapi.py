"""Write each service's OpenAPI document for the web apps' typed client, without running a server.

`make client` runs this, then generates the TypeScript types in `frontends/packages/api`. Next to
each `<service>.json` goes `<service>.errors.json`: every error code the service can answer with
(its own and the shared library's) and the English message, which the web apps translate by code.
`catalog.json` (next to the `openapi/` folder) is the catalogue as the web apps read it: which
services exist, their ports and subdomains (tools/catalog.py `web_catalog`).
`--check` writes nothing and fails when a committed file differs from what the backend builds
now (the test suite runs it, so an API change without a regenerated client is caught).

Each service is built the way its tests build it: development-like settings in a throwaway data
folder (a temporary SQLite file and key pair; nothing is connected to), then `app.openapi()`.
"""

import argparse
import importlib
import json
import os
import pkgutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from tools.catalog import discover, render_web_catalog

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "frontends" / "packages" / "api" / "openapi"
CATALOG = "catalog.json"  # written next to the output folder


def services() -> dict[str, str]:
    """Service name -> its uvicorn factory (`package.app:build_app`), from the catalogue."""
    return {service.name: service.app for service in sorted(discover(), key=lambda s: s.name)}


def build_document(factory: str) -> dict[str, Any]:
    module_name, _, function = factory.partition(":")
    build = getattr(importlib.import_module(module_name), function)
    document: dict[str, Any] = build().openapi()
    return document


def import_shared_library() -> None:
    """Import every module of `alif`, so each service's list holds all the shared errors whatever
    the order the services were imported in (the lists were otherwise order-dependent)."""
    import alif

    for module in pkgutil.walk_packages(alif.__path__, "alif."):
        if not module.name.rpartition(".")[2].startswith("testing"):
            importlib.import_module(module.name)


def error_codes(factory: str) -> dict[str, str]:
    """Codes of every shared error and of the service's own, once its app module is imported."""
    from alif.errors import AppError

    package = factory.partition(".")[0]
    found: dict[str, str] = {}
    pending = list(AppError.__subclasses__())
    while pending:
        error = pending.pop()
        pending.extend(error.__subclasses__())
        module = error.__module__
        if module == "alif" or module.startswith(("alif.", f"{package}.")):
            found[error.code] = error.message
    return dict(sorted(found.items()))


def render(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a document is out of date")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()

    stale: list[str] = []
    catalog = args.output.parent / CATALOG
    if args.check:
        if not catalog.exists() or catalog.read_text() != render_web_catalog():
            stale.append(CATALOG)
    else:
        catalog.write_text(render_web_catalog())
        print(f"wrote {catalog.relative_to(ROOT)}")
    with tempfile.TemporaryDirectory(prefix="alif-openapi-") as data_dir:
        # Environment variables win over a developer's .env: nothing here may reach a real system.
        os.environ.update(
            ENVIRONMENT="test",
            DATA_DIR=data_dir,
            DATABASE_URL=f"sqlite+aiosqlite:///{data_dir}/openapi.db",
            REDIS_URL="",
            SENTRY_DSN="",
            LOG_LEVEL="WARNING",
        )
        import_shared_library()
        for name, factory in services().items():
            outputs = {
                f"{name}.json": render(build_document(factory)),
                f"{name}.errors.json": render(error_codes(factory)),
            }
            for file_name, text in outputs.items():
                target = args.output / file_name
                if args.check:
                    if not target.exists() or target.read_text() != text:
                        stale.append(file_name)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(text)
                    print(f"wrote {target.relative_to(ROOT)}")
    # A service that is gone leaves no document behind (the client is generated from them).
    current = {f"{name}{suffix}" for name in services() for suffix in (".json", ".errors.json")}
    for leftover in sorted(args.output.glob("*.json")):
        if leftover.name not in current:
            if args.check:
                stale.append(leftover.name)
            else:
                leftover.unlink()
                print(f"removed {leftover.relative_to(ROOT)}")
    if stale:
        print(
            f"Out of date: {', '.join(stale)} in {args.output}. Run `make client`.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
