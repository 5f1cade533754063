"""A stored question as a teacher reads it, and the question bank's requests. The question
model itself (`QuestionIn`, `StudentQuestion`) is the assessment kernel's."""

import uuid
from datetime import datetime

from pydantic import ConfigDict, Field

from alif.assessment.schemas import OptionRead, QuestionIn
from alif.assessment.types import QuestionSource, QuestionType
from alif.kernel.models import Language
from alif.schemas import PageParams, RequestModel, ResponseModel


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


class BankQuery(PageParams):
    """The search and its page in one model: FastAPI hands every query parameter to each query
    model, so a second model that refuses unknown fields would refuse `limit` and `offset`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

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
