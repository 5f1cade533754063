import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import CurrentUser
from alif.db import SessionDep
from alif.dependencies import settings_of
from olimp.config import OlimpSettings
from olimp.olympiads import service
from olimp.olympiads.models import Olympiad, Round

OlimpSettingsDep = Annotated[OlimpSettings, Depends(settings_of(OlimpSettings))]


async def valid_olympiad(olympiad_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> Olympiad:
    """A published olympiad, or a draft of the caller's own."""
    return await service.get_olympiad(db, olympiad_id, user)


async def organized_olympiad(olympiad_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> Olympiad:
    """An olympiad the caller organizes; to anyone else it is not found."""
    return await service.get_organized(db, olympiad_id, user)


OlympiadDep = Annotated[Olympiad, Depends(valid_olympiad)]
OrganizedDep = Annotated[Olympiad, Depends(organized_olympiad)]


async def valid_round(round_id: uuid.UUID, olympiad: OlympiadDep, db: SessionDep) -> Round:
    return await service.get_round(db, olympiad, round_id)


async def organized_round(round_id: uuid.UUID, olympiad: OrganizedDep, db: SessionDep) -> Round:
    return await service.get_round(db, olympiad, round_id)


RoundDep = Annotated[Round, Depends(valid_round)]
OrganizedRoundDep = Annotated[Round, Depends(organized_round)]
