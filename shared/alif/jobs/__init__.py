"""Background jobs for every service: a transactional outbox in the one database, and a worker.

    jobs = Jobs("main", MainSettings)

    @jobs.job("clean_sessions", cron="15 3 * * *")   # 03:15 in Tashkent
    async def clean_sessions(ctx: JobContext, payload: dict[str, Any]) -> None: ...

    await enqueue(db, "main.send_sms", {...}, key=f"sms:{message.id}")   # in the request's session

`python -m alif.jobs alif_main.jobs:jobs` runs the worker (start_all.py and docker-compose do).
See docs/jobs.md.
"""

from alif.jobs.exceptions import JobNotFound
from alif.jobs.models import Job, JobStatus
from alif.jobs.registry import TASHKENT, JobContext, Jobs, Schedule
from alif.jobs.service import enqueue, list_jobs, retry
from alif.jobs.worker import Worker

__all__ = [
    "TASHKENT",
    "Job",
    "JobContext",
    "JobNotFound",
    "JobStatus",
    "Jobs",
    "Schedule",
    "Worker",
    "enqueue",
    "list_jobs",
    "retry",
]
