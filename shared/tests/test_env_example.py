"""`.env.example` documents every setting of every service and every variable docker compose
reads, and nothing else."""

import importlib
import re
import tomllib
from pathlib import Path

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
