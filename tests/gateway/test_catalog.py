"""The one list of services (tools/catalog.py)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tools import catalog

ROOT = Path(__file__).resolve().parents[2]


def service_folder(root: Path, name: str, body: str) -> None:
    (root / "services" / name).mkdir(parents=True)
    (root / "services" / name / "pyproject.toml").write_text(body)


def test_the_repository_services() -> None:
    services = {s.name: s for s in catalog.discover(ROOT)}
    assert services["main"].subdomain == ""
    assert services["main"].host("alif24.uz") == "alif24.uz"
    assert services["games"].host("alif24.uz") == "games.alif24.uz"
    assert services["main"].gateway.rate_limit["auth/login"] == "login"


def test_folders_without_tool_alif_are_not_services(tmp_path: Path) -> None:
    service_folder(tmp_path, "notes", '[project]\nname = "notes"\n')
    assert catalog.discover(tmp_path) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[tool.alif]\nport = 80\nsubdomain = "a"\napp = "a.app:f"\n', "unprivileged"),
        ('[tool.alif]\nport = 8100\nsubdomain = "A B"\napp = "a.app:f"\n', "DNS label"),
        ('[tool.alif]\nport = 8100\nsubdomain = "a"\napp = "a.app"\n', "factory"),
        ('[tool.alif]\nport = 8100\nsubdomain = "a"\n', "needs port, subdomain and app"),
        (
            '[tool.alif]\nport = 8100\nsubdomain = "a"\napp = "a.app:f"\n'
            '[tool.alif.gateway]\nuploads = { "../x" = "1m" }\n',
            "paths",
        ),
        (
            '[tool.alif]\nport = 8100\nsubdomain = "a"\napp = "a.app:f"\n'
            '[tool.alif.gateway]\nuploads = { "x/" = "a lot" }\n',
            "size",
        ),
        (
            '[tool.alif]\nport = 8100\nsubdomain = "a"\napp = "a.app:f"\n'
            '[tool.alif.gateway]\nspeed = "fast"\n',
            "unknown gateway keys",
        ),
    ],
)
def test_mistakes_are_reported_with_the_file(tmp_path: Path, body: str, message: str) -> None:
    service_folder(tmp_path, "quiz", body)
    with pytest.raises(catalog.CatalogError, match=message):
        catalog.discover(tmp_path)


def test_ports_and_subdomains_are_unique(tmp_path: Path) -> None:
    service_folder(tmp_path, "one", '[tool.alif]\nport = 8100\nsubdomain = "x"\napp = "a:f"\n')
    service_folder(tmp_path, "two", '[tool.alif]\nport = 8101\nsubdomain = "x"\napp = "b:f"\n')
    with pytest.raises(catalog.CatalogError, match="share the subdomain"):
        catalog.discover(tmp_path)


def test_uvicorn_trusts_only_the_gateway_and_outlives_its_keepalive() -> None:
    command = catalog.uvicorn_command(catalog.find("games", ROOT), host="127.0.0.1")
    assert command[command.index("--forwarded-allow-ips") + 1] == "127.0.0.1"
    assert "--proxy-headers" in command
    assert command[command.index("--port") + 1] == "8004"
    assert command[command.index("--timeout-keep-alive") + 1] == "75"


def test_the_command_line_lists_services_as_json() -> None:
    result = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "tools" / "catalog.py"), "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    names = [s["name"] for s in json.loads(result.stdout)]
    assert names == [s.name for s in catalog.discover(ROOT)]
    assert "main" in names
