"""lessions' background jobs: the worker runs `python -m alif.jobs lessions.jobs:jobs`."""

import uuid
from typing import Any

from alif.db import utcnow
from alif.jobs import JobContext, Jobs
from lessions.config import LessionsSettings
from lessions.courses.models import LessonVersion
from lessions.media import read_aloud as stories
from lessions.media import service as media
from lessions.media.service import storage_for

jobs = Jobs("lessions", LessionsSettings)


@jobs.job("read_aloud")
async def read_aloud(ctx: JobContext, payload: dict[str, Any]) -> None:
    """A story's pages said aloud by the first voice that can (a failure retries)."""
    settings = ctx.settings
    assert isinstance(settings, LessionsSettings)
    version = await ctx.session.get(LessonVersion, uuid.UUID(payload["version_id"]))
    if version is not None:
        await stories.read_aloud(
            ctx.session, settings, storage_for(settings), version, payload.get("blocks")
        )


@jobs.job("delete_files")
async def delete_files(ctx: JobContext, payload: dict[str, Any]) -> None:
    """A deleted upload's files (and its picture's copies), unless another row names them."""
    settings = ctx.settings
    assert isinstance(settings, LessionsSettings)
    await media.delete_files(ctx.session, storage_for(settings), list(payload["keys"]))


@jobs.job("collect_files", cron="40 3 * * *")  # 03:40 in Tashkent, when nobody uploads
async def collect_files(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Files no row names: an upload whose row never committed, a replaced cover."""
    settings = ctx.settings
    assert isinstance(settings, LessionsSettings)
    await media.collect_files(ctx.session, storage_for(settings), utcnow())
