"""Tests: writing, settings, publishing, assigning and sharing.

A test's questions can change only while it is a draft; publishing freezes them, so every
student's attempt is graded against the questions they saw.
"""

import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import text
from alif.assessment import questions as assessment
from alif.assessment.schemas import QuestionIn
from alif.assessment.types import QuestionSource
from alif.db import add_unique, find_page, utcnow
from alif.kernel import queries
from alif.schemas import Found, PageParams
from testai.access import Staff
from testai.questions import service as questions
from testai.questions.exceptions import QuestionNotFound
from testai.questions.models import Question
from testai.quizzes.exceptions import (
    AlreadyAssigned,
    AssignmentNotFound,
    GroupNotFound,
    OrderNotValid,
    QuestionsNeedKeys,
    QuestionsNeedReview,
    SettingsNotValid,
    StudentNotFound,
    TestIsEmpty,
    TestNotDraft,
    TestNotEditable,
    TestNotFound,
    TestNotPublished,
    TestReadOnly,
)
from testai.quizzes.models import Assignment, Quiz, QuizStatus
from testai.quizzes.schemas import AssignmentCreate, QuizCreate, QuizUpdate

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L look-alikes
CODE_LENGTH = 8


@dataclass(frozen=True)
class QuizSummary:
    quiz: Quiz
    question_count: int
    total_points: int
    needs_key_count: int
    review_count: int


def _canonical_text(quiz: Quiz) -> None:
    for name in ("title", "description", "subject"):
        setattr(quiz, name, assessment.canonical(getattr(quiz, name), quiz.language))


def check_settings(quiz: Quiz) -> None:
    if quiz.opens_at and quiz.closes_at and quiz.opens_at >= quiz.closes_at:
        raise SettingsNotValid("The test must open before it closes.")


async def create_quiz(db: AsyncSession, staff: Staff, data: QuizCreate) -> Quiz:
    values = data.model_dump(exclude={"organization_id"})
    quiz = Quiz(
        owner_id=staff.id, organization_id=staff.organization_for(data.organization_id), **values
    )
    check_settings(quiz)
    _canonical_text(quiz)
    db.add(quiz)
    await db.flush()
    return quiz


def _readable_by(staff: Staff) -> Select[Quiz]:
    return select(Quiz).where(
        or_(Quiz.owner_id == staff.id, Quiz.organization_id.in_(staff.organizations))
    )


async def list_quizzes(
    db: AsyncSession,
    staff: Staff,
    page: PageParams,
    *,
    status: QuizStatus | None,
    query: str | None,
    mine_only: bool,
) -> Found[Quiz]:
    statement = _readable_by(staff)
    if mine_only:
        statement = statement.where(Quiz.owner_id == staff.id)
    if status is not None:
        statement = statement.where(Quiz.status == status)
    if query:
        statement = statement.where(text.contains(Quiz.title, query))
    return await find_page(db, statement, page, Quiz.updated_at.desc(), Quiz.id)


async def get_readable(db: AsyncSession, staff: Staff, quiz_id: uuid.UUID) -> Quiz:
    quiz = await db.scalar(_readable_by(staff).where(Quiz.id == quiz_id))
    if quiz is None:
        raise TestNotFound()
    return quiz


def check_editable(staff: Staff, quiz: Quiz) -> None:
    if not staff.can_edit(quiz.owner_id, quiz.organization_id):
        raise TestReadOnly()


def check_draft(quiz: Quiz) -> None:
    if quiz.status is not QuizStatus.draft:
        raise TestNotEditable()


async def questions_of(db: AsyncSession, quiz_id: uuid.UUID) -> list[Question]:
    return list(
        await db.scalars(
            select(Question)
            .where(Question.test_id == quiz_id)
            .order_by(Question.position, Question.created_at)
        )
    )


def summarize(quiz: Quiz, items: list[Question]) -> QuizSummary:
    return QuizSummary(
        quiz=quiz,
        question_count=len(items),
        total_points=sum(q.points for q in items),
        needs_key_count=sum(not q.has_key for q in items),
        review_count=sum(q.review_required for q in items),
    )


async def summaries(db: AsyncSession, quizzes: list[Quiz]) -> list[QuizSummary]:
    ids = [quiz.id for quiz in quizzes]
    by_quiz: dict[uuid.UUID, list[Question]] = {i: [] for i in ids}
    if ids:
        for question in await db.scalars(select(Question).where(Question.test_id.in_(ids))):
            assert question.test_id is not None
            by_quiz[question.test_id].append(question)
    return [summarize(quiz, by_quiz[quiz.id]) for quiz in quizzes]


