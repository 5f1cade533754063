import uuid
from typing import Annotated

from fastapi import Depends

from alif.auth import CurrentUser
from alif.db import SessionDep
from games.sessions import service
from games.sessions.models import GameSession


async def valid_game(session_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> GameSession:
    """The caller's own game, or 404: another player's game is indistinguishable from none."""
    return await service.get_session(db, user.id, session_id)


GameDep = Annotated[GameSession, Depends(valid_game)]
