import uuid
from datetime import datetime

from pydantic import Field

from alif.assessment.schemas import AnswerFields
from alif.schemas import RequestModel, ResponseModel
from lessions.courses.schemas import CourseRead, LessonRead

MAX_SECONDS_PER_WRITE = 3600  # a phone left open all night does not count the night


class ProgressIn(RequestModel):
    idempotency_key: str = Field(
        min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
        description="New for each write; a repeated write with the same key changes nothing",
    )  # fmt: skip
    position: int = Field(default=0, ge=0, le=1000, description="The block to resume at")
    seconds: int = Field(
        default=0, ge=0, le=MAX_SECONDS_PER_WRITE, description="Time spent since the last write"
    )
    reached_end: bool = Field(default=False, description="The learner saw the last block")


class AnswerIn(RequestModel):
    question_id: uuid.UUID
    answer: AnswerFields


class AnswersIn(RequestModel):
    answers: list[AnswerIn] = Field(max_length=200)


class ProgressRead(ResponseModel):
    lesson_id: uuid.UUID
    version: int
    opened_at: datetime
    position: int
    reached_end: bool
    seconds_spent: int
    quiz_score: int | None
    completed_at: datetime | None


class LearnerLesson(ResponseModel):
    lesson: LessonRead
    progress: ProgressRead | None


class QuestionResult(ResponseModel):
    question_id: uuid.UUID
    fraction: float = Field(description="The share of the question's points earned, 0 to 1")


class AnswersResult(ResponseModel):
    score: int = Field(description="Percent of the lesson's points")
    passed: bool
    questions: list[QuestionResult]
    progress: ProgressRead


class LessonState(ResponseModel):
    lesson_id: uuid.UUID
    title: str
    required: bool
    locked: bool
    progress: ProgressRead | None


class CourseProgress(ResponseModel):
    course: CourseRead
    required_lessons: int
    completed_lessons: int
    percent: int
    completed_at: datetime | None
    coins: int
    badge: str | None = Field(description="The course's badge, once earned")
    certificate_code: str | None = Field(description="GET /courses/{id}/certificate for more")
    lessons: list[LessonState]


class ProgressCell(ResponseModel):
    lesson_id: uuid.UUID
    opened: bool
    completed: bool
    quiz_score: int | None
    seconds_spent: int


class LearnerRow(ResponseModel):
    learner_id: uuid.UUID
    name: str
    percent: int
    cells: list[ProgressCell]


class LessonColumn(ResponseModel):
    lesson_id: uuid.UUID
    title: str


class GroupProgress(ResponseModel):
    course_id: uuid.UUID
    group_id: uuid.UUID
    lessons: list[LessonColumn]
    learners: list[LearnerRow]