async def update_quiz(db: AsyncSession, quiz: Quiz, data: QuizUpdate) -> Quiz:
    changes = data.model_dump(exclude_unset=True)
    # Fields that may be cleared (no time limit, no close date...) take None; others ignore it.
    clearable = {"grade", "time_limit_minutes", "attempts_allowed", "opens_at", "closes_at"}
    for name, value in changes.items():
        if value is not None or name in clearable:
            setattr(quiz, name, value)
    check_settings(quiz)
    _canonical_text(quiz)
    await db.flush()
    return quiz


async def duplicate(db: AsyncSession, staff: Staff, quiz: Quiz) -> Quiz:
    """A new draft with copies of every question: the way to change a published test."""
    copy = Quiz(
        owner_id=staff.id,
        organization_id=quiz.organization_id
        if quiz.organization_id in staff.organizations
        else None,
        title=f"{quiz.title} (nusxa)"[:200],
        description=quiz.description,
        subject=quiz.subject,
        grade=quiz.grade,
        language=quiz.language,
        status=QuizStatus.draft,
        time_limit_minutes=quiz.time_limit_minutes,
        attempts_allowed=quiz.attempts_allowed,
        grading_method=quiz.grading_method,
        shuffle_questions=quiz.shuffle_questions,
        shuffle_options=quiz.shuffle_options,
        results_shown=quiz.results_shown,
        answers_shown=quiz.answers_shown,
        opens_at=quiz.opens_at,
        closes_at=quiz.closes_at,
        pass_percent=quiz.pass_percent,
        copied_from_id=quiz.id,
    )
    db.add(copy)
    await db.flush()
    for question in await questions_of(db, quiz.id):
        db.add(
            Question(
                test_id=copy.id,
                position=question.position,
                owner_id=staff.id,
                organization_id=copy.organization_id,
                **questions.copy_columns(question),
            )
        )
    await db.flush()
    return copy


async def publish(db: AsyncSession, quiz: Quiz) -> Quiz:
    if quiz.status is not QuizStatus.draft:
        raise TestNotDraft()
    items = await questions_of(db, quiz.id)
    if not items:
        raise TestIsEmpty()
    if missing := [str(q.id) for q in items if not q.has_key]:
        raise QuestionsNeedKeys(details={"question_ids": missing})
    if unreviewed := [str(q.id) for q in items if q.review_required]:
        raise QuestionsNeedReview(details={"question_ids": unreviewed})
    check_settings(quiz)
    quiz.status = QuizStatus.published
    quiz.published_at = utcnow()
    await db.flush()
    return quiz


async def archive(db: AsyncSession, quiz: Quiz) -> Quiz:
    """An archived test takes no new attempts; its results stay."""
    quiz.status = QuizStatus.archived
    quiz.archived_at = quiz.archived_at or utcnow()
    await db.flush()
    return quiz


# --- questions of a test -------------------------------------------------------------------


async def _next_position(db: AsyncSession, quiz_id: uuid.UUID) -> int:
    last = await db.scalar(select(func.max(Question.position)).where(Question.test_id == quiz_id))
    return (last if last is not None else -1) + 1


async def add_questions(
    db: AsyncSession,
    staff: Staff,
    quiz: Quiz,
    items: list[QuestionIn],
    *,
    source: QuestionSource,
) -> list[Question]:
    check_draft(quiz)
    position = await _next_position(db, quiz.id)
    added = []
    for offset, data in enumerate(items):
        question = Question(
            test_id=quiz.id,
            position=position + offset,
            owner_id=staff.id,
            organization_id=quiz.organization_id,
            source=source,
            # Generated questions reach students only after a teacher has looked at them.
            review_required=source is QuestionSource.ai,
            **assessment.stored_form(data),
        )
        db.add(question)
        added.append(question)
    await db.flush()
    return added


async def get_question(db: AsyncSession, quiz: Quiz, question_id: uuid.UUID) -> Question:
    question = await db.scalar(
        select(Question).where(Question.id == question_id, Question.test_id == quiz.id)
    )
    if question is None:
        raise QuestionNotFound()
    return question


