import uuid
from datetime import datetime
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from alif.assessment.schemas import AnswerFields, StudentQuestion
from alif.schemas import RequestModel, ResponseModel
from testai.attempts.models import AttemptStatus

OptionId = Annotated[str, StringConstraints(min_length=1, max_length=16)]


class AttemptStart(RequestModel):
    test_id: uuid.UUID | None = Field(default=None, description="An assigned test")
    code: str | None = Field(
        default=None, min_length=6, max_length=16, description="A share code from the teacher"
    )

    @model_validator(mode="after")
    def _one_way_in(self) -> Self:
        if (self.test_id is None) == (self.code is None):
            raise ValueError("give either test_id or code")
        return self


class AnswerIn(AnswerFields):
    """One answer: `choice` for choice questions, `truth` for true/false, `text` for short
    answers and numbers. Sending nothing clears the answer."""

    revision: int = Field(
        default=0,
        ge=0,
        le=2**31 - 1,
        description="Increase it with every change: an older save arriving late is ignored",
    )


class AnswerRead(ResponseModel):
    question_id: uuid.UUID
    choice: list[str] | None
    truth: bool | None
    text: str | None
    revision: int
    saved_at: datetime


class ReviewItem(ResponseModel):
    question_id: uuid.UUID
    earned: float
    points: int
    correct: bool
    correct_option_ids: list[str]
    truth: bool | None
    accepted_answers: list[str]
    numeric_answer: float | None
    tolerance: float
    explanation: str


class AttemptRead(ResponseModel):
    id: uuid.UUID
    test_id: uuid.UUID
    test_title: str
    student_id: uuid.UUID
    number: int
    status: AttemptStatus
    started_at: datetime
    deadline_at: datetime | None = Field(description="Answers are refused after it (plus grace)")
    submitted_at: datetime | None
    closed_by_server: bool
    time_limit_minutes: int | None
    time_factor: float
    server_time: datetime = Field(description="The server's clock: count down from it")
    questions: list[StudentQuestion]
    answers: list[AnswerRead]
    score: float | None = Field(description="Only once the test's settings let you see it")
    max_score: float | None
    percent: float | None
    passed: bool | None
    review: list[ReviewItem] | None = Field(
        description="Correct answers and explanations, once the settings allow"
    )


class AssignedTest(ResponseModel):
    test_id: uuid.UUID
    title: str
    subject: str
    question_count: int
    time_limit_minutes: int | None
    your_time_minutes: float | None = Field(description="The limit with your extra time")
    attempts_allowed: int | None
    attempts_used: int
    attempt_in_progress: uuid.UUID | None
    opens_at: datetime | None
    closes_at: datetime | None
    due_at: datetime | None
    grade_percent: float | None


class SharedTest(ResponseModel):
    test_id: uuid.UUID
    title: str
    subject: str
    description: str
    question_count: int
    time_limit_minutes: int | None
    attempts_allowed: int | None
    opens_at: datetime | None
    closes_at: datetime | None


class ResultRow(ResponseModel):
    test_id: uuid.UUID
    title: str
    subject: str
    attempts: int
    last_submitted_at: datetime | None
    results_hidden: bool = Field(description="The teacher shows results later, or never")
    grade_percent: float | None
    passed: bool | None
