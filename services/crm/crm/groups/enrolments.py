"""Who is in a group from when: enrol from a date (with a discount), change the discount, freeze
for a period, leave, transfer. The
organization is locked while places are counted, so two enrolments cannot take the last place."""

import uuid
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.kernel import queries as kernel
from crm.groups.exceptions import (
    AlreadyEnrolled,
    EnrolmentNotFound,
    FreezeNotFound,
    FreezeOverlaps,
    GroupFull,
    LeavesBeforeJoining,
    OutsideEnrolment,
    OutsideGroupDates,
)
from crm.groups.models import Enrolment, Freeze, Group
from crm.groups.schemas import Discount, FreezeCreate
from crm.students import service as students


def _within(group: Group, day: date) -> bool:
    return group.starts_on <= day and (group.ends_on is None or day <= group.ends_on)


async def enrol(
    db: AsyncSession, group: Group, student_id: uuid.UUID, starts_on: date, discount: Discount
) -> Enrolment:
    await students.get_student(db, group.organization_id, student_id)
    if not _within(group, starts_on):
        raise OutsideGroupDates()
    await kernel.lock_organization(db, group.organization_id)
    still_in = or_(Enrolment.ends_on.is_(None), Enrolment.ends_on >= starts_on)
    mine = await db.scalar(
        select(Enrolment.id).where(
            Enrolment.group_id == group.id, Enrolment.student_id == student_id, still_in
        )
    )
    if mine is not None:
        raise AlreadyEnrolled()
    taken = await db.scalar(
        select(func.count()).select_from(Enrolment).where(Enrolment.group_id == group.id, still_in)
    )
    if (taken or 0) >= group.capacity:
        raise GroupFull()
    enrolment = Enrolment(
        group_id=group.id,
        student_id=student_id,
        starts_on=starts_on,
        discount_percent=discount.discount_percent,
        discount_amount=discount.discount_amount,
        discount_reason=discount.discount_reason,
    )
    db.add(enrolment)
    await db.flush()
    return enrolment


async def list_enrolments(db: AsyncSession, group: Group) -> list[Enrolment]:
    return list(
        await db.scalars(
            select(Enrolment)
            .where(Enrolment.group_id == group.id)
            .order_by(Enrolment.starts_on, Enrolment.id)
        )
    )


async def get_enrolment(db: AsyncSession, group: Group, enrolment_id: uuid.UUID) -> Enrolment:
    enrolment = await db.get(Enrolment, enrolment_id)
    if enrolment is None or enrolment.group_id != group.id:
        raise EnrolmentNotFound()
    return enrolment


async def leave(db: AsyncSession, enrolment: Enrolment, last_day: date) -> Enrolment:
    if last_day < enrolment.starts_on:
        raise LeavesBeforeJoining()
    enrolment.ends_on = last_day
    await db.flush()
    return enrolment


async def transfer(
    db: AsyncSession, enrolment: Enrolment, to_group: Group, first_day: date
) -> Enrolment:
    """The student leaves the evening before `first_day` and joins `to_group` that day, with the
    same discount."""
    if first_day <= enrolment.starts_on:
        raise LeavesBeforeJoining()
    await leave(db, enrolment, first_day - timedelta(days=1))
    return await enrol(
        db,
        to_group,
        enrolment.student_id,
        first_day,
        Discount(
            discount_percent=enrolment.discount_percent,
            discount_amount=enrolment.discount_amount,
            discount_reason=enrolment.discount_reason,
        ),
    )


async def set_discount(db: AsyncSession, enrolment: Enrolment, discount: Discount) -> Enrolment:
    """The discount from now on: months already charged keep theirs until charges are run again
    for them (each run posts only the difference, so the audit log shows the change)."""
    enrolment.discount_percent = discount.discount_percent
    enrolment.discount_amount = discount.discount_amount
    enrolment.discount_reason = discount.discount_reason
    await db.flush()
    return enrolment


async def freezes_of(
    db: AsyncSession, enrolment_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[Freeze]]:
    found: dict[uuid.UUID, list[Freeze]] = {enrolment_id: [] for enrolment_id in enrolment_ids}
    rows = await db.scalars(
        select(Freeze).where(Freeze.enrolment_id.in_(enrolment_ids)).order_by(Freeze.starts_on)
    )
    for freeze in rows:
        found[freeze.enrolment_id].append(freeze)
    return found


async def freeze(
    db: AsyncSession, enrolment: Enrolment, data: FreezeCreate, by: uuid.UUID
) -> Freeze:
    if data.starts_on < enrolment.starts_on or (
        enrolment.ends_on is not None and data.ends_on > enrolment.ends_on
    ):
        raise OutsideEnrolment()
    group = await db.get(Group, enrolment.group_id)
    assert group is not None  # the enrolment's foreign key
    await kernel.lock_organization(db, group.organization_id)
    overlapping = await db.scalar(
        select(Freeze.id).where(
            Freeze.enrolment_id == enrolment.id,
            Freeze.starts_on <= data.ends_on,
            Freeze.ends_on >= data.starts_on,
        )
    )
    if overlapping is not None:
        raise FreezeOverlaps()
    row = Freeze(
        enrolment_id=enrolment.id,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        reason=data.reason,
        created_by_id=by,
    )
    db.add(row)
    await db.flush()
    return row


async def unfreeze(db: AsyncSession, enrolment: Enrolment, freeze_id: uuid.UUID) -> None:
    row = await db.get(Freeze, freeze_id)
    if row is None or row.enrolment_id != enrolment.id:
        raise FreezeNotFound()
    await db.delete(row)
    await db.flush()
