import uuid
from datetime import date, time
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type


class Billing(StrEnum):
    """How a group's tuition is charged: a monthly price (prorated), or a price per lesson held."""

    monthly = "monthly"
    per_lesson = "per_lesson"


class Room(UUIDPrimaryKey, Timestamped, Base):
    __tablename__ = "crm_room"
    __table_args__ = (UniqueConstraint("organization_id", "name_key"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(60))
    name_key: Mapped[str] = mapped_column(String(60))
    seats: Mapped[int] = mapped_column(SmallInteger)


class Group(UUIDPrimaryKey, Timestamped, Base):
    """What the office adds to a kernel study group: room, dates, price and capacity.

    The study group (name, subject, teacher) stays the kernel's, written by main."""

    __tablename__ = "crm_group"
    __table_args__ = (
        CheckConstraint("monthly_price >= 0", name="price_not_negative"),
        CheckConstraint("lesson_price >= 0", name="lesson_price_not_negative"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    study_group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("study_group.id", ondelete="CASCADE"), unique=True
    )
    room_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("crm_room.id", ondelete="SET NULL"), index=True
    )
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    billing: Mapped[Billing] = mapped_column(
        enum_type(Billing), default=Billing.monthly, server_default=Billing.monthly.value
    )
    monthly_price: Mapped[int] = mapped_column(Integer)  # tiyin
    lesson_price: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # tiyin
    capacity: Mapped[int] = mapped_column(SmallInteger)


class GroupSlot(UUIDPrimaryKey, Base):
    """One weekly lesson time of a group (weekday 0 is Monday)."""

    __tablename__ = "crm_group_slot"
    __table_args__ = (CheckConstraint("starts_at < ends_at", name="starts_before_it_ends"),)

    group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_group.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int] = mapped_column(SmallInteger)
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)


class Enrolment(UUIDPrimaryKey, Timestamped, Base):
    """A student card in a group from a date (until they leave), with a discount and its reason."""

    __tablename__ = "crm_enrolment"
    __table_args__ = (
        CheckConstraint("discount_percent BETWEEN 0 AND 100", name="discount_percent_range"),
        CheckConstraint("discount_amount >= 0", name="discount_amount_not_negative"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_it_starts"),
    )

    group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_group.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_student.id", ondelete="CASCADE"), index=True
    )
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)  # the last day in the group
    discount_percent: Mapped[int] = mapped_column(SmallInteger, default=0)
    discount_amount: Mapped[int] = mapped_column(Integer, default=0)  # tiyin a month
    discount_reason: Mapped[str] = mapped_column(String(200), default="")


class Freeze(UUIDPrimaryKey, Timestamped, Base):
    """A period an enrolment is paused: the student keeps the place, pays nothing for these days
    and is not on the lessons' lists."""

    __tablename__ = "crm_enrolment_freeze"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="ends_after_it_starts"),)

    enrolment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_enrolment.id", ondelete="CASCADE"), index=True
    )
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)  # the last frozen day
    reason: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
