"""The demo courses `make run` adds: in Uzbek, published, every lesson readable, the stories
read aloud by espeak-ng (when installed), added once."""

import asyncio
import shutil
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from alif.auth import Role
from alif.db import standalone_session
from alif.testing import fresh_database, make_user
from lessions import demo
from lessions.config import LessionsSettings
from lessions.courses import service as courses
from lessions.courses.models import Course, CourseStatus
from lessions.media.service import storage_for, uploads_of


def test_the_demo_course_is_added_once_and_published(
    settings_values: dict[str, Any], tmp_path: Path
) -> None:
    settings = LessionsSettings(
        **{
            **settings_values,
            "environment": "development",
            "database_url": fresh_database(tmp_path),
            "redis_url": None,
        }
    )
    assert "main's demo accounts" in asyncio.run(demo.seed(settings))
    asyncio.run(_add_admin(settings))
    assert "added" in asyncio.run(demo.seed(settings))
    assert "already" in asyncio.run(demo.seed(settings))
    asyncio.run(_check_course(settings))


async def _add_admin(settings: LessionsSettings) -> None:
    async with standalone_session(settings) as db:
        await make_user(db, role=Role.admin, phone=demo.ADMIN_PHONE)


async def _check_course(settings: LessionsSettings) -> None:
    async with standalone_session(settings) as db:
        assert await db.scalar(select(func.count()).select_from(Course)) == len(demo.COURSES)
        for data in demo.COURSES:
            course = await db.scalar(select(Course).where(Course.title == data["title"]))
            assert course is not None and course.status is CourseStatus.published
            lessons = await courses.lessons_of(db, course.id, published_only=True)
            assert len(lessons) == len(data["lessons"])
            for lesson in lessons:
                version = await courses.current_version(db, lesson)
                assert version.blocks
                questions = await courses.questions_of(db, version)
                assert all(q.has_key for q in questions)
                assert questions or data["title"] != demo.STORIES_TITLE
        stories = await db.scalar(select(Course).where(Course.title == demo.STORIES_TITLE))
        assert stories is not None
        storage = storage_for(settings)
        for lesson in await courses.lessons_of(db, stories.id):
            pages = (await courses.current_version(db, lesson)).blocks[0]["pages"]
            assert all(page["picture"] for page in pages)
            if shutil.which("espeak-ng"):  # installed here and in lessions' image
                spoken = {row.id: row for row in await uploads_of(db, lesson.id)}
                for page in pages:
                    row = spoken[uuid.UUID(page["audio_upload_id"])]
                    assert await storage.exists(row.key) and row.size > 1000
