"""The jobs table: the transactional outbox and the queue in one.

A row is written in the caller's session, so it commits or rolls back with the work that asked
for it; workers claim due rows, run them, and record the outcome on the same row.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, UUIDPrimaryKey, enum_type, utcnow


class JobStatus(StrEnum):
    pending = "pending"  # waiting for `run_at` (a new job, or one waiting to retry)
    running = "running"  # claimed by a worker until `locked_until`
    succeeded = "succeeded"
    failed = "failed"  # out of attempts: staff see it and may retry it


class Job(UUIDPrimaryKey, Base):
    __tablename__ = "job"
    __table_args__ = (Index("ix_job_due", "queue", "status", "run_at"),)

    # The service whose worker runs it ("main"), and the registered name ("main.clean_sessions").
    queue: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Enqueueing the same key twice gives one job: a retried request or two workers firing the
    # same schedule cannot double it.
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[JobStatus] = mapped_column(enum_type(JobStatus), default=JobStatus.pending)
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    run_at: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None]
    locked_by: Mapped[str | None] = mapped_column(String(80))
    last_error: Mapped[str | None] = mapped_column(Text)
    # The request that enqueued it, so its log lines and its failure join the request's.
    request_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
