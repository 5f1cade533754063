"""The demo olympiads `make run` adds: every question grades its own key as correct, the three
olympiads are open, running an hour later and finished with everything published, and a second
run adds nothing."""

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from alif.assessment import grading
from alif.assessment import questions as assessment
from alif.assessment.types import QuestionType
from alif.assessment.written import sample_answer
from alif.auth import Role
from alif.db import standalone_session, utcnow
from alif.demo import acting_as
from alif.kernel.models import (
    FamilyLink,
    Language,
    MemberRole,
    MembershipStatus,
    Organization,
    OrganizationKind,
    OrganizationMember,
    Region,
    Relation,
    StudentProfile,
    User,
)
from alif.ledger.models import CoinTransaction
from alif.testing import fresh_database, make_user
from alif.text import normalize_uzbek
from olimp import demo
from olimp.config import OlimpSettings
from olimp.olympiads import service as olympiads
from olimp.olympiads.models import Olympiad, Question, Registration, State
from olimp.papers import service as papers
from olimp.papers.models import Answer, Attempt
from olimp.results.models import Appeal, AppealStatus, Certificate, Result

WRITTEN = {q.id: q for s in demo.load_olympiads() for sec in s.sections for q in sec.questions}
CLASSMATES = ["sardor", "madina", "jasur"]


@pytest.mark.parametrize("key", list(WRITTEN))
def test_each_question_grades_its_own_key_as_correct(key: str) -> None:
    data = WRITTEN[key].question_in(language=Language.uz, tags=[])
    question = Question(**assessment.stored_form(data))
    assert question.answer_key is not None
    options = [o["id"] for o in question.options]
    for right in (True, False):
        answer = sample_answer(question.type, question.answer_key, question.options, right=right)
        earned = grading.fraction(
            question.type, question.answer_key, assessment.response(question, answer), options
        )
        assert earned == 1.0 if right else earned < 1.0


def test_the_papers_are_uzbek_with_canonical_apostrophes() -> None:
    specs = demo.load_olympiads()
    assert [s.schedule for s in specs] == ["open", "running", "finished"]
    kinds = {q.type for q in WRITTEN.values()}
    assert kinds == set(QuestionType)
    for spec in specs:
        texts = [spec.title.uz, spec.description.uz]
        for section in spec.sections:
            texts.append(section.title)
            for q in section.questions:
                texts += [q.text, q.explanation, *q.options]
                assert q.explanation, q.id
        for text in texts:
            assert normalize_uzbek(text) == text, text


def test_the_demo_olympiads_are_added_once(settings_values: dict[str, Any], tmp_path: Path) -> None:
    settings = OlimpSettings(
        **{
            **settings_values,
            "environment": "development",
            "database_url": fresh_database(tmp_path),
            "redis_url": None,
        }
    )
    assert "main's demo accounts" in asyncio.run(demo.seed(settings))
    asyncio.run(_add_demo_accounts(settings))
    assert "added: open, running, finished" in asyncio.run(demo.seed(settings))
    before = asyncio.run(_counts(settings))
    assert "already" in asyncio.run(demo.seed(settings))
    assert asyncio.run(_counts(settings)) == before
    asyncio.run(_check(settings))


async def _add_demo_accounts(settings: OlimpSettings) -> None:
    """What main's demo adds that the olympiads use: the admin, the family, the centre."""
    async with standalone_session(settings) as db:
        await make_user(db, role=Role.admin, phone=demo.ORGANIZER_PHONE)
        parent = await make_user(db, role=Role.parent, phone=demo.PARENT_PHONE)
        owner = await make_user(db, role=Role.organization, phone=demo.CENTRE_PHONE)
        centre = Organization(
            owner_id=owner.id,
            name="Ziyo oʻquv markazi",
            kind=OrganizationKind.learning_centre,
            region=Region.tashkent_city,
            district="Yunusobod",
        )
        db.add(centre)
        await db.flush()
        # bobur (grade 9) is one of the centre's students the olympiads are not for: left out.
        students = (("ali", 2), ("laylo", 4), *((c, 2) for c in CLASSMATES), ("bobur", 9))
        for username, grade in students:
            student = await make_user(db, username=username, first_name=username.title())
            (await db.get(StudentProfile, student.id)).grade = grade  # type: ignore[union-attr]
            if username in ("ali", "laylo"):
                db.add(
                    FamilyLink(parent_id=parent.id, child_id=student.id, relation=Relation.mother)
                )
            else:
                db.add(
                    OrganizationMember(
                        organization_id=centre.id,
                        user_id=student.id,
                        role=MemberRole.student,
                        status=MembershipStatus.active,
                    )
                )
        await db.flush()


