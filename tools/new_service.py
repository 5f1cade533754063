"""Create a new service from tools/service-template: `make new-service name=quiz port=8007`.

The service is found by everything else from its folder: the uv workspace glob, start_all.py,
alembic (the `alif.models` entry point), the test run, the gateway (tools/catalog.py) and CI's
image builds. The one file that lists services by name, docker-compose.yml, gets the new entry
here (a test checks that it matches the folders).
"""

import argparse
import re
import string
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().parent / "service-template"
COMPOSE_END_OF_APIS = "  # --- end of APIs ---\n"
COMPOSE_ENTRY = """\
  {name}:
    <<: *api
    build: {{ <<: *api-build, args: {{ SERVICE: {name} }} }}
    image: alif24-{name}:${{RELEASE:-latest}}
    env_file: [.env, {{ path: .env.{name}, required: false }}]

"""


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


def used_ports(root: Path = ROOT) -> set[int]:
    ports = set()
    for pyproject in root.glob("services/*/pyproject.toml"):
        alif = tomllib.loads(pyproject.read_text()).get("tool", {}).get("alif", {})
        if "port" in alif:
            ports.add(int(alif["port"]))
    return ports


def create(name: str, port: int | None, description: str, root: Path = ROOT) -> Path:
    if not re.fullmatch(r"[a-z][a-z0-9]{1,19}", name):
        raise SystemExit(
            "A service name is 2-20 lower-case letters or digits, starting with a letter."
        )
    target = root / "services" / name
    if target.exists():
        raise SystemExit(f"services/{name} exists already.")
    taken = used_ports(root)
    port = port or max(taken | {7999}) + 1
    if port in taken:
        raise SystemExit(f"Port {port} is taken.")
    package = name
    values = {
        "name": name,
        "Name": name.title(),
        "package": package,
        "port": str(port),
        "description": description,
    }
    for source in TEMPLATE.rglob("*"):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        relative = source.relative_to(TEMPLATE)
        parts = [package if part == "package" else part for part in relative.parts]
        destination = target.joinpath(*parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(string.Template(source.read_text()).substitute(values))
    add_to_compose(root, name)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name")
    parser.add_argument("--port", type=int)
    parser.add_argument("--description", default="a new ALIF24 service")
    args = parser.parse_args()
    target = create(args.name, args.port, args.description)
    print(
        f"Created {target.relative_to(ROOT)} and its docker-compose.yml entry; its web app is"
        f" {args.name}.<DOMAIN> (add the DNS record). Next: uv sync --all-packages && make test"
    )


if __name__ == "__main__":
    main()
