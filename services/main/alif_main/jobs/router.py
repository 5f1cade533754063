"""Staff: the jobs that failed (or any state), and retrying one."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from alif.auth import StaffUser
from alif.db import SessionDep
from alif.errors import error_responses
from alif.jobs import JobStatus, list_jobs, retry
from alif.schemas import Page, PageParams, page_of
from alif_main.jobs.schemas import JobRead

router = APIRouter(prefix="/jobs", tags=["jobs"])


@router.get("", summary="Staff: background jobs, newest first (status=failed: what needs a look)")
async def read_jobs(
    staff: StaffUser,
    db: SessionDep,
    page: Annotated[PageParams, Query()],
    status: JobStatus | None = None,
    queue: str | None = None,
) -> Page[JobRead]:
    found = await list_jobs(db, page, status=status, queue=queue)
    return page_of(found, page, JobRead.model_validate)


@router.post(
    "/{job_id}/retry",
    responses=error_responses(404),
    summary="Staff: run a failed job again (its attempts start over); other jobs are unchanged",
)
async def retry_job(job_id: uuid.UUID, staff: StaffUser, db: SessionDep) -> JobRead:
    return JobRead.model_validate(await retry(db, job_id))
