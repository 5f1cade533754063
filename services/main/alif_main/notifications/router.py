"""A user's notifications, their channels and preferences, linking Telegram; and the two public
routes the providers call: Telegram's webhook and Eskiz's delivery reports."""

import hmac
import uuid
from typing import Annotated, Any

import structlog
from fastapi import APIRouter, Header, Query, Response
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import CurrentUser
from alif.db import SessionDep, utcnow
from alif.errors import error_responses
from alif.kernel.models import User
from alif.notifications import service
from alif.notifications.exceptions import (
    NoPhoneForSms,
    SmsNotConfigured,
    TelegramNotConfigured,
    TelegramNotLinked,
)
from alif.notifications.messages import Channel, Kind
from alif.schemas import PageParams
from alif_main.config import MainSettings
from alif_main.dependencies import SettingsDep
from alif_main.notifications.bot import reply_to_update
from alif_main.notifications.exceptions import WrongSecret
from alif_main.notifications.schemas import (
    ChannelsRead,
    ChannelState,
    MarkRead,
    NotificationList,
    NotificationRead,
    PreferenceRead,
    PreferenceUpdate,
    TelegramLinkCodeRead,
    UnreadCount,
)

logger = structlog.get_logger("alif_main.notifications")

router = APIRouter(prefix="/notifications", tags=["notifications"])
public_router = APIRouter(prefix="/notifications", tags=["notifications"])


@router.get("", summary="My notifications, newest first, and how many are unread")
async def list_notifications(
    user: CurrentUser,
    db: SessionDep,
    page: Annotated[PageParams, Query()],
    unread: bool = False,
) -> NotificationList:
    found = await service.list_notifications(db, user.id, page, unread=unread)
    return NotificationList(
        items=[NotificationRead.model_validate(n) for n in found.items],
        total=found.total,
        limit=page.limit,
        offset=page.offset,
        unread=await service.unread_count(db, user.id),
    )


@router.post("/read", summary="Mark notifications read (ids, or all without ids)")
async def mark_read(data: MarkRead, user: CurrentUser, db: SessionDep) -> UnreadCount:
    await service.mark_read(db, user.id, data.ids, utcnow())
    return UnreadCount(unread=await service.unread_count(db, user.id))


async def _channel_states(
    db: AsyncSession, user_id: uuid.UUID, settings: MainSettings
) -> ChannelsRead:
    account = await db.get(User, user_id)
    linked = await service.telegram_link(db, user_id) is not None
    return ChannelsRead(
        in_app=ChannelState(configured=True, ready=True),
        sms=ChannelState(configured=settings.sms_configured, ready=bool(account and account.phone)),
        telegram=ChannelState(configured=settings.telegram_configured, ready=linked),
    )


@router.get("/channels", summary="Which channels the server has set up and I can receive")
async def read_channels(user: CurrentUser, db: SessionDep, settings: SettingsDep) -> ChannelsRead:
    return await _channel_states(db, user.id, settings)


@router.get(
    "/preferences",
    summary="For each kind of message, the channels besides the app (a default names only the "
    "channels I can receive now)",
)
async def read_preferences(
    user: CurrentUser, db: SessionDep, settings: SettingsDep
) -> list[PreferenceRead]:
    states = await _channel_states(db, user.id, settings)
    available = [
        channel
        for channel, state in ((Channel.sms, states.sms), (Channel.telegram, states.telegram))
        if state.configured and state.ready
    ]
    chosen = await service.preferences(db, user.id, available)
    return [PreferenceRead(kind=k, channels=list(c)) for k, c in chosen.items()]


@router.put(
    "/preferences/{kind}",
    responses=error_responses(409, 503),
    summary="Choose the channels for one kind of message (the app always has it)",
)
async def update_preference(
    kind: Kind, data: PreferenceUpdate, user: CurrentUser, db: SessionDep, settings: SettingsDep
) -> PreferenceRead:
    if Channel.sms in data.channels:
        if not settings.sms_configured:
            raise SmsNotConfigured()
        account = await db.get(User, user.id)
        if account is None or not account.phone:
            raise NoPhoneForSms()
    if Channel.telegram in data.channels:
        if not settings.telegram_configured:
            raise TelegramNotConfigured()
        if await service.telegram_link(db, user.id) is None:
            raise TelegramNotLinked()
    await service.set_preference(db, user.id, kind, data.channels)
    return PreferenceRead(kind=kind, channels=sorted(set(data.channels)))


@router.post(
    "/telegram/link",
    responses=error_responses(503),
    summary="A one-time code (15 minutes) to send the bot, which links this account's chat",
)
async def create_telegram_code(
    user: CurrentUser, db: SessionDep, settings: SettingsDep
) -> TelegramLinkCodeRead:
    if not settings.telegram_configured:
        raise TelegramNotConfigured()
    now = utcnow()
    code = await service.create_link_code(db, user.id, now)
    return TelegramLinkCodeRead(
        code=code,
        url=f"https://t.me/{settings.telegram_bot_username}?start={code}",
        expires_at=now + service.LINK_CODE_TTL,
    )


@router.delete("/telegram/link", status_code=204, summary="Stop Telegram messages to my chat")
async def unlink_telegram(user: CurrentUser, db: SessionDep) -> Response:
    await service.unlink(db, user.id)
    return Response(status_code=204)


def _secret_matches(given: str | None, expected: str) -> bool:
    if not expected or given is None:
        return False
    # Bytes: compare_digest refuses non-ASCII str, and a forged header may carry any character.
    return hmac.compare_digest(given.encode(), expected.encode())


@public_router.post(
    "/telegram/webhook",
    responses=error_responses(403, 503),
    summary="Called by Telegram (secret token header checked), not by our apps",
)
async def telegram_webhook(
    update: dict[str, Any],
    db: SessionDep,
    settings: SettingsDep,
    secret: Annotated[str | None, Header(alias="X-Telegram-Bot-Api-Secret-Token")] = None,
) -> dict[str, Any]:
    if not settings.telegram_configured:
        raise TelegramNotConfigured()
    if not _secret_matches(secret, settings.telegram_webhook_secret):
        raise WrongSecret()
    return await reply_to_update(db, update, utcnow())


@public_router.post(
    "/sms/status",
    responses=error_responses(403),
    summary="Called by Eskiz with an SMS's delivery status (secret in the URL), not by our apps",
)
async def eskiz_delivery_report(
    report: dict[str, Any],
    db: SessionDep,
    settings: SettingsDep,
    secret: str | None = None,
) -> dict[str, bool]:
    if not _secret_matches(secret, settings.eskiz_callback_secret):
        raise WrongSecret()
    provider_id = report.get("request_id") or report.get("message_id") or report.get("id")
    status = report.get("status")
    if not isinstance(status, str) or provider_id is None:
        return {"recorded": False}
    recorded = await service.record_delivery(db, str(provider_id), status, utcnow())
    return {"recorded": recorded}
