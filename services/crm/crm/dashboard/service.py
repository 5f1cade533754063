"""The director's numbers for a month: students, leads and conversion, revenue against last month,
debts, attendance and how full the groups are."""

import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.kernel import queries as kernel
from alif.schemas import TASHKENT
from crm.dashboard.schemas import Dashboard, GroupFill, MonthAmount
from crm.groups.models import Enrolment, Freeze, Group
from crm.leads.models import ActivityKind, Lead, LeadActivity
from crm.lessons.models import Attendance, Lesson, Mark
from crm.money.charges import month_bounds
from crm.money.models import EntryKind, MoneyEntry
from crm.students.models import Student


def _start(day: date) -> datetime:
    """Midnight in Tashkent, the moment a centre's day begins."""
    return datetime.combine(day, time(), tzinfo=TASHKENT)


def _previous(month: date) -> date:
    return (month - timedelta(days=1)).replace(day=1)


def _percent(part: int, whole: int) -> int:
    return (200 * part + whole) // (2 * whole) if whole else 0


async def _revenue(db: AsyncSession, organization_id: uuid.UUID, month: date) -> int:
    first, last = month_bounds(month)
    total = 0
    for kind, amount in await db.execute(
        select(MoneyEntry.kind, func.sum(MoneyEntry.amount))
        .where(
            MoneyEntry.organization_id == organization_id,
            MoneyEntry.kind.in_([EntryKind.payment, EntryKind.refund]),
            MoneyEntry.created_at >= _start(first),
            MoneyEntry.created_at < _start(last + timedelta(days=1)),
        )
        .group_by(MoneyEntry.kind)
    ):
        total += int(amount) if kind is EntryKind.payment else -int(amount)
    return total


async def dashboard(
    db: AsyncSession, organization_id: uuid.UUID, month: date, today: date
) -> Dashboard:
    first, last = month_bounds(month)
    since, until = _start(first), _start(last + timedelta(days=1))
    groups = list(await db.scalars(select(Group).where(Group.organization_id == organization_id)))
    running = list(
        await db.scalars(
            select(Enrolment).where(
                Enrolment.group_id.in_([g.id for g in groups]),
                Enrolment.starts_on <= today,
                or_(Enrolment.ends_on.is_(None), Enrolment.ends_on >= today),
            )
        )
    )
    frozen = set(
        await db.scalars(
            select(Freeze.enrolment_id).where(
                Freeze.enrolment_id.in_([e.id for e in running]),
                Freeze.starts_on <= today,
                Freeze.ends_on >= today,
            )
        )
    )
    new_leads = await db.scalar(
        select(func.count()).where(
            Lead.organization_id == organization_id,
            Lead.created_at >= since,
            Lead.created_at < until,
        )
    )
    converted = await db.scalar(
        select(func.count())
        .select_from(LeadActivity)
        .join(Lead, Lead.id == LeadActivity.lead_id)
        .where(
            Lead.organization_id == organization_id,
            LeadActivity.kind == ActivityKind.converted,
            LeadActivity.created_at >= since,
            LeadActivity.created_at < until,
        )
    )
    months = [first]
    while len(months) < 6:
        months.insert(0, _previous(months[0]))
    revenue = [
        MonthAmount(month=m.strftime("%Y-%m"), amount=await _revenue(db, organization_id, m))
        for m in months
    ]
    debt_total, debtors = (
        await db.execute(
            select(func.coalesce(func.sum(Student.debt), 0), func.count()).where(
                Student.organization_id == organization_id, Student.debt > 0
            )
        )
    ).one()
    marks = dict(
        (
            await db.execute(
                select(Attendance.mark, func.count())
                .join(Lesson, Lesson.id == Attendance.lesson_id)
                .where(
                    Lesson.organization_id == organization_id,
                    Lesson.on >= first,
                    Lesson.on <= last,
                )
                .group_by(Attendance.mark)
            )
        ).all()
    )
    marked = sum(marks.values())
    came = marks.get(Mark.present, 0) + marks.get(Mark.late, 0)
    names = {g.id: g.name for g in await kernel.get_groups(db, [g.study_group_id for g in groups])}
    fills = []
    for group in groups:
        if group.starts_on > today or (group.ends_on is not None and group.ends_on < today):
            continue
        students = sum(1 for e in running if e.group_id == group.id)
        fills.append(
            GroupFill(
                group_id=group.id,
                name=names[group.study_group_id],
                students=students,
                capacity=group.capacity,
                percent=_percent(students, group.capacity),
            )
        )
    capacity = sum(f.capacity for f in fills)
    return Dashboard(
        month=first.strftime("%Y-%m"),
        active_students=len({e.student_id for e in running}),
        frozen_students=len({e.student_id for e in running if e.id in frozen}),
        new_leads=new_leads or 0,
        converted_leads=converted or 0,
        conversion_percent=_percent(converted or 0, new_leads or 0),
        revenue=revenue[-1].amount,
        revenue_last_month=revenue[-2].amount,
        revenue_by_month=revenue,
        debt_total=int(debt_total),
        debtors=int(debtors),
        attendance_percent=_percent(came, marked) if marked else None,
        fill_percent=_percent(sum(f.students for f in fills), capacity) if capacity else None,
        groups=sorted(fills, key=lambda f: f.name),
    )
