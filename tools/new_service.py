"""Create a new service from tools/templates: `make new-service name=quiz [port=8007] [web=1]`.

One command leaves a service that passes `make lint`, `make typecheck` and `make test`:

- `services/<name>/` from `templates/service/`: the app, its settings, a sample domain package
  (`items/`: router, schemas, models, service, dependencies, exceptions) and its tests through HTTP;
  its `pyproject.toml` declares the port (the planned one for the seven planned names, see
  `tools/catalog.py` PLANNED), the subdomain and the `alif.models` entry point alembic reads;
- the migration of the sample table, on top of the current head (`templates/migration.py`);
- its docker-compose.yml entry (the one file that lists services by name; a test checks it);
- with `--web`, `frontends/apps/<name>/` from `templates/web/`: a web app on the shared packages
  (`--web-only` writes just the app, for a service that exists already: `make new-service
  name=testai web=only`);
- then the lock file (`uv lock`), the environment, the OpenAPI documents, the catalogue the web apps
  read and the typed client (`make client`), so nothing is left to do by hand.

Everything else (start_all.py, the gateway, the images, CI) finds the service by its folder.
"""

import argparse
import importlib.util
import re
import shutil
import string
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

from tools.catalog import CatalogError, discover, port_for

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "templates"
# Top-level names of the repository: a service package may not shadow them.
RESERVED = {
    "alif",
    "alembic",
    "bench",
    "frontends",
    "nginx",
    "services",
    "shared",
    "tests",
    "tools",
}
COMPOSE_END_OF_APIS = "  # --- end of APIs ---\n"
COMPOSE_ENTRY = """\
  {name}:
    <<: *api
    build: {{ <<: *api-build, args: {{ SERVICE: {name} }} }}
    image: alif24-{name}:${{RELEASE:-latest}}
    env_file: [.env, {{ path: .env.{name}, required: false }}]

"""
_REVISION = re.compile(r'^revision: str = "([0-9a-f]+)"', re.MULTILINE)
_DOWN_REVISION = re.compile(r'^down_revision: str \| None = (?:"([0-9a-f]+)"|None)', re.MULTILINE)


def compose_entry(name: str) -> str:
    return COMPOSE_ENTRY.format(name=name)


def add_to_compose(root: Path, name: str) -> None:
    """Add the service's API to docker-compose.yml, before the end-of-APIs marker."""
    compose = root / "docker-compose.yml"
    if not compose.exists():
        return
    text = compose.read_text()
    if f"\n  {name}:\n" in text:
        return
    if COMPOSE_END_OF_APIS not in text:
        raise SystemExit(f"docker-compose.yml has no {COMPOSE_END_OF_APIS.strip()!r} line.")
    compose.write_text(text.replace(COMPOSE_END_OF_APIS, compose_entry(name) + COMPOSE_END_OF_APIS))


def check_name(name: str) -> None:
    if not re.fullmatch(r"[a-z][a-z0-9]{1,19}", name):
        raise SystemExit(
            "A service name is 2-20 lower-case letters or digits, starting with a letter."
        )
    # The name is the import package too: it may not hide a module the platform imports.
    if name in RESERVED or name in sys.stdlib_module_names or importlib.util.find_spec(name):
        raise SystemExit(f"{name!r} is already a Python module here; choose another name.")


def alembic_head(versions: Path) -> str:
    """The one head of the migration history in `versions`."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in versions.glob("*.py"):
        text = path.read_text()
        if revision := _REVISION.search(text):
            revisions.add(revision.group(1))
        if (parent := _DOWN_REVISION.search(text)) and parent.group(1):
            parents.add(parent.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise SystemExit(f"alembic/versions has {len(heads)} heads; the history must be linear.")
    return heads.pop()


def add_migration(root: Path, name: str, now: datetime | None = None) -> Path:
    """The migration that creates the sample table, on top of the current head."""
    now = now or datetime.now(UTC)
    versions = root / "alembic" / "versions"
    values = {
        "name": name,
        "revision": uuid.uuid4().hex[:12],
        "down_revision": alembic_head(versions),
        "created": now.strftime("%Y-%m-%d %H:%M:%S"),
    }
    target = versions / f"{now:%Y-%m-%d-%H%M}_{name}_items.py"
    target.write_text(render(TEMPLATES / "migration.py", values))
    return target


def render(source: Path, values: dict[str, str]) -> str:
    """Python templates use `$name` placeholders (string.Template)."""
    return string.Template(source.read_text()).substitute(values)


def render_web(source: Path, values: dict[str, str]) -> str:
    """Web templates use `__name__` placeholders: `${...}` is TypeScript's own syntax."""
    text = source.read_text()
    for key, value in values.items():
        text = text.replace(f"__{key}__", value)
    return text


