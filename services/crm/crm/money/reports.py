"""Teachers' pay for a month: a share of their groups' tuition and an amount per lesson held."""

import uuid
from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import utcnow
from alif.kernel import queries as kernel
from alif.kernel.models import StudyGroup
from alif.schemas import TASHKENT
from crm.groups.models import Enrolment, Group
from crm.lessons.models import Lesson, LessonStatus
from crm.money.charges import month_bounds
from crm.money.models import DEBT_SIGN, MoneyEntry, TeacherRate
from crm.money.schemas import RateSet, TeacherPay


def today() -> date:
    """The centre's calendar day (Tashkent)."""
    return utcnow().astimezone(TASHKENT).date()


def parse_month(month: str) -> date:
    return datetime.strptime(month, "%Y-%m").date()


async def set_rate(
    db: AsyncSession, organization_id: uuid.UUID, teacher_id: uuid.UUID, data: RateSet
) -> TeacherRate:
    rate = await db.scalar(
        select(TeacherRate).where(
            TeacherRate.organization_id == organization_id, TeacherRate.teacher_id == teacher_id
        )
    )
    if rate is None:
        rate = TeacherRate(organization_id=organization_id, teacher_id=teacher_id)
        db.add(rate)
    rate.share_percent = data.share_percent
    rate.lesson_amount = data.lesson_amount
    await db.flush()
    return rate


async def teachers_pay(
    db: AsyncSession, organization_id: uuid.UUID, month: date, as_of: date
) -> list[TeacherPay]:
    """Each teacher of the organization's groups: lessons held in the month (up to `as_of`, not
    cancelled, make-ups included) and their groups' tuition (charges less discounts)."""
    first, last = month_bounds(month)
    rows = await db.execute(
        select(Group.id, StudyGroup.teacher_id)
        .join(StudyGroup, StudyGroup.id == Group.study_group_id)
        .where(Group.organization_id == organization_id)
    )
    teacher_of: dict[uuid.UUID, uuid.UUID] = dict(rows.all())
    lessons: dict[uuid.UUID, int] = defaultdict(int)
    for group_id, count in await db.execute(
        select(Lesson.group_id, func.count())
        .where(
            Lesson.organization_id == organization_id,
            Lesson.on >= first,
            Lesson.on <= min(last, as_of),
            Lesson.status == LessonStatus.scheduled,
        )
        .group_by(Lesson.group_id)
    ):
        lessons[teacher_of[group_id]] += count
    tuition: dict[uuid.UUID, int] = defaultdict(int)
    for group_id, kind, total in await db.execute(
        select(Enrolment.group_id, MoneyEntry.kind, func.sum(MoneyEntry.amount))
        .join(Enrolment, Enrolment.id == MoneyEntry.enrolment_id)
        .where(MoneyEntry.organization_id == organization_id, MoneyEntry.period == first)
        .group_by(Enrolment.group_id, MoneyEntry.kind)
    ):
        tuition[teacher_of[group_id]] += DEBT_SIGN[kind] * int(total)
    rates = {
        r.teacher_id: r
        for r in await db.scalars(
            select(TeacherRate).where(TeacherRate.organization_id == organization_id)
        )
    }
    teachers = sorted(set(teacher_of.values()))
    names = await kernel.display_names(db, teachers)
    found = []
    for teacher_id in teachers:
        rate = rates.get(teacher_id)
        share = rate.share_percent if rate else 0
        per_lesson = rate.lesson_amount if rate else 0
        found.append(
            TeacherPay(
                teacher_id=teacher_id,
                name=names.get(teacher_id, ""),
                lessons_held=lessons[teacher_id],
                tuition=tuition[teacher_id],
                share_percent=share,
                lesson_amount=per_lesson,
                pay=lessons[teacher_id] * per_lesson + (tuition[teacher_id] * share + 50) // 100,
            )
        )
    return found