async def _counts(settings: OlimpSettings) -> list[int]:
    async with standalone_session(settings) as db:
        return [
            await db.scalar(select(func.count()).select_from(table)) or 0
            for table in (
                Olympiad,
                Question,
                Registration,
                Attempt,
                Answer,
                Result,
                Appeal,
                Certificate,
                CoinTransaction,
            )
        ]


async def _check(settings: OlimpSettings) -> None:
    async with standalone_session(settings) as db:
        found = {o.title["uz"]: o for o in await db.scalars(select(Olympiad))}
        specs = {s.schedule: found[s.title.uz] for s in demo.load_olympiads()}
        children = {
            u.username: u
            for u in await db.scalars(select(User).where(User.username.in_(["ali", "laylo"])))
        }
        now = utcnow()

        async def state(olympiad: Olympiad, at: timedelta = timedelta(0)) -> State:
            return olympiads.state_of(
                olympiad, await olympiads.rounds_of(db, olympiad.id), now + at
            )

        async def registered(olympiad: Olympiad) -> set[str]:
            ids = set(
                await db.scalars(
                    select(Registration.student_id).where(Registration.olympiad_id == olympiad.id)
                )
            )
            return {u.username or "" for u in children.values() if u.id in ids}

        # Open: the demo children may register (their grades fit) and are not registered.
        open_ = specs["open"]
        assert await state(open_) is State.registration
        assert await registered(open_) == set()
        assert all(open_.grade_min <= g <= open_.grade_max for g in (2, 4))

        # Running now and an hour later; the demo children are registered and may start.
        running = specs["running"]
        assert await state(running) is State.running
        assert await state(running, timedelta(hours=1)) is State.running
        assert await registered(running) == {"ali", "laylo"}
        [round_] = await olympiads.rounds_of(db, running.id)
        board = await papers.board(
            db,
            running,
            round_,
            acting_as(children["ali"]),
            region=None,
            district=None,
            school=None,
            grade=None,
        )
        assert len(board.rows) == len(CLASSMATES)  # the classmates sat it; the children not yet
        assert len({(r.score, r.seconds) for r in board.rows}) > 1
        attempt = await papers.start(
            db, running, round_, acting_as(children["ali"]), settings.olimp_grace_seconds
        )
        assert papers.seconds_left(attempt, utcnow()) > 25 * 60

        # Finished days ago, results published: ranks, awards, certificates, prizes paid once.
        finished = specs["finished"]
        assert await state(finished) is State.results_published
        [final] = await olympiads.rounds_of(db, finished.id)
        assert final.closes_at < now - timedelta(days=5)
        rows = list(await db.scalars(select(Result).where(Result.round_id == final.id)))
        assert len(rows) == 2 + len(CLASSMATES)
        assert {r.award for r in rows if r.award} >= {"gold", "bronze"}
        certificates = list(
            await db.scalars(select(Certificate).where(Certificate.olympiad_id == finished.id))
        )
        assert len(certificates) == len(rows)
        assert all(c.issued_at < now - timedelta(days=3) for c in certificates)
        prizes = list(
            await db.scalars(
                select(CoinTransaction).where(CoinTransaction.reference == f"olimp:{finished.id}")
            )
        )
        assert sorted(t.amount for t in prizes) == sorted(c.prize for c in certificates if c.prize)
        assert prizes and all(t.created_at < now - timedelta(days=3) for t in prizes)
        [appeal] = await db.scalars(select(Appeal).where(Appeal.round_id == final.id))
        assert appeal.status is AppealStatus.rejected and appeal.reply
