"""Game sessions: the server picks the seed, the client plays, the server replays the log.

The replayed score is the only score. A log that breaks a rule closes its session for good; a
session finishes once, and finishing it again returns the first result.
"""

import json
import secrets
import uuid
import zlib
from datetime import datetime, timedelta
from typing import NoReturn

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.auth import Role, TokenUser
from alif.cache import Limit, RateLimiter
from alif.db import utcnow
from alif.errors import AppError
from games.config import GamesSettings
from games.engines.errors import InvalidLog
from games.engines.replay import ENGINE_VERSION, GameKind
from games.engines.tetris import TICKS_PER_SECOND
from games.leaderboards.boards import Boards
from games.leaderboards.periods import rank_key
from games.sessions import rules
from games.sessions.exceptions import (
    REFUSALS,
    GameLongerThanSession,
    InputLogInvalid,
    InputsTooFast,
    SessionExpired,
    SessionNotFound,
    TooManyGamesStarted,
)
from games.sessions.models import GameSession, SessionStatus
from games.sessions.replayer import Replayer
from games.sessions.schemas import SessionFinish

logger = structlog.get_logger("games.sessions")

CLOCK_DRIFT = 0.01  # a client's clock may run this much fast
COIN_SOURCE = "games"  # one daily cap across every game (COIN_DAILY_CAPS)
TITLES = {GameKind.g2048: "2048", GameKind.tetris: "Tetris"}


async def start_session(
    db: AsyncSession,
    user: TokenUser,
    game: GameKind,
    settings: GamesSettings,
    limiter: RateLimiter,
) -> GameSession:
    await limiter.consume(
        f"games-start:{user.id}", Limit(settings.games_starts_per_hour, 3600), TooManyGamesStarted
    )
    now = utcnow()
    session = GameSession(
        user_id=user.id,
        game=game,
        engine_version=ENGINE_VERSION,
        seed=secrets.token_hex(16),
        ranked=user.role is Role.student,
        started_at=now,
        expires_at=now + timedelta(minutes=settings.games_session_max_age_minutes),
    )
    db.add(session)
    await db.flush()
    logger.info("game_started", session_id=str(session.id), game=game.value)
    return session


async def get_session(db: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID) -> GameSession:
    """The user's own game; another player's game is not found, exactly like a missing one."""
    session = await db.get(GameSession, session_id)
    if session is None or session.user_id != user_id:
        raise SessionNotFound()
    return session


def _keep_log(session: GameSession, data: SessionFinish, now: datetime) -> None:
    session.finished_at = now
    session.end_tick = data.end_tick
    session.input_count = len(data.inputs)
    session.claimed_score = data.claimed_score
    log = {"inputs": data.inputs, "end_tick": data.end_tick}
    session.input_log = zlib.compress(json.dumps(log, separators=(",", ":")).encode())


def _refuse(session: GameSession, error: AppError, data: SessionFinish, now: datetime) -> NoReturn:
    """Close the session as refused (kept, with its log, for moderators) and answer the error."""
    session.status = SessionStatus.rejected
    session.rejection = error.code
    _keep_log(session, data, now)
    logger.warning("game_refused", session_id=str(session.id), code=error.code, **error.details)
    raise error


async def finish_session(
    db: AsyncSession,
    session: GameSession,
    data: SessionFinish,
    *,
    settings: GamesSettings,
    replayer: Replayer,
    boards: Boards,
) -> GameSession:
    await db.refresh(session, with_for_update=True)  # concurrent finishes of one game queue here
    if session.status is SessionStatus.finished:
        return session
    if session.status is SessionStatus.rejected:
        raise REFUSALS[session.rejection or ""]()
    now = utcnow()
    if now > session.expires_at or session.engine_version != ENGINE_VERSION:
        _refuse(session, SessionExpired(), data, now)
    elapsed = (now - session.started_at).total_seconds()
    claimed = data.end_tick / TICKS_PER_SECOND
    if claimed > elapsed * (1 + CLOCK_DRIFT) + settings.games_clock_tolerance_seconds:
        times = {"game_seconds": round(claimed, 1), "elapsed_seconds": round(elapsed, 1)}
        _refuse(session, GameLongerThanSession(details=times), data, now)
    if rules.too_fast(session.game, data.inputs):
        limit = rules.PRESSES_PER_SECOND[session.game]
        _refuse(session, InputsTooFast(details={"max_presses_per_second": limit}), data, now)
    try:
        result = await replayer.replay(session.game, session.seed, data.inputs, data.end_tick)
    except InvalidLog as invalid:
        where = {"reason": invalid.reason, "input": invalid.index}
        _refuse(session, InputLogInvalid(details=where), data, now)

    session.status = SessionStatus.finished
    _keep_log(session, data, now)
    session.score = result.score
    session.over = result.over
    session.stats = result.stats
    if data.claimed_score != result.score:
        session.flag_reason = "score_mismatch"
    elif rules.robotic(data.inputs):
        session.flag_reason = "robotic_timing"
    if session.ranked and session.flag_reason is None:
        earned = rules.reward(session.game, result.score, result.stats)
        session.coins, session.xp = earned.coins, earned.xp
        session.rank_key = rank_key(result.score, now)
    await db.flush()
    if session.coins:
        # In the same transaction as the result: both are kept, or neither. The session is the
        # idempotency key, so no retry, race or replay can pay a game twice.
        paid = await ledger.reward(
            db,
            user_id=session.user_id,
            source=COIN_SOURCE,
            amount=session.coins,
            idempotency_key=f"games:session:{session.id}",
            daily_cap=settings.coin_daily_cap(COIN_SOURCE),
            reference=str(session.id),
            description=TITLES[session.game],
        )
        session.coins_paid, session.coin_transaction_id = paid.amount, paid.transaction_id
        await db.flush()
    if session.rank_key is not None:
        await boards.record(db, session)
    logger.info(
        "game_finished",
        session_id=str(session.id),
        game=session.game.value,
        score=result.score,
        flag=session.flag_reason,
        coins=session.coins,
        coins_paid=session.coins_paid,
    )
    return session
