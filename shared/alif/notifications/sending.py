"""The jobs that send: SMS through Eskiz (quiet hours, a daily cap per phone) and Telegram.

They run in main's worker, whose registry opens the `Channels` once. A channel that is not
configured is None: its messages are recorded as skipped ("sms_not_configured"), never faked.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

import structlog
from sqlalchemy import func, select

from alif.eskiz import EskizClient
from alif.jobs import TASHKENT, JobContext, enqueue
from alif.notifications.models import Notification, SmsMessage, SmsStatus, TelegramLink
from alif.notifications.service import SEND_SMS
from alif.notifications.telegram import ChatGone, TelegramBot

logger = structlog.get_logger("alif.notifications")


@dataclass(frozen=True)
class SmsChannel:
    client: EskizClient
    daily_cap: int  # SMS per phone per Tashkent day, every kind together
    quiet_start: time  # no SMS from this time...
    quiet_end: time  # ...to this time, Tashkent
    callback_url: str | None  # where Eskiz reports delivery (with its secret), if set

    def quiet_until(self, now: datetime) -> datetime | None:
        """When the quiet hours around `now` end, or None outside them."""
        local = now.astimezone(TASHKENT)
        clock = local.time()
        if self.quiet_start > self.quiet_end:  # over midnight: 21:00-08:00
            quiet = clock >= self.quiet_start or clock < self.quiet_end
        else:
            quiet = self.quiet_start <= clock < self.quiet_end
        if not quiet:
            return None
        end = datetime.combine(local.date(), self.quiet_end, tzinfo=TASHKENT)
        if end <= local:
            end += timedelta(days=1)
        return end


@dataclass(frozen=True)
class Channels:
    sms: SmsChannel | None
    telegram: TelegramBot | None


def _channels(ctx: JobContext) -> Channels:
    assert isinstance(ctx.resources, Channels), "the worker's registry must open Channels"
    return ctx.resources


SENT = (SmsStatus.sent, SmsStatus.delivered, SmsStatus.undelivered)


async def send_sms(ctx: JobContext, payload: dict[str, Any]) -> None:
    sms = await ctx.session.get(SmsMessage, uuid.UUID(payload["sms_id"]), with_for_update=True)
    if sms is None or sms.status is not SmsStatus.queued:
        return
    channel = _channels(ctx).sms
    if channel is None:
        sms.status, sms.skip_reason = SmsStatus.skipped, "sms_not_configured"
        logger.warning("sms_not_configured", sms_id=str(sms.id))
        return
    if (resume := channel.quiet_until(ctx.now)) is not None:
        # A later job of its own: this one succeeds, the SMS waits for the morning.
        await enqueue(
            ctx.session, SEND_SMS, payload, key=f"sms:{sms.id}:{resume.isoformat()}", run_at=resume
        )
        logger.info("sms_held_for_quiet_hours", until=resume.isoformat())
        return
    today = ctx.now.astimezone(TASHKENT).date()
    sent_today = await ctx.session.scalar(
        select(func.count()).where(
            SmsMessage.phone == sms.phone, SmsMessage.day == today, SmsMessage.status.in_(SENT)
        )
    )
    if (sent_today or 0) >= channel.daily_cap:
        sms.status, sms.skip_reason = SmsStatus.skipped, "daily_cap"
        logger.warning("sms_daily_cap_reached", sms_id=str(sms.id))
        return
    # An outage raises SmsUnavailable: the job is retried with backoff, then shown to staff.
    sms.provider_id = await channel.client.send_sms(
        sms.phone, sms.text, callback_url=channel.callback_url
    )
    sms.status, sms.day, sms.sent_at = SmsStatus.sent, today, ctx.now


async def send_telegram(ctx: JobContext, payload: dict[str, Any]) -> None:
    notification = await ctx.session.get(Notification, uuid.UUID(payload["notification_id"]))
    if notification is None:
        return
    bot = _channels(ctx).telegram
    link = await ctx.session.get(TelegramLink, notification.user_id)
    if bot is None or link is None:
        logger.warning("telegram_not_sent", configured=bot is not None, linked=link is not None)
        return
    try:
        await bot.send_message(link.chat_id, f"{notification.title}\n\n{notification.body}")
    except ChatGone:
        logger.info("telegram_chat_gone", user_id=str(link.user_id))
        await ctx.session.delete(link)
