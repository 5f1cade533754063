"""The demo week `make run` adds: games verified by the replay, coins paid and dated on five
consecutive days up to today, nothing flagged, and a second run adds nothing."""

import asyncio
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from alif.db import standalone_session, utcnow
from alif.ledger.models import CoinTransaction, TransactionKind
from alif.testing import fresh_database, make_user
from games import demo
from games.config import GamesSettings
from games.engines.replay import GameKind, replay
from games.sessions.models import GameSession, SessionStatus

TASHKENT = timedelta(hours=5)
SEED = "0123456789abcdef" * 2


def test_a_demo_game_replays_to_the_score_it_showed() -> None:
    inputs, end_tick, score = demo.play_2048(SEED, 200, random.Random(1))
    replayed = replay(GameKind.g2048, SEED, inputs, end_tick)
    assert replayed.score == score > 0
    assert replayed.stats["moves"] >= 100


def test_the_demo_week_is_added_once(settings_values: dict[str, Any], tmp_path: Path) -> None:
    settings = GamesSettings(
        **{
            **settings_values,
            "environment": "development",
            "database_url": fresh_database(tmp_path),
            "redis_url": None,
        }
    )
    assert "main's demo accounts" in asyncio.run(demo.seed(settings))
    asyncio.run(_add_children(settings))
    assert "added" in asyncio.run(demo.seed(settings))
    assert "already" in asyncio.run(demo.seed(settings))
    asyncio.run(_check(settings))


async def _add_children(settings: GamesSettings) -> None:
    async with standalone_session(settings) as db:
        for username in demo.CHILDREN:
            await make_user(db, username=username)


async def _check(settings: GamesSettings) -> None:
    async with standalone_session(settings) as db:
        games = list(await db.scalars(select(GameSession)))
        assert games and all(g.status is SessionStatus.finished for g in games)
        unpaid = [(g.score, g.flag_reason, g.coins) for g in games if not g.coins_paid]
        assert unpaid == []  # every game verified, unflagged, and paid
        rewards = list(
            await db.scalars(
                select(CoinTransaction).where(CoinTransaction.kind == TransactionKind.reward)
            )
        )
        assert len(rewards) == len(games)
        today = (utcnow() + TASHKENT).date()
        for child in {g.user_id for g in games}:
            days = {(r.created_at + TASHKENT).date() for r in rewards if r.user_id == child}
            assert days == {today - timedelta(days=d) for d in demo.DAYS}
        assert all(g.finished_at and g.finished_at <= utcnow() for g in games)
