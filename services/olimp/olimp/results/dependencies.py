import uuid
from typing import Annotated

from fastapi import Depends

from alif.db import SessionDep
from olimp.olympiads.dependencies import OrganizedDep, OrganizedRoundDep
from olimp.results import service
from olimp.results.models import Appeal


async def valid_appeal(
    appeal_id: uuid.UUID, olympiad: OrganizedDep, round_: OrganizedRoundDep, db: SessionDep
) -> Appeal:
    """An appeal in a round the caller organizes; anything else is not found."""
    return await service.get_appeal(db, round_, appeal_id)


AppealDep = Annotated[Appeal, Depends(valid_appeal)]
