import uuid
from datetime import datetime
from typing import Self

from pydantic import Field, model_validator

from alif.assessment.schemas import QuestionIn
from alif.assessment.types import QuestionSource
from alif.kernel.models import Language
from alif.schemas import DateTime, RequestModel, ResponseModel
from testai.questions.schemas import QuestionRead
from testai.quizzes.models import GradingMethod, QuizStatus, ReviewTime

Grade = Field(default=None, ge=0, le=11, description="0 for pre-school, 1 to 11 for school")


class QuizSettingsFields(RequestModel):
    time_limit_minutes: int | None = Field(default=None, ge=1, le=600)
    attempts_allowed: int | None = Field(default=None, ge=1, le=100, description="None: no limit")
    grading_method: GradingMethod = GradingMethod.highest
    shuffle_questions: bool = False
    shuffle_options: bool = True
    results_shown: ReviewTime = ReviewTime.immediately
    answers_shown: ReviewTime = ReviewTime.after_close
    opens_at: DateTime | None = None
    closes_at: DateTime | None = None
    pass_percent: int = Field(default=60, ge=0, le=100)


class QuizCreate(QuizSettingsFields):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=4000)
    subject: str = Field(default="", max_length=80)
    grade: int | None = Grade
    language: Language = Language.uz
    organization_id: uuid.UUID | None = Field(
        default=None,
        description="An organization you work in; by default your only one, if you have one",
    )


class QuizUpdate(RequestModel):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=4000)
    subject: str | None = Field(default=None, max_length=80)
    grade: int | None = Grade
    language: Language | None = None
    time_limit_minutes: int | None = Field(default=None, ge=1, le=600)
    attempts_allowed: int | None = Field(default=None, ge=1, le=100)
    grading_method: GradingMethod | None = None
    shuffle_questions: bool | None = None
    shuffle_options: bool | None = None
    results_shown: ReviewTime | None = None
    answers_shown: ReviewTime | None = None
    opens_at: DateTime | None = None
    closes_at: DateTime | None = None
    pass_percent: int | None = Field(default=None, ge=0, le=100)


class QuizRead(ResponseModel):
    id: uuid.UUID
    owner_id: uuid.UUID
    organization_id: uuid.UUID | None
    title: str
    description: str
    subject: str
    grade: int | None
    language: Language
    status: QuizStatus
    time_limit_minutes: int | None
    attempts_allowed: int | None
    grading_method: GradingMethod
    shuffle_questions: bool
    shuffle_options: bool
    results_shown: ReviewTime
    answers_shown: ReviewTime
    opens_at: datetime | None
    closes_at: datetime | None
    pass_percent: int
    share_code: str | None
    published_at: datetime | None
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime
    question_count: int
    total_points: int
    needs_key_count: int
    review_count: int
    can_edit: bool


class QuizDetail(QuizRead):
    questions: list[QuestionRead]


class QuestionsAdd(RequestModel):
    """Several questions at once: a confirmed import preview, say."""

    questions: list[QuestionIn] = Field(min_length=1, max_length=200)
    source: QuestionSource = Field(
        default=QuestionSource.manual, description="manual or imported (AI comes only from /ai)"
    )

    @model_validator(mode="after")
    def _not_ai(self) -> Self:
        if self.source is QuestionSource.ai:
            raise ValueError("AI questions come only from the generation endpoint")
        return self


class QuestionOrder(RequestModel):
    question_ids: list[uuid.UUID] = Field(min_length=1, max_length=500)


class AssignmentCreate(RequestModel):
    group_id: uuid.UUID | None = None
    student_ids: list[uuid.UUID] = Field(default_factory=list, max_length=100)
    due_at: DateTime | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Self:
        if (self.group_id is None) == (not self.student_ids):
            raise ValueError("give either a group_id or student_ids")
        if len(set(self.student_ids)) != len(self.student_ids):
            raise ValueError("a student is listed twice")
        return self


class AssignmentRead(ResponseModel):
    id: uuid.UUID
    test_id: uuid.UUID
    group_id: uuid.UUID | None
    student_id: uuid.UUID | None
    due_at: datetime | None
    created_at: datetime


class ShareCode(ResponseModel):
    code: str = Field(description="Students open the test with it (or the link built from it)")


class ExtraTimeSet(RequestModel):
    factor: float = Field(ge=1.0, le=4.0, description="The time limit is multiplied by it: 1.5")


class ExtraTimeRead(ResponseModel):
    student_id: uuid.UUID
    factor: float
    updated_at: datetime
