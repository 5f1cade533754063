"""Lessons made from the groups' weekly schedules, holidays that skip (or cancel) them, moves
and cancellations, make-up lessons, and attendance marked per lesson."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import add_unique, upsert
from alif.kernel import queries as kernel
from alif.kernel.models import StudyGroup
from alif.text import normalize_uzbek
from crm.groups import service as groups
from crm.groups.exceptions import RoomNotFound
from crm.groups.models import Enrolment, Freeze, Group, GroupSlot, Room
from crm.lessons.exceptions import (
    HolidayExists,
    LessonCancelled,
    LessonConflict,
    LessonNotFound,
    NotOnRoster,
    PeriodTooLong,
)
from crm.lessons.models import (
    Attendance,
    Holiday,
    Lesson,
    LessonKind,
    LessonStatus,
    MakeupStudent,
)
from crm.lessons.schemas import LessonCollision, LessonTime, MakeupCreate, MarkFor
from crm.staff.models import StaffRole
from crm.staff.permissions import Office
from crm.students import service as students
from crm.students.models import Student

MAX_GENERATE_DAYS = 93  # a term at a time
MAX_LIST_DAYS = 42


@dataclass(frozen=True)
class LessonView:
    lesson: Lesson
    study_group: StudyGroup


def days(starts_on: date, ends_on: date) -> Iterator[date]:
    day = starts_on
    while day <= ends_on:
        yield day
        day += timedelta(days=1)


async def holidays_between(
    db: AsyncSession, organization_id: uuid.UUID, starts_on: date, ends_on: date
) -> set[date]:
    return set(
        await db.scalars(
            select(Holiday.on).where(
                Holiday.organization_id == organization_id,
                Holiday.on >= starts_on,
                Holiday.on <= ends_on,
            )
        )
    )


async def list_holidays(db: AsyncSession, organization_id: uuid.UUID) -> list[Holiday]:
    return list(
        await db.scalars(
            select(Holiday).where(Holiday.organization_id == organization_id).order_by(Holiday.on)
        )
    )


async def add_holiday(db: AsyncSession, organization_id: uuid.UUID, on: date, name: str) -> Holiday:
    """A day off; lessons already made for it are cancelled (kept, so reports still show them)."""
    holiday = Holiday(organization_id=organization_id, on=on, name=normalize_uzbek(name))
    await add_unique(db, holiday, taken=HolidayExists())
    for lesson in await db.scalars(
        select(Lesson).where(
            Lesson.organization_id == organization_id,
            Lesson.on == on,
            Lesson.kind == LessonKind.regular,
            Lesson.status == LessonStatus.scheduled,
        )
    ):
        lesson.status = LessonStatus.cancelled
        lesson.cancel_reason = holiday.name
    await db.flush()
    return holiday


def slot_dates(
    group: Group, slots: list[GroupSlot], starts_on: date, ends_on: date, holidays: set[date]
) -> Iterator[tuple[date, GroupSlot]]:
    """The schedule's lessons of a group between two days: within the group's dates, no
    holiday."""
    first = max(starts_on, group.starts_on)
    last = ends_on if group.ends_on is None else min(ends_on, group.ends_on)
    for day in days(first, last):
        if day in holidays:
            continue
        for slot in slots:
            if slot.weekday == day.weekday():
                yield day, slot


async def generate(
    db: AsyncSession,
    organization_id: uuid.UUID,
    starts_on: date,
    ends_on: date,
    group_id: uuid.UUID | None,
) -> int:
    """Make the lessons the schedules promise between two days; what exists (moved or cancelled
    included) is kept, so generating twice makes nothing twice."""
    if (ends_on - starts_on).days >= MAX_GENERATE_DAYS:
        raise PeriodTooLong(details={"max_days": MAX_GENERATE_DAYS})
    await kernel.lock_organization(db, organization_id)
    query = select(Group).where(Group.organization_id == organization_id)
    if group_id is not None:
        query = query.where(Group.id == group_id)
    group_rows = list(await db.scalars(query))
    slots = await groups.slots_of(db, [g.id for g in group_rows])
    holidays = await holidays_between(db, organization_id, starts_on, ends_on)
    rows = await db.execute(
        select(Lesson.group_id, Lesson.origin_on, Lesson.origin_starts_at).where(
            Lesson.organization_id == organization_id,
            Lesson.origin_on >= starts_on,
            Lesson.origin_on <= ends_on,
        )
    )
    existing = {(group_id, on, at) for group_id, on, at in rows}
    created = 0
    for group in group_rows:
        for day, slot in slot_dates(group, slots[group.id], starts_on, ends_on, holidays):
            if (group.id, day, slot.starts_at) in existing:
                continue
            db.add(
                Lesson(
                    organization_id=organization_id,
                    group_id=group.id,
                    room_id=group.room_id,
                    on=day,
                    starts_at=slot.starts_at,
                    ends_at=slot.ends_at,
                    origin_on=day,
                    origin_starts_at=slot.starts_at,
                )
            )
            created += 1
    await db.flush()
    return created


async def _views(db: AsyncSession, lessons: list[Lesson]) -> list[LessonView]:
    group_rows = {
        g.id: g
        for g in await db.scalars(select(Group).where(Group.id.in_({x.group_id for x in lessons})))
    }
    study_groups = {
        g.id: g
        for g in await kernel.get_groups(db, [g.study_group_id for g in group_rows.values()])
    }
    return [
        LessonView(lesson, study_groups[group_rows[lesson.group_id].study_group_id])
        for lesson in lessons
    ]


async def list_lessons(
    db: AsyncSession,
    office: Office,
    starts_on: date,
    ends_on: date,
    group_id: uuid.UUID | None = None,
    teacher_id: uuid.UUID | None = None,
    room_id: uuid.UUID | None = None,
) -> list[LessonView]:
    """A teacher's day, a room's week, a group's month; a teacher sees only their own groups."""
    if (ends_on - starts_on).days >= MAX_LIST_DAYS:
        raise PeriodTooLong(details={"max_days": MAX_LIST_DAYS})
    query = select(Lesson).where(
        Lesson.organization_id == office.organization_id,
        Lesson.on >= starts_on,
        Lesson.on <= ends_on,
    )
    if group_id is not None:
        query = query.where(Lesson.group_id == group_id)
    if room_id is not None:
        query = query.where(Lesson.room_id == room_id)
    lessons = list(await db.scalars(query.order_by(Lesson.on, Lesson.starts_at)))
    views = await _views(db, lessons)
    if office.role is StaffRole.teacher:
        teacher_id = office.user_id
    if teacher_id is not None:
        views = [v for v in views if v.study_group.teacher_id == teacher_id]
    return views


