import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import CurrentUser
from alif.db import SessionDep
from lessions.courses.dependencies import SettingsDep
from lessions.courses.models import Course, Lesson
from lessions.progress import service


async def valid_open_lesson(
    lesson_id: uuid.UUID, user: CurrentUser, db: SessionDep, settings: SettingsDep
) -> tuple[Course, Lesson]:
    """The lesson and its course, if the user may open it now (visibility, plan, release)."""
    return await service.lesson_for_learner(db, user, lesson_id, settings)


OpenLessonDep = Annotated[tuple[Course, Lesson], Depends(valid_open_lesson)]
