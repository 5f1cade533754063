import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import CurrentUser
from alif.db import SessionDep
from olimp.olympiads.models import Round
from olimp.papers import service
from olimp.papers.models import Attempt


async def valid_attempt(attempt_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> Attempt:
    """The caller's own attempt; anyone else's is not found."""
    return await service.get_attempt(db, attempt_id, user)


AttemptDep = Annotated[Attempt, Depends(valid_attempt)]


async def round_of(attempt: AttemptDep, db: SessionDep) -> Round:
    round_ = await db.get(Round, attempt.round_id)
    assert round_ is not None  # the attempt's foreign key
    return round_


AttemptRoundDep = Annotated[Round, Depends(round_of)]
