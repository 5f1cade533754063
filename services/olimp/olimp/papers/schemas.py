import uuid
from datetime import datetime

from pydantic import Field

from alif.assessment.schemas import StudentQuestion
from alif.kernel.models import Region
from alif.schemas import RequestModel, ResponseModel
from olimp.papers.models import SignalKind


class PaperQuestion(StudentQuestion):
    section_id: uuid.UUID


class SavedAnswer(ResponseModel):
    choice: list[str] | None = None
    truth: bool | None = None
    text: str | None = None


class AttemptRead(ResponseModel):
    """The participant's paper in their own order, their saved answers and the time left."""

    id: uuid.UUID
    round_id: uuid.UUID
    started_at: datetime
    deadline: datetime
    submitted_at: datetime | None
    seconds_left: int
    questions: list[PaperQuestion]
    answers: dict[str, SavedAnswer] = Field(description="question id -> the saved answer")


class AnswerSaved(ResponseModel):
    question_id: uuid.UUID
    saved_at: datetime
    seconds_left: int


class SignalIn(RequestModel):
    kind: SignalKind
    detail: str = Field(default="", max_length=200)


class SignalRead(ResponseModel):
    kind: SignalKind
    detail: str
    recorded_at: datetime


class AttemptSummary(ResponseModel):
    """What an organizer sees of each participant during and after the round."""

    id: uuid.UUID
    student_id: uuid.UUID
    name: str = Field(description="As on the board: first name and initial")
    started_at: datetime
    deadline: datetime
    submitted_at: datetime | None
    score: float
    answered: int
    signals: list[SignalRead]


class BoardRow(ResponseModel):
    rank: int
    name: str
    grade: int
    region: Region | None
    district: str
    school: str
    score: float
    seconds: int
    you: bool


class Board(ResponseModel):
    frozen: bool = Field(description="The public board stopped changing for the last minutes")
    rows: list[BoardRow]
