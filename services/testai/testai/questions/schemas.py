"""The one question model, as teachers write it and as students see it.

Teachers (and the importer, and the AI path) all send `QuestionIn`: options carry a `correct`
flag, and the server derives option ids and the answer key from it. A question with no key is
accepted and flagged (`needs_key`), never given a default answer.
"""

import math
import uuid
from datetime import datetime
from typing import Annotated, Self

from pydantic import AnyHttpUrl, Field, StringConstraints, field_validator, model_validator

from alif.kernel.models import Language
from alif.schemas import RequestModel, ResponseModel
from alif.text import fold_for_comparison
from testai.questions.models import QuestionSource, QuestionType

MAX_OPTIONS = 8
CHOICE_TYPES = frozenset({QuestionType.single, QuestionType.multiple})

Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
AcceptedAnswer = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]


class OptionIn(RequestModel):
    text: str = Field(min_length=1, max_length=500)
    correct: bool = False


class QuestionIn(RequestModel):
    type: QuestionType = QuestionType.single
    text: str = Field(min_length=1, max_length=4000)
    options: list[OptionIn] = Field(
        default_factory=list, max_length=MAX_OPTIONS, description="Single and multiple choice"
    )
    truth: bool | None = Field(default=None, description="True/false: the correct answer")
    accepted_answers: list[AcceptedAnswer] = Field(
        default_factory=list,
        max_length=20,
        description="Short answer: any of these counts, compared without case and with every "
        "Uzbek apostrophe form treated alike",
    )
    numeric_answer: float | None = Field(default=None, description="Numeric: the correct value")
    tolerance: float = Field(default=0.0, ge=0, le=1e9, description="Numeric: ± this much counts")
    points: int = Field(default=1, ge=1, le=100)
    explanation: str = Field(default="", max_length=4000)
    image_url: AnyHttpUrl | None = Field(default=None, max_length=500)
    language: Language = Language.uz
    topic: str = Field(default="", max_length=120)
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    difficulty: int = Field(default=3, ge=1, le=5)
    source_excerpt: str | None = Field(
        default=None, max_length=4000, description="The text the question was made from"
    )

    @field_validator("numeric_answer")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("the answer must be a finite number")
        return value

    @model_validator(mode="after")
    def _fits_its_type(self) -> Self:
        if self.type in CHOICE_TYPES:
            if len(self.options) < 2:
                raise ValueError("a choice question needs at least two options")
            folded = [fold_for_comparison(o.text) for o in self.options]
            if len(set(folded)) != len(folded):
                raise ValueError("two options have the same text")
            correct = sum(o.correct for o in self.options)
            if self.type is QuestionType.single and correct > 1:
                raise ValueError("a single-choice question has exactly one correct option")
        elif self.options:
            raise ValueError(f"a {self.type.value} question has no options")
        if self.type is not QuestionType.true_false and self.truth is not None:
            raise ValueError("only a true/false question has `truth`")
        if self.type is not QuestionType.short_answer and self.accepted_answers:
            raise ValueError("only a short-answer question has accepted answers")
        if self.type is not QuestionType.numeric and self.numeric_answer is not None:
            raise ValueError("only a numeric question has a numeric answer")
        return self

    @property
    def has_key(self) -> bool:
        match self.type:
            case QuestionType.single | QuestionType.multiple:
                return any(o.correct for o in self.options)
            case QuestionType.true_false:
                return self.truth is not None
            case QuestionType.short_answer:
                return bool(self.accepted_answers)
            case QuestionType.numeric:
                return self.numeric_answer is not None


class OptionRead(ResponseModel):
    id: str
    text: str
    correct: bool


class QuestionRead(ResponseModel):
    """The teacher's view: everything, the key included."""

    id: uuid.UUID
    test_id: uuid.UUID | None
    position: int
    type: QuestionType
    text: str
    options: list[OptionRead]
    truth: bool | None
    accepted_answers: list[str]
    numeric_answer: float | None
    tolerance: float
    points: int
    explanation: str
    image_url: str | None
    language: Language
    topic: str
    tags: list[str]
    difficulty: int
    source: QuestionSource
    source_excerpt: str | None
    needs_key: bool = Field(description="No correct answer yet: fix it before publishing")
    review_required: bool = Field(description="Made by AI and not yet reviewed by a teacher")
    owner_id: uuid.UUID
    organization_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime


class StudentOption(ResponseModel):
    id: str
    text: str


class StudentQuestion(ResponseModel):
    """What a student sees while answering: never the key, the explanation or the source."""

    id: uuid.UUID
    type: QuestionType
    text: str
    image_url: str | None
    points: int
    language: Language
    options: list[StudentOption]


class BankQuery(RequestModel):
    q: str | None = Field(default=None, max_length=100)
    type: QuestionType | None = None
    topic: str | None = Field(default=None, max_length=120)
    language: Language | None = None


class BankQuestionCreate(QuestionIn):
    organization_id: uuid.UUID | None = Field(
        default=None,
        description="Share with an organization you work in; by default your only "
        "organization, if you have exactly one",
    )


class QuestionIds(RequestModel):
    question_ids: list[uuid.UUID] = Field(min_length=1, max_length=200)
