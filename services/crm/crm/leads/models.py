import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type


class LeadSource(StrEnum):
    instagram = "instagram"
    telegram = "telegram"
    referral = "referral"
    walk_in = "walk_in"
    website = "website"
    other = "other"


class LeadStatus(StrEnum):
    open = "open"
    won = "won"  # became a student
    lost = "lost"


class LostReason(StrEnum):
    too_expensive = "too_expensive"
    schedule_does_not_fit = "schedule_does_not_fit"
    chose_another_centre = "chose_another_centre"
    not_interested = "not_interested"
    unreachable = "unreachable"
    other = "other"


class ActivityKind(StrEnum):
    call = "call"
    note = "note"
    trial_booked = "trial_booked"
    stage_changed = "stage_changed"
    lost = "lost"
    converted = "converted"


class LeadStage(UUIDPrimaryKey, Timestamped, Base):
    """A column of one organization's pipeline (won and lost are outcomes, not stages)."""

    __tablename__ = "crm_lead_stage"
    __table_args__ = (UniqueConstraint("organization_id", "name_key"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(60))
    name_key: Mapped[str] = mapped_column(String(60))  # the name folded for comparison
    position: Mapped[int] = mapped_column(SmallInteger)


class Lead(UUIDPrimaryKey, Timestamped, Base):
    """Someone who may become a student: where they came from, what they want, what is next."""

    __tablename__ = "crm_lead"
    __table_args__ = (
        UniqueConstraint("organization_id", "idempotency_key"),
        Index("ix_crm_lead_organization_id_phone", "organization_id", "phone"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    stage_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("crm_lead_stage.id"), index=True)
    status: Mapped[LeadStatus] = mapped_column(enum_type(LeadStatus), default=LeadStatus.open)
    name: Mapped[str] = mapped_column(String(160))
    phone: Mapped[str] = mapped_column(String(13))
    source: Mapped[LeadSource] = mapped_column(enum_type(LeadSource))
    subject: Mapped[str] = mapped_column(String(80), default="")
    level: Mapped[str] = mapped_column(String(60), default="")
    preferred_times: Mapped[str] = mapped_column(String(200), default="")
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    next_step_on: Mapped[date | None] = mapped_column(Date, index=True)
    lost_reason: Mapped[LostReason | None] = mapped_column(enum_type(LostReason, 24))
    student_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("crm_student.id", ondelete="SET NULL")
    )
    idempotency_key: Mapped[uuid.UUID | None]
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


class LeadActivity(UUIDPrimaryKey, Timestamped, Base):
    """What happened with a lead (a call, a note, a booked trial, a move), by whom."""

    __tablename__ = "crm_lead_activity"

    lead_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_lead.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    kind: Mapped[ActivityKind] = mapped_column(enum_type(ActivityKind))
    text: Mapped[str] = mapped_column(Text, default="")
    next_step_on: Mapped[date | None] = mapped_column(Date)
