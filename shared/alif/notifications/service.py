"""Telling users things: in the app always, by SMS or Telegram when they chose it.

`notify` is called in the caller's session: the notification and the jobs that send it commit
with the work that caused them, or not at all. Every service may call it; main's worker sends.
"""

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import utcnow
from alif.jobs import enqueue
from alif.kernel.models import User
from alif.notifications.messages import DEFAULT_CHANNELS, Channel, Kind, render
from alif.notifications.models import (
    Notification,
    NotificationPreference,
    SmsMessage,
    SmsStatus,
    TelegramLink,
    TelegramLinkCode,
)
from alif.schemas import Found, PageParams

logger = structlog.get_logger("alif.notifications")

SEND_SMS = "main.send_sms"
SEND_TELEGRAM = "main.send_telegram"
LINK_CODE_TTL = timedelta(minutes=15)


async def channels_for(
    session: AsyncSession, user_id: uuid.UUID, kind: Kind
) -> tuple[Channel, ...]:
    chosen = await session.get(NotificationPreference, (user_id, kind.value))
    if chosen is None:
        return DEFAULT_CHANNELS[kind]
    return tuple(Channel(c) for c in chosen.channels)


async def notify(
    session: AsyncSession,
    user: User,
    kind: Kind,
    params: dict[str, str | int],
    *,
    key: str,
    data: dict[str, Any] | None = None,
) -> Notification | None:
    """Tell `user`; the same `key` again does nothing (returns None), so retries are safe."""
    texts = render(kind, user.language, params)
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    notification_id = uuid.uuid4()
    inserted = await session.execute(
        insert(Notification)
        .values(
            id=notification_id,
            user_id=user.id,
            kind=kind.value,
            title=texts.title,
            body=texts.body,
            data=data or {},
            idempotency_key=key,
            created_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["idempotency_key"])
    )
    if inserted.rowcount != 1:  # type: ignore[attr-defined]
        return None
    channels = await channels_for(session, user.id, kind)
    if Channel.telegram in channels and await session.get(TelegramLink, user.id) is not None:
        await enqueue(
            session, SEND_TELEGRAM, {"notification_id": str(notification_id)}, key=f"tg:{key}"
        )
    if Channel.sms in channels and user.phone:
        sms = SmsMessage(notification_id=notification_id, phone=user.phone, text=texts.sms)
        session.add(sms)
        await session.flush()
        await enqueue(session, SEND_SMS, {"sms_id": str(sms.id)}, key=f"sms:{key}")
    logger.info("notified", kind=kind.value, channels=[c.value for c in channels])
    return await session.get(Notification, notification_id)


async def queue_sms(session: AsyncSession, phone: str, text: str, *, key: str) -> SmsMessage:
    """An SMS to a phone that may have no account (a parent on a centre's card), sent by main's
    worker under the same quiet hours and daily cap. The caller makes `key` unique per message;
    the caller's own state (a confirmed batch) keeps it from being queued twice."""
    sms = SmsMessage(phone=phone, text=text)
    session.add(sms)
    await session.flush()
    await enqueue(session, SEND_SMS, {"sms_id": str(sms.id)}, key=f"sms:{key}")
    return sms


async def list_notifications(
    session: AsyncSession, user_id: uuid.UUID, page: PageParams, *, unread: bool
) -> Found[Notification]:
    query = select(Notification).where(Notification.user_id == user_id)
    if unread:
        query = query.where(Notification.read_at.is_(None))
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(Notification.created_at.desc(), Notification.id)
        .limit(page.limit)
        .offset(page.offset)
    )
    return Found(items=list(rows), total=total)


async def unread_count(session: AsyncSession, user_id: uuid.UUID) -> int:
    query = select(func.count()).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    return await session.scalar(query) or 0


async def mark_read(
    session: AsyncSession, user_id: uuid.UUID, ids: list[uuid.UUID] | None, now: datetime
) -> None:
    """Mark these (or, with None, all) of the user's notifications read; others' ids are ignored."""
    query = update(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    if ids is not None:
        query = query.where(Notification.id.in_(ids))
    await session.execute(query.values(read_at=now))


async def preferences(session: AsyncSession, user_id: uuid.UUID) -> dict[Kind, tuple[Channel, ...]]:
    chosen = await session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user_id)
    )
    result = dict(DEFAULT_CHANNELS)
    for row in chosen:
        if row.kind in Kind.__members__:
            result[Kind(row.kind)] = tuple(Channel(c) for c in row.channels)
    return result


async def set_preference(
    session: AsyncSession, user_id: uuid.UUID, kind: Kind, channels: list[Channel]
) -> None:
    row = await session.get(NotificationPreference, (user_id, kind.value), with_for_update=True)
    values = sorted({c.value for c in channels})
    if row is None:
        session.add(NotificationPreference(user_id=user_id, kind=kind.value, channels=values))
    else:
        row.channels = values
    await session.flush()


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


async def create_link_code(session: AsyncSession, user_id: uuid.UUID, now: datetime) -> str:
    """A one-time code for the bot (8 letters and digits, 15 minutes); earlier ones stop working."""
    await session.execute(
        update(TelegramLinkCode)
        .where(TelegramLinkCode.user_id == user_id, TelegramLinkCode.used_at.is_(None))
        .values(used_at=now)
    )
    code = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
    session.add(
        TelegramLinkCode(code_hash=_hash(code), user_id=user_id, expires_at=now + LINK_CODE_TTL)
    )
    await session.flush()
    return code


async def link_chat(
    session: AsyncSession, code: str, chat_id: int, now: datetime
) -> uuid.UUID | None:
    """The account the code belongs to, now linked to `chat_id`; None for a wrong or used code."""
    row = await session.get(TelegramLinkCode, _hash(code), with_for_update=True)
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    row.used_at = now
    # One chat, one account: linking elsewhere moves it; the account's old chat is replaced.
    for existing in await session.scalars(
        select(TelegramLink).where(
            (TelegramLink.chat_id == chat_id) | (TelegramLink.user_id == row.user_id)
        )
    ):
        await session.delete(existing)
    await session.flush()
    session.add(TelegramLink(user_id=row.user_id, chat_id=chat_id, linked_at=now))
    await session.flush()
    logger.info("telegram_linked", user_id=str(row.user_id))
    return row.user_id


async def unlink(session: AsyncSession, user_id: uuid.UUID) -> None:
    link = await session.get(TelegramLink, user_id)
    if link is not None:
        await session.delete(link)
        await session.flush()


async def telegram_link(session: AsyncSession, user_id: uuid.UUID) -> TelegramLink | None:
    return await session.get(TelegramLink, user_id)


# Eskiz's delivery reports: its final states, in the spellings its callbacks use.
DELIVERED = {"DELIVRD", "DELIVERED"}
UNDELIVERED = {"UNDELIV", "UNDELIVERED", "EXPIRED", "REJECTD", "REJECTED", "FAILED"}


async def record_delivery(
    session: AsyncSession, provider_id: str, provider_status: str, now: datetime
) -> bool:
    """Store Eskiz's report for the SMS it knows as `provider_id`; False when there is none."""
    sms = await session.scalar(
        select(SmsMessage).where(SmsMessage.provider_id == provider_id).with_for_update()
    )
    if sms is None:
        return False
    status = provider_status.strip().upper()
    sms.provider_status = status[:40]
    sms.status_at = now
    if status in DELIVERED:
        sms.status = SmsStatus.delivered
    elif status in UNDELIVERED:
        sms.status = SmsStatus.undelivered
    await session.flush()
    logger.info("sms_delivery_reported", status=status, sms_id=str(sms.id))
    return True
