import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type


class EntryKind(StrEnum):
    charge = "charge"  # tuition due (adds to the debt)
    discount = "discount"  # tuition forgiven (subtracts)
    payment = "payment"  # money received (subtracts)
    refund = "refund"  # money given back (adds)


class Method(StrEnum):
    cash = "cash"
    card = "card"
    payme = "payme"
    click = "click"


# How each kind moves a student's debt: charges − discounts − payments + refunds = debt.
DEBT_SIGN: dict[EntryKind, int] = {
    EntryKind.charge: 1,
    EntryKind.discount: -1,
    EntryKind.payment: -1,
    EntryKind.refund: 1,
}


class MoneyEntry(UUIDPrimaryKey, Timestamped, Base):
    """One change of a student's money, never updated or deleted: the audit log is this table.

    A charge or discount that changes (a freeze, a new discount, a later start) is corrected by
    another entry for the same enrolment and period holding the difference (it may be negative),
    so what was due and who changed it stay visible."""

    __tablename__ = "crm_money_entry"
    __table_args__ = (
        UniqueConstraint("organization_id", "idempotency_key"),
        UniqueConstraint("organization_id", "receipt_number"),
        CheckConstraint(
            "kind IN ('charge', 'discount') OR amount > 0", name="payments_are_positive"
        ),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_student.id", ondelete="CASCADE"), index=True
    )
    enrolment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("crm_enrolment.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[EntryKind] = mapped_column(enum_type(EntryKind))
    amount: Mapped[int] = mapped_column(BigInteger)  # tiyin
    period: Mapped[date | None] = mapped_column(Date)  # a charge's month (its first day)
    method: Mapped[Method | None] = mapped_column(enum_type(Method))
    refunds_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("crm_money_entry.id", ondelete="RESTRICT"), index=True
    )
    receipt_number: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(300), default="")
    idempotency_key: Mapped[str | None] = mapped_column(String(80))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


class TeacherRate(UUIDPrimaryKey, Timestamped, Base):
    """How the organization pays a teacher: a share of their groups' tuition and/or an amount for
    each lesson held."""

    __tablename__ = "crm_teacher_rate"
    __table_args__ = (
        UniqueConstraint("organization_id", "teacher_id"),
        CheckConstraint("share_percent BETWEEN 0 AND 100", name="share_percent_range"),
        CheckConstraint("lesson_amount >= 0", name="lesson_amount_not_negative"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    teacher_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    share_percent: Mapped[int] = mapped_column(SmallInteger, default=0)
    lesson_amount: Mapped[int] = mapped_column(Integer, default=0)  # tiyin
