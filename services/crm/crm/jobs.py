"""crm's background jobs: the worker runs `python -m alif.jobs crm.jobs:jobs` (docs/jobs.md)."""

import uuid
from datetime import date, timedelta
from typing import Any

import structlog
from sqlalchemy import select

from alif.jobs import TASHKENT, JobContext, Jobs, enqueue
from alif.tuition import TUITION_PAID, TUITION_REFUNDED
from crm.config import CrmSettings
from crm.groups.models import Group
from crm.money import charges
from crm.tuition import service as tuition

logger = structlog.get_logger("crm.jobs")

jobs = Jobs("crm", CrmSettings)

# Corrections to last month (a per-lesson group's last lessons, a freeze entered late) are
# posted by the daily run during the first days of the next month; later, by hand.
LAST_MONTH_DAYS = 7


# Money must not be lost: many attempts before a failure waits for staff (its retry).
@jobs.job(TUITION_PAID.split(".", 1)[1], max_attempts=20)
async def tuition_paid(ctx: JobContext, payload: dict[str, Any]) -> None:
    """main performed a tuition link's payment: it lands on the student's balance once."""
    await tuition.land_payment(ctx.session, payload, ctx.now)


@jobs.job(TUITION_REFUNDED.split(".", 1)[1], max_attempts=20)
async def tuition_refunded(ctx: JobContext, payload: dict[str, Any]) -> None:
    await tuition.land_refund(ctx.session, payload, ctx.now)


def months_to_charge(today: date) -> list[date]:
    """This month, and last month during its first days (see LAST_MONTH_DAYS)."""
    this = today.replace(day=1)
    if today.day <= LAST_MONTH_DAYS:
        return [(this - timedelta(days=1)).replace(day=1), this]
    return [this]


@jobs.job("charge_all", cron="30 0 * * *")
async def charge_all(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Every night (00:30 in Tashkent): one charge run per organization with groups and month.
    A run posts only what changed, so running daily keeps balances current (decision 59)."""
    today = ctx.now.astimezone(TASHKENT).date()
    organizations = await ctx.session.scalars(select(Group.organization_id).distinct())
    for organization_id in organizations:
        for month in months_to_charge(today):
            await enqueue(
                ctx.session,
                "crm.charge_month",
                {"organization_id": str(organization_id), "month": month.isoformat()},
                key=f"charge:{organization_id}:{month:%Y-%m}:{today.isoformat()}",
            )


@jobs.job("charge_month")
async def charge_month(ctx: JobContext, payload: dict[str, Any]) -> None:
    result = await charges.run_month(
        ctx.session,
        uuid.UUID(payload["organization_id"]),
        date.fromisoformat(payload["month"]),
        ctx.now.astimezone(TASHKENT).date(),
        None,
    )
    logger.info(
        "crm_month_charged",
        organization_id=payload["organization_id"],
        month=payload["month"],
        charged=result.charged,
    )
