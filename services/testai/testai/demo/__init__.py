"""Demo content for `make run`: the demo teacher's question bank (real questions for grades 1–4,
kept as YAML in `content/`), four published tests made from it, assigned to the demo class or
shared by a code, and the attempts the class has already made, so results, item statistics and
the parents' view show real numbers.

Everything goes through the service functions a teacher's and a student's requests use.
Development only; it needs main's demo accounts, and adds nothing when its tests are there.
"""

import random
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.assessment.schemas import QuestionIn
from alif.assessment.written import WrittenQuestion, sample_answer
from alif.config import Environment
from alif.db import standalone_session, utcnow
from alif.demo import acting_as
from alif.kernel.models import Language, StudyGroup, StudyGroupMember, User
from testai.access import Staff, staff_of
from testai.attempts import service as attempts
from testai.attempts.models import Attempt
from testai.attempts.schemas import AnswerIn
from testai.config import TestaiSettings
from testai.questions import service as questions
from testai.questions.models import Question
from testai.quizzes import service as quizzes
from testai.quizzes.models import Quiz
from testai.quizzes.schemas import AssignmentCreate, QuizCreate

CONTENT = Path(__file__).parent / "content"
TEACHER_PHONE = "+998900000002"  # main's demo teacher
CLASS_NAME = "2-A sinf"  # main's demo class of that teacher
# The chance of a right answer: the demo children do well; their classmates get a seeded spread.
SKILL = {"ali": 0.8, "laylo": 0.9}


class BankItem(WrittenQuestion):
    """One question as written in content/*.yaml (see matematika.yaml), for a grade."""

    grade: int = Field(ge=0, le=11)


class BankFile(BaseModel):
    subject: str
    language: Language = Language.uz
    questions: list[BankItem]


class TestSpec(BaseModel):
    __test__ = False  # a content model, not something for pytest to collect

    title: str
    description: str
    subject: str
    grade: int
    questions: list[str]
    time_limit_minutes: int | None = None
    attempts_allowed: int | None = None
    assign: bool = False
    due_in_days: int | None = None
    shared: bool = False
    taken_by: Literal["all"] | list[str] = []


def question_in(item: BankItem, bank: BankFile) -> QuestionIn:
    return item.question_in(language=bank.language, tags=[bank.subject, f"{item.grade}-sinf"])


@cache
def load_bank() -> dict[str, QuestionIn]:
    """Every question of content/*.yaml by its id, in file order (read once)."""
    found: dict[str, QuestionIn] = {}
    for path in sorted(CONTENT.glob("*.yaml")):
        if path.name == "tests.yaml":
            continue
        bank = BankFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        for item in bank.questions:
            if item.id in found:
                raise ValueError(f"{path.name}: the question id {item.id} is used twice")
            found[item.id] = question_in(item, bank)
    return found


def load_tests() -> list[TestSpec]:
    raw = yaml.safe_load((CONTENT / "tests.yaml").read_text(encoding="utf-8"))
    return [TestSpec.model_validate(t) for t in raw["tests"]]


async def seed(settings: TestaiSettings) -> str:
    if settings.environment is not Environment.development:
        raise SystemExit("Demo content is only for development.")
    bank = load_bank()
    specs = load_tests()
    async with standalone_session(settings) as db:
        teacher = await db.scalar(select(User).where(User.phone == TEACHER_PHONE))
        if teacher is None:
            return "Demo tests need main's demo accounts first (python -m alif_main seed-demo)."
        if await db.scalar(select(Quiz.id).where(Quiz.owner_id == teacher.id).limit(1)):
            return "Demo tests are already there."
        staff = await staff_of(db, acting_as(teacher))
        stored = {
            key: await questions.create_bank_question(db, staff, data, None)
            for key, data in bank.items()
        }
        group = await db.scalar(
            select(StudyGroup).where(
                StudyGroup.teacher_id == teacher.id, StudyGroup.name == CLASS_NAME
            )
        )
        students = await _members(db, group)
        for number, spec in enumerate(specs):
            quiz = await _publish(db, staff, spec, stored)
            if spec.assign and group is not None:
                due = utcnow() + timedelta(days=spec.due_in_days) if spec.due_in_days else None
                await quizzes.assign(
                    db, staff, quiz, AssignmentCreate(group_id=group.id, due_at=due)
                )
                takers = (
                    students
                    if spec.taken_by == "all"
                    else [s for s in students if s.username in spec.taken_by]
                )
                for student in takers:
                    await _sit(db, settings, quiz, student, days_ago=1 + number)
    return f"Demo tests added: {len(specs)} tests from a bank of {len(bank)} questions."


async def _members(db: AsyncSession, group: StudyGroup | None) -> list[User]:
    if group is None:
        return []
    return list(
        await db.scalars(
            select(User)
            .join(StudyGroupMember, StudyGroupMember.student_id == User.id)
            .where(StudyGroupMember.group_id == group.id)
            .order_by(User.username)
        )
    )


async def _publish(
    db: AsyncSession, staff: Staff, spec: TestSpec, stored: dict[str, Question]
) -> Quiz:
    quiz = await quizzes.create_quiz(
        db,
        staff,
        QuizCreate(
            title=spec.title,
            description=spec.description,
            subject=spec.subject,
            grade=spec.grade,
            time_limit_minutes=spec.time_limit_minutes,
            attempts_allowed=spec.attempts_allowed,
        ),
    )
    await quizzes.add_from_bank(db, staff, quiz, [stored[key].id for key in spec.questions])
    await quizzes.publish(db, quiz)
    if spec.shared:
        await quizzes.new_share_code(db, quiz)
    return quiz


async def _sit(
    db: AsyncSession, settings: TestaiSettings, quiz: Quiz, student: User, *, days_ago: int
) -> Attempt:
    """One student's attempt: each answer right with the student's own (seeded) chance, so the
    class has a spread of scores and each question its own facility."""
    policy = attempts.Policy.of(settings)
    # Seeded, so every `make run` shows the same class; nothing here is a secret.
    skill = random.Random(f"{student.username}:{quiz.title}")  # noqa: S311
    spread = random.Random(student.username)  # noqa: S311
    chance = SKILL.get(student.username or "", 0.45 + 0.5 * spread.random())
    attempt = await attempts.start(db, student.id, quiz, policy)
    for question in await attempts.attempt_questions(db, attempt):
        answer = _answer(question, right=skill.random() < chance)
        await attempts.save_answer(db, attempt, question.id, answer, policy)
    await attempts.submit(db, attempt, policy)
    # The class sat it earlier this week, taking a few minutes each.
    attempt.started_at = utcnow() - timedelta(days=days_ago, minutes=skill.randint(20, 300))
    attempt.submitted_at = attempt.started_at + timedelta(minutes=skill.randint(4, 14))
    await db.flush()
    return attempt


def _answer(question: Question, *, right: bool) -> AnswerIn:
    """A right answer from the key, or a believable wrong one."""
    key = question.answer_key
    assert key is not None  # every demo question is published, so it has its key
    sample = sample_answer(question.type, key, question.options, right=right)
    return AnswerIn(**sample.model_dump())
