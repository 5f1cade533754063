import uuid
from datetime import date

from fastapi import APIRouter, status
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import SessionDep
from alif.errors import error_responses
from crm.lessons import service
from crm.lessons.dependencies import ManagedLesson, MarkableLesson, ViewableLesson
from crm.lessons.schemas import (
    Cancel,
    Generate,
    Generated,
    HolidayCreate,
    HolidayRead,
    LessonDetail,
    LessonRead,
    LessonTime,
    MakeupCreate,
    Marks,
    RosterRow,
)
from crm.lessons.service import LessonView
from crm.staff.dependencies import AttendanceMarker, GroupViewer, LessonManager

router = APIRouter(prefix="/organizations/{organization_id}", tags=["lessons"])


def _read(view: LessonView) -> LessonRead:
    lesson = view.lesson
    return LessonRead(
        id=lesson.id,
        group_id=lesson.group_id,
        group_name=view.study_group.name,
        teacher_id=view.study_group.teacher_id,
        room_id=lesson.room_id,
        on=lesson.on,
        starts_at=lesson.starts_at,
        ends_at=lesson.ends_at,
        kind=lesson.kind,
        status=lesson.status,
        cancel_reason=lesson.cancel_reason,
        moved=lesson.origin_on is not None
        and (lesson.on, lesson.starts_at) != (lesson.origin_on, lesson.origin_starts_at),
    )


async def _detail(db: AsyncSession, view: LessonView) -> LessonDetail:
    marks = await service.marks_of(db, view.lesson.id)
    return LessonDetail(
        **_read(view).model_dump(),
        roster=[
            RosterRow(
                student_id=s.id,
                first_name=s.first_name,
                last_name=s.last_name,
                mark=marks[s.id].mark if s.id in marks else None,
            )
            for s in await service.roster(db, view.lesson)
        ],
    )


@router.get("/holidays", responses=error_responses(403, 404), summary="The organization's days off")
async def list_holidays(office: GroupViewer, db: SessionDep) -> list[HolidayRead]:
    rows = await service.list_holidays(db, office.organization_id)
    return [HolidayRead.model_validate(row) for row in rows]


@router.post(
    "/holidays",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409),
    summary="Add a day off: no lessons are made for it, and those already made are cancelled",
)
async def add_holiday(data: HolidayCreate, office: LessonManager, db: SessionDep) -> HolidayRead:
    holiday = await service.add_holiday(db, office.organization_id, data.on, data.name)
    return HolidayRead.model_validate(holiday)


@router.post(
    "/lessons/generate",
    responses=error_responses(403, 404, 422),
    summary="Make the lessons the weekly schedules promise between two days (again: nothing twice)",
)
async def generate(data: Generate, office: LessonManager, db: SessionDep) -> Generated:
    created = await service.generate(
        db, office.organization_id, data.starts_on, data.ends_on, data.group_id
    )
    return Generated(created=created)


@router.get(
    "/lessons",
    responses=error_responses(403, 404, 422),
    summary="Lessons between two days (up to six weeks): a teacher's day, a room's week, a group's"
    " month; a teacher sees their own",
)
async def list_lessons(
    office: GroupViewer,
    db: SessionDep,
    starts_on: date,
    ends_on: date,
    group_id: uuid.UUID | None = None,
    teacher_id: uuid.UUID | None = None,
    room_id: uuid.UUID | None = None,
) -> list[LessonRead]:
    views = await service.list_lessons(
        db, office, starts_on, ends_on, group_id, teacher_id, room_id
    )
    return [_read(view) for view in views]


@router.post(
    "/lessons",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 409, 422),
    summary="A make-up lesson for students who missed one",
)
async def add_makeup(data: MakeupCreate, office: LessonManager, db: SessionDep) -> LessonDetail:
    return await _detail(db, await service.add_makeup(db, office, data))


@router.get(
    "/lessons/{lesson_id}",
    responses=error_responses(403, 404),
    summary="A lesson with its list of students and their marks",
)
async def read_lesson(view: ViewableLesson, db: SessionDep) -> LessonDetail:
    return await _detail(db, view)


@router.post(
    "/lessons/{lesson_id}/move",
    responses=error_responses(403, 404, 409, 422),
    summary="Move a lesson to another day, time or room (refused when the room or teacher is busy)",
)
async def move(data: LessonTime, view: ManagedLesson, db: SessionDep) -> LessonDetail:
    return await _detail(db, await service.move(db, view, data))


@router.post(
    "/lessons/{lesson_id}/cancel",
    responses=error_responses(403, 404, 422),
    summary="Cancel a lesson (it stays, marked cancelled, with the reason)",
)
async def cancel(data: Cancel, view: ManagedLesson, db: SessionDep) -> LessonDetail:
    return await _detail(db, await service.cancel(db, view, data.reason))


@router.put(
    "/lessons/{lesson_id}/attendance",
    responses=error_responses(403, 404, 409, 422),
    summary="Mark students present, absent, late or excused (the group's teacher, from a phone)",
)
async def mark(
    data: Marks, view: MarkableLesson, office: AttendanceMarker, db: SessionDep
) -> LessonDetail:
    return await _detail(db, await service.mark(db, view, data.marks, office.user_id))
