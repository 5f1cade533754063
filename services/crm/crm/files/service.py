"""Import students and leads from an Excel file — every row checked first, a report of each bad
row, and nothing written unless all rows are good — and export the office's lists to Excel."""

import asyncio
import uuid
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.jobs import TASHKENT
from alif.kernel import queries as kernel
from crm.files import excel
from crm.files.exceptions import ImportInvalid
from crm.groups import service as groups
from crm.groups.models import GroupSlot
from crm.leads import service as leads
from crm.leads.models import Lead
from crm.leads.schemas import LeadCreate
from crm.lessons import service as lessons
from crm.money import service as money
from crm.money.models import EntryKind, MoneyEntry
from crm.staff.permissions import Office
from crm.students import service as students
from crm.students.models import Student
from crm.students.schemas import StudentFields

M = TypeVar("M", bound=BaseModel)

MAX_EXPORT_ROWS = 50_000  # an Excel sheet a person can still open
WEEKDAYS = ("Du", "Se", "Ch", "Pa", "Ju", "Sh", "Ya")  # Uzbek short names, Monday first

STUDENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "first_name": ("first_name", "ism", "имя", "first name"),
    "last_name": ("last_name", "familiya", "фамилия", "last name"),
    "phone": ("phone", "telefon", "телефон"),
    "birth_date": ("birth_date", "tugʻilgan sana", "дата рождения", "birth date"),
    "parent_name": ("parent_name", "ota-ona", "ota-onasi", "родитель", "parent"),
    "parent_phone": ("parent_phone", "ota-ona telefoni", "телефон родителя", "parent phone"),
    "notes": ("notes", "izoh", "заметки", "примечание"),
}
LEAD_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "ism", "имя", "fio", "фио"),
    "phone": ("phone", "telefon", "телефон"),
    "source": ("source", "manba", "источник"),
    "subject": ("subject", "fan", "предмет"),
    "level": ("level", "daraja", "уровень"),
    "preferred_times": ("preferred_times", "qulay vaqt", "удобное время", "preferred times"),
}


def _check(rows: list[tuple[int, dict[str, Any]]], model: type[M]) -> list[M]:
    """Every row as the model, or `ImportInvalid` listing each bad row's fields and reasons."""
    good: list[M] = []
    bad: list[dict[str, Any]] = []
    for number, row in rows:
        try:
            good.append(model.model_validate(row))
        except ValidationError as error:
            bad.append(
                {
                    "row": number,
                    "errors": [
                        {"field": ".".join(str(p) for p in e["loc"]) or "row", "message": e["msg"]}
                        for e in error.errors()
                    ],
                }
            )
    if bad:
        raise ImportInvalid(details={"rows": bad, "checked": len(rows)})
    return good


async def import_students(db: AsyncSession, office: Office, data: bytes) -> int:
    rows = await asyncio.to_thread(excel.read, data, STUDENT_COLUMNS)
    for row in _check(rows, StudentFields):
        await students.add_student(db, office, row)
    return len(rows)


async def import_leads(db: AsyncSession, office: Office, data: bytes) -> int:
    rows = await asyncio.to_thread(excel.read, data, LEAD_COLUMNS)
    for row in _check(rows, LeadCreate):
        await leads.add_lead(db, office, row)
    return len(rows)


async def export_students(db: AsyncSession, organization_id: Any) -> bytes:
    cards = await db.scalars(
        select(Student)
        .where(Student.organization_id == organization_id)
        .order_by(Student.first_name, Student.last_name)
    )
    rows = [
        (s.first_name, s.last_name, s.phone, s.birth_date, s.parent_name, s.parent_phone, s.debt)
        for s in cards
    ]
    headers = ("first_name", "last_name", "phone", "birth_date", "parent_name", "parent_phone")
    return await asyncio.to_thread(excel.write, "students", (*headers, "debt_tiyin"), rows)


async def export_leads(db: AsyncSession, organization_id: Any) -> bytes:
    found = await db.scalars(
        select(Lead).where(Lead.organization_id == organization_id).order_by(Lead.created_at)
    )
    rows = [
        (
            lead.name,
            lead.phone,
            lead.source.value,
            lead.status.value,
            lead.subject,
            lead.level,
            lead.preferred_times,
            lead.next_step_on,
            lead.created_at.date(),
        )
        for lead in found
    ]
    headers = (
        "name",
        "phone",
        "source",
        "status",
        "subject",
        "level",
        "preferred_times",
        "next_step_on",
        "created_on",
    )
    return await asyncio.to_thread(excel.write, "leads", headers, rows)


async def export_debtors(db: AsyncSession, organization_id: Any, today: Any) -> bytes:
    found = await money.debtors(db, organization_id, today)
    rows = [
        (
            d.first_name,
            d.last_name,
            d.phone,
            d.parent_phone,
            d.debt,
            d.overdue_since,
            d.days_overdue,
        )
        for d in found
    ]
    headers = (
        "first_name",
        "last_name",
        "phone",
        "parent_phone",
        "debt_tiyin",
        "overdue_since",
        "days_overdue",
    )
    return await asyncio.to_thread(excel.write, "debtors", headers, rows)


