"""Questions: from the one input model to stored rows and back, and the question bank."""

import secrets
import uuid
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.kernel.models import Language
from alif.schemas import Found, PageParams
from alif.text import normalize_uzbek
from testai.access import Staff
from testai.questions.exceptions import QuestionNotFound, QuestionReadOnly
from testai.questions.models import Question, QuestionSource, QuestionType
from testai.questions.schemas import (
    BankQuery,
    OptionRead,
    QuestionIn,
    QuestionRead,
    StudentOption,
    StudentQuestion,
)


def _option_ids(count: int) -> list[str]:
    # Random ids: a student must not learn the author's original order (often "A is right")
    # from the ids of shuffled options.
    ids: list[str] = []
    while len(ids) < count:
        candidate = secrets.token_hex(3)
        if candidate not in ids:
            ids.append(candidate)
    return ids


def _key(data: QuestionIn, option_ids: list[str]) -> dict[str, Any] | None:
    if not data.has_key:
        return None
    match data.type:
        case QuestionType.single | QuestionType.multiple:
            return {
                "correct": [i for i, o in zip(option_ids, data.options, strict=True) if o.correct]
            }
        case QuestionType.true_false:
            return {"truth": data.truth}
        case QuestionType.short_answer:
            return {"accepted": list(data.accepted_answers)}
        case QuestionType.numeric:
            return {"value": data.numeric_answer, "tolerance": data.tolerance}


def canonical(text: str, language: Language) -> str:
    """Uzbek text is stored with the canonical apostrophes (oʻ with U+02BB, the tutuq U+02BC);
    Russian and English text keeps its own (an English "don't" is not a tutuq)."""
    return normalize_uzbek(text) if language is Language.uz else text


def columns(data: QuestionIn) -> dict[str, Any]:
    """The stored form of a question: option ids drawn, the key split from the options."""
    if data.language is Language.uz:
        data = data.model_copy(
            update={
                "text": normalize_uzbek(data.text),
                "options": [
                    o.model_copy(update={"text": normalize_uzbek(o.text)}) for o in data.options
                ],
                "accepted_answers": [normalize_uzbek(a) for a in data.accepted_answers],
                "explanation": normalize_uzbek(data.explanation),
                "topic": normalize_uzbek(data.topic),
            }
        )
    ids = _option_ids(len(data.options))
    return {
        "type": data.type,
        "text": data.text,
        "options": [{"id": i, "text": o.text} for i, o in zip(ids, data.options, strict=True)],
        "answer_key": _key(data, ids),
        "points": data.points,
        "explanation": data.explanation,
        "image_url": str(data.image_url) if data.image_url else None,
        "language": data.language,
        "topic": data.topic,
        "tags": list(dict.fromkeys(data.tags)),
        "difficulty": data.difficulty,
        "source_excerpt": data.source_excerpt,
    }


def apply(question: Question, data: QuestionIn) -> None:
    for name, value in columns(data).items():
        setattr(question, name, value)


def copy_columns(question: Question) -> dict[str, Any]:
    """Everything a copy of a question keeps (a copy in a test, in the bank, in a duplicate)."""
    return {
        "type": question.type,
        "text": question.text,
        "options": [dict(o) for o in question.options],
        "answer_key": dict(question.answer_key) if question.answer_key is not None else None,
        "points": question.points,
        "explanation": question.explanation,
        "image_url": question.image_url,
        "language": question.language,
        "topic": question.topic,
        "tags": list(question.tags),
        "difficulty": question.difficulty,
        "source": question.source,
        "source_excerpt": question.source_excerpt,
        "review_required": question.review_required,
        "copied_from_id": question.id,
    }


def correct_ids(question: Question) -> list[str]:
    key = question.answer_key or {}
    return list(key.get("correct", []))


def read(question: Question) -> QuestionRead:
    key = question.answer_key or {}
    correct = set(correct_ids(question))
    return QuestionRead(
        id=question.id,
        test_id=question.test_id,
        position=question.position,
        type=question.type,
        text=question.text,
        options=[
            OptionRead(id=o["id"], text=o["text"], correct=o["id"] in correct)
            for o in question.options
        ],
        truth=key.get("truth"),
        accepted_answers=list(key.get("accepted", [])),
        numeric_answer=key.get("value"),
        tolerance=key.get("tolerance", 0.0),
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


def student_view(question: Question, option_order: list[str] | None) -> StudentQuestion:
    by_id = {o["id"]: o for o in question.options}
    order = option_order if option_order is not None else list(by_id)
    return StudentQuestion(
        id=question.id,
        type=question.type,
        text=question.text,
        image_url=question.image_url,
        points=question.points,
        language=question.language,
        options=[StudentOption(id=i, text=by_id[i]["text"]) for i in order if i in by_id],
    )


# --- the bank ------------------------------------------------------------------------------


def _bank_visible_to(staff: Staff) -> Select[Question]:
    return select(Question).where(
        Question.test_id.is_(None),
        or_(Question.owner_id == staff.id, Question.organization_id.in_(staff.organizations)),
    )


async def search_bank(
    db: AsyncSession, staff: Staff, query: BankQuery, page: PageParams
) -> Found[Question]:
    statement = _bank_visible_to(staff)
    if query.type is not None:
        statement = statement.where(Question.type == query.type)
    if query.language is not None:
        statement = statement.where(Question.language == query.language)
    if query.topic:
        statement = statement.where(func.lower(Question.topic) == query.topic.strip().lower())
    if query.q:
        # Uzbek text is stored with canonical apostrophes; a query may be typed either way.
        words = {query.q.strip().lower(), normalize_uzbek(query.q.strip()).lower()}
        text = func.lower(Question.text)
        statement = statement.where(or_(*(text.contains(w, autoescape=True) for w in words)))
    total = await db.scalar(select(func.count()).select_from(statement.subquery())) or 0
    items = await db.scalars(
        statement.order_by(Question.created_at.desc()).limit(page.limit).offset(page.offset)
    )
    return Found(items=list(items), total=total)


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
        **columns(data),
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
