"""Questions: from the one input model to stored rows and back, and the question bank."""

import uuid
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif import text
from alif.assessment import questions as assessment
from alif.assessment.schemas import QuestionIn
from alif.assessment.types import QuestionSource
from alif.db import find_page
from alif.schemas import Found
from testai.access import Staff
from testai.questions.exceptions import QuestionNotFound, QuestionReadOnly
from testai.questions.models import Question
from testai.questions.schemas import BankQuery, QuestionRead


def apply(question: Question, data: QuestionIn) -> None:
    for name, value in assessment.stored_form(data).items():
        setattr(question, name, value)


def copy_columns(question: Question) -> dict[str, Any]:
    """Everything a copy of a question keeps (a copy in a test, in the bank, in a duplicate)."""
    return {
        **assessment.content_copy(question),
        "review_required": question.review_required,
        "copied_from_id": question.id,
    }


def read(question: Question) -> QuestionRead:
    return QuestionRead(
        id=question.id,
        test_id=question.test_id,
        position=question.position,
        type=question.type,
        text=question.text,
        options=assessment.options_read(question),
        **assessment.key_fields(question.answer_key),
        points=question.points,
        explanation=question.explanation,
        image_url=question.image_url,
        language=question.language,
        topic=question.topic,
        tags=question.tags,
        difficulty=question.difficulty,
        source=question.source,
        source_excerpt=question.source_excerpt,
        needs_key=not question.has_key,
        review_required=question.review_required,
        owner_id=question.owner_id,
        organization_id=question.organization_id,
        created_at=question.created_at,
        updated_at=question.updated_at,
    )


# --- the bank ------------------------------------------------------------------------------


def _bank_visible_to(staff: Staff) -> Select[Question]:
    return select(Question).where(
        Question.test_id.is_(None),
        or_(Question.owner_id == staff.id, Question.organization_id.in_(staff.organizations)),
    )


async def search_bank(db: AsyncSession, staff: Staff, query: BankQuery) -> Found[Question]:
    statement = _bank_visible_to(staff)
    if query.type is not None:
        statement = statement.where(Question.type == query.type)
    if query.language is not None:
        statement = statement.where(Question.language == query.language)
    if query.topic:
        statement = statement.where(func.lower(Question.topic) == query.topic.strip().lower())
    if query.q:
        statement = statement.where(text.contains(Question.text, query.q))
    return await find_page(db, statement, query, Question.created_at.desc(), Question.id)


async def get_bank_question(db: AsyncSession, staff: Staff, question_id: uuid.UUID) -> Question:
    question = await db.scalar(_bank_visible_to(staff).where(Question.id == question_id))
    if question is None:
        raise QuestionNotFound()
    return question


def check_editable(staff: Staff, question: Question) -> None:
    if not staff.can_edit(question.owner_id, question.organization_id):
        raise QuestionReadOnly()


async def create_bank_question(
    db: AsyncSession, staff: Staff, data: QuestionIn, organization_id: uuid.UUID | None
) -> Question:
    question = Question(
        test_id=None,
        owner_id=staff.id,
        organization_id=staff.organization_for(organization_id),
        source=QuestionSource.manual,
        **assessment.stored_form(data),
    )
    db.add(question)
    await db.flush()
    return question


async def update_bank_question(db: AsyncSession, question: Question, data: QuestionIn) -> Question:
    apply(question, data)
    question.review_required = False  # the teacher has looked at it and saved it
    await db.flush()
    return question


async def delete_bank_question(db: AsyncSession, question: Question) -> None:
    await db.delete(question)
    await db.flush()


async def copy_to_bank(db: AsyncSession, staff: Staff, question: Question) -> Question:
    copy = Question(
        test_id=None,
        owner_id=staff.id,
        organization_id=staff.organization_for(None),
        **copy_columns(question),
    )
    db.add(copy)
    await db.flush()
    return copy
