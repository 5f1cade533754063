"""A learning centre's groups: a kernel study group (name, subject, teacher; main writes it) with
the office's room, dates, price, capacity and weekly schedule. A schedule that puts a room or a
teacher in two groups at once is refused with what it collides with."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import add_unique
from alif.kernel import queries as kernel
from alif.kernel.models import StudyGroup
from alif.text import fold_for_comparison, normalize_uzbek
from crm.groups.exceptions import (
    GroupExists,
    GroupNotFound,
    RoomNameTaken,
    RoomNotFound,
    ScheduleConflict,
    StudyGroupNotFound,
)
from crm.groups.models import Group, GroupSlot, Room
from crm.groups.schemas import Collision, GroupCreate, GroupSettings, Slot
from crm.staff.models import StaffRole
from crm.staff.permissions import Office


@dataclass(frozen=True)
class GroupView:
    group: Group
    study_group: StudyGroup
    slots: list[GroupSlot]


async def add_room(db: AsyncSession, organization_id: uuid.UUID, name: str, seats: int) -> Room:
    name = normalize_uzbek(name)
    room = Room(
        organization_id=organization_id,
        name=name,
        name_key=fold_for_comparison(name),
        seats=seats,
    )
    await add_unique(db, room, taken=RoomNameTaken())
    return room


async def list_rooms(db: AsyncSession, organization_id: uuid.UUID) -> list[Room]:
    return list(
        await db.scalars(
            select(Room).where(Room.organization_id == organization_id).order_by(Room.name_key)
        )
    )


async def _room(db: AsyncSession, organization_id: uuid.UUID, room_id: uuid.UUID | None) -> None:
    if room_id is None:
        return
    room = await db.get(Room, room_id)
    if room is None or room.organization_id != organization_id:
        raise RoomNotFound()


async def _study_group(
    db: AsyncSession, organization_id: uuid.UUID, study_group_id: uuid.UUID
) -> StudyGroup:
    found = await kernel.get_groups(db, [study_group_id])
    if not found or found[0].organization_id != organization_id:
        raise StudyGroupNotFound()
    return found[0]


async def slots_of(
    db: AsyncSession, group_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[GroupSlot]]:
    slots: dict[uuid.UUID, list[GroupSlot]] = {group_id: [] for group_id in group_ids}
    rows = await db.scalars(
        select(GroupSlot)
        .where(GroupSlot.group_id.in_(group_ids))
        .order_by(GroupSlot.weekday, GroupSlot.starts_at)
    )
    for slot in rows:
        slots[slot.group_id].append(slot)
    return slots


async def _collisions(
    db: AsyncSession,
    organization_id: uuid.UUID,
    study_group: StudyGroup,
    data: GroupSettings,
    exclude: uuid.UUID | None,
) -> list[Collision]:
    """The other groups' lessons that share this schedule's room or teacher at the same time,
    on dates both groups run."""
    query = select(Group).where(
        Group.organization_id == organization_id,
        or_(Group.ends_on.is_(None), Group.ends_on >= data.starts_on),
    )
    if data.ends_on is not None:
        query = query.where(Group.starts_on <= data.ends_on)
    if exclude is not None:
        query = query.where(Group.id != exclude)
    others = list(await db.scalars(query))
    if not others or not data.schedule:
        return []
    study_groups = {
        g.id: g for g in await kernel.get_groups(db, [o.study_group_id for o in others])
    }
    slots = await slots_of(db, [other.id for other in others])
    found: list[Collision] = []
    for other in others:
        theirs = study_groups[other.study_group_id]
        busy: list[Literal["room", "teacher"]] = []
        if data.room_id is not None and other.room_id == data.room_id:
            busy.append("room")
        if theirs.teacher_id == study_group.teacher_id:
            busy.append("teacher")
        for what in busy:
            found.extend(
                Collision(
                    group_id=other.id,
                    group_name=theirs.name,
                    busy=what,
                    weekday=slot.weekday,
                    starts_at=slot.starts_at,
                    ends_at=slot.ends_at,
                )
                for slot in slots[other.id]
                if any(_overlap(mine, slot) for mine in data.schedule)
            )
    return found


def _overlap(mine: Slot, theirs: GroupSlot) -> bool:
    return (
        mine.weekday == theirs.weekday
        and mine.starts_at < theirs.ends_at
        and theirs.starts_at < mine.ends_at
    )


async def _check_schedule(
    db: AsyncSession,
    organization_id: uuid.UUID,
    study_group: StudyGroup,
    data: GroupSettings,
    exclude: uuid.UUID | None = None,
) -> None:
    await kernel.lock_organization(db, organization_id)
    if collisions := await _collisions(db, organization_id, study_group, data, exclude):
        raise ScheduleConflict(
            details={"collisions": [c.model_dump(mode="json") for c in collisions]}
        )


def _slot_rows(group_id: uuid.UUID, schedule: list[Slot]) -> list[GroupSlot]:
    return [
        GroupSlot(group_id=group_id, weekday=s.weekday, starts_at=s.starts_at, ends_at=s.ends_at)
        for s in schedule
    ]


async def add_group(db: AsyncSession, office: Office, data: GroupCreate) -> GroupView:
    study_group = await _study_group(db, office.organization_id, data.study_group_id)
    await _room(db, office.organization_id, data.room_id)
    await _check_schedule(db, office.organization_id, study_group, data)
    group = Group(
        id=uuid.uuid4(),
        organization_id=office.organization_id,
        study_group_id=study_group.id,
        room_id=data.room_id,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        billing=data.billing,
        monthly_price=data.monthly_price,
        lesson_price=data.lesson_price,
        capacity=data.capacity,
    )
    await add_unique(db, group, taken=GroupExists())
    slots = _slot_rows(group.id, data.schedule)
    db.add_all(slots)
    await db.flush()
    return GroupView(group, study_group, slots)


async def change_group(db: AsyncSession, view: GroupView, data: GroupSettings) -> GroupView:
    group = view.group
    await _room(db, group.organization_id, data.room_id)
    await _check_schedule(db, group.organization_id, view.study_group, data, exclude=group.id)
    group.room_id = data.room_id
    group.starts_on = data.starts_on
    group.ends_on = data.ends_on
    group.billing = data.billing
    group.monthly_price = data.monthly_price
    group.lesson_price = data.lesson_price
    group.capacity = data.capacity
    await db.execute(delete(GroupSlot).where(GroupSlot.group_id == group.id))
    slots = _slot_rows(group.id, data.schedule)
    db.add_all(slots)
    await db.flush()
    return GroupView(group, view.study_group, slots)


async def _views(db: AsyncSession, groups: list[Group]) -> list[GroupView]:
    study_groups = {
        g.id: g for g in await kernel.get_groups(db, [g.study_group_id for g in groups])
    }
    slots = await slots_of(db, [group.id for group in groups])
    return [GroupView(g, study_groups[g.study_group_id], slots[g.id]) for g in groups]


async def list_groups(db: AsyncSession, office: Office, on: date | None) -> list[GroupView]:
    """The organization's groups (running on `on`, if given); a teacher sees only their own."""
    query = select(Group).where(Group.organization_id == office.organization_id)
    if on is not None:
        query = query.where(
            Group.starts_on <= on, or_(Group.ends_on.is_(None), Group.ends_on >= on)
        )
    views = await _views(db, list(await db.scalars(query)))
    if office.role is StaffRole.teacher:
        views = [v for v in views if v.study_group.teacher_id == office.user_id]
    return sorted(views, key=lambda view: view.study_group.name)


async def get_group(db: AsyncSession, office: Office, group_id: uuid.UUID) -> GroupView:
    """A group of this organization; another's, or (for a teacher) one they do not teach, is not
    found."""
    group = await db.get(Group, group_id)
    if group is None or group.organization_id != office.organization_id:
        raise GroupNotFound()
    (view,) = await _views(db, [group])
    if office.role is StaffRole.teacher and view.study_group.teacher_id != office.user_id:
        raise GroupNotFound()
    return view
