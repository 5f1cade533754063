"""Leaderboards: the same standings from the database, from Redis and from the in-process cache.

Each player appears once, at their best; equal scores go to whoever reached them first; today,
this week and all time are separate boards; a class's or a school's board counts only its pupils.
"""

import os
import secrets
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.cache import Cache, InMemoryCache, RedisCache
from alif.db import utcnow
from alif.kernel.models import User
from alif.testing import LoginAs, make_school, make_study_group, make_user
from games.engines.replay import GameKind
from games.leaderboards.boards import Boards, CacheBoards, DatabaseBoards, Standings
from games.leaderboards.periods import (
    Period,
    rank_key,
    reached_at_of,
    score_of,
    week_start,
    window,
)
from games.testing import make_finished_game

TASHKENT = ZoneInfo("Asia/Tashkent")
BACKENDS = ["database", "memory"] + (["redis"] if os.environ.get("REDIS_URL") else [])


@pytest.fixture(params=BACKENDS)
async def boards(request: pytest.FixtureRequest) -> AsyncIterator[Boards]:
    if request.param == "database":
        yield DatabaseBoards()
        return
    cache: Cache = (
        InMemoryCache()
        if request.param == "memory"
        else RedisCache(os.environ["REDIS_URL"], f"games-board-test-{secrets.token_hex(4)}")
    )
    yield CacheBoards(cache, TASHKENT)
    await cache.clear()
    await cache.close()


async def finished(
    db: AsyncSession, boards: Boards, user: User, score: int, at: datetime, game: GameKind
) -> None:
    session = await make_finished_game(db, user, game, score, at)
    await boards.record(db, session)


def scores(standings: Standings) -> list[int]:
    return [score_of(e.key) for e in standings.top]


async def test_each_player_shows_once_at_their_best_and_ties_go_to_the_first(
    db_session: AsyncSession, boards: Boards
) -> None:
    now = utcnow().replace(microsecond=0)
    aziz, malika, sardor, me = [await make_user(db_session) for _ in range(4)]
    g = GameKind.tetris
    await finished(db_session, boards, aziz, 500, now - timedelta(minutes=30), g)
    await finished(db_session, boards, aziz, 1200, now - timedelta(minutes=20), g)
    await finished(db_session, boards, aziz, 300, now - timedelta(minutes=10), g)
    await finished(db_session, boards, malika, 1200, now - timedelta(minutes=25), g)  # first
    await finished(db_session, boards, sardor, 800, now - timedelta(minutes=5), g)
    await finished(db_session, boards, me, 100, now - timedelta(minutes=1), g)
    await finished(db_session, boards, me, 90, now, GameKind.g2048)  # another game's board

    board = window(Period.all, now, TASHKENT)
    standings = await boards.standings(db_session, g, board, limit=3, me=me.id)
    assert [e.user_id for e in standings.top] == [malika.id, aziz.id, sardor.id]
    assert scores(standings) == [1200, 1200, 800]
    assert reached_at_of(standings.top[0].key) == now - timedelta(minutes=25)
    assert standings.total == 4
    assert standings.me is not None
    rank, entry = standings.me
    assert (rank, score_of(entry.key)) == (4, 100)


async def test_today_this_week_and_all_time_are_separate_boards(
    db_session: AsyncSession, boards: Boards
) -> None:
    now = utcnow()
    today = window(Period.day, now, TASHKENT)
    this_week = window(Period.week, now, TASHKENT)
    assert today.start is not None and this_week.start is not None
    old, weekly, daily = [await make_user(db_session) for _ in range(3)]
    g = GameKind.g2048
    await finished(db_session, boards, old, 9000, this_week.start - timedelta(days=3), g)
    await finished(db_session, boards, weekly, 5000, this_week.start + timedelta(seconds=1), g)
    await finished(db_session, boards, daily, 100, today.start + timedelta(seconds=1), g)
    # on a Monday the week's first day is today
    expected_day = [5000, 100] if today.start == this_week.start else [100]

    async def standings(period: Period) -> Standings:
        board = window(period, now, TASHKENT)
        return await boards.standings(db_session, g, board, limit=10, me=old.id)

    day, week, ever = [await standings(p) for p in (Period.day, Period.week, Period.all)]
    assert scores(day) == expected_day
    assert scores(week) == [5000, 100]
    assert scores(ever) == [9000, 5000, 100]
    assert day.me is None and week.me is None
    assert ever.me is not None and ever.me[0] == 1


async def test_a_class_board_counts_only_its_pupils(
    db_session: AsyncSession, boards: Boards
) -> None:
    now = utcnow()
    pupils = [await make_user(db_session) for _ in range(3)]
    outsider = await make_user(db_session)
    g = GameKind.tetris
    for pupil, score in zip(pupils, (300, 900, 600), strict=True):
        await finished(db_session, boards, pupil, score, now - timedelta(minutes=1), g)
    await finished(db_session, boards, outsider, 5000, now, g)
    board = window(Period.week, now, TASHKENT)
    members = [p.id for p in pupils]
    standings = await boards.standings(
        db_session, g, board, limit=2, me=pupils[0].id, members=members
    )
    assert scores(standings) == [900, 600]
    assert standings.total == 3
    assert standings.me is not None and standings.me[0] == 3
    everyone = await boards.standings(db_session, g, board, limit=10, me=pupils[0].id)
    assert scores(everyone) == [5000, 900, 600, 300]


