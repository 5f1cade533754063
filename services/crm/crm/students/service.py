"""Student cards of one organization; another organization's card is not found."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from alif.db import find_page
from alif.schemas import Found
from alif.text import contains, normalize_uzbek
from crm.staff.permissions import Office
from crm.students.exceptions import StudentNotFound
from crm.students.models import Student
from crm.students.models import StudentChange as StudentChangeRow
from crm.students.schemas import StudentChange, StudentFields, StudentFilter

# The card's fields whose changes the history keeps (the debt has its own: the money entries).
HISTORY_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "birth_date",
    "parent_name",
    "parent_phone",
    "notes",
)


async def _by_key(db: AsyncSession, organization_id: uuid.UUID, key: uuid.UUID) -> Student | None:
    return await db.scalar(
        select(Student).where(
            Student.organization_id == organization_id, Student.idempotency_key == key
        )
    )


async def add_student(
    db: AsyncSession, office: Office, data: StudentFields, key: uuid.UUID | None = None
) -> Student:
    if key is not None and (existing := await _by_key(db, office.organization_id, key)):
        return existing
    student = Student(
        organization_id=office.organization_id,
        first_name=normalize_uzbek(data.first_name),
        last_name=normalize_uzbek(data.last_name),
        phone=data.phone,
        birth_date=data.birth_date,
        parent_name=normalize_uzbek(data.parent_name),
        parent_phone=data.parent_phone,
        notes=data.notes,
        idempotency_key=key,
        created_by_id=office.user_id,
    )
    try:
        async with db.begin_nested():
            db.add(student)
            await db.flush()
    except IntegrityError:
        # The same key arrived twice at once: the other request's card is the answer.
        if key is None or (found := await _by_key(db, office.organization_id, key)) is None:
            raise
        return found
    return student


async def with_phone(db: AsyncSession, organization_id: uuid.UUID, phone: str) -> list[Student]:
    """The organization's students whose own or parent's phone is this one."""
    return list(
        await db.scalars(
            select(Student)
            .where(
                Student.organization_id == organization_id,
                or_(Student.phone == phone, Student.parent_phone == phone),
            )
            .order_by(Student.created_at, Student.id)
        )
    )


async def list_students(
    db: AsyncSession, organization_id: uuid.UUID, found: StudentFilter
) -> Found[Student]:
    query = select(Student).where(Student.organization_id == organization_id)
    if found.q:
        query = query.where(
            or_(contains(Student.first_name, found.q), contains(Student.last_name, found.q))
        )
    if found.phone:
        query = query.where(or_(Student.phone == found.phone, Student.parent_phone == found.phone))
    columns: list[InstrumentedAttribute[Any]] = (
        [Student.created_at]
        if found.sort.removeprefix("-") == "created_at"
        else [Student.last_name, Student.first_name]
    )
    descending = found.sort.startswith("-")
    order = [c.desc() if descending else c.asc() for c in columns]
    return await find_page(db, query, found, *order, Student.id)


async def get_student(
    db: AsyncSession, organization_id: uuid.UUID, student_id: uuid.UUID
) -> Student:
    student = await db.get(Student, student_id)
    if student is None or student.organization_id != organization_id:
        raise StudentNotFound()
    return student


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


async def change_student(
    db: AsyncSession, student: Student, data: StudentChange, by: uuid.UUID | None = None
) -> Student:
    """Only the fields sent change; a phone or birth date sent as null is cleared. What really
    changed is kept in the card's history with who changed it."""
    before = {name: getattr(student, name) for name in HISTORY_FIELDS}
    changes = data.model_dump(exclude_unset=True)
    for name in ("first_name", "last_name", "parent_name"):
        if changes.get(name) is not None:
            setattr(student, name, normalize_uzbek(changes[name]))
    if changes.get("notes") is not None:
        student.notes = changes["notes"]
    for name in ("phone", "birth_date", "parent_phone"):
        if name in changes:
            setattr(student, name, changes[name])
    changed = {
        name: {"from": _plain(before[name]), "to": _plain(getattr(student, name))}
        for name in HISTORY_FIELDS
        if getattr(student, name) != before[name]
    }
    if changed:
        db.add(StudentChangeRow(student_id=student.id, changes=changed, changed_by_id=by))
    await db.flush()
    return student
