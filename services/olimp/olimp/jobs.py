"""olimp's background jobs: the worker runs `python -m alif.jobs olimp.jobs:jobs` (docs/jobs.md)."""

import uuid
from typing import Any

import structlog

from alif.jobs import JobContext, Jobs
from olimp.config import OlimpSettings
from olimp.results import service as results

logger = structlog.get_logger("olimp.jobs")

jobs = Jobs("olimp", OlimpSettings)


@jobs.job("rank_due", cron="* * * * *")
async def rank_due(ctx: JobContext, payload: dict[str, Any]) -> None:
    """Every minute: a ranking job for each round that has closed and was never ranked."""
    if count := await results.enqueue_due_rankings(ctx.session, ctx.now):
        logger.info("olimp_rankings_enqueued", rounds=count)


@jobs.job("rank_round")
async def rank_round(ctx: JobContext, payload: dict[str, Any]) -> None:
    await results.rank_by_id(ctx.session, uuid.UUID(payload["round_id"]), ctx.now)


@jobs.job("finalise")
async def finalise(ctx: JobContext, payload: dict[str, Any]) -> None:
    """After publication: the last ranking, certificates and prizes (each made once)."""
    done = await results.finalise(ctx.session, uuid.UUID(payload["olympiad_id"]), ctx.now)
    logger.info(
        "olimp_finalised",
        olympiad_id=payload["olympiad_id"],
        certificates=done.certificates,
        prizes_paid=done.prizes_paid,
    )
