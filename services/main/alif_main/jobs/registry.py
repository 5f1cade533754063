"""Main's background jobs: housekeeping, the daily payments check, notifications, weekly reports.

The worker runs them: `python -m alif.jobs alif_main.jobs.registry:jobs` (start_all.py and the
`main-worker` container). Schedules are Tashkent time.
"""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import sentry_sdk
import structlog
from sqlalchemy import delete, or_

from alif.config import CommonSettings
from alif.eskiz import EskizClient
from alif.jobs import Job, JobContext, Jobs, JobStatus, enqueue
from alif.kernel.models import User
from alif.notifications import sending
from alif.notifications.messages import Kind
from alif.notifications.sending import Channels, SmsChannel
from alif.notifications.service import notify
from alif.notifications.telegram import TelegramBot
from alif_main.auth.models import AuthSession
from alif_main.config import MainSettings
from alif_main.payments import reconciliation
from alif_main.reports import service as reports
from alif_main.reports.service import Week, weekly_report
from alif_main.verification.models import VerificationCode

logger = structlog.get_logger("alif_main.jobs")

# Ended sessions and used or expired codes are kept this long for fraud review, then deleted.
KEEP_ENDED_SESSIONS = timedelta(days=30)
KEEP_CODES = timedelta(days=30)
# Finished jobs are kept this long: staff see recent history, and a schedule's key (which stops
# a second firing) must outlive the schedule's catch-up window by far.
KEEP_FINISHED_JOBS = timedelta(days=30)


def _main_settings(ctx: JobContext) -> MainSettings:
    assert isinstance(ctx.settings, MainSettings)
    return ctx.settings


@asynccontextmanager
async def _channels(settings: CommonSettings) -> AsyncIterator[Channels]:
    """The SMS and Telegram clients, open while the worker runs; None where not configured."""
    assert isinstance(settings, MainSettings)
    sms = None
    if settings.sms_configured:
        client = EskizClient(
            base_url=settings.eskiz_base_url,
            email=settings.eskiz_email,
            password=settings.eskiz_password,
            sender=settings.eskiz_sender,
        )
        callback = None
        if settings.eskiz_callback_url:
            query = urlencode({"secret": settings.eskiz_callback_secret})
            callback = f"{settings.eskiz_callback_url}?{query}"
        sms = SmsChannel(
            client,
            settings.sms_daily_cap,
            settings.sms_quiet_start,
            settings.sms_quiet_end,
            callback,
        )
    bot = None
    if settings.telegram_configured:
        bot = TelegramBot(token=settings.telegram_bot_token, base_url=settings.telegram_api_url)
    try:
        yield Channels(sms=sms, telegram=bot)
    finally:
        if sms is not None:
            await sms.client.close()
        if bot is not None:
            await bot.close()


jobs = Jobs("main", MainSettings, _channels)
jobs.job("send_sms")(sending.send_sms)
jobs.job("send_telegram")(sending.send_telegram)


@jobs.job("clean_sessions", cron="15 3 * * *")
async def clean_sessions(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Delete sessions (and their refresh tokens) that ended a month ago, and old one-time codes."""
    before = ctx.now - KEEP_ENDED_SESSIONS
    sessions = await ctx.session.execute(
        delete(AuthSession).where(
            or_(AuthSession.expires_at < before, AuthSession.revoked_at < before)
        )
    )
    codes = await ctx.session.execute(
        delete(VerificationCode).where(VerificationCode.expires_at < ctx.now - KEEP_CODES)
    )
    logger.info(
        "expired_sessions_cleaned",
        sessions=sessions.rowcount,  # type: ignore[attr-defined]
        codes=codes.rowcount,  # type: ignore[attr-defined]
    )


@jobs.job("prune_jobs", cron="45 3 * * *")
async def prune_jobs(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Delete succeeded jobs after a month; failed ones stay until staff deal with them."""
    result = await ctx.session.execute(
        delete(Job).where(
            Job.status == JobStatus.succeeded, Job.finished_at < ctx.now - KEEP_FINISHED_JOBS
        )
    )
    logger.info("finished_jobs_pruned", jobs=result.rowcount)  # type: ignore[attr-defined]


@jobs.job("reconcile_payments", cron="0 8 * * *")
async def reconcile_payments(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Every morning: the reconciliation report; anything flagged goes to the log and Sentry,
    so staff open the reconciliation page (docs/payments.md) the day it happens."""
    report = await reconciliation.report(ctx.session, _main_settings(ctx), now=ctx.now)
    if report.flagged or report.paid_not_activated:
        logger.error(
            "payments_need_a_look",
            flagged=len(report.flagged),
            paid_not_activated=len(report.paid_not_activated),
        )
        sentry_sdk.capture_message(
            f"Payments reconciliation: {len(report.flagged)} flagged transaction(s), "
            f"{len(report.paid_not_activated)} paid order(s) without subscription time",
            level="error",
        )
    else:
        logger.info("payments_reconciled", totals=len(report.totals))


@jobs.job("weekly_reports", cron="0 19 * * 0")
async def weekly_reports(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Sunday 19:00 in Tashkent: one job per parent with active children, so one parent's
    failure is retried alone and a big family list is not one long transaction."""
    week = Week.containing(
        datetime.fromisoformat(payload.get("scheduled_for") or ctx.now.isoformat())
    )
    parents = await reports.parents_with_active_children(ctx.session)
    for parent_id in parents:
        await enqueue(
            ctx.session,
            "main.weekly_report",
            {"parent_id": str(parent_id), "week": week.name},
            key=f"weekly_report:{parent_id}:{week.name}",
        )
    logger.info("weekly_reports_enqueued", parents=len(parents), week=week.name)


@jobs.job("weekly_report")
async def send_weekly_report(ctx: JobContext, payload: dict[str, Any]) -> None:
    """One parent's report, a notification per child (in the app, and their chosen channels)."""
    parent = await ctx.session.get(User, uuid.UUID(payload["parent_id"]))
    if parent is None:
        return
    week = Week.parse(payload["week"])
    for child in await weekly_report(ctx.session, parent.id, week):
        average = child.average_percent
        await notify(
            ctx.session,
            parent,
            Kind.weekly_report,
            {
                "child": child.name,
                "week": week.label,
                "tests": len(child.tests),
                "score": "-" if average is None else f"{average}%",
                "games": child.games_played,
                "earned": child.coins_earned,
                "spent": child.coins_spent,
            },
            key=f"weekly_report:{parent.id}:{child.child_id}:{week.name}",
            data={"child_id": str(child.child_id), "week": week.name},
        )
