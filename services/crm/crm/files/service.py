"""Import students and leads from an Excel file — every row checked first, a report of each bad
row, and nothing written unless all rows are good — and export the office's lists to Excel."""

import asyncio
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.files import excel
from crm.files.exceptions import ImportInvalid
from crm.leads import service as leads
from crm.leads.models import Lead
from crm.leads.schemas import LeadCreate
from crm.money import service as money
from crm.staff.permissions import Office
from crm.students import service as students
from crm.students.models import Student
from crm.students.schemas import StudentFields

M = TypeVar("M", bound=BaseModel)

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
