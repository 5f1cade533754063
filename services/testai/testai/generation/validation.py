"""What the model says is data to check, never to trust.

`read_json` copes with what models really send (code fences, prose around the JSON, trailing
commas); `validate_item` turns one item into a `QuestionIn` or names why it was refused:
options unique, exactly one correct option for single choice, answers among the options, the
requested type and language, and an excerpt that really is in the source text.
"""

import json
import math
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from alif.assessment.language import guess_language
from alif.assessment.schemas import OptionIn, QuestionIn
from alif.assessment.types import MAX_OPTIONS, QuestionType
from alif.kernel.models import Language
from alif.text import fold_for_comparison

_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


class Refusal(StrEnum):
    malformed_output = "malformed_output"
    not_an_object = "not_an_object"
    wrong_type = "wrong_type"
    no_text = "no_text"
    bad_options = "bad_options"
    duplicate_options = "duplicate_options"
    not_one_correct = "not_one_correct"
    answer_not_an_option = "answer_not_an_option"
    missing_answer = "missing_answer"
    wrong_language = "wrong_language"
    excerpt_not_in_source = "excerpt_not_in_source"
    duplicate_question = "duplicate_question"


def _loads(text: str) -> Any | None:
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(candidate)
        except json.JSONDecodeError:
            continue
    return None


def read_json(content: str | None) -> Any | None:
    """The JSON value in a model's answer, or None when there is none to be found."""
    if not content:
        return None
    candidates = [content.strip()]
    candidates += [m.group(1).strip() for m in _FENCE.finditer(content)]
    start, end = content.find("{"), content.rfind("}")
    if 0 <= start < end:
        candidates.append(content[start : end + 1])
    for candidate in candidates:
        value = _loads(candidate)
        if value is not None:
            return value
    return None


def items_of(value: Any) -> list[Any] | None:
    if isinstance(value, dict) and isinstance(value.get("questions"), list):
        return list(value["questions"])
    if isinstance(value, list):
        return value
    return None


def _squash(text: str) -> str:
    return " ".join(fold_for_comparison(text).split())


@dataclass(frozen=True)
class Checked:
    question: QuestionIn | None
    refusal: Refusal | None


def _refuse(reason: Refusal) -> Checked:
    return Checked(None, reason)


def _strings(value: Any) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return [v.strip() for v in value]


def validate_item(
    item: Any,
    *,
    types: list[QuestionType],
    language: Language,
    difficulty: int,
    topic: str,
    source_text: str | None,
) -> Checked:
    if not isinstance(item, dict):
        return _refuse(Refusal.not_an_object)
    try:
        kind = QuestionType(item.get("type") or QuestionType.single)
    except ValueError:
        return _refuse(Refusal.wrong_type)
    if kind not in types:
        return _refuse(Refusal.wrong_type)
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        return _refuse(Refusal.no_text)

    fields: dict[str, Any] = {}
    words = [text]
    if kind in (QuestionType.single, QuestionType.multiple):
        options = _strings(item.get("options"))
        if not options or not 2 <= len(options) <= MAX_OPTIONS or not all(options):
            return _refuse(Refusal.bad_options)
        if len({_squash(o) for o in options}) != len(options):
            return _refuse(Refusal.duplicate_options)
        correct = item.get("correct_options")
        if not isinstance(correct, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in correct
        ):
            return _refuse(Refusal.missing_answer)
        if any(not 0 <= i < len(options) for i in correct):
            return _refuse(Refusal.answer_not_an_option)
        chosen = set(correct)
        if kind is QuestionType.single and len(chosen) != 1:
            return _refuse(Refusal.not_one_correct)
        if kind is QuestionType.multiple and not 1 <= len(chosen) < len(options):
            return _refuse(Refusal.not_one_correct)
        fields["options"] = [OptionIn(text=o, correct=i in chosen) for i, o in enumerate(options)]
        words += options
    elif kind is QuestionType.true_false:
        if not isinstance(item.get("truth"), bool):
            return _refuse(Refusal.missing_answer)
        fields["truth"] = item["truth"]
    elif kind is QuestionType.short_answer:
        accepted = _strings(item.get("accepted_answers"))
        if not accepted or not all(accepted):
            return _refuse(Refusal.missing_answer)
        fields["accepted_answers"] = list(dict.fromkeys(accepted))
    else:
        value = item.get("numeric_answer")
        tolerance = item.get("tolerance") or 0
        if (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or not math.isfinite(value)
            or not isinstance(tolerance, int | float)
            or tolerance < 0
        ):
            return _refuse(Refusal.missing_answer)
        fields["numeric_answer"], fields["tolerance"] = float(value), float(tolerance)

    stated = item.get("language")
    guessed = guess_language(" ".join(words))
    if stated != language.value or guessed not in (None, language):
        return _refuse(Refusal.wrong_language)

    excerpt = item.get("source_excerpt")
    if source_text:
        # Provenance must be real: the excerpt has to be found in the source, word for word
        # (case, spacing and apostrophe forms aside).
        if not isinstance(excerpt, str) or not excerpt.strip():
            return _refuse(Refusal.excerpt_not_in_source)
        if _squash(excerpt) not in _squash(source_text):
            return _refuse(Refusal.excerpt_not_in_source)
        fields["source_excerpt"] = excerpt.strip()[:4000]

    level = item.get("difficulty")
    explanation = item.get("explanation")
    try:
        question = QuestionIn(
            type=kind,
            text=text.strip(),
            explanation=explanation.strip() if isinstance(explanation, str) else "",
            language=language,
            topic=topic[:120],
            difficulty=level if isinstance(level, int) and 1 <= level <= 5 else difficulty,
            **fields,
        )
    except ValidationError:
        return _refuse(Refusal.bad_options)
    return Checked(question, None)
