"""Races that only real concurrent transactions show: finalisation run many times at once pays
each prize once and issues each certificate once; registrations at once never pass capacity."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alif import ledger
from alif.auth import AccountStatus, Role, TokenUser
from alif.db import utcnow
from alif.kernel.models import StudentProfile
from alif.testing import make_user
from olimp.olympiads import service as olympiads
from olimp.olympiads.exceptions import OlympiadFull
from olimp.olympiads.models import Olympiad, Registration, Round, Scope, Section, Subject
from olimp.olympiads.schemas import RegistrationCreate
from olimp.papers.models import Attempt
from olimp.results import service as results
from olimp.results.models import Certificate

RUNS = 6
CAPACITY = 3


@pytest.fixture
async def cleanup(
    committing: async_sessionmaker[AsyncSession],
) -> AsyncIterator[list[uuid.UUID]]:
    """The olympiads a test committed are deleted afterwards (with their rounds, registrations,
    attempts, results and certificates): other tests list every platform-wide olympiad."""
    made: list[uuid.UUID] = []
    yield made
    async with committing() as db, db.begin():
        await db.execute(delete(Olympiad).where(Olympiad.id.in_(made)))


async def _finished_olympiad(
    committing: async_sessionmaker[AsyncSession], scores: list[float]
) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """A published olympiad whose one round ended yesterday, results published, one attempt per
    score."""
    now = utcnow()
    async with committing() as db, db.begin():
        organizer = await make_user(db, role=Role.admin)
        olympiad = Olympiad(
            organizer_id=organizer.id,
            title={"uz": "Poyga olimpiadasi"},
            subject=Subject.math,
            grade_min=1,
            grade_max=11,
            scope=Scope.country,
            registration_opens_at=now - timedelta(days=4),
            registration_closes_at=now - timedelta(days=3),
            award_rule={"kind": "places", "gold": 1, "silver": 1, "bronze": 1},
            prizes={"gold": 100, "silver": 50, "bronze": 20},
            appeal_minutes=0,
            published_at=now - timedelta(days=4),
            results_published_at=now,
        )
        db.add(olympiad)
        await db.flush()
        round_ = Round(
            olympiad_id=olympiad.id,
            number=1,
            opens_at=now - timedelta(days=2),
            closes_at=now - timedelta(days=1),
            duration_minutes=60,
        )
        db.add(round_)
        await db.flush()
        db.add(Section(round_id=round_.id, position=1, points=1))
        students = []
        for index, score in enumerate(scores):
            student = await make_user(db, role=Role.student)
            registration = Registration(
                olympiad_id=olympiad.id, student_id=student.id, registered_by_id=student.id, grade=5
            )
            db.add(registration)
            await db.flush()
            db.add(
                Attempt(
                    round_id=round_.id,
                    student_id=student.id,
                    registration_id=registration.id,
                    session_id=uuid.uuid4(),
                    seed=index,
                    started_at=round_.opens_at,
                    deadline=round_.opens_at + timedelta(hours=1),
                    score=score,
                    scored_seconds=100 + index,
                )
            )
            students.append(student.id)
    return olympiad.id, students


async def test_prizes_are_paid_once_under_repeated_and_concurrent_finalisation(
    committing: async_sessionmaker[AsyncSession], cleanup: list[uuid.UUID]
) -> None:
    olympiad_id, students = await _finished_olympiad(committing, [30, 20, 10, 5])
    cleanup.append(olympiad_id)

    async def finalise() -> results.Finalised:
        async with committing() as db, db.begin():
            return await results.finalise(db, olympiad_id, utcnow())

    at_once = await asyncio.gather(*(finalise() for _ in range(RUNS)))
    one_by_one = [await finalise() for _ in range(2)]
    assert sum(f.prizes_paid for f in [*at_once, *one_by_one]) == 3
    assert all(f.certificates == 4 for f in [*at_once, *one_by_one])

    async with committing() as db:
        assert [await ledger.balance_of(db, s) for s in students] == [100, 50, 20, 0]
        paid = await db.scalar(
            select(func.count())
            .select_from(ledger.CoinTransaction)
            .where(ledger.CoinTransaction.idempotency_key.like(f"olimp:prize:{olympiad_id}:%"))
        )
        assert paid == 3
        certificates = list(
            await db.scalars(select(Certificate).where(Certificate.olympiad_id == olympiad_id))
        )
        assert len(certificates) == 4
        assert len({c.code for c in certificates}) == 4
        kinds = {c.student_id: (c.kind, c.award) for c in certificates}
        assert kinds[students[0]] == ("diploma", "gold")
        assert kinds[students[3]] == ("certificate", None)


async def test_registrations_at_once_never_pass_the_capacity(
    committing: async_sessionmaker[AsyncSession], cleanup: list[uuid.UUID]
) -> None:
    now = utcnow()
    async with committing() as db, db.begin():
        organizer = await make_user(db, role=Role.admin)
        olympiad = Olympiad(
            organizer_id=organizer.id,
            title={"uz": "Oʻrinlar soni cheklangan"},
            subject=Subject.logic,
            grade_min=1,
            grade_max=11,
            scope=Scope.country,
            capacity=CAPACITY,
            registration_opens_at=now - timedelta(hours=1),
            registration_closes_at=now + timedelta(hours=1),
            published_at=now - timedelta(hours=1),
        )
        db.add(olympiad)
        await db.flush()
        cleanup.append(olympiad.id)
        db.add(
            Round(
                olympiad_id=olympiad.id,
                number=1,
                opens_at=now + timedelta(hours=2),
                closes_at=now + timedelta(hours=3),
                duration_minutes=30,
            )
        )
        students = []
        for _ in range(RUNS * 2):
            student = await make_user(db, role=Role.student)
            profile = await db.get(StudentProfile, student.id)
            assert profile is not None
            profile.grade = 5
            students.append(student)

    async def register(student_id: uuid.UUID) -> str:
        user = TokenUser(
            id=student_id,
            role=Role.student,
            status=AccountStatus.active,
            session_id=uuid.uuid4(),
            token_id="t",
            expires_at=now + timedelta(hours=1),
        )
        try:
            async with committing() as db, db.begin():
                found = await db.get(Olympiad, olympiad.id)
                assert found is not None
                await olympiads.register(db, found, user, RegistrationCreate())
        except OlympiadFull:
            return "full"
        return "registered"

    answers = await asyncio.gather(*(register(s.id) for s in students))
    assert sorted(answers).count("registered") == CAPACITY, answers
    async with committing() as db:
        assert await olympiads.registered_count(db, olympiad.id) == CAPACITY