def copy_template(
    template: Path, target: Path, values: dict[str, str], *, web: bool = False
) -> None:
    """Each file of `template` into `target`, placeholders filled in; a folder named `package`
    becomes the service's package."""
    for source in sorted(template.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts or "node_modules" in source.parts:
            continue
        relative = source.relative_to(template)
        parts = [values["package"] if part == "package" else part for part in relative.parts]
        destination = target.joinpath(*parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(render_web(source, values) if web else render(source, values))


def create(
    name: str, port: int | None, description: str, root: Path = ROOT, *, web: bool = False
) -> Path:
    """Write the service's files (and its app's with `web`); `finish` runs the tools after."""
    target = root / "services" / name
    app = root / "frontends" / "apps" / name
    if target.exists():
        raise SystemExit(f"services/{name} exists already.")
    check_name(name)
    if web and app.exists():
        raise SystemExit(f"frontends/apps/{name} exists already.")
    try:
        if port is None:
            port = port_for(name, root)
        elif port in {s.port for s in discover(root)}:
            raise CatalogError(f"port {port} is taken by another service")
    except CatalogError as error:
        raise SystemExit(str(error)) from None
    values = {
        "name": name,
        "Name": name.title(),
        "package": name,
        "port": str(port),
        "description": description,
    }
    copy_template(TEMPLATES / "service", target, values)
    add_to_compose(root, name)
    if (root / "alembic" / "versions").is_dir():
        add_migration(root, name)
    if web:
        copy_template(TEMPLATES / "web", app, values, web=True)
    return target


def create_web(name: str, description: str, root: Path = ROOT) -> Path:
    """Only the web app, for a service that was built before it had one."""
    app = root / "frontends" / "apps" / name
    if not (root / "services" / name).is_dir():
        raise SystemExit(f"services/{name} does not exist; create the service with its app.")
    if app.exists():
        raise SystemExit(f"frontends/apps/{name} exists already.")
    values = {"name": name, "Name": name.title(), "package": name, "description": description}
    copy_template(TEMPLATES / "web", app, values, web=True)
    return app


def _run(command: list[str], cwd: Path) -> None:
    print("+ " + " ".join(command), flush=True)
    if subprocess.run(command, cwd=cwd, check=False).returncode != 0:  # noqa: S603 - fixed argv
        raise SystemExit(f"`{' '.join(command)}` failed; fix it and run it again.")


def finish(root: Path, name: str, *, web: bool, service: bool = True) -> None:
    """What makes the new files a working service: the lock, the environment, the clients
    (without `service`, only what a new app of an existing service needs)."""
    uv = shutil.which("uv")
    if uv is None:
        raise SystemExit("uv is not installed (make install installs it).")
    if service:
        _run([uv, "lock"], root)
        _run([uv, "sync", "--frozen", "--all-packages"], root)
        # The template is written for any name; isort order and line breaks depend on the name.
        python_files = [
            f"services/{name}",
            *map(str, (root / "alembic" / "versions").glob(f"*_{name}_items.py")),
        ]
        ruff = [uv, "run", "--frozen", "ruff"]
        _run([*ruff, "check", "--fix", "--select", "I", *python_files], root)
        _run([*ruff, "format", *python_files], root)
    # The documents and the catalogue, which marks whether the service has an app.
    _run([uv, "run", "--frozen", "python", "-m", "tools.export_openapi"], root)
    frontends = root / "frontends"
    npm = shutil.which("npm")
    if npm is None:
        print("npm is not installed: run `make client` once Node is there (the web client).")
        return
    if web:
        # A new workspace member enters package-lock.json; npm ci would refuse the old lock.
        _run([npm, "install", "--no-audit", "--no-fund"], frontends)
    elif not (frontends / "node_modules").exists():
        _run([npm, "ci", "--no-audit", "--no-fund"], frontends)
    _run([npm, "run", "generate"], frontends)
    if web:
        _run([npm, "exec", "--", "biome", "check", "--write", f"apps/{name}"], frontends)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("name")
    parser.add_argument("--port", type=int, help="default: its planned port, or the next free one")
    parser.add_argument("--description", default="a new ALIF24 service")
    parser.add_argument("--web", action="store_true", help="add its web app in frontends/apps")
    parser.add_argument(
        "--web-only", action="store_true", help="only the web app of an existing service"
    )
    args = parser.parse_args()
    if (args.web or args.web_only) and shutil.which("npm") is None:
        raise SystemExit("--web needs Node 20 and npm.")
    if args.web_only:
        written = create_web(args.name, args.description)
        finish(ROOT, args.name, web=True, service=False)
        print(f"Created {written.relative_to(ROOT)}; `make run` serves it once built.")
        return
    target = create(args.name, args.port, args.description, web=args.web)
    finish(ROOT, args.name, web=args.web)
    app = f" and frontends/apps/{args.name}" if args.web else ""
    print(
        f"Created {target.relative_to(ROOT)}{app}, its migration and docker-compose.yml entry;"
        f" it is served on {args.name}.<DOMAIN> (add the DNS record)."
        " Next: make migrate && make test"
    )


if __name__ == "__main__":
    main()
