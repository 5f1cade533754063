"""A student card's history: what changed on the card (with who), and the groups' part of it —
enrolled, discount, freezes, left — newest first. Money has its own list (the entries)."""

import uuid
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.jobs import TASHKENT
from alif.kernel import queries as kernel
from alif.kernel.models import StudyGroup
from crm.groups.models import Enrolment, Freeze, Group
from crm.students.models import Student, StudentChange
from crm.students.schemas import HistoryEvent


def _day(on: date) -> datetime:
    """A day's event (a last day in a group) placed at the end of that day in Tashkent."""
    return datetime.combine(on, time(23, 59), tzinfo=TASHKENT)


async def history(db: AsyncSession, student: Student) -> list[HistoryEvent]:
    events: list[tuple[datetime, HistoryEvent]] = []
    people: set[uuid.UUID] = set()
    if student.created_by_id:
        people.add(student.created_by_id)
    changes = list(
        await db.scalars(select(StudentChange).where(StudentChange.student_id == student.id))
    )
    people |= {c.changed_by_id for c in changes if c.changed_by_id}
    rows = list(
        await db.execute(
            select(Enrolment, StudyGroup.name)
            .join(Group, Group.id == Enrolment.group_id)
            .join(StudyGroup, StudyGroup.id == Group.study_group_id)
            .where(Enrolment.student_id == student.id)
        )
    )
    freezes = list(
        await db.scalars(select(Freeze).where(Freeze.enrolment_id.in_([e.id for e, _ in rows])))
    )
    people |= {f.created_by_id for f in freezes if f.created_by_id}
    users = await kernel.users_by_id(db, people)

    def who(user_id: uuid.UUID | None) -> str | None:
        user = users.get(user_id) if user_id else None
        return f"{user.first_name} {user.last_name}".strip() if user else None

    def add(at: datetime, kind: str, by: uuid.UUID | None = None, **details: Any) -> None:
        events.append((at, HistoryEvent(at=at, kind=kind, by=who(by), details=details)))

    add(student.created_at, "created", student.created_by_id)
    for change in changes:
        add(change.created_at, "changed", change.changed_by_id, fields=change.changes)
    group_of = {e.id: name for e, name in rows}
    for enrolment, name in rows:
        add(
            enrolment.created_at,
            "enrolled",
            group=name,
            starts_on=enrolment.starts_on.isoformat(),
            discount_percent=enrolment.discount_percent,
            discount_amount=enrolment.discount_amount,
            discount_reason=enrolment.discount_reason,
        )
        if enrolment.ends_on is not None:
            add(_day(enrolment.ends_on), "left", group=name, on=enrolment.ends_on.isoformat())
    for freeze in freezes:
        add(
            freeze.created_at,
            "frozen",
            freeze.created_by_id,
            group=group_of.get(freeze.enrolment_id, ""),
            starts_on=freeze.starts_on.isoformat(),
            ends_on=freeze.ends_on.isoformat(),
            reason=freeze.reason,
        )
    return [event for _, event in sorted(events, key=lambda e: e[0], reverse=True)]
