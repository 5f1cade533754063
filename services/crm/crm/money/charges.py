"""What an enrolment owes for a month: the monthly price prorated by the lessons the student could
attend (or the lesson price for each lesson held), less the discount, with freezes and holidays
taken out. Running a month posts only the difference from what was posted before, so a run is
safe to repeat and a late change (a freeze, a new discount) shows up as its own entry."""

import uuid
from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.kernel import queries as kernel
from crm.groups import enrolments as enrolment_rules
from crm.groups import service as groups
from crm.groups.models import Billing, Enrolment, Freeze, Group, GroupSlot
from crm.lessons.models import Attendance, Lesson, LessonStatus, Mark
from crm.lessons.service import days, holidays_between
from crm.money import ledger
from crm.money.models import EntryKind, MoneyEntry


@dataclass(frozen=True)
class Due:
    gross: int  # tiyin
    discount: int  # tiyin


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, first.replace(day=monthrange(first.year, first.month)[1])


def _round_share(amount: int, part: int, whole: int) -> int:
    """amount × part / whole, rounded half up, in integers (no floats near money)."""
    if whole == 0:
        return 0
    return (2 * amount * part + whole) // (2 * whole)


def _frozen(day: date, freezes: list[Freeze]) -> bool:
    return any(f.starts_on <= day <= f.ends_on for f in freezes)


def _in(day: date, starts_on: date, ends_on: date | None) -> bool:
    return starts_on <= day and (ends_on is None or day <= ends_on)


def _discount(enrolment: Enrolment, gross: int, part: int, whole: int) -> int:
    if enrolment.discount_percent:
        return _round_share(gross, enrolment.discount_percent, 100)
    return min(gross, _round_share(enrolment.discount_amount, part, whole))


def monthly_due(
    month: date,
    group: Group,
    slots: list[GroupSlot],
    enrolment: Enrolment,
    freezes: list[Freeze],
    holidays: set[date],
) -> Due:
    """The month's price × the student's share of the month's lessons: the lessons (by the weekly
    schedule, holidays out) on days they were in the group, the group ran and they were not
    frozen, over all the month's lessons. A group without a schedule prorates by days."""
    first, last = month_bounds(month)
    whole = part = 0
    for day in days(first, last):
        if day in holidays:
            continue
        count = sum(1 for slot in slots if slot.weekday == day.weekday()) if slots else 1
        whole += count
        if (
            _in(day, enrolment.starts_on, enrolment.ends_on)
            and _in(day, group.starts_on, group.ends_on)
            and not _frozen(day, freezes)
        ):
            part += count
    gross = _round_share(group.monthly_price, part, whole)
    return Due(gross, _discount(enrolment, gross, part, whole))


def per_lesson_due(
    group: Group, enrolment: Enrolment, freezes: list[Freeze], held: list[date], excused: int
) -> Due:
    """The lesson price for each of the month's lessons held while the student was in the group
    and not frozen, except those they were excused from. A fixed discount is a month's amount."""
    count = sum(
        1
        for day in held
        if _in(day, enrolment.starts_on, enrolment.ends_on) and not _frozen(day, freezes)
    )
    count = max(0, count - excused)
    gross = group.lesson_price * count
    return Due(gross, _discount(enrolment, gross, 1, 1))


@dataclass(frozen=True)
class RunResult:
    enrolments: int
    charged: int  # tiyin posted as charges by this run (a correction may be negative)
    discounted: int


async def _posted(
    db: AsyncSession, enrolment_ids: list[uuid.UUID], period: date
) -> dict[tuple[uuid.UUID, EntryKind], int]:
    rows = await db.execute(
        select(MoneyEntry.enrolment_id, MoneyEntry.kind, func.sum(MoneyEntry.amount))
        .where(
            MoneyEntry.enrolment_id.in_(enrolment_ids),
            MoneyEntry.period == period,
            MoneyEntry.kind.in_([EntryKind.charge, EntryKind.discount]),
        )
        .group_by(MoneyEntry.enrolment_id, MoneyEntry.kind)
    )
    return {(enrolment_id, kind): int(total) for enrolment_id, kind, total in rows if enrolment_id}