async def test_a_cache_board_is_rebuilt_from_the_database_when_the_cache_lost_it(
    db_session: AsyncSession,
) -> None:
    cache = InMemoryCache()
    boards = CacheBoards(cache, TASHKENT)
    now = utcnow()
    player = await make_user(db_session)
    await finished(db_session, boards, player, 700, now, GameKind.g2048)
    await cache.clear()  # a restarted Redis without persistence
    board = window(Period.all, now, TASHKENT)
    standings = await boards.standings(db_session, GameKind.g2048, board, limit=5, me=player.id)
    assert scores(standings) == [700]
    assert standings.me is not None and standings.me[0] == 1


def test_the_rank_key_orders_by_score_then_by_the_earlier_time() -> None:
    t = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert rank_key(100, t) > rank_key(99, t - timedelta(days=300))
    assert rank_key(100, t) > rank_key(100, t + timedelta(seconds=1))
    assert score_of(rank_key(1234, t)) == 1234
    assert reached_at_of(rank_key(1234, t)) == t
    big = rank_key(2_000_000, t)
    assert float(big) == big  # exact as a Redis score below 2**21 points


def test_days_and_weeks_begin_at_midnight_in_tashkent() -> None:
    at = datetime(2026, 11, 26, 20, 30, tzinfo=UTC)  # Friday 01:30 in Tashkent
    day = window(Period.day, at, TASHKENT)
    assert day.name == "2026-11-27"
    assert day.start == datetime(2026, 11, 26, 19, 0, tzinfo=UTC)
    week = window(Period.week, at, TASHKENT)
    assert week.name == "2026-W48"
    assert week.start == datetime(2026, 11, 22, 19, 0, tzinfo=UTC)  # Monday 00:00 local
    assert week_start(at, TASHKENT) == week.start
    assert window(Period.all, at, TASHKENT).start is None


@pytest.fixture(params=["app", "memory"])
async def served_boards(
    request: pytest.FixtureRequest, started_app: FastAPI
) -> AsyncIterator[Boards]:
    """The API on the app's own backend (the database, or Redis when REDIS_URL is set) and on
    sorted sets in the in-process cache."""
    original = started_app.state.boards
    if request.param == "memory":
        started_app.state.boards = CacheBoards(InMemoryCache(), TASHKENT)
    yield started_app.state.boards
    started_app.state.boards = original


async def test_class_and_school_boards_are_for_their_members(
    login_as: LoginAs, db_session: AsyncSession, served_boards: Boards
) -> None:
    teacher = await login_as(Role.teacher)
    owner = await login_as(Role.organization)
    school = await make_school(db_session, owner.user)
    pupil = await login_as(Role.student, first_name="Dilnoza", last_name="Karimova")
    classmate = await login_as(Role.student, first_name="Aziz", last_name="Tursunov")
    stranger = await login_as(Role.student)
    group = await make_study_group(
        db_session, teacher.user, [pupil.user, classmate.user], organization=school
    )
    other_group = await make_study_group(db_session, teacher.user, [stranger.user], name="6-A")
    now = utcnow()
    for user, score in ((pupil.user, 400), (classmate.user, 800), (stranger.user, 9999)):
        await finished(db_session, served_boards, user, score, now, GameKind.tetris)

    url = "/api/games/leaderboards/tetris"
    mine = (await pupil.get(url, params={"group_id": str(group.id)})).json()
    assert mine["scope"] == "group"
    assert [(e["name"], e["score"], e["is_me"]) for e in mine["entries"]] == [
        ("Aziz T.", 800, False),
        ("Dilnoza K.", 400, True),
    ]
    assert mine["me"]["rank"] == 2 and mine["players"] == 2

    as_teacher = (await teacher.get(url, params={"group_id": str(group.id)})).json()
    assert [e["score"] for e in as_teacher["entries"]] == [800, 400]
    assert as_teacher["me"] is None

    school_board = (await owner.get(url, params={"organization_id": str(school.id)})).json()
    assert [e["score"] for e in school_board["entries"]] == [800, 400]
    from_pupil = await pupil.get(url, params={"organization_id": str(school.id)})
    assert from_pupil.status_code == 200

    refused = await stranger.get(url, params={"group_id": str(group.id)})
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "group_not_found"
    assert (await stranger.get(url, params={"organization_id": str(school.id)})).status_code == 404
    assert (await pupil.get(url, params={"group_id": str(other_group.id)})).status_code == 404
    unknown = await teacher.get(url, params={"group_id": str(uuid.uuid4())})
    assert unknown.status_code == 404
    both = await teacher.get(
        url, params={"group_id": str(group.id), "organization_id": str(school.id)}
    )
    assert both.status_code == 400 and both.json()["error"]["code"] == "one_scope_only"

    everyone = (await stranger.get(url, params={"period": "all"})).json()
    assert [e["score"] for e in everyone["entries"]] == [9999, 800, 400]
    assert everyone["me"]["rank"] == 1


async def test_scopes_list_the_boards_i_can_open(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    owner = await make_user(db_session, role=Role.organization)
    school = await make_school(db_session, owner, name="Ziyo maktabi")
    pupil = await login_as(Role.student)
    await make_study_group(db_session, teacher.user, [pupil.user], organization=school, name="5-B")
    scopes = (await pupil.get("/api/games/leaderboards/scopes")).json()
    assert [(s["scope"], s["name"]) for s in scopes] == [
        ("global", "ALIF24"),
        ("group", "5-B"),
        ("organization", "Ziyo maktabi"),
    ]
    taught = (await teacher.get("/api/games/leaderboards/scopes")).json()
    # The teacher works in the school (a teacher runs a school's class only as its member).
    assert [(s["scope"], s["name"]) for s in taught] == [
        ("global", "ALIF24"),
        ("group", "5-B"),
        ("organization", "Ziyo maktabi"),
    ]
