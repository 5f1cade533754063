import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, utcnow


class Student(UUIDPrimaryKey, Timestamped, Base):
    """A learning centre's student card: the office's own record of a child and their parent."""

    __tablename__ = "crm_student"
    # A retried "add student" (a double click, a lost answer) finds the first card.
    __table_args__ = (UniqueConstraint("organization_id", "idempotency_key"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str | None] = mapped_column(String(13), index=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    parent_name: Mapped[str] = mapped_column(String(160), default="")
    parent_phone: Mapped[str | None] = mapped_column(String(13), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    idempotency_key: Mapped[uuid.UUID | None]
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    # What the student owes in tiyin (negative: paid ahead). Kept with every money entry in the
    # same transaction; the reconciliation report checks it against the entries.
    debt: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class StudentChange(UUIDPrimaryKey, Base):
    """One change of a card's fields, by whom and when: the card's history (never changed)."""

    __tablename__ = "crm_student_change"

    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_student.id", ondelete="CASCADE"), index=True
    )
    # {"phone": {"from": "+998901112233", "to": null}, ...}: only the fields that changed.
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    changed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