async def _held_lessons(
    db: AsyncSession, group_ids: list[uuid.UUID], first: date, last: date
) -> dict[uuid.UUID, list[tuple[uuid.UUID, date]]]:
    held: dict[uuid.UUID, list[tuple[uuid.UUID, date]]] = defaultdict(list)
    rows = await db.execute(
        select(Lesson.group_id, Lesson.id, Lesson.on).where(
            Lesson.group_id.in_(group_ids),
            Lesson.on >= first,
            Lesson.on <= last,
            Lesson.status == LessonStatus.scheduled,
            Lesson.origin_on.is_not(None),  # a make-up is not charged again
        )
    )
    for group_id, lesson_id, on in rows:
        held[group_id].append((lesson_id, on))
    return held


async def run_month(
    db: AsyncSession,
    organization_id: uuid.UUID,
    month: date,
    today: date,
    by: uuid.UUID | None,
) -> RunResult:
    """Post each enrolment's charge and discount for the month (the difference from what is
    posted). Per-lesson groups count the lessons held up to `today`. `by` is None for the
    worker's daily run."""
    first, last = month_bounds(month)
    await kernel.lock_organization(db, organization_id)
    group_rows = {
        g.id: g
        for g in await db.scalars(select(Group).where(Group.organization_id == organization_id))
    }
    enrolment_rows = list(
        await db.scalars(
            select(Enrolment).where(
                Enrolment.group_id.in_(group_rows),
                Enrolment.starts_on <= last,
                or_(Enrolment.ends_on.is_(None), Enrolment.ends_on >= first),
            )
        )
    )
    ids = [e.id for e in enrolment_rows]
    slots = await groups.slots_of(db, list(group_rows))
    freezes = await enrolment_rules.freezes_of(db, ids)
    holidays = await holidays_between(db, organization_id, first, last)
    held = await _held_lessons(db, list(group_rows), first, min(last, today))
    excused_rows = await db.execute(
        select(Attendance.student_id, Attendance.lesson_id).where(
            Attendance.lesson_id.in_([lesson_id for v in held.values() for lesson_id, _ in v]),
            Attendance.mark == Mark.excused,
        )
    )
    excused: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for student_id, lesson_id in excused_rows:
        excused[student_id].add(lesson_id)
    posted = await _posted(db, ids, first)
    charged = discounted = 0
    for enrolment in enrolment_rows:
        group = group_rows[enrolment.group_id]
        if group.billing is Billing.per_lesson:
            lessons = held[group.id]
            excused_here = sum(
                1
                for lesson_id, on in lessons
                if lesson_id in excused[enrolment.student_id]
                and _in(on, enrolment.starts_on, enrolment.ends_on)
                and not _frozen(on, freezes[enrolment.id])
            )
            due = per_lesson_due(
                group, enrolment, freezes[enrolment.id], [on for _, on in lessons], excused_here
            )
        else:
            due = monthly_due(
                first, group, slots[group.id], enrolment, freezes[enrolment.id], holidays
            )
        for kind, amount in ((EntryKind.charge, due.gross), (EntryKind.discount, due.discount)):
            difference = amount - posted.get((enrolment.id, kind), 0)
            if difference == 0:
                continue
            await ledger.post(
                db,
                MoneyEntry(
                    organization_id=organization_id,
                    student_id=enrolment.student_id,
                    enrolment_id=enrolment.id,
                    kind=kind,
                    amount=difference,
                    period=first,
                    note=enrolment.discount_reason if kind is EntryKind.discount else "",
                    created_by_id=by,
                ),
            )
            if kind is EntryKind.charge:
                charged += difference
            else:
                discounted += difference
    return RunResult(len(enrolment_rows), charged, discounted)