async def replace_question(
    db: AsyncSession, quiz: Quiz, question: Question, data: QuestionIn
) -> Question:
    check_draft(quiz)
    questions.apply(question, data)
    question.review_required = False  # saved by a teacher: reviewed
    await db.flush()
    return question


async def delete_question(db: AsyncSession, quiz: Quiz, question: Question) -> None:
    check_draft(quiz)
    await db.delete(question)
    await db.flush()


async def reorder(db: AsyncSession, quiz: Quiz, question_ids: list[uuid.UUID]) -> list[Question]:
    check_draft(quiz)
    items = await questions_of(db, quiz.id)
    by_id = {q.id: q for q in items}
    if len(question_ids) != len(by_id) or set(question_ids) != set(by_id):
        raise OrderNotValid()
    for position, question_id in enumerate(question_ids):
        by_id[question_id].position = position
    await db.flush()
    return [by_id[i] for i in question_ids]


async def approve(db: AsyncSession, quiz: Quiz, question_ids: list[uuid.UUID]) -> list[Question]:
    """A teacher has reviewed these generated questions and accepts them as they are."""
    check_draft(quiz)
    items = {q.id: q for q in await questions_of(db, quiz.id)}
    if unknown := [str(i) for i in question_ids if i not in items]:
        raise QuestionNotFound(details={"question_ids": unknown})
    for question_id in question_ids:
        items[question_id].review_required = False
    await db.flush()
    return [items[i] for i in question_ids]


async def add_from_bank(
    db: AsyncSession, staff: Staff, quiz: Quiz, question_ids: list[uuid.UUID]
) -> list[Question]:
    check_draft(quiz)
    originals = [await questions.get_bank_question(db, staff, i) for i in question_ids]
    position = await _next_position(db, quiz.id)
    copies = []
    for offset, original in enumerate(originals):
        copy = Question(
            test_id=quiz.id,
            position=position + offset,
            owner_id=staff.id,
            organization_id=quiz.organization_id,
            **questions.copy_columns(original),
        )
        db.add(copy)
        copies.append(copy)
    await db.flush()
    return copies


# --- assigning and sharing -----------------------------------------------------------------


async def assign(
    db: AsyncSession, staff: Staff, quiz: Quiz, data: AssignmentCreate
) -> list[Assignment]:
    if quiz.status is not QuizStatus.published:
        raise TestNotPublished()
    if data.group_id is not None:
        if not await queries.can_teach_group(db, staff.id, data.group_id):
            raise GroupNotFound()
        targets = [Assignment(test_id=quiz.id, group_id=data.group_id)]
    else:
        taught = await queries.taught_students(db, staff.id, data.student_ids)
        if missing := [str(s) for s in data.student_ids if s not in taught]:
            raise StudentNotFound(details={"student_ids": missing})
        targets = [Assignment(test_id=quiz.id, student_id=s) for s in data.student_ids]
    for assignment in targets:
        assignment.due_at = data.due_at
        assignment.assigned_by_id = staff.id
    await add_unique(db, *targets, taken=AlreadyAssigned())
    return targets


async def list_assignments(db: AsyncSession, quiz: Quiz) -> list[Assignment]:
    return list(
        await db.scalars(
            select(Assignment).where(Assignment.test_id == quiz.id).order_by(Assignment.created_at)
        )
    )


async def remove_assignment(db: AsyncSession, quiz: Quiz, assignment_id: uuid.UUID) -> None:
    assignment = await db.scalar(
        select(Assignment).where(Assignment.id == assignment_id, Assignment.test_id == quiz.id)
    )
    if assignment is None:
        raise AssignmentNotFound()
    await db.delete(assignment)
    await db.flush()


def normalize_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


async def new_share_code(db: AsyncSession, quiz: Quiz) -> str:
    if quiz.status is not QuizStatus.published:
        raise TestNotPublished()
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if await db.scalar(select(Quiz.id).where(Quiz.share_code == code)) is None:
            break
    quiz.share_code = code
    await db.flush()
    return code


async def stop_sharing(db: AsyncSession, quiz: Quiz) -> None:
    quiz.share_code = None
    await db.flush()


async def find_by_share_code(db: AsyncSession, raw_code: str) -> Quiz | None:
    code = normalize_code(raw_code)
    if not code:
        return None
    return await db.scalar(
        select(Quiz).where(Quiz.share_code == code, Quiz.status == QuizStatus.published)
    )
