"""What a service's worker runs: its jobs by name, and their schedules (cron, Tashkent time)."""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from cronsim import CronSim
from sqlalchemy.ext.asyncio import AsyncSession

from alif.config import CommonSettings
from alif.jobs.models import Job

TASHKENT = ZoneInfo("Asia/Tashkent")


@dataclass(frozen=True)
class JobContext:
    """What a running job gets: its own session (committed only if the job succeeds and still
    holds its claim), the settings, the worker's clock, the job row and the worker's resources
    (the clients its registry's `resources` opened, such as the SMS and Telegram channels)."""

    session: AsyncSession
    settings: CommonSettings
    now: datetime
    job: Job
    resources: Any


Handler = Callable[[JobContext, dict[str, Any]], Awaitable[None]]
Resources = Callable[[CommonSettings], AbstractAsyncContextManager[Any]]


@dataclass(frozen=True)
class Schedule:
    """Enqueue `job` at every time `cron` matches on Tashkent clocks.

    Each firing is one job whose key is the schedule and the time, so any number of workers fire
    it once. A worker that was down fires the latest missed time if it is at most `catch_up` ago.
    """

    job: str
    cron: str
    catch_up: timedelta = timedelta(hours=12)

    def latest(self, now: datetime) -> datetime:
        """The latest matching time at or before `now` (UTC)."""
        local = now.astimezone(TASHKENT).replace(second=0, microsecond=0)
        matches = CronSim(self.cron, local + timedelta(minutes=1), reverse=True)
        return next(matches).astimezone(now.tzinfo)

    def due(self, now: datetime) -> datetime | None:
        latest = self.latest(now)
        return latest if now - latest <= self.catch_up else None


@dataclass(frozen=True)
class RegisteredJob:
    name: str
    handler: Handler
    max_attempts: int


@asynccontextmanager
async def _no_resources(_settings: CommonSettings) -> AsyncIterator[None]:
    yield None


@dataclass
class Jobs:
    """One service's jobs: `jobs = Jobs("main", MainSettings)`, then `@jobs.job("name")`."""

    queue: str
    settings: Callable[[], CommonSettings]
    resources: Resources = _no_resources
    handlers: dict[str, RegisteredJob] = field(default_factory=dict)
    schedules: list[Schedule] = field(default_factory=list)

    def job(
        self, name: str, *, max_attempts: int = 5, cron: str | None = None
    ) -> Callable[[Handler], Handler]:
        full_name = f"{self.queue}.{name}"
        if full_name in self.handlers:
            raise ValueError(f"job {full_name} is registered twice")

        def register(handler: Handler) -> Handler:
            self.handlers[full_name] = RegisteredJob(full_name, handler, max_attempts)
            if cron is not None:
                CronSim(cron, datetime.now(TASHKENT))  # a bad expression fails at import
                self.schedules.append(Schedule(full_name, cron))
            return handler

        return register
