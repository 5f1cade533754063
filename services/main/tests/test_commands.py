"""Operator commands run against their own database, outside any request."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from alif.auth import Role
from alif.db import standalone_session
from alif.kernel.models import FamilyLink, User
from alif.testing import migrate
from alif_main import demo
from alif_main.accounts_cli import create_admin
from alif_main.config import MainSettings


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> MainSettings:
    folder: Path = tmp_path_factory.mktemp("commands")
    url = f"sqlite+aiosqlite:///{folder / 'commands.db'}"
    migrate(url)
    return MainSettings(_env_file=None, database_url=url, data_dir=folder)


async def test_the_first_admin_is_created_by_a_command(settings: MainSettings) -> None:
    message = await create_admin(settings, "+998 90 000 77 77", "Bosh Admin", "Ishonchli-parol-26")
    assert "+998900007777" in message
    async with standalone_session(settings) as db:
        admin = await db.scalar(select(User).where(User.phone == "+998900007777"))
    assert admin is not None
    assert admin.role is Role.admin
    assert admin.password_hash is not None
    assert admin.password_hash.startswith("$argon2id$")
    with pytest.raises(SystemExit, match="exists already"):
        await create_admin(settings, "+998900007777", "Ikkinchi", "Ishonchli-parol-26")


async def test_a_weak_admin_password_is_refused(settings: MainSettings) -> None:
    with pytest.raises(SystemExit, match="easy to guess"):
        await create_admin(settings, "boss@alif24.uz", "Boss", "password1")


async def test_demo_data_is_added_once(settings: MainSettings) -> None:
    assert (await demo.seed(settings)).startswith("Demo data added")
    assert (await demo.seed(settings)).startswith("Demo data is already there")
    async with standalone_session(settings) as db:
        links = await db.scalar(select(func.count()).select_from(FamilyLink))
    assert links == 2


async def test_demo_data_is_never_added_outside_development(settings: MainSettings) -> None:
    test_settings = settings.model_copy(update={"environment": "test"})
    with pytest.raises(SystemExit, match="only for development"):
        await demo.seed(test_settings)
