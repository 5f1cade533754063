"""The round's board: score, then less time; equal results share a rank; filters; the freeze."""

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.testing import Actor, LoginAs
from olimp.olympiads.models import Olympiad, Round
from olimp.papers.models import Attempt
from olimp.results import service as results
from olimp.testing import OLYMPIADS, build_olympiad, olympiad_body, open_round, registered_child


def _round(olympiad: dict[str, Any]) -> str:
    return f"{OLYMPIADS}/{olympiad['id']}/rounds/{olympiad['rounds'][0]['id']}"


def _board(olympiad: dict[str, Any]) -> str:
    return f"{_round(olympiad)}/board"


async def _result(db: AsyncSession, child: Actor, score: float, seconds: int) -> None:
    """A crafted result, as the saved answers would leave it."""
    attempt = await db.scalar(select(Attempt).where(Attempt.student_id == child.id))
    assert attempt is not None
    attempt.score = attempt.public_score = score
    attempt.scored_seconds = attempt.public_seconds = seconds
    await db.flush()


async def test_ranks_by_score_then_time_with_shared_ranks(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    organizer = await login_as(Role.admin)
    olympiad = await build_olympiad(organizer)
    regions = ["fergana", "fergana", "samarkand", "fergana", "samarkand"]
    children = [
        await registered_child(db_session, login_as, olympiad, region=region, school=f"{i}-maktab")
        for i, region in enumerate(regions)
    ]
    await open_round(db_session, olympiad["rounds"][0]["id"])
    for child in children:
        assert (await child.post(f"{_round(olympiad)}/attempt")).status_code == 200
    results = [(20, 300), (25, 900), (20, 300), (20, 200), (12, 100)]
    for child, (score, seconds) in zip(children, results, strict=True):
        await _result(db_session, child, score, seconds)

    board = (await children[0].get(_board(olympiad))).json()
    assert not board["frozen"]
    assert [(r["rank"], r["score"], r["seconds"]) for r in board["rows"]] == [
        (1, 25, 900),
        (2, 20, 200),
        (3, 20, 300),
        (3, 20, 300),  # the same score in the same time: the same rank
        (5, 12, 100),
    ]
    assert sum(r["you"] for r in board["rows"]) == 1
    assert all(r["name"] == "Test S." for r in board["rows"])  # never a child's full name

    fergana = (await children[0].get(_board(olympiad), params={"region": "fergana"})).json()
    assert [(r["rank"], r["score"]) for r in fergana["rows"]] == [(1, 25), (2, 20), (3, 20)]
    school = (await children[0].get(_board(olympiad), params={"school": "4-maktab"})).json()
    assert [r["score"] for r in school["rows"]] == [12]
    bad = await children[0].get(_board(olympiad), params={"region": "atlantis"})
    assert bad.status_code == 422


async def test_the_public_board_freezes_and_reveals_at_the_end(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    organizer = await login_as(Role.moderator)
    olympiad = await build_olympiad(organizer)
    child = await registered_child(db_session, login_as, olympiad)
    await open_round(db_session, olympiad["rounds"][0]["id"])
    attempt = (await child.post(f"{_round(olympiad)}/attempt")).json()
    answers = f"/api/olimp/attempts/{attempt['id']}/answers"
    first, last = attempt["questions"][0], attempt["questions"][-1]

    async def save(question: dict[str, Any]) -> None:
        # Any option: right or wrong, the score changes.
        body = {"choice": [question["options"][0]["id"]]}
        assert (await child.put(f"{answers}/{question['id']}", json=body)).status_code == 200

    await save(first)
    before = (await child.get(_board(olympiad))).json()["rows"][0]["score"]

    round_ = await db_session.get(Round, uuid.UUID(olympiad["rounds"][0]["id"]))
    assert round_ is not None
    round_.closes_at = utcnow() + timedelta(minutes=10)  # inside the last 30 minutes
    await db_session.flush()
    await save(last)
    live = (await organizer.get(_board(olympiad))).json()
    frozen = (await child.get(_board(olympiad))).json()
    assert frozen["frozen"] and not live["frozen"]
    assert frozen["rows"][0]["score"] == before
    assert live["rows"][0]["score"] != before

    round_.closes_at = utcnow() - timedelta(seconds=1)
    await db_session.flush()
    revealed = (await child.get(_board(olympiad))).json()
    assert not revealed["frozen"]
    assert revealed["rows"][0]["score"] == live["rows"][0]["score"]


async def test_tie_breaks_follow_the_olympiads_order_on_the_board_and_in_the_results(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    """Equal scores: "hardest, then time" puts more points in the 5-point section first, where
    "time" alone puts the quicker first; equal on both still share a rank."""
    organizer = await login_as(Role.admin)
    olympiad = await build_olympiad(organizer, tie_breaks=["hardest", "time"])
    assert olympiad["tie_breaks"] == ["hardest", "time"]
    children = [await registered_child(db_session, login_as, olympiad) for _ in range(4)]
    await open_round(db_session, olympiad["rounds"][0]["id"])
    attempts = [(await c.post(f"{_round(olympiad)}/attempt")).json() for c in children]

    # The first child answers the 5-point question right: its points are the hardest section's.
    paper = attempts[0]["questions"]
    hard = next(q for q in paper if q["text"] == "12 : 4 = ?")
    right = next(o for o in hard["options"] if o["text"] == "3")
    saved = await children[0].put(
        f"/api/olimp/attempts/{attempts[0]['id']}/answers/{hard['id']}",
        json={"choice": [right["id"]]},
    )
    assert saved.status_code == 200, saved.text
    found = await db_session.scalar(select(Attempt).where(Attempt.student_id == children[0].id))
    assert found is not None
    assert (found.score, found.hard_points, found.public_hard_points) == (15, 5, 5)

    # Crafted: all 20 points; 5 of them in the hardest section, or 0; in more or less time.
    crafted = [(600, 5.0), (100, 0.0), (300, 5.0), (100, 0.0)]
    for child, (seconds, hard_points) in zip(children, crafted, strict=True):
        attempt = await db_session.scalar(select(Attempt).where(Attempt.student_id == child.id))
        assert attempt is not None
        attempt.score = attempt.public_score = 20
        attempt.scored_seconds = attempt.public_seconds = seconds
        attempt.hard_points = attempt.public_hard_points = hard_points
    await db_session.flush()
    board = (await children[0].get(_board(olympiad))).json()
    hardest_first = [(1, 300), (2, 600), (3, 100), (3, 100)]
    assert [(r["rank"], r["seconds"]) for r in board["rows"]] == hardest_first

    found_olympiad = await db_session.get(Olympiad, uuid.UUID(olympiad["id"]))
    assert found_olympiad is not None
    round_ = await db_session.get(Round, uuid.UUID(olympiad["rounds"][0]["id"]))
    assert round_ is not None
    ranked = await results.rank_round(db_session, found_olympiad, round_, [round_], utcnow())
    assert sorted((r.rank, r.seconds) for r in ranked) == hardest_first

    # The same results under "time" alone: the quick ones share first place.
    found_olympiad.tie_breaks = ["time"]
    await db_session.flush()
    board = (await children[0].get(_board(olympiad))).json()
    assert [(r["rank"], r["seconds"]) for r in board["rows"]] == [
        (1, 100),
        (1, 100),
        (3, 300),
        (4, 600),
    ]


async def test_a_tie_break_given_twice_or_unknown_is_refused(login_as: LoginAs) -> None:
    organizer = await login_as(Role.admin)
    for tie_breaks in (["time", "time"], ["fastest"], ["time", "hardest", "time"]):
        refused = await organizer.post(OLYMPIADS, json=olympiad_body(tie_breaks=tie_breaks))
        assert refused.status_code == 422, tie_breaks
