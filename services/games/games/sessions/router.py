from fastapi import APIRouter, status

from alif.auth import CurrentUser
from alif.db import SessionDep
from alif.dependencies import RateLimiterDep
from alif.errors import error_responses
from games.dependencies import BoardsDep, ReplayerDep, SettingsDep
from games.engines.tetris import TICKS_PER_SECOND
from games.sessions import rules, service
from games.sessions.dependencies import GameDep
from games.sessions.schemas import Limits, SessionFinish, SessionRead, SessionStart, SessionStarted

router = APIRouter(prefix="/sessions", tags=["sessions"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(429),
    summary="Start a game: the server picks its seed",
)
async def start_session(
    data: SessionStart,
    user: CurrentUser,
    db: SessionDep,
    limiter: RateLimiterDep,
    settings: SettingsDep,
) -> SessionStarted:
    session = await service.start_session(db, user, data.game, settings, limiter)
    return SessionStarted(
        id=session.id,
        game=session.game,
        seed=session.seed,
        engine_version=session.engine_version,
        ranked=session.ranked,
        started_at=session.started_at,
        expires_at=session.expires_at,
        limits=Limits(
            ticks_per_second=TICKS_PER_SECOND,
            max_presses_per_second=rules.PRESSES_PER_SECOND[session.game],
            max_inputs=rules.MAX_INPUTS,
            max_seconds=settings.games_session_max_age_minutes * 60,
        ),
    )


@router.get("/{session_id}", responses=error_responses(404), summary="One of my games")
async def get_session(session: GameDep) -> SessionRead:
    return SessionRead.of(session)


@router.post(
    "/{session_id}/finish",
    responses=error_responses(404, 409, 422),
    summary="Finish a game with its input log: the server replays it and keeps that score",
)
async def finish_session(
    session: GameDep,
    data: SessionFinish,
    db: SessionDep,
    settings: SettingsDep,
    replayer: ReplayerDep,
    boards: BoardsDep,
) -> SessionRead:
    finished = await service.finish_session(
        db, session, data, settings=settings, replayer=replayer, boards=boards
    )
    return SessionRead.of(finished)
