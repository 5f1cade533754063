import uuid
from enum import StrEnum

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type


class StaffRole(StrEnum):
    director = "director"
    administrator = "administrator"
    teacher = "teacher"
    cashier = "cashier"


class Staff(UUIDPrimaryKey, Timestamped, Base):
    """A platform account working in one organization's office, with one role there.

    The organization's owner is its director without a row (the kernel says who owns it)."""

    __tablename__ = "crm_staff"
    __table_args__ = (UniqueConstraint("organization_id", "user_id"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[StaffRole] = mapped_column(enum_type(StaffRole))
    added_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