async def get_lesson(db: AsyncSession, office: Office, lesson_id: uuid.UUID) -> LessonView:
    lesson = await db.get(Lesson, lesson_id)
    if lesson is None or lesson.organization_id != office.organization_id:
        raise LessonNotFound()
    (view,) = await _views(db, [lesson])
    if office.role is StaffRole.teacher and view.study_group.teacher_id != office.user_id:
        raise LessonNotFound()
    return view


async def _collisions(
    db: AsyncSession,
    organization_id: uuid.UUID,
    teacher_id: uuid.UUID,
    when: LessonTime,
    exclude: uuid.UUID | None,
) -> list[LessonCollision]:
    query = select(Lesson).where(
        Lesson.organization_id == organization_id,
        Lesson.on == when.on,
        Lesson.status == LessonStatus.scheduled,
        Lesson.starts_at < when.ends_at,
        Lesson.ends_at > when.starts_at,
    )
    if exclude is not None:
        query = query.where(Lesson.id != exclude)
    found: list[LessonCollision] = []
    for view in await _views(db, list(await db.scalars(query))):
        lesson = view.lesson
        busy = []
        if when.room_id is not None and lesson.room_id == when.room_id:
            busy.append("room")
        if view.study_group.teacher_id == teacher_id:
            busy.append("teacher")
        found.extend(
            LessonCollision(
                lesson_id=lesson.id,
                group_id=lesson.group_id,
                busy=what,
                on=lesson.on,
                starts_at=lesson.starts_at,
                ends_at=lesson.ends_at,
            )
            for what in busy
        )
    return found


async def _check_time(
    db: AsyncSession,
    organization_id: uuid.UUID,
    teacher_id: uuid.UUID,
    when: LessonTime,
    exclude: uuid.UUID | None = None,
) -> None:
    if when.room_id is not None:
        room = await db.get(Room, when.room_id)
        if room is None or room.organization_id != organization_id:
            raise RoomNotFound()
    await kernel.lock_organization(db, organization_id)
    if collisions := await _collisions(db, organization_id, teacher_id, when, exclude):
        raise LessonConflict(
            details={"collisions": [c.model_dump(mode="json") for c in collisions]}
        )


