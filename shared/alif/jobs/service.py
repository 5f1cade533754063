"""Enqueueing (in the caller's transaction) and what staff do with failed jobs."""

import uuid
from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from alif.db import utcnow
from alif.jobs.exceptions import JobNotFound
from alif.jobs.models import Job, JobStatus
from alif.schemas import Found, PageParams

logger = structlog.get_logger("alif.jobs")


async def enqueue(
    session: AsyncSession,
    name: str,
    payload: dict[str, Any] | None = None,
    *,
    key: str | None = None,
    run_at: datetime | None = None,
) -> None:
    """Ask for `name` ("main.send_sms") to run once this session commits (never if it rolls back).

    `key` makes it idempotent: a second enqueue with the same key is ignored, whatever its payload.
    """
    queue = name.split(".", 1)[0]
    values = {
        "id": uuid.uuid4(),
        "queue": queue,
        "name": name,
        "payload": payload or {},
        "idempotency_key": key or f"{name}:{uuid.uuid4()}",
        "status": JobStatus.pending,
        "attempts": 0,
        "run_at": run_at or utcnow(),
        "request_id": structlog.contextvars.get_contextvars().get("request_id"),
        "created_at": utcnow(),
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    inserted = await session.execute(
        insert(Job).values(**values).on_conflict_do_nothing(index_elements=["idempotency_key"])
    )
    if inserted.rowcount == 1:  # type: ignore[attr-defined]
        logger.info("job_enqueued", job=name, key=values["idempotency_key"])


async def list_jobs(
    session: AsyncSession, page: PageParams, *, status: JobStatus | None, queue: str | None
) -> Found[Job]:
    query = select(Job)
    if status is not None:
        query = query.where(Job.status == status)
    if queue is not None:
        query = query.where(Job.queue == queue)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(
        query.order_by(Job.created_at.desc(), Job.id).limit(page.limit).offset(page.offset)
    )
    return Found(items=list(rows), total=total)


async def retry(session: AsyncSession, job_id: uuid.UUID) -> Job:
    """A failed job gets its attempts back and runs as soon as a worker is free.

    Anything not failed is left alone (a pending or running job will run anyway; a succeeded one
    must not run twice).
    """
    job = await session.get(Job, job_id, with_for_update=True)
    if job is None:
        raise JobNotFound()
    if job.status is JobStatus.failed:
        job.status = JobStatus.pending
        job.attempts = 0
        job.run_at = utcnow()
        job.finished_at = None
        await session.flush()
        logger.info("job_retried_by_staff", job=job.name, job_id=str(job.id))
    return job
