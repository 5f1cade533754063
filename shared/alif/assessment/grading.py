"""Grading: one pure function per question type, all objective.

A response is what the student sent: `{"choice": [option ids]}` for choice questions,
`{"truth": bool}` for true/false, `{"text": str}` for short answers and numbers. Each function
returns the fraction of the question's points earned, between 0 and 1.
"""

import math
import re

from alif.assessment.schemas import AnswerKey, Response
from alif.assessment.types import QuestionType
from alif.text import fold_for_comparison

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_EPSILON = 1e-9


def parse_number(text: str) -> float | None:
    """A number as children type it: `3,5`, ` -2 `, `1 000`, `.5`; anything else is not one."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    if not _NUMBER.match(cleaned):
        return None
    value = float(cleaned.replace(",", "."))
    return value if math.isfinite(value) else None


def _single(key: AnswerKey, response: Response) -> float:
    choice = response.get("choice") or []
    return 1.0 if len(choice) == 1 and choice[0] in key["correct"] else 0.0


def _multiple(key: AnswerKey, response: Response, option_ids: list[str]) -> float:
    """Moodle's rule: the correct options share +100 %, the wrong ones share −100 %; the sum is
    clamped at 0. Ticking everything therefore earns nothing."""
    correct = set(key["correct"])
    wrong = set(option_ids) - correct
    chosen = set(response.get("choice") or []) & set(option_ids)
    earned = len(chosen & correct) / len(correct)
    lost = len(chosen & wrong) / len(wrong) if wrong else 0.0
    return max(0.0, earned - lost)


def _true_false(key: AnswerKey, response: Response) -> float:
    truth = response.get("truth")
    return 1.0 if isinstance(truth, bool) and truth is key["truth"] else 0.0


def _short_answer(key: AnswerKey, response: Response) -> float:
    text = response.get("text")
    if not isinstance(text, str) or not text.strip():
        return 0.0
    given = fold_for_comparison(text)
    return 1.0 if any(given == fold_for_comparison(a) for a in key["accepted"]) else 0.0


def _numeric(key: AnswerKey, response: Response) -> float:
    text = response.get("text")
    value = parse_number(text) if isinstance(text, str) else None
    if value is None:
        return 0.0
    return 1.0 if abs(value - key["value"]) <= key["tolerance"] + _EPSILON else 0.0


def fraction(
    question_type: QuestionType,
    key: AnswerKey | None,
    response: Response,
    option_ids: list[str],
) -> float:
    """The share of the points earned; a question without a key cannot be answered right."""
    if key is None:
        return 0.0
    match question_type:
        case QuestionType.single:
            return _single(key, response)
        case QuestionType.multiple:
            return _multiple(key, response, option_ids)
        case QuestionType.true_false:
            return _true_false(key, response)
        case QuestionType.short_answer:
            return _short_answer(key, response)
        case QuestionType.numeric:
            return _numeric(key, response)