async def move(db: AsyncSession, view: LessonView, when: LessonTime) -> LessonView:
    lesson = view.lesson
    if lesson.status is LessonStatus.cancelled:
        raise LessonCancelled()
    await _check_time(db, lesson.organization_id, view.study_group.teacher_id, when, lesson.id)
    lesson.on = when.on
    lesson.starts_at = when.starts_at
    lesson.ends_at = when.ends_at
    lesson.room_id = when.room_id
    await db.flush()
    return view


async def cancel(db: AsyncSession, view: LessonView, reason: str) -> LessonView:
    view.lesson.status = LessonStatus.cancelled
    view.lesson.cancel_reason = reason
    await db.flush()
    return view


async def add_makeup(db: AsyncSession, office: Office, data: MakeupCreate) -> LessonView:
    group = await groups.get_group(db, office, data.group_id)
    await _check_time(db, office.organization_id, group.study_group.teacher_id, data)
    for row in data.students:
        await students.get_student(db, office.organization_id, row.student_id)
        if row.missed_lesson_id is not None:
            missed = await get_lesson(db, office, row.missed_lesson_id)
            if missed.lesson.group_id != group.group.id:
                raise LessonNotFound()
    lesson = Lesson(
        id=uuid.uuid4(),
        organization_id=office.organization_id,
        group_id=group.group.id,
        room_id=data.room_id,
        on=data.on,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        kind=LessonKind.makeup,
    )
    db.add(lesson)
    await db.flush()
    db.add_all(
        MakeupStudent(
            lesson_id=lesson.id, student_id=row.student_id, missed_lesson_id=row.missed_lesson_id
        )
        for row in {r.student_id: r for r in data.students}.values()
    )
    await db.flush()
    return LessonView(lesson, group.study_group)


async def roster(db: AsyncSession, lesson: Lesson) -> list[Student]:
    """Who should be at the lesson: the group's students that day, not frozen; for a make-up,
    the students it was made for."""
    if lesson.kind is LessonKind.makeup:
        query = (
            select(Student)
            .join(MakeupStudent, MakeupStudent.student_id == Student.id)
            .where(MakeupStudent.lesson_id == lesson.id)
        )
    else:
        frozen = select(Freeze.id).where(
            Freeze.enrolment_id == Enrolment.id,
            Freeze.starts_on <= lesson.on,
            Freeze.ends_on >= lesson.on,
        )
        query = (
            select(Student)
            .join(Enrolment, Enrolment.student_id == Student.id)
            .where(
                Enrolment.group_id == lesson.group_id,
                Enrolment.starts_on <= lesson.on,
                or_(Enrolment.ends_on.is_(None), Enrolment.ends_on >= lesson.on),
                ~frozen.exists(),
            )
        )
    return list(await db.scalars(query.order_by(Student.first_name, Student.last_name)))


async def marks_of(db: AsyncSession, lesson_id: uuid.UUID) -> dict[uuid.UUID, Attendance]:
    rows = await db.scalars(
        select(Attendance)
        .where(Attendance.lesson_id == lesson_id)
        .execution_options(populate_existing=True)  # marks just written by an upsert
    )
    return {row.student_id: row for row in rows}


async def mark(
    db: AsyncSession, view: LessonView, marks: list[MarkFor], by: uuid.UUID
) -> LessonView:
    """Marks for students on the lesson's list; marking again changes the mark."""
    lesson = view.lesson
    if lesson.status is LessonStatus.cancelled:
        raise LessonCancelled()
    on_roster = {student.id for student in await roster(db, lesson)}
    if stray := [str(m.student_id) for m in marks if m.student_id not in on_roster]:
        raise NotOnRoster(details={"student_ids": stray})
    # One statement per mark that inserts or changes it: the first marks of a lesson sent twice at
    # the same moment (a double tap, two staff) both succeed, the later one's mark standing.
    for row in marks:
        await upsert(
            db,
            Attendance,
            {
                "lesson_id": lesson.id,
                "student_id": row.student_id,
                "mark": row.mark,
                "marked_by_id": by,
            },
            unique=("lesson_id", "student_id"),
            update=("mark", "marked_by_id"),
        )
    await db.flush()
    return view
