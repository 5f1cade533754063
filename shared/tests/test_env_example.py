"""`.env.example` documents every setting of every service and every variable docker compose
reads, and nothing else."""

import importlib
import re
import tomllib
from pathlib import Path

import pytest

from alif.config import CommonSettings

ROOT = Path(__file__).resolve().parents[2]


def _settings_classes() -> list[type[CommonSettings]]:
    for pyproject in ROOT.glob("services/*/pyproject.toml"):
        app = tomllib.loads(pyproject.read_text())["tool"]["alif"]["app"]
        importlib.import_module(app.split(".")[0] + ".config")
    found: list[type[CommonSettings]] = [CommonSettings]
    for cls in found:
        found.extend(cls.__subclasses__())
    return found


def test_every_setting_is_in_env_example_and_every_variable_is_a_setting() -> None:
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M))
    settings = {name.upper() for cls in _settings_classes() for name in cls.model_fields}
    assert settings - documented == set(), "add these to .env.example"
    compose = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", (ROOT / "docker-compose.yml").read_text()))
    assert documented - settings - compose == set(), "neither a setting nor used by compose"


def test_every_line_is_a_comment_a_blank_or_a_setting() -> None:
    """Compose's own .env reader refuses a line that is not `NAME=value` (a leftover merge marker
    such as `=======` stops `docker compose` before anything starts), where python-dotenv, which
    the other tests read with, only warns."""
    for number, line in enumerate((ROOT / ".env.example").read_text().splitlines(), 1):
        assert line == "" or line.startswith("#") or re.match(r"[A-Z][A-Z0-9_]*=", line), (
            f".env.example line {number}: {line!r}"
        )


def test_every_service_starts_from_an_unchanged_env_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first `cp .env.example .env` (and `make run` beside it) reads the example as it is:
    its empty values (`LOG_JSON=`, `COOKIE_DOMAIN=`) are unset, not invalid."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)
    for settings_class in _settings_classes():
        settings = settings_class(_env_file=ROOT / ".env.example", data_dir=tmp_path)
        assert settings.log_json is None
        assert settings.cookie_domain is None
        assert settings.is_sqlite
