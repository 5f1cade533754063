"""Main's jobs: housekeeping deletes what ended a month ago, and staff see and retry failures."""

import asyncio
import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import standalone_session, utcnow
from alif.jobs import Job, JobStatus, Worker, enqueue
from alif.testing import LoginAs, fresh_database, make_user
from alif_main.auth.models import AuthSession, SessionKind
from alif_main.config import MainSettings
from alif_main.jobs.registry import jobs
from alif_main.verification.models import CodePurpose, VerificationCode


def worker(app: FastAPI) -> Worker:
    return Worker(
        jobs, app.state.settings, app.state.db, clock=lambda: utcnow() + timedelta(seconds=1)
    )


async def test_old_sessions_and_codes_are_cleaned_and_live_ones_kept(
    started_app: FastAPI, db_session: AsyncSession
) -> None:
    user = await make_user(db_session, role=Role.parent)
    now = utcnow()
    old = AuthSession(user_id=user.id, kind=SessionKind.web, expires_at=now - timedelta(days=31))
    live = AuthSession(user_id=user.id, kind=SessionKind.web, expires_at=now + timedelta(days=5))
    codes = [
        VerificationCode(
            identifier=user.phone,
            purpose=CodePurpose.register,
            code_hash=f"{age:064d}",
            expires_at=now - timedelta(days=age),
        )
        for age in (31, 1)
    ]
    db_session.add_all([old, live, *codes])
    await enqueue(db_session, "main.clean_sessions", key=f"clean-{uuid.uuid4()}")
    await db_session.flush()

    assert await worker(started_app).tick() >= 1
    sessions = set(
        await db_session.scalars(select(AuthSession.id).where(AuthSession.user_id == user.id))
    )
    assert sessions == {live.id}
    kept = set(
        await db_session.scalars(
            select(VerificationCode.id).where(VerificationCode.identifier == user.phone)
        )
    )
    assert kept == {codes[1].id}


async def test_staff_list_failed_jobs_and_retry_one(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    failed = Job(
        queue="main",
        name="main.send_sms",
        payload={"sms_id": "x"},
        idempotency_key=f"failed-{uuid.uuid4()}",
        status=JobStatus.failed,
        attempts=5,
        last_error="SmsUnavailable: Eskiz is down",
        request_id="req-42",
    )
    db_session.add(failed)
    await db_session.flush()
    staff = await login_as(Role.admin)

    listed = await staff.get("/api/main/jobs", params={"status": "failed"})
    assert listed.status_code == 200
    row = next(item for item in listed.json()["items"] if item["id"] == str(failed.id))
    assert row["last_error"] == "SmsUnavailable: Eskiz is down"
    assert row["request_id"] == "req-42"

    retried = await staff.post(f"/api/main/jobs/{failed.id}/retry")
    assert retried.status_code == 200
    assert (retried.json()["status"], retried.json()["attempts"]) == ("pending", 0)
    missing = await staff.post(f"/api/main/jobs/{uuid.uuid4()}/retry")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "job_not_found"


async def test_parents_cannot_see_or_retry_jobs(login_as: LoginAs) -> None:
    parent = await login_as(Role.parent)
    assert (await parent.get("/api/main/jobs")).status_code == 403
    assert (await parent.post(f"/api/main/jobs/{uuid.uuid4()}/retry")).status_code == 403


def test_a_job_enqueued_by_one_process_is_run_by_the_worker_command(tmp_path: Path) -> None:
    """What `make run` and the worker container start: a separate process that finds the job in
    the database (so a job survives restarts of the service and of the worker)."""
    url = fresh_database(tmp_path)
    settings = MainSettings(_env_file=None, database_url=url, data_dir=tmp_path)  # type: ignore[call-arg]

    async def enqueue_as_the_service() -> None:
        async with standalone_session(settings) as db:
            await enqueue(db, "main.clean_sessions", key="from-the-service")

    async def the_job() -> Job | None:
        async with standalone_session(settings) as db:
            return await db.scalar(select(Job).where(Job.idempotency_key == "from-the-service"))

    asyncio.run(enqueue_as_the_service())
    env = {**os.environ, "DATABASE_URL": url, "DATA_DIR": str(tmp_path), "LOG_LEVEL": "WARNING"}
    worker = subprocess.run(
        [sys.executable, "-m", "alif.jobs", "alif_main.jobs.registry:jobs", "--once"],
        cwd=tmp_path,  # no .env here: only the environment above
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert worker.returncode == 0, worker.stderr
    job = asyncio.run(the_job())
    assert job is not None
    assert (job.status, job.attempts) == (JobStatus.succeeded, 1)
