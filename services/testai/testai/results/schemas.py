import uuid
from datetime import datetime

from pydantic import Field

from alif.assessment.types import QuestionType
from alif.schemas import ResponseModel


class StudentRow(ResponseModel):
    student_id: uuid.UUID
    first_name: str
    last_name: str
    username: str | None
    attempts: int
    finished_attempts: int
    grade_percent: float | None = Field(description="By the test's grading method")
    best_percent: float | None
    passed: bool | None
    last_submitted_at: datetime | None
    attempt_ids: list[uuid.UUID]


class Bin(ResponseModel):
    low: int = Field(description="Percent, inclusive")
    high: int = Field(description="Percent, exclusive (100 is in the last bin)")
    count: int


class Summary(ResponseModel):
    students: int
    graded_students: int
    mean_percent: float | None
    median_percent: float | None
    min_percent: float | None
    max_percent: float | None
    passed: int


class QuestionStats(ResponseModel):
    question_id: uuid.UUID
    position: int
    type: QuestionType
    text: str
    points: int
    answered: int
    facility: float | None = Field(description="Mean share of the points earned, 0 to 1")
    discrimination: float | None = Field(
        description="Correlation of this question's score with the rest of the test, -1 to 1"
    )


class ResultsReport(ResponseModel):
    test_id: uuid.UUID
    title: str
    pass_percent: int
    summary: Summary
    distribution: list[Bin]
    students: list[StudentRow]
    questions: list[QuestionStats]
