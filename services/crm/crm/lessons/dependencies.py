import uuid
from typing import Annotated

from fastapi import Depends

from alif.db import SessionDep
from crm.lessons import service
from crm.lessons.service import LessonView
from crm.staff.dependencies import AttendanceMarker, GroupViewer, LessonManager


async def viewable_lesson(lesson_id: uuid.UUID, office: GroupViewer, db: SessionDep) -> LessonView:
    return await service.get_lesson(db, office, lesson_id)


async def managed_lesson(lesson_id: uuid.UUID, office: LessonManager, db: SessionDep) -> LessonView:
    return await service.get_lesson(db, office, lesson_id)


async def markable_lesson(
    lesson_id: uuid.UUID, office: AttendanceMarker, db: SessionDep
) -> LessonView:
    return await service.get_lesson(db, office, lesson_id)


ViewableLesson = Annotated[LessonView, Depends(viewable_lesson)]
ManagedLesson = Annotated[LessonView, Depends(managed_lesson)]
MarkableLesson = Annotated[LessonView, Depends(markable_lesson)]
