import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import CurrentUser, TeachingUser
from alif.db import SessionDep
from alif.dependencies import settings_of
from alif.storage import Storage
from lessions.config import LessionsSettings
from lessions.courses import service
from lessions.courses.models import Course, Lesson
from lessions.media import service as media


async def valid_visible_course(course_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> Course:
    """A course the user may see; one they may not is not found."""
    return await service.course_for_viewer(db, user, course_id)


async def valid_authored_course(course_id: uuid.UUID, user: TeachingUser, db: SessionDep) -> Course:
    """A course the user authors (a moderator: any catalogue course); another's is not found."""
    return await service.course_for_author(db, user, course_id)


async def valid_authored_lesson(lesson_id: uuid.UUID, user: TeachingUser, db: SessionDep) -> Lesson:
    return await service.lesson_for_author(db, user, lesson_id)


VisibleCourseDep = Annotated[Course, Depends(valid_visible_course)]
AuthoredCourseDep = Annotated[Course, Depends(valid_authored_course)]
AuthoredLessonDep = Annotated[Lesson, Depends(valid_authored_lesson)]
SettingsDep = Annotated[LessionsSettings, Depends(settings_of(LessionsSettings))]


def storage(settings: SettingsDep) -> Storage:
    return media.storage_for(settings)


StorageDep = Annotated[Storage, Depends(storage)]
