"""Alembic environment: the whole schema of every service, one history.

Each service (and the shared kernel) declares its models module under the `alif.models` entry point,
so a new service's tables are seen here without editing this file.
"""

import asyncio
from importlib.metadata import entry_points
from logging.config import fileConfig
from typing import Any

from sqlalchemy.engine import Connection

from alembic import context
from alif.config import CommonSettings
from alif.db import Base, UTCDateTime, create_engine

config = context.config
if config.config_file_name is not None and not config.attributes.get("keep_logging"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

for entry_point in entry_points(group="alif.models"):
    entry_point.load()

target_metadata = Base.metadata


def _render_item(kind: str, item: Any, autogen_context: Any) -> str | bool:
    # Migrations describe the database, not our Python types: UTCDateTime is a timestamptz.
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _settings() -> CommonSettings:
    url = config.get_main_option("sqlalchemy.url")
    return CommonSettings(database_url=url) if url else CommonSettings()


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_engine(_settings())
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=_settings().database_url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
