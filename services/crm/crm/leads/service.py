"""One organization's lead pipeline: its stages, its leads and what happened with each.

A lead ends either as a student (converted, with the parent's phone) or as lost, with a reason.
Leads with the same phone are shown together, never merged behind the office's back."""

import uuid

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import add_unique, find_page
from alif.schemas import Found
from alif.text import contains, fold_for_comparison, normalize_uzbek
from crm.leads.exceptions import (
    AssigneeNotStaff,
    LeadClosed,
    LeadNotFound,
    StageNameTaken,
    StageNotFound,
)
from crm.leads.models import ActivityKind, Lead, LeadActivity, LeadStage, LeadStatus, LostReason
from crm.leads.schemas import ActivityCreate, LeadChange, LeadConvert, LeadCreate, LeadFilter
from crm.staff import service as staff
from crm.staff.permissions import Office
from crm.students import service as students
from crm.students.models import Student
from crm.students.schemas import StudentFields

# A new pipeline's columns; the office renames, reorders and adds its own.
DEFAULT_STAGES = ("Yangi", "Bogʻlanildi", "Sinov darsi", "Muzokara")


async def _stages(db: AsyncSession, organization_id: uuid.UUID) -> list[LeadStage]:
    return list(
        await db.scalars(
            select(LeadStage)
            .where(LeadStage.organization_id == organization_id)
            .order_by(LeadStage.position, LeadStage.created_at, LeadStage.id)
        )
    )


async def list_stages(db: AsyncSession, organization_id: uuid.UUID) -> list[LeadStage]:
    """The pipeline's stages; an organization that has none yet gets the default ones."""
    if stages := await _stages(db, organization_id):
        return stages
    try:
        async with db.begin_nested():
            db.add_all(
                LeadStage(
                    organization_id=organization_id,
                    name=name,
                    name_key=fold_for_comparison(name),
                    position=position,
                )
                for position, name in enumerate(DEFAULT_STAGES)
            )
            await db.flush()
    except IntegrityError:
        pass  # another request made them at the same moment: read theirs
    return await _stages(db, organization_id)


async def add_stage(db: AsyncSession, organization_id: uuid.UUID, name: str) -> LeadStage:
    stages = await list_stages(db, organization_id)
    name = normalize_uzbek(name)
    stage = LeadStage(
        organization_id=organization_id,
        name=name,
        name_key=fold_for_comparison(name),
        position=max(s.position for s in stages) + 1 if stages else 0,
    )
    await add_unique(db, stage, taken=StageNameTaken())
    return stage


async def get_stage(db: AsyncSession, organization_id: uuid.UUID, stage_id: uuid.UUID) -> LeadStage:
    stage = await db.get(LeadStage, stage_id)
    if stage is None or stage.organization_id != organization_id:
        raise StageNotFound()
    return stage


async def change_stage(
    db: AsyncSession, stage: LeadStage, name: str | None, position: int | None
) -> LeadStage:
    if name is not None:
        name = normalize_uzbek(name)
        taken = await db.scalar(
            select(LeadStage.id).where(
                LeadStage.organization_id == stage.organization_id,
                LeadStage.name_key == fold_for_comparison(name),
                LeadStage.id != stage.id,
            )
        )
        if taken is not None:
            raise StageNameTaken()
        stage.name = name
        stage.name_key = fold_for_comparison(name)
    if position is not None:
        stage.position = position
    try:
        async with db.begin_nested():
            await db.flush()
    except IntegrityError as error:  # renamed to the same name by another request at once
        raise StageNameTaken() from error
    return stage


async def _check_assignee(db: AsyncSession, office: Office, assignee_id: uuid.UUID | None) -> None:
    if assignee_id is not None and not await staff.is_staff(
        db, office.organization_id, assignee_id
    ):
        raise AssigneeNotStaff()


async def _by_key(db: AsyncSession, organization_id: uuid.UUID, key: uuid.UUID) -> Lead | None:
    return await db.scalar(
        select(Lead).where(Lead.organization_id == organization_id, Lead.idempotency_key == key)
    )


async def add_lead(db: AsyncSession, office: Office, data: LeadCreate) -> Lead:
    key = data.idempotency_key
    if key is not None and (existing := await _by_key(db, office.organization_id, key)):
        return existing
    if data.stage_id is not None:
        stage = await get_stage(db, office.organization_id, data.stage_id)
    else:
        stage = (await list_stages(db, office.organization_id))[0]
    await _check_assignee(db, office, data.assignee_id)
    lead = Lead(
        organization_id=office.organization_id,
        stage_id=stage.id,
        status=LeadStatus.open,
        name=normalize_uzbek(data.name),
        phone=data.phone,
        source=data.source,
        subject=normalize_uzbek(data.subject),
        level=normalize_uzbek(data.level),
        preferred_times=data.preferred_times,
        assignee_id=data.assignee_id,
        next_step_on=data.next_step_on,
        idempotency_key=key,
        created_by_id=office.user_id,
    )
    try:
        async with db.begin_nested():
            db.add(lead)
            await db.flush()
    except IntegrityError:
        # The same key arrived twice at once: the other request's lead is the answer.
        if key is None or (found := await _by_key(db, office.organization_id, key)) is None:
            raise
        return found
    return lead


async def get_lead(db: AsyncSession, organization_id: uuid.UUID, lead_id: uuid.UUID) -> Lead:
    """A lead of this organization; another organization's is not found."""
    lead = await db.get(Lead, lead_id)
    if lead is None or lead.organization_id != organization_id:
        raise LeadNotFound()
    return lead


