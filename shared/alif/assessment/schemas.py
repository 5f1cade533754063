"""The one question model, as teachers write it and as students see it, and the shapes of an
answer and of an answer key.

Teachers (and the importer, and the AI path) all send `QuestionIn`: options carry a `correct`
flag, and the server derives option ids and the answer key from it (`questions.stored_form`). A
question with no key is accepted and flagged (`needs_key`), never given a default answer.
"""

import math
import uuid
from typing import Annotated, Self, TypedDict

from pydantic import AnyHttpUrl, Field, StringConstraints, field_validator, model_validator

from alif.assessment.types import CHOICE_TYPES, MAX_OPTIONS, QuestionType
from alif.kernel.models import Language
from alif.schemas import RequestModel, ResponseModel
from alif.text import fold_for_comparison

Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
AcceptedAnswer = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]
OptionId = Annotated[str, StringConstraints(min_length=1, max_length=16)]


class AnswerKey(TypedDict, total=False):
    """What is correct, stored apart from the options; one member per question type."""

    correct: list[str]  # single, multiple: the correct option ids
    truth: bool  # true/false
    accepted: list[str]  # short answer: any of these counts
    value: float  # numeric, within ± tolerance
    tolerance: float


class Response(TypedDict, total=False):
    """What a student answered, as stored and graded; empty when nothing was answered."""

    choice: list[str]
    truth: bool
    text: str


class KeyFields(TypedDict):
    """The key as the teacher's view and a student's review show it."""

    truth: bool | None
    accepted_answers: list[str]
    numeric_answer: float | None
    tolerance: float


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


class AnswerFields(RequestModel):
    """One answer: `choice` for choice questions, `truth` for true/false, `text` for short
    answers and numbers (`questions.response` checks it fits the question). Sending nothing
    clears the answer."""

    choice: list[OptionId] | None = Field(default=None, max_length=MAX_OPTIONS)
    truth: bool | None = None
    text: str | None = Field(default=None, max_length=500)
