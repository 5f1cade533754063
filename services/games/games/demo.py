"""Demo play for `make run`: a believable week of 2048 for the demo children — a few games a day
on the last five days, verified by the same replay as any game, their coins paid through the
ledger and dated the day they stand for, so the home's streak, the wallet history and the
leaderboards have something true to show.

Development only; it needs main's demo accounts, and adds nothing when the children have played.
"""

import random
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import RateLimiter, create_cache
from alif.config import Environment
from alif.db import standalone_session, utcnow
from alif.demo import acting_as, days_ago, move_coins_to
from alif.kernel.models import User
from games.config import GamesSettings
from games.engines.game2048 import Game2048
from games.engines.replay import GameKind, Input
from games.engines.tetris import TICKS_PER_SECOND
from games.leaderboards.boards import Boards, DatabaseBoards, boards_for
from games.leaderboards.periods import rank_key
from games.sessions import service as sessions
from games.sessions.models import GameSession
from games.sessions.replayer import Replayer
from games.sessions.rules import COIN_DIVISOR
from games.sessions.schemas import SessionFinish

CHILDREN = ["ali", "laylo"]  # main's demo children
DAYS = [4, 3, 2, 1, 0]  # today included: the streak is alive
# A child swipes towards a corner: down and left first, right when stuck, up as a last resort.
PREFERENCE = ["D", "L", "R", "U"]
PAYING_SCORE = 4 * COIN_DIVISOR[GameKind.g2048]  # a few coins a game


def play_2048(seed: str, moves: int, rng: random.Random) -> tuple[list[Input], int, int]:
    """A child's game of at least `moves` swipes on this seed, at a child's pace, played on
    until it earns coins: the input log, the tick it ended on and the score. A game lost before
    that is played again differently (children who lose early start over, too)."""
    for _ in range(20):
        inputs, end_tick, score = _swipe(Game2048(seed), moves, rng)
        if score >= PAYING_SCORE:
            break
    return inputs, end_tick, score


def _swipe(game: Game2048, moves: int, rng: random.Random) -> tuple[list[Input], int, int]:
    inputs: list[Input] = []
    tick = rng.randint(60, 180)
    while (game.moves < moves or game.score < PAYING_SCORE) and not game.over:
        order = PREFERENCE if rng.random() < 0.85 else rng.sample(PREFERENCE, 4)
        for direction in order:
            inputs.append((tick, direction))
            tick += rng.randint(20, 75)  # a third of a second to more than a second
            if game.move(direction) or game.over:
                break
    return inputs, tick + TICKS_PER_SECOND, game.score


async def seed(settings: GamesSettings) -> str:
    if settings.environment is not Environment.development:
        raise SystemExit("Demo play is only for development.")
    cache = create_cache(settings)
    async with standalone_session(settings) as db:
        children = list(await db.scalars(select(User).where(User.username.in_(CHILDREN))))
        if not children:
            return "Demo play needs main's demo accounts first (python -m alif_main seed-demo)."
        played = select(GameSession.id).where(GameSession.user_id.in_([c.id for c in children]))
        if await db.scalar(played.limit(1)):
            return "Demo play is already there."
        boards = boards_for(settings, cache)
        limiter = RateLimiter(cache)
        games = 0
        for child in sorted(children, key=lambda c: c.username or ""):
            rng = random.Random(child.username)  # noqa: S311 - the same week on every run
            for day in DAYS:
                for _ in range(rng.randint(1, 3)):
                    await _play(db, settings, child, day, rng, limiter=limiter, boards=boards)
                    games += 1
    return f"Demo play added: {games} games of 2048 over {len(DAYS)} days."


async def _play(
    db: AsyncSession,
    settings: GamesSettings,
    child: User,
    day: int,
    rng: random.Random,
    *,
    limiter: RateLimiter,
    boards: Boards,
) -> None:
    session = await sessions.start_session(db, acting_as(child), GameKind.g2048, settings, limiter)
    inputs, end_tick, score = play_2048(session.seed, rng.randint(120, 320), rng)
    # The game took as long as its ticks say; it began that long before it is handed in.
    session.started_at = utcnow() - timedelta(seconds=end_tick / TICKS_PER_SECOND + 5)
    await db.flush()  # finishing reads the session again, under its lock
    await sessions.finish_session(
        db,
        session,
        SessionFinish(inputs=inputs, end_tick=end_tick, claimed_score=score),
        settings=settings,
        replayer=Replayer(1),
        boards=DatabaseBoards(),  # the board entry is written below, on the day it belongs to
    )
    # Then the whole game moves to the afternoon it was played on.
    assert session.finished_at is not None
    shift = session.finished_at - days_ago(day, hour=rng.randint(15, 20), minute=rng.randint(0, 59))
    session.started_at -= shift
    session.expires_at -= shift
    session.finished_at -= shift
    if session.coin_transaction_id is not None:
        await move_coins_to(db, session.coin_transaction_id, session.finished_at)
    if session.rank_key is not None and session.score is not None:
        session.rank_key = rank_key(session.score, session.finished_at)
        await db.flush()
        await boards.record(db, session)
