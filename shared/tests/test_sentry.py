from collections.abc import Iterator
from pathlib import Path

import pytest
import sentry_sdk

from alif.app import create_app
from alif.config import CommonSettings


@pytest.fixture
def clean_sentry() -> Iterator[None]:
    yield
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # back to a disabled client for the rest of the run


@pytest.mark.usefixtures("clean_sentry")
def test_errors_are_reported_to_sentry_when_a_dsn_is_set(tmp_path: Path) -> None:
    settings = CommonSettings(
        _env_file=None,
        data_dir=tmp_path,
        sentry_dsn="https://public@127.0.0.1:9/42",
        release="2026.11.27",
    )
    create_app(settings, routers=[])
    client = sentry_sdk.get_client()
    assert client.is_active()
    assert client.options["release"] == "2026.11.27"


def test_no_dsn_no_sentry(tmp_path: Path) -> None:
    create_app(CommonSettings(_env_file=None, data_dir=tmp_path), routers=[])
    assert not sentry_sdk.get_client().dsn