async def _people(db: AsyncSession, user_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Staff as the office knows them: the full name."""
    users = await kernel.users_by_id(db, user_ids)
    return {i: f"{u.first_name} {u.last_name}".strip() for i, u in users.items()}


async def _room_names(db: AsyncSession, organization_id: uuid.UUID) -> dict[uuid.UUID, str]:
    rooms = await groups.list_rooms(db, organization_id)
    return {room.id: room.name for room in rooms}


def _schedule(slots: list[GroupSlot]) -> str:
    return ", ".join(
        f"{WEEKDAYS[s.weekday]} {s.starts_at:%H:%M}-{s.ends_at:%H:%M}"
        for s in sorted(slots, key=lambda s: (s.weekday, s.starts_at))
    )


async def export_groups(db: AsyncSession, office: Office, on: date | None) -> bytes:
    """The groups list as the office sees it (running on `on`; a teacher: their own)."""
    views = await groups.list_groups(db, office, on)
    teachers = await _people(db, {v.study_group.teacher_id for v in views})
    rooms = await _room_names(db, office.organization_id)
    rows = [
        (
            v.study_group.name,
            v.study_group.subject,
            teachers.get(v.study_group.teacher_id, ""),
            rooms.get(v.group.room_id, "") if v.group.room_id else "",
            v.group.starts_on,
            v.group.ends_on,
            v.group.billing.value,
            v.group.monthly_price,
            v.group.lesson_price,
            v.group.capacity,
            _schedule(v.slots),
        )
        for v in views
    ]
    headers = (
        "name",
        "subject",
        "teacher",
        "room",
        "starts_on",
        "ends_on",
        "billing",
        "monthly_price_tiyin",
        "lesson_price_tiyin",
        "capacity",
        "schedule",
    )
    return await asyncio.to_thread(excel.write, "groups", headers, rows)


async def export_lessons(
    db: AsyncSession,
    office: Office,
    starts_on: date,
    ends_on: date,
    group_id: uuid.UUID | None,
    teacher_id: uuid.UUID | None,
    room_id: uuid.UUID | None,
) -> bytes:
    """The lessons list with its filters (up to six weeks; a teacher: their own)."""
    views = await lessons.list_lessons(
        db, office, starts_on, ends_on, group_id, teacher_id, room_id
    )
    teachers = await _people(db, {v.study_group.teacher_id for v in views})
    rooms = await _room_names(db, office.organization_id)
    rows = [
        (
            v.lesson.on,
            f"{v.lesson.starts_at:%H:%M}",
            f"{v.lesson.ends_at:%H:%M}",
            v.study_group.name,
            teachers.get(v.study_group.teacher_id, ""),
            rooms.get(v.lesson.room_id, "") if v.lesson.room_id else "",
            v.lesson.kind.value,
            v.lesson.status.value,
            v.lesson.cancel_reason,
        )
        for v in views
    ]
    headers = (
        "date",
        "starts_at",
        "ends_at",
        "group",
        "teacher",
        "room",
        "kind",
        "status",
        "cancel_reason",
    )
    return await asyncio.to_thread(excel.write, "lessons", headers, rows)


async def _entries(
    db: AsyncSession,
    organization_id: uuid.UUID,
    student_id: uuid.UUID | None,
    kinds: list[EntryKind],
) -> list[tuple[MoneyEntry, Student]]:
    query = (
        select(MoneyEntry, Student)
        .join(Student, Student.id == MoneyEntry.student_id)
        .where(MoneyEntry.organization_id == organization_id, MoneyEntry.kind.in_(kinds))
        .order_by(MoneyEntry.created_at.desc(), MoneyEntry.id.desc())
        .limit(MAX_EXPORT_ROWS)
    )
    if student_id is not None:
        query = query.where(MoneyEntry.student_id == student_id)
    return [(entry, student) for entry, student in await db.execute(query)]


async def export_money_entries(
    db: AsyncSession,
    organization_id: uuid.UUID,
    student_id: uuid.UUID | None,
    kind: EntryKind | None,
) -> bytes:
    """The audit log with its filters: every money change, who made it and when."""
    found = await _entries(db, organization_id, student_id, [kind] if kind else list(EntryKind))
    people = await _people(db, {e.created_by_id for e, _ in found if e.created_by_id})
    rows = [
        (
            e.created_at.astimezone(TASHKENT).replace(tzinfo=None),
            f"{s.first_name} {s.last_name}".strip(),
            e.kind.value,
            e.amount,
            e.period,
            e.method.value if e.method else "",
            e.receipt_number,
            e.note,
            people.get(e.created_by_id, "") if e.created_by_id else "",
        )
        for e, s in found
    ]
    headers = (
        "created_at",
        "student",
        "kind",
        "amount_tiyin",
        "period",
        "method",
        "receipt",
        "note",
        "created_by",
    )
    return await asyncio.to_thread(excel.write, "money", headers, rows)


async def export_payments(
    db: AsyncSession, organization_id: uuid.UUID, student_id: uuid.UUID | None
) -> bytes:
    """Payments with their receipts and what was refunded of each."""
    found = await _entries(db, organization_id, student_id, [EntryKind.payment])
    people = await _people(db, {e.created_by_id for e, _ in found if e.created_by_id})
    rows = [
        (
            e.created_at.astimezone(TASHKENT).replace(tzinfo=None),
            e.receipt_number,
            f"{s.first_name} {s.last_name}".strip(),
            e.amount,
            await money.refunded(db, e.id),
            e.method.value if e.method else "",
            e.note,
            people.get(e.created_by_id, "") if e.created_by_id else "",
        )
        for e, s in found
    ]
    headers = (
        "paid_at",
        "receipt",
        "student",
        "amount_tiyin",
        "refunded_tiyin",
        "method",
        "note",
        "taken_by",
    )
    return await asyncio.to_thread(excel.write, "payments", headers, rows)
