import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, UUIDPrimaryKey, enum_type, utcnow
from alif.kernel.models import Relation


class FamilyInvitation(UUIDPrimaryKey, Base):
    """A one-time code a parent gives to an existing student, who confirms it to link them."""

    __tablename__ = "family_invitation"

    parent_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    relation: Mapped[Relation] = mapped_column(enum_type(Relation))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    accepted_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


class ChildCreation(UUIDPrimaryKey, Base):
    """An add-child request's idempotency key and the child it made: a retry gets that child."""

    __tablename__ = "family_child_creation"
    __table_args__ = (UniqueConstraint("parent_id", "idempotency_key"),)

    parent_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    idempotency_key: Mapped[str] = mapped_column(String(100))
    child_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    # The request without its PIN (which is checked against the child's PIN hash instead).
    request_digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
