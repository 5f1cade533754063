"""The demo content `make run` adds: every question's key grades as correct, every test
publishes, the class has results with a spread, and a second run adds nothing."""

import asyncio
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from alif.assessment import grading
from alif.assessment import questions as assessment
from alif.assessment.types import QuestionType
from alif.auth import Role
from alif.db import standalone_session
from alif.kernel.models import StudyGroup, StudyGroupMember, User
from alif.testing import fresh_database, make_user
from alif.text import normalize_uzbek
from testai import demo
from testai.attempts.models import Attempt, AttemptStatus
from testai.config import TestaiSettings
from testai.questions.models import Question
from testai.quizzes.models import Assignment, Quiz, QuizStatus

CHILDREN = ["ali", "laylo", "sardor", "madina"]


@pytest.mark.parametrize("key", list(demo.load_bank()))
def test_each_question_grades_its_own_key_as_correct(key: str) -> None:
    question = Question(**assessment.stored_form(demo.load_bank()[key]))
    options = [o["id"] for o in question.options]
    for right, expected in ((True, 1.0), (False, 0.5)):
        response = assessment.response(question, demo._answer(question, right=right))
        earned = grading.fraction(question.type, question.answer_key, response, options)
        assert earned == 1.0 if right else earned <= expected


def test_the_content_is_real_and_written_with_canonical_apostrophes() -> None:
    bank = demo.load_bank()
    assert len(bank) >= 60
    assert {q.type for q in bank.values()} == set(QuestionType)
    assert sum(q.language == "ru" for q in bank.values()) >= 5
    for key, question in bank.items():
        assert question.explanation, key
        for text in [question.text, question.explanation, *(o.text for o in question.options)]:
            assert normalize_uzbek(text) == text, f"{key}: {text}"
    for spec in demo.load_tests():
        assert set(spec.questions) <= set(bank), spec.title


def test_the_demo_tests_are_added_once_with_the_class_results(
    settings_values: dict[str, Any], tmp_path: Path
) -> None:
    settings = TestaiSettings(
        **{
            **settings_values,
            "environment": "development",
            "database_url": fresh_database(tmp_path),
            "redis_url": None,
        }
    )
    assert "main's demo accounts" in asyncio.run(demo.seed(settings))
    asyncio.run(_add_teacher_and_class(settings))
    assert "added" in asyncio.run(demo.seed(settings))
    assert "already" in asyncio.run(demo.seed(settings))
    asyncio.run(_check(settings))


async def _add_teacher_and_class(settings: TestaiSettings) -> None:
    async with standalone_session(settings) as db:
        teacher = await make_user(db, role=Role.teacher, phone=demo.TEACHER_PHONE)
        group = StudyGroup(teacher_id=teacher.id, name=demo.CLASS_NAME, join_code="DARS2A24")
        db.add(group)
        await db.flush()
        for username in CHILDREN:
            child = await make_user(db, username=username)
            db.add(StudyGroupMember(group_id=group.id, student_id=child.id))


async def _check(settings: TestaiSettings) -> None:
    async with standalone_session(settings) as db:
        tests = list(await db.scalars(select(Quiz)))
        assert len(tests) == len(demo.load_tests())
        assert all(t.status is QuizStatus.published for t in tests)
        assert sum(t.share_code is not None for t in tests) == 1
        assert sum(t.time_limit_minutes is not None for t in tests) == 1
        assert await db.scalar(select(func.count()).select_from(Assignment)) == 3
        finished = list(
            await db.scalars(select(Attempt).where(Attempt.status == AttemptStatus.finished))
        )
        takers = {a.student_id for a in finished}
        laylo = await db.scalar(select(User.id).where(User.username == "laylo"))
        assert laylo in takers
        # A spread of scores, each sat before today for a few minutes.
        assert len({a.score for a in finished}) > 1
        assert all(a.submitted_at and a.submitted_at > a.started_at for a in finished)
