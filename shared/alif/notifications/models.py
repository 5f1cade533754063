"""Notifications: what a user was told in the app, how they want each kind of message, the SMS
sent (for the daily cap and Eskiz's delivery reports) and the Telegram chats linked to accounts.

Like the coins ledger, every service may write these (any service has news for a parent); the
sending itself runs in main's job worker, which holds the SMS and Telegram credentials.
"""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, UUIDPrimaryKey, enum_type, utcnow


class Notification(UUIDPrimaryKey, Base):
    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_user_created", "user_id", "created_at"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The same news told twice (a retried job, a report sent again) stays one notification.
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]


class NotificationPreference(Base):
    """The channels besides the app a user wants for one kind of message; no row: the default."""

    __tablename__ = "notification_preference"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    channels: Mapped[list[str]] = mapped_column(default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SmsStatus(StrEnum):
    queued = "queued"  # waiting for its job (or for the quiet hours to end)
    sent = "sent"  # Eskiz accepted it
    delivered = "delivered"  # Eskiz's callback: the phone got it
    undelivered = "undelivered"  # Eskiz's callback: it did not
    skipped = "skipped"  # not sent: the daily cap, or the channel not configured


class SmsMessage(UUIDPrimaryKey, Base):
    __tablename__ = "sms_message"
    __table_args__ = (Index("ix_sms_message_phone_day", "phone", "day"),)

    notification_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("notification.id", ondelete="SET NULL")
    )
    phone: Mapped[str] = mapped_column(String(13))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[SmsStatus] = mapped_column(enum_type(SmsStatus), default=SmsStatus.queued)
    # The Tashkent day it was sent on: the daily cap counts per phone per day.
    day: Mapped[date | None] = mapped_column(Date)
    provider_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    provider_status: Mapped[str | None] = mapped_column(String(40))
    skip_reason: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    status_at: Mapped[datetime | None]


class TelegramLink(Base):
    """A Telegram chat that receives one account's messages."""

    __tablename__ = "telegram_link"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)


class TelegramLinkCode(Base):
    """A one-time code the user sends the bot to link their chat; stored hashed, short-lived."""

    __tablename__ = "telegram_link_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