async def list_leads(
    db: AsyncSession, organization_id: uuid.UUID, found: LeadFilter
) -> Found[Lead]:
    query = select(Lead).where(Lead.organization_id == organization_id)
    if found.status is not None:
        query = query.where(Lead.status == found.status)
    if found.stage_id is not None:
        query = query.where(Lead.stage_id == found.stage_id)
    if found.source is not None:
        query = query.where(Lead.source == found.source)
    if found.phone is not None:
        query = query.where(Lead.phone == found.phone)
    if found.q:
        query = query.where(contains(Lead.name, found.q))
    if found.next_step_by is not None:
        query = query.where(Lead.next_step_on <= found.next_step_by)
    column = {
        "created_at": Lead.created_at,
        "name": Lead.name,
        "next_step_on": Lead.next_step_on,
    }[found.sort.removeprefix("-")]
    # Leads without a next step go last either way: the office reads the due ones first.
    order = column.desc() if found.sort.startswith("-") else column.asc()
    return await find_page(db, query, found, column.is_(None), order, Lead.id)


async def duplicates_of(db: AsyncSession, lead: Lead) -> tuple[list[Lead], list[Student]]:
    """The organization's other leads, and its students, with the lead's phone."""
    leads = await db.scalars(
        select(Lead)
        .where(
            Lead.organization_id == lead.organization_id,
            Lead.phone == lead.phone,
            Lead.id != lead.id,
        )
        .order_by(Lead.created_at, Lead.id)
    )
    return list(leads), await students.with_phone(db, lead.organization_id, lead.phone)


def _ensure_open(lead: Lead) -> None:
    if lead.status is not LeadStatus.open:
        raise LeadClosed()


def _record(lead: Lead, office: Office, kind: ActivityKind, text: str = "") -> LeadActivity:
    return LeadActivity(lead_id=lead.id, author_id=office.user_id, kind=kind, text=text)


async def change_lead(db: AsyncSession, office: Office, lead: Lead, data: LeadChange) -> Lead:
    _ensure_open(lead)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("stage_id") is not None and changes["stage_id"] != lead.stage_id:
        stage = await get_stage(db, office.organization_id, changes["stage_id"])
        lead.stage_id = stage.id
        db.add(_record(lead, office, ActivityKind.stage_changed, stage.name))
    if "assignee_id" in changes:
        await _check_assignee(db, office, changes["assignee_id"])
        lead.assignee_id = changes["assignee_id"]
    if "next_step_on" in changes:
        lead.next_step_on = changes["next_step_on"]
    for name in ("name", "subject", "level"):
        if changes.get(name) is not None:
            setattr(lead, name, normalize_uzbek(changes[name]))
    for name in ("phone", "source", "preferred_times"):
        if changes.get(name) is not None:
            setattr(lead, name, changes[name])
    await db.flush()
    return lead


async def add_activity(
    db: AsyncSession, office: Office, lead: Lead, data: ActivityCreate
) -> LeadActivity:
    activity = _record(lead, office, data.kind, data.text)
    activity.next_step_on = data.next_step_on
    db.add(activity)
    if data.next_step_on is not None and lead.status is LeadStatus.open:
        lead.next_step_on = data.next_step_on
    await db.flush()
    return activity


async def list_activities(db: AsyncSession, lead: Lead) -> list[LeadActivity]:
    return list(
        await db.scalars(
            select(LeadActivity)
            .where(LeadActivity.lead_id == lead.id)
            .order_by(LeadActivity.created_at.desc(), LeadActivity.id)
        )
    )


async def lose_lead(
    db: AsyncSession, office: Office, lead: Lead, reason: LostReason, note: str
) -> Lead:
    """The lead is lost for `reason`; losing it again (a retry) changes nothing."""
    if lead.status is LeadStatus.lost:
        return lead
    _ensure_open(lead)
    lead.status = LeadStatus.lost
    lead.lost_reason = reason
    lead.next_step_on = None
    db.add(_record(lead, office, ActivityKind.lost, note or reason.value))
    await db.flush()
    return lead


async def convert_lead(db: AsyncSession, office: Office, lead: Lead, data: LeadConvert) -> Student:
    """The lead becomes a student card with the parent's phone; converting again (a retry)
    answers with the same card."""
    # Claim the lead first, so two conversions at the same moment make one card: the second
    # waits for the first's row lock and then finds the lead already won.
    claimed = await db.execute(
        update(Lead)
        .where(Lead.id == lead.id, Lead.status == LeadStatus.open)
        .values(status=LeadStatus.won)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount == 0:  # type: ignore[attr-defined]
        await db.refresh(lead)
        if lead.status is LeadStatus.won and lead.student_id is not None:
            return await students.get_student(db, office.organization_id, lead.student_id)
        raise LeadClosed()
    student = await students.add_student(
        db,
        office,
        StudentFields(
            first_name=data.first_name,
            last_name=data.last_name,
            birth_date=data.birth_date,
            parent_name=data.parent_name,
            parent_phone=data.parent_phone,
            notes=f"{lead.subject} {lead.level}".strip(),
        ),
    )
    lead.status = LeadStatus.won
    lead.student_id = student.id
    lead.next_step_on = None
    db.add(_record(lead, office, ActivityKind.converted))
    await db.flush()
    return student
