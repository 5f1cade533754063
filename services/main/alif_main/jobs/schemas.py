import uuid
from datetime import datetime
from typing import Any

from alif.jobs import JobStatus
from alif.schemas import ResponseModel


class JobRead(ResponseModel):
    id: uuid.UUID
    queue: str
    name: str
    payload: dict[str, Any]
    idempotency_key: str
    status: JobStatus
    attempts: int
    run_at: datetime
    last_error: str | None
    request_id: str | None
    created_at: datetime
    finished_at: datetime | None
