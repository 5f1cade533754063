import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, UUIDPrimaryKey, enum_type, utcnow


class CodePurpose(StrEnum):
    register = "register"
    password_reset = "password_reset"


class VerificationCode(UUIDPrimaryKey, Base):
    """A one-time code sent to a phone or e-mail; kept (hashed) for fraud review."""

    __tablename__ = "verification_code"
    __table_args__ = (Index("ix_verification_code_lookup", "identifier", "purpose", "created_at"),)

    identifier: Mapped[str] = mapped_column(String(254))
    purpose: Mapped[CodePurpose] = mapped_column(enum_type(CodePurpose))
    code_hash: Mapped[str] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    delivered: Mapped[bool] = mapped_column(default=True)
    ip_address: Mapped[str] = mapped_column(String(45), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    consumed_at: Mapped[datetime | None]
    # The registration this code confirms (None: a password reset, or an account made before).
    registration_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("pending_registration.id", ondelete="CASCADE")
    )
