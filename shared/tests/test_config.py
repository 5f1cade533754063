"""Outside development the process refuses to start with a missing or placeholder secret."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from alif.config import CommonSettings, is_placeholder
from alif.keys import development_private_key, public_key_to_pem

POSTGRES = "postgresql+asyncpg://alif:pw@db:5432/alif"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """CI sets DATABASE_URL and REDIS_URL for the whole run; these tests build their own."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)


def test_development_defaults_to_the_embedded_database(tmp_path: Path) -> None:
    settings = CommonSettings(_env_file=None, data_dir=tmp_path)
    assert settings.database_url == f"sqlite+aiosqlite:///{tmp_path / 'alif24.db'}"
    assert not settings.json_logs


def test_production_refuses_unsafe_settings() -> None:
    with pytest.raises(ValidationError) as error:
        CommonSettings(_env_file=None, environment="production", cookie_secure=False)
    message = str(error.value)
    for problem in ("JWT_PUBLIC_KEYS", "SQLite", "COOKIE_SECURE"):
        assert problem in message


def test_production_starts_with_real_settings(tmp_path: Path) -> None:
    public = public_key_to_pem(development_private_key(tmp_path).public_key())
    settings = CommonSettings(
        _env_file=None, environment="production", database_url=POSTGRES, jwt_public_keys=public
    )
    assert settings.json_logs


@pytest.mark.parametrize("value", ["", "  ", "change-me", "CHANGEME", "secret", "xxx-your-key"])
def test_placeholders_are_recognised(value: str) -> None:
    assert is_placeholder(value)


def test_a_real_secret_is_not_a_placeholder() -> None:
    assert not is_placeholder("tq8v3Wm2yN0aZ5bK")


def test_an_empty_variable_means_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    """`.env.example` carries `LOG_JSON=`: empty must give the default, not a refused value."""
    for name in ("LOG_JSON", "DATABASE_POOL_SIZE", "COOKIE_SECURE", "REDIS_URL", "FREE_FEATURES"):
        monkeypatch.setenv(name, "")
    settings = CommonSettings(_env_file=None)
    assert settings.log_json is None
    assert settings.database_pool_size == 4
    assert settings.cookie_secure is True
    assert settings.redis_url is None
    assert settings.free_features == frozenset()
