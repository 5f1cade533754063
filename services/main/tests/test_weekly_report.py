"""The parent's weekly report against a seeded week (2026-W49: Monday 30 November 00:00 to
Monday 7 December 00:00, Tashkent), through the API and as the Sunday-evening job sends it."""

import uuid
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.auth import AccountStatus, Role
from alif.jobs import Worker, enqueue
from alif.kernel.models import Language, User
from alif.ledger.models import CoinTransaction
from alif.notifications import service as notifications
from alif.schemas import PageParams
from alif.testing import LoginAs, make_child, make_user
from alif_main.jobs.registry import jobs
from games.sessions.models import GameKind
from games.testing import make_finished_game
from testai.attempts.models import Attempt, AttemptStatus
from testai.quizzes.models import Quiz

# Tashkent is UTC+5: 19:30 UTC on Sunday 29 November is already Monday 30 November there.
MONDAY_0030 = datetime(2026, 11, 29, 19, 30, tzinfo=UTC)
TUESDAY = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
SUNDAY_2330 = datetime(2026, 12, 6, 18, 30, tzinfo=UTC)
NEXT_MONDAY_0030 = datetime(2026, 12, 6, 19, 30, tzinfo=UTC)
SUNDAY_EVENING = datetime(2026, 12, 6, 14, 0, tzinfo=UTC)  # 19:00 Tashkent: the job's time


async def take_test(
    db: AsyncSession, child: User, quiz: Quiz, score: float, at: datetime, number: int
) -> None:
    db.add(
        Attempt(
            test_id=quiz.id,
            student_id=child.id,
            number=number,
            status=AttemptStatus.finished,
            started_at=at - timedelta(minutes=20),
            submitted_at=at,
            score=score,
            max_score=10.0,
        )
    )
    await db.flush()


async def move_coins(db: AsyncSession, child: User, kind: str, amount: int, at: datetime) -> None:
    key = f"report-test:{uuid.uuid4()}"
    if kind == "reward":
        await ledger.reward(
            db, user_id=child.id, source="games", amount=amount, idempotency_key=key
        )
    else:
        await ledger.spend(db, user_id=child.id, source="shop", amount=amount, idempotency_key=key)
    await db.execute(
        update(CoinTransaction).where(CoinTransaction.idempotency_key == key).values(created_at=at)
    )


async def seed_week(db: AsyncSession) -> tuple[User, User, User]:
    parent = await make_user(db, role=Role.parent, language=Language.en)
    aziza = await make_child(db, parent, first_name="Aziza", last_name="Karimova")
    bobur = await make_child(db, parent, first_name="Bobur", last_name="Karimov")
    blocked = await make_child(db, parent, first_name="Blocked")
    blocked.status = AccountStatus.blocked
    teacher = await make_user(db, role=Role.teacher)
    quiz = Quiz(owner_id=teacher.id, title="Kasrlar")
    db.add(quiz)
    await db.flush()

    await take_test(db, aziza, quiz, 6, MONDAY_0030, 1)  # this week in Tashkent
    await take_test(db, aziza, quiz, 8, TUESDAY, 2)
    await take_test(db, aziza, quiz, 10, NEXT_MONDAY_0030, 3)  # next week
    db.add(
        Attempt(test_id=quiz.id, student_id=aziza.id, number=4, status=AttemptStatus.in_progress)
    )
    await take_test(db, blocked, quiz, 9, TUESDAY, 1)
    for at in (TUESDAY, SUNDAY_2330, NEXT_MONDAY_0030):
        await make_finished_game(db, aziza, GameKind.tetris, 1000, at)
    await make_finished_game(db, bobur, GameKind.tetris, 500, TUESDAY)
    await move_coins(db, aziza, "reward", 30, TUESDAY)
    await move_coins(db, aziza, "reward", 20, SUNDAY_2330)
    await move_coins(db, aziza, "spend", 15, SUNDAY_2330)
    await move_coins(db, aziza, "reward", 100, NEXT_MONDAY_0030)

    # Another family's child, busy the same week, appears in nobody else's report.
    other = await make_child(db, await make_user(db, role=Role.parent), first_name="Other")
    await take_test(db, other, quiz, 10, TUESDAY, 1)
    return parent, aziza, bobur


async def test_the_weekly_report_counts_the_seeded_week(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    parent_user, _, _ = await seed_week(db_session)
    parent = await login_as(user=parent_user)

    answer = await parent.get("/api/main/reports/weekly", params={"week": "2026-W49"})
    assert answer.status_code == 200
    report = answer.json()
    assert report["week"] == "2026-W49"
    assert report["starts_at"] == "2026-11-29T19:00:00Z"  # Monday 00:00 in Tashkent
    by_name = {child["name"]: child for child in report["children"]}
    assert set(by_name) == {"Aziza Karimova", "Bobur Karimov"}
    first = by_name["Aziza Karimova"]
    assert [(t["title"], t["score"]) for t in first["tests"]] == [
        ("Kasrlar", 6.0),
        ("Kasrlar", 8.0),
    ]
    assert first["average_percent"] == 70
    assert (first["games_played"], first["coins_earned"], first["coins_spent"]) == (2, 50, 15)
    second = by_name["Bobur Karimov"]
    assert (second["tests"], second["average_percent"], second["games_played"]) == ([], None, 1)
    assert (second["coins_earned"], second["coins_spent"]) == (0, 0)


async def test_the_report_is_for_parents_and_weeks_are_checked(login_as: LoginAs) -> None:
    parent = await login_as(Role.parent)
    bad = await parent.get("/api/main/reports/weekly", params={"week": "2026-W60"})
    assert (bad.status_code, bad.json()["error"]["code"]) == (400, "invalid_week")
    this_week = await parent.get("/api/main/reports/weekly")
    assert this_week.status_code == 200
    assert this_week.json()["children"] == []
    child = await login_as(Role.student)
    assert (await child.get("/api/main/reports/weekly")).status_code == 403


async def test_sunday_evening_each_parent_gets_a_report_per_child_once(
    started_app: FastAPI, db_session: AsyncSession
) -> None:
    parent, _, _ = await seed_week(db_session)
    [weekly] = [s for s in jobs.schedules if s.job == "main.weekly_reports"]
    assert weekly.latest(SUNDAY_EVENING + timedelta(minutes=30)) == SUNDAY_EVENING

    for _ in range(2):  # fired twice (two workers, a retry): still one report per child
        await enqueue(
            db_session,
            "main.weekly_reports",
            {"scheduled_for": SUNDAY_EVENING.isoformat()},
            key=f"weekly-test:{uuid.uuid4()}",
        )
    worker = Worker(
        jobs,
        started_app.state.settings,
        started_app.state.db,
        resources=None,
        clock=lambda: datetime.now(UTC) + timedelta(seconds=1),
    )
    while await worker.tick():
        pass

    found = await notifications.list_notifications(
        db_session, parent.id, PageParams(), unread=False
    )
    bodies = sorted((n.title, n.body) for n in found.items)
    assert bodies == [
        (
            "Aziza Karimova: the week's report",
            "30.11–06.12.2026. Tests: 2 (average 70%). Games: 2. Coins: +50, spent 15.",
        ),
        (
            "Bobur Karimov: the week's report",
            "30.11–06.12.2026. Tests: 0 (average -). Games: 1. Coins: +0, spent 0.",
        ),
    ]
