import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type, utcnow


class SessionKind(StrEnum):
    web = "web"  # refresh token in an HttpOnly cookie (the web apps, SSO)
    api = "api"  # refresh token in the response body (API clients)
    admin = "admin"  # the admin UI's own signed cookie


class PendingRegistration(UUIDPrimaryKey, Base):
    """A registration waiting for the code sent for it.

    The account is made only when that code is confirmed, so registering a phone again never
    changes another person's pending registration: each code confirms only its own.
    """

    __tablename__ = "pending_registration"

    identifier: Mapped[str] = mapped_column(String(254), index=True)
    details: Mapped[dict[str, Any]]
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuthSession(UUIDPrimaryKey, Timestamped, Base):
    """One signed-in device. Its refresh tokens form one rotation family."""

    __tablename__ = "auth_session"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[SessionKind] = mapped_column(enum_type(SessionKind, 10))
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    ip_address: Mapped[str] = mapped_column(String(45), default="")
    last_used_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoke_reason: Mapped[str | None] = mapped_column(String(40))

    def is_live(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now


class RefreshToken(UUIDPrimaryKey, Base):
    __tablename__ = "refresh_token"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("auth_session.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    rotated_at: Mapped[datetime | None]
