"""The job runner: the outbox commits with its transaction, retries run the effect once, a dead
worker's job is finished by another without doubling, schedules fire at Tashkent times."""

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.config import CommonSettings
from alif.db import utcnow
from alif.jobs import Job, JobContext, Jobs, JobStatus, Schedule, Worker, enqueue, retry
from alif.kernel.models import User
from alif.testing import make_user

# Sunday 6 December 2026, 19:00 in Tashkent (UTC+5).
SUNDAY_EVENING = datetime(2026, 12, 6, 14, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


class Flaky(Exception):
    pass


def registry(fail_first: int = 0, *, scheduled: bool = False) -> Jobs:
    """A queue whose one job writes a user named after its payload (the effect to count)."""
    jobs = Jobs("probe", CommonSettings)

    @jobs.job("greet", max_attempts=3)
    async def greet(ctx: JobContext, payload: dict[str, Any]) -> None:
        ctx.session.add(make_effect(payload["name"]))
        await ctx.session.flush()
        if ctx.job.attempts <= fail_first:
            raise Flaky(f"attempt {ctx.job.attempts} failed")

    if scheduled:

        @jobs.job("weekly", cron="0 19 * * 0")
        async def weekly(ctx: JobContext, payload: dict[str, Any]) -> None:
            ctx.session.add(make_effect(f"weekly {payload['scheduled_for']}"))

    return jobs


def make_effect(name: str) -> User:
    from alif.auth import AccountStatus, Role

    return User(role=Role.parent, status=AccountStatus.active, first_name=name[:80])


async def effects(session: AsyncSession, name: str) -> int:
    return await session.scalar(select(func.count()).where(User.first_name == name)) or 0


@pytest.fixture
def clock() -> Clock:
    # Jobs enqueued now are due at once; schedule tests set their own time.
    return Clock(utcnow() + timedelta(seconds=1))


@pytest.fixture
def make_worker(
    started_app: FastAPI, db_session: AsyncSession, clock: Clock
) -> Callable[..., Worker]:
    def build(jobs: Jobs, name: str = "worker-a") -> Worker:
        settings = started_app.state.settings
        return Worker(jobs, settings, started_app.state.db, clock=clock, name=name)

    return build


async def job_row(session: AsyncSession, key: str) -> Job:
    job = await session.scalar(select(Job).where(Job.idempotency_key == key))
    assert job is not None
    await session.refresh(job)
    return job


async def test_a_job_enqueued_in_a_rolled_back_transaction_never_runs(
    db_session: AsyncSession, make_worker: Callable[..., Worker]
) -> None:
    async with db_session.begin_nested() as savepoint:
        await enqueue(db_session, "probe.greet", {"name": "never"}, key="rolled-back")
        await savepoint.rollback()
    await enqueue(db_session, "probe.greet", {"name": "committed"}, key="committed")
    await db_session.flush()

    assert await make_worker(registry()).tick() == 1
    assert await effects(db_session, "never") == 0
    assert await effects(db_session, "committed") == 1
    assert await db_session.scalar(select(Job).where(Job.idempotency_key == "rolled-back")) is None


async def test_the_same_key_enqueued_twice_is_one_job(
    db_session: AsyncSession, make_worker: Callable[..., Worker]
) -> None:
    for _ in range(2):
        await enqueue(db_session, "probe.greet", {"name": "once"}, key="greet-once")
    worker = make_worker(registry())
    assert await worker.tick() == 1
    assert await worker.tick() == 0
    assert await effects(db_session, "once") == 1


async def test_a_job_that_fails_twice_then_succeeds_has_its_effect_once(
    db_session: AsyncSession, make_worker: Callable[..., Worker], clock: Clock
) -> None:
    await enqueue(db_session, "probe.greet", {"name": "flaky"}, key="flaky")
    worker = make_worker(registry(fail_first=2))

    await worker.tick()
    job = await job_row(db_session, "flaky")
    assert (job.status, job.attempts) == (JobStatus.pending, 1)
    assert job.last_error == "Flaky: attempt 1 failed"
    assert job.run_at > clock.now  # backed off: not due straight away
    assert await worker.tick() == 0

    for _ in range(2):
        clock.advance(timedelta(hours=2))
        assert await worker.tick() == 1
    job = await job_row(db_session, "flaky")
    assert (job.status, job.attempts, job.last_error) == (JobStatus.succeeded, 3, None)
    assert await effects(db_session, "flaky") == 1


async def test_out_of_attempts_it_fails_visibly_and_staff_can_retry_it(
    db_session: AsyncSession, make_worker: Callable[..., Worker], clock: Clock
) -> None:
    await enqueue(db_session, "probe.greet", {"name": "stubborn"}, key="stubborn")
    worker = make_worker(registry(fail_first=3))
    for _ in range(3):
        await worker.tick()
        clock.advance(timedelta(hours=2))
    job = await job_row(db_session, "stubborn")
    assert (job.status, job.attempts) == (JobStatus.failed, 3)
    assert job.last_error == "Flaky: attempt 3 failed"
    assert await worker.tick() == 0  # a failed job waits for staff

    await retry(db_session, job.id)
    await db_session.flush()
    fixed = make_worker(registry(fail_first=0))
    clock.advance(timedelta(seconds=1))
    assert await fixed.tick() == 1
    assert (await job_row(db_session, "stubborn")).status is JobStatus.succeeded
    assert await effects(db_session, "stubborn") == 1


async def test_a_worker_killed_mid_job_is_replaced_and_the_job_runs_once(
    db_session: AsyncSession, make_worker: Callable[..., Worker], clock: Clock
) -> None:
    await enqueue(db_session, "probe.greet", {"name": "orphan"}, key="orphan")
    dead = make_worker(registry(), "worker-dead")
    claimed = await dead.claim()  # it claims the job, then dies before finishing
    assert [job.idempotency_key for job in claimed] == ["orphan"]

    restarted = make_worker(registry(), "worker-new")
    assert await restarted.tick() == 0  # the dead worker's lease still holds
    clock.advance(dead.lease + timedelta(seconds=1))
    assert await restarted.tick() == 1
    job = await job_row(db_session, "orphan")
    assert (job.status, job.attempts) == (JobStatus.succeeded, 2)

    # Had the first worker only stalled, its late finish is refused and its effect rolled back.
    await dead.run(claimed[0])
    assert await effects(db_session, "orphan") == 1


def test_schedules_are_read_on_tashkent_clocks() -> None:
    weekly = Schedule("probe.weekly", "0 19 * * 0")  # Sundays 19:00 in Tashkent
    assert weekly.latest(SUNDAY_EVENING) == SUNDAY_EVENING  # 14:00 UTC
    assert weekly.latest(SUNDAY_EVENING - timedelta(minutes=1)) == SUNDAY_EVENING - timedelta(
        days=7
    )
    assert weekly.due(SUNDAY_EVENING - timedelta(minutes=1)) is None  # a week late: missed
    assert weekly.due(SUNDAY_EVENING + timedelta(hours=3)) == SUNDAY_EVENING
    nightly = Schedule("probe.nightly", "15 3 * * *")  # 03:15 Tashkent is 22:15 UTC the day before
    assert nightly.latest(datetime(2026, 12, 7, 0, 0, tzinfo=UTC)) == datetime(
        2026, 12, 6, 22, 15, tzinfo=UTC
    )


async def test_a_schedule_fires_once_at_its_tashkent_time_whatever_the_workers(
    db_session: AsyncSession, make_worker: Callable[..., Worker], clock: Clock
) -> None:
    first = make_worker(registry(scheduled=True), "a")
    second = make_worker(registry(scheduled=True), "b")
    clock.now = SUNDAY_EVENING - timedelta(minutes=1)
    assert await first.tick() == 0
    clock.now = SUNDAY_EVENING + timedelta(seconds=30)
    assert await first.tick() + await second.tick() == 1
    assert await first.tick() + await second.tick() == 0
    assert await effects(db_session, f"weekly {SUNDAY_EVENING.isoformat()}") == 1


async def test_the_enqueueing_request_id_travels_with_the_job(db_session: AsyncSession) -> None:
    import structlog

    user = await make_user(db_session)
    with structlog.contextvars.bound_contextvars(request_id="req-123"):
        await enqueue(db_session, "probe.greet", {"name": str(user.id)}, key="with-request")
    assert (await job_row(db_session, "with-request")).request_id == "req-123"


async def test_concurrent_workers_never_claim_the_same_job(migrated_database_url: str) -> None:
    """Real commits from separate connections: SKIP LOCKED on PostgreSQL, the single write lock
    on SQLite."""
    from alif.db import Database

    settings = CommonSettings(database_url=migrated_database_url, _env_file=None)  # type: ignore[call-arg]
    database = Database.from_settings(settings)
    queue = registry()
    try:
        async with database.sessionmaker() as session, session.begin():
            for number in range(30):
                await enqueue(session, "probe.greet", {"name": "race"}, key=f"race-{number}")
        workers = [
            Worker(
                queue, settings, database, clock=lambda: utcnow() + timedelta(seconds=1), batch=4
            )
            for _ in range(3)
        ]
        claimed: list[str] = []
        while batches := [b for b in await asyncio.gather(*(w.claim() for w in workers)) if b]:
            claimed += [job.idempotency_key for batch in batches for job in batch]
        assert sorted(claimed) == sorted(f"race-{number}" for number in range(30))
    finally:
        async with database.sessionmaker() as session, session.begin():
            await session.execute(delete(Job).where(Job.idempotency_key.like("race-%")))
        await database.dispose()
