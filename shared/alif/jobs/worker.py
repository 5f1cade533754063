"""The worker: fires schedules, claims due jobs, runs each in its own transaction.

Claiming is `SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL, so workers never take the same
row; on SQLite every write transaction already holds the one write lock (`BEGIN IMMEDIATE`, see
`alif.db`), so claims are serialised the same way. A claim is a lease: a worker that dies mid-job
never commits (its effects roll back with it), and once `locked_until` passes another worker takes
the job again. Finishing checks the claim is still ours in the job's own transaction, so a worker
whose lease ran out cannot commit a second copy of the effects: database effects happen once.
"""

import random
import socket
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import anyio
import sentry_sdk
import structlog
from sqlalchemy import and_, or_, select, update

from alif.config import CommonSettings
from alif.db import Database, utcnow
from alif.jobs.models import Job, JobStatus
from alif.jobs.registry import JobContext, Jobs
from alif.jobs.service import enqueue

logger = structlog.get_logger("alif.jobs")

BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)


class LeaseLost(Exception):
    """Another worker took the job over: this run's effects are rolled back."""


def backoff(attempt: int) -> timedelta:
    """30 s, 1 min, 2 min, ... up to an hour, plus up to 10% jitter so retries spread out."""
    delay: timedelta = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(attempt - 1, 0))
    return delay * (1 + random.random() / 10)  # noqa: S311 - jitter, not a secret


class Worker:
    def __init__(
        self,
        jobs: Jobs,
        settings: CommonSettings,
        database: Database,
        *,
        resources: Any = None,
        clock: Callable[[], datetime] = utcnow,
        lease: timedelta = timedelta(minutes=5),
        batch: int = 10,
        name: str | None = None,
    ) -> None:
        self.jobs = jobs
        self.settings = settings
        self.database = database
        self.resources = resources
        self.clock = clock
        self.lease = lease
        self.batch = batch
        self.name = name or f"{socket.gethostname()}:{uuid.uuid4().hex[:8]}"
        self._fired: dict[str, datetime] = {}  # the firing each schedule last enqueued here

    async def fire_schedules(self) -> None:
        now = self.clock()
        due = {
            schedule.job: time
            for schedule in self.jobs.schedules
            if (time := schedule.due(now)) is not None and self._fired.get(schedule.job) != time
        }
        if not due:
            return
        async with self.database.sessionmaker() as session, session.begin():
            for job, time in due.items():
                key = f"schedule:{job}:{time.isoformat()}"
                payload = {"scheduled_for": time.isoformat()}
                await enqueue(session, job, payload, key=key, run_at=time)
        # Only after the commit: a firing whose enqueue failed is tried again at the next tick.
        self._fired.update(due)

    async def claim(self) -> list[Job]:
        now = self.clock()
        due = or_(
            and_(Job.status == JobStatus.pending, Job.run_at <= now),
            and_(Job.status == JobStatus.running, Job.locked_until < now),
        )
        async with self.database.sessionmaker() as session, session.begin():
            ids = list(
                await session.scalars(
                    select(Job.id)
                    .where(
                        Job.queue == self.jobs.queue, Job.name.in_(list(self.jobs.handlers)), due
                    )
                    .order_by(Job.run_at)
                    .limit(self.batch)
                    .with_for_update(skip_locked=True)
                )
            )
            if not ids:
                return []
            await session.execute(
                update(Job)
                .where(Job.id.in_(ids))
                .values(
                    status=JobStatus.running,
                    attempts=Job.attempts + 1,
                    locked_until=now + self.lease,
                    locked_by=self.name,
                )
            )
            claimed = list(await session.scalars(select(Job).where(Job.id.in_(ids))))
        return sorted(claimed, key=lambda job: job.run_at)

    async def tick(self) -> int:
        """Fire due schedules, then claim and run one batch; returns how many jobs ran."""
        await self.fire_schedules()
        jobs = await self.claim()
        for job in jobs:
            await self.run(job)
        return len(jobs)

    async def run(self, job: Job) -> None:
        with structlog.contextvars.bound_contextvars(
            request_id=job.request_id, job=job.name, job_id=str(job.id), attempt=job.attempts
        ):
            registered = self.jobs.handlers[job.name]
            if job.attempts > registered.max_attempts:
                # Its last attempt's worker died: nobody knows how far it got. Staff decide.
                await self._finish_failed(job, "the worker running the last attempt stopped")
                return
            try:
                async with self.database.sessionmaker() as session, session.begin():
                    context = JobContext(session, self.settings, self.clock(), job, self.resources)
                    # A job may not outlive its lease, or a second worker would run it alongside.
                    with anyio.fail_after(self.lease.total_seconds()):
                        await registered.handler(context, job.payload)
                    finished = await session.execute(
                        self._ours(job).values(
                            status=JobStatus.succeeded,
                            finished_at=self.clock(),
                            locked_until=None,
                            last_error=None,
                        )
                    )
                    if finished.rowcount != 1:  # type: ignore[attr-defined]
                        raise LeaseLost()
            except LeaseLost:
                logger.warning("job_lease_lost")
                return
            except Exception as error:
                await self._failed_attempt(job, error, registered.max_attempts)
                return
            logger.info("job_succeeded")

    def _ours(self, job: Job) -> Any:
        return update(Job).where(
            Job.id == job.id,
            Job.status == JobStatus.running,
            Job.locked_by == self.name,
            Job.attempts == job.attempts,
        )

    async def _failed_attempt(self, job: Job, error: Exception, max_attempts: int) -> None:
        message = f"{type(error).__name__}: {error}"[:2000]
        if job.attempts >= max_attempts:
            logger.error("job_failed", error=message, exc_info=error)
            sentry_sdk.capture_exception(error)
            await self._finish_failed(job, message)
            return
        retry_at = self.clock() + backoff(job.attempts)
        logger.warning("job_attempt_failed", error=message, retry_at=retry_at.isoformat())
        async with self.database.sessionmaker() as session, session.begin():
            await session.execute(
                self._ours(job).values(
                    status=JobStatus.pending,
                    run_at=retry_at,
                    locked_until=None,
                    locked_by=None,
                    last_error=message,
                )
            )

    async def _finish_failed(self, job: Job, message: str) -> None:
        async with self.database.sessionmaker() as session, session.begin():
            await session.execute(
                self._ours(job).values(
                    status=JobStatus.failed,
                    finished_at=self.clock(),
                    locked_until=None,
                    last_error=message,
                )
            )

    async def run_until(self, stop: anyio.Event, *, poll_seconds: float = 2.0) -> None:
        """Work until `stop` is set; a job under way is finished first."""
        logger.info("worker_started", queue=self.jobs.queue, worker=self.name)
        while not stop.is_set():
            try:
                ran = await self.tick()
            except Exception as error:  # the database away for a moment: try again shortly
                logger.exception("worker_tick_failed", error=str(error))
                sentry_sdk.capture_exception(error)
                ran = 0
            if not ran:
                with anyio.move_on_after(poll_seconds):
                    await stop.wait()
        logger.info("worker_stopped", queue=self.jobs.queue, worker=self.name)
