"""The columns of a stored question, for the question tables each service owns.

A service's question table mixes in `QuestionContent` and adds what is its own (which test or
paper the question belongs to, its owner, its position); rows are built with
`alif.assessment.questions.stored_form`, whose keys are these columns.
"""

from typing import Any

from sqlalchemy import JSON, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from alif.assessment.schemas import AnswerKey
from alif.assessment.types import QuestionSource, QuestionType
from alif.db import enum_type
from alif.kernel.models import Language


class QuestionContent:
    """`options` is `[{"id", "text"}]`; `answer_key` holds what is correct and is never sent to a
    student before review is allowed. A question without a key (an import without an answer
    line) keeps `answer_key` empty: it is flagged, never defaulted, and cannot be published."""

    type: Mapped[QuestionType] = mapped_column(enum_type(QuestionType))
    text: Mapped[str] = mapped_column(Text)
    options: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    answer_key: Mapped[AnswerKey | None] = mapped_column(JSON)
    points: Mapped[int] = mapped_column(SmallInteger, default=1)
    explanation: Mapped[str] = mapped_column(Text, default="")
    image_url: Mapped[str | None] = mapped_column(String(500))
    language: Mapped[Language] = mapped_column(enum_type(Language, 2), default=Language.uz)
    topic: Mapped[str] = mapped_column(String(120), default="")
    tags: Mapped[list[str]] = mapped_column(default=list)
    difficulty: Mapped[int] = mapped_column(SmallInteger, default=3)
    source: Mapped[QuestionSource] = mapped_column(enum_type(QuestionSource))
    source_excerpt: Mapped[str | None] = mapped_column(Text)

    @property
    def has_key(self) -> bool:
        return self.answer_key is not None
