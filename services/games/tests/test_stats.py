"""A player's own numbers, and a parent's view of their child's games."""

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.testing import LoginAs, make_child
from games.engines.replay import GameKind
from games.sessions.models import GameSession, SessionStatus
from games.testing import make_finished_game


async def test_my_stats_count_games_best_scores_time_and_rewards(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    now = utcnow()
    first = await make_finished_game(db_session, child.user, GameKind.tetris, 700, now)
    first.coins, first.coins_paid, first.xp = 9, 7, 35  # the daily cap kept 2
    await make_finished_game(db_session, child.user, GameKind.tetris, 300, now)
    await make_finished_game(
        db_session, child.user, GameKind.tetris, 99_999, now, flag="score_mismatch"
    )
    await make_finished_game(
        db_session, child.user, GameKind.tetris, 5000, now - timedelta(days=30)
    )
    await db_session.flush()
    stats = (await child.get("/api/games/me/stats")).json()
    tetris, g2048 = (next(g for g in stats["games"] if g["game"] == k) for k in ("tetris", "2048"))
    assert tetris["played"] == 4
    assert tetris["best_score"] == 5000  # the flagged 99,999 is not a best
    assert tetris["coins"] == 7 and tetris["xp"] == 35
    assert tetris["seconds_played"] == 4 * 5 * 60
    assert tetris["seconds_played_this_week"] == 3 * 5 * 60
    assert g2048 == {
        "game": "2048",
        "played": 0,
        "best_score": None,
        "coins": 0,
        "xp": 0,
        "seconds_played": 0,
        "seconds_played_this_week": 0,
        "last_played_at": None,
    }
    assert stats["coins"] == 7 and stats["xp"] == 35


async def test_my_history_lists_finished_and_refused_games_newest_first(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    child = await login_as(Role.student)
    now = utcnow()
    for minutes in (30, 20, 10):
        await make_finished_game(
            db_session, child.user, GameKind.g2048, minutes, now - timedelta(minutes=minutes)
        )
    await make_finished_game(db_session, child.user, GameKind.tetris, 1, now)
    db_session.add(
        GameSession(
            user_id=child.user.id,
            game=GameKind.g2048,
            engine_version=1,
            seed="1" * 32,
            ranked=True,
            status=SessionStatus.active,
            started_at=now,
            expires_at=now + timedelta(hours=1),
        )
    )
    await db_session.flush()
    page = (await child.get("/api/games/me/history", params={"game": "2048", "limit": 2})).json()
    assert page["total"] == 3
    assert [g["score"] for g in page["items"]] == [10, 20]
    everything = (await child.get("/api/games/me/history")).json()
    assert everything["total"] == 4  # the game still being played is not history


async def test_a_parent_sees_their_childs_games_but_not_another_familys(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent)
    other_parent = await login_as(Role.parent)
    child = await make_child(db_session, parent.user)
    await make_finished_game(db_session, child, GameKind.g2048, 2400, utcnow())
    url = f"/api/games/children/{child.id}/stats"
    stats = (await parent.get(url)).json()
    assert next(g for g in stats["games"] if g["game"] == "2048")["best_score"] == 2400
    refused = await other_parent.get(url)
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "child_not_found"
    kid = await login_as(Role.student, user=child)
    assert (await kid.get(url)).status_code == 403
