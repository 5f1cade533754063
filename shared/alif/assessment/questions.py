"""A question from the one input model to its stored form and back, and an answer checked
against its question. Pure: no database, no settings."""

import secrets
import uuid
from typing import Any, TypedDict

from alif.assessment.exceptions import AnswerDoesNotFit
from alif.assessment.models import QuestionContent
from alif.assessment.schemas import (
    AnswerFields,
    AnswerKey,
    KeyFields,
    OptionRead,
    QuestionIn,
    Response,
    StudentOption,
    StudentQuestion,
)
from alif.assessment.types import QuestionSource, QuestionType
from alif.kernel.models import Language
from alif.text import normalize_uzbek


class StoredForm(TypedDict):
    """The columns of `models.QuestionContent` a `QuestionIn` fills (all but `source`)."""

    type: QuestionType
    text: str
    options: list[dict[str, Any]]
    answer_key: AnswerKey | None
    points: int
    explanation: str
    image_url: str | None
    language: Language
    topic: str
    tags: list[str]
    difficulty: int
    source_excerpt: str | None


class ContentCopy(StoredForm):
    source: QuestionSource


def draw_option_ids(count: int) -> list[str]:
    # Random ids: a student must not learn the author's original order (often "A is right")
    # from the ids of shuffled options.
    ids: list[str] = []
    while len(ids) < count:
        candidate = secrets.token_hex(3)
        if candidate not in ids:
            ids.append(candidate)
    return ids


def answer_key(data: QuestionIn, option_ids: list[str]) -> AnswerKey | None:
    """What is correct, by option id; None when the author gave no key (never a default)."""
    match data.type:
        case QuestionType.single | QuestionType.multiple:
            correct = [i for i, o in zip(option_ids, data.options, strict=True) if o.correct]
            return {"correct": correct} if correct else None
        case QuestionType.true_false:
            return {"truth": data.truth} if data.truth is not None else None
        case QuestionType.short_answer:
            return {"accepted": list(data.accepted_answers)} if data.accepted_answers else None
        case QuestionType.numeric:
            if data.numeric_answer is None:
                return None
            return {"value": data.numeric_answer, "tolerance": data.tolerance}


def canonical(text: str, language: Language) -> str:
    """Uzbek text is stored with the canonical apostrophes (oʻ with U+02BB, the tutuq U+02BC);
    Russian and English text keeps its own (an English "don't" is not a tutuq)."""
    return normalize_uzbek(text) if language is Language.uz else text


def _canonical_question(data: QuestionIn) -> QuestionIn:
    if data.language is not Language.uz:
        return data
    return data.model_copy(
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


def stored_form(data: QuestionIn) -> StoredForm:
    """The stored form of a question: option ids drawn, the key split from the options."""
    data = _canonical_question(data)
    ids = draw_option_ids(len(data.options))
    return {
        "type": data.type,
        "text": data.text,
        "options": [{"id": i, "text": o.text} for i, o in zip(ids, data.options, strict=True)],
        "answer_key": answer_key(data, ids),
        "points": data.points,
        "explanation": data.explanation,
        "image_url": str(data.image_url) if data.image_url else None,
        "language": data.language,
        "topic": data.topic,
        "tags": list(dict.fromkeys(data.tags)),
        "difficulty": data.difficulty,
        "source_excerpt": data.source_excerpt,
    }


def content_copy(question: QuestionContent) -> ContentCopy:
    """A stored question's content, copied (into a test, into the bank, into a duplicate)."""
    return {
        "type": question.type,
        "text": question.text,
        "options": [dict(o) for o in question.options],
        "answer_key": question.answer_key.copy() if question.answer_key is not None else None,
        "points": question.points,
        "explanation": question.explanation,
        "image_url": question.image_url,
        "language": question.language,
        "topic": question.topic,
        "tags": list(question.tags),
        "difficulty": question.difficulty,
        "source": question.source,
        "source_excerpt": question.source_excerpt,
    }


def correct_ids(key: AnswerKey | None) -> list[str]:
    return list((key or {}).get("correct", []))


def key_fields(key: AnswerKey | None) -> KeyFields:
    key = key or {}
    return {
        "truth": key.get("truth"),
        "accepted_answers": list(key.get("accepted", [])),
        "numeric_answer": key.get("value"),
        "tolerance": key.get("tolerance", 0.0),
    }


def options_read(question: QuestionContent) -> list[OptionRead]:
    correct = set(correct_ids(question.answer_key))
    return [
        OptionRead(id=o["id"], text=o["text"], correct=o["id"] in correct) for o in question.options
    ]


def student_view(
    question_id: uuid.UUID, question: QuestionContent, option_order: list[str] | None
) -> StudentQuestion:
    """The question as a student answers it, its options in the order the student was given."""
    by_id = {o["id"]: o for o in question.options}
    order = option_order if option_order is not None else list(by_id)
    return StudentQuestion(
        id=question_id,
        type=question.type,
        text=question.text,
        image_url=question.image_url,
        points=question.points,
        language=question.language,
        options=[StudentOption(id=i, text=by_id[i]["text"]) for i in order if i in by_id],
    )


def response(question: QuestionContent, data: AnswerFields) -> Response:
    """What a student sent, checked against the question; an empty response clears the answer."""
    option_ids = {o["id"] for o in question.options}
    match question.type:
        case QuestionType.single | QuestionType.multiple:
            if data.truth is not None or data.text is not None:
                raise AnswerDoesNotFit("Choose among the options.")
            choice = list(dict.fromkeys(data.choice or []))
            if not set(choice) <= option_ids:
                raise AnswerDoesNotFit("This option is not part of the question.")
            if question.type is QuestionType.single and len(choice) > 1:
                raise AnswerDoesNotFit("Choose one option.")
            return {"choice": choice} if choice else {}
        case QuestionType.true_false:
            if data.choice is not None or data.text is not None:
                raise AnswerDoesNotFit("Answer true or false.")
            return {"truth": data.truth} if data.truth is not None else {}
        case QuestionType.short_answer | QuestionType.numeric:
            if data.choice is not None or data.truth is not None:
                raise AnswerDoesNotFit("Type the answer.")
            text = (data.text or "").strip()
            return {"text": text} if text else {}
