import uuid
from datetime import datetime

from pydantic import Field

from alif.assessment.schemas import OptionRead
from alif.certificates import CertificateKind
from alif.kernel.models import Region
from alif.schemas import RequestModel, ResponseModel
from olimp.papers.schemas import PaperQuestion, SavedAnswer
from olimp.results.models import AppealStatus, Award


class ResultRow(ResponseModel):
    rank: int = Field(description="Within the filter asked for; shared on equal results")
    overall_rank: int
    percentile: float = Field(description="Participants of the round with a lower result, in %")
    name: str
    grade: int
    region: Region | None
    district: str
    school: str
    score: float
    seconds: int
    award: Award | None
    qualified: bool
    you: bool


class Results(ResponseModel):
    published: bool = Field(description="False: provisional, seen by organizers only")
    ranked_at: datetime | None
    participants: int
    rows: list[ResultRow]


class CertificateRef(ResponseModel):
    code: str
    kind: CertificateKind
    award: Award | None
    prize: int


class MyRound(ResponseModel):
    round_id: uuid.UUID
    number: int
    participants: int
    qualified: bool
    # Known once the results are published:
    score: float | None
    rank: int | None
    percentile: float | None
    award: Award | None


class MyResults(ResponseModel):
    student_id: uuid.UUID
    published: bool
    review_allowed: bool
    rounds: list[MyRound]
    certificate: CertificateRef | None


class ReviewKey(ResponseModel):
    """The key of a question that is not a choice (a choice question's is `correct_options`)."""

    truth: bool | None
    accepted_answers: list[str]
    numeric_answer: float | None
    tolerance: float


class ReviewItem(ResponseModel):
    question: PaperQuestion
    answer: SavedAnswer | None
    points: float
    correct_options: list[OptionRead]
    key: ReviewKey
    explanation: str


class AppealCreate(RequestModel):
    question_id: uuid.UUID
    text: str = Field(min_length=1, max_length=2000)


class AppealDecision(RequestModel):
    reply: str = Field(min_length=1, max_length=2000)


class AppealAccept(AppealDecision):
    """The corrected key, in the question's terms: option ids for choice questions, `truth`,
    `accepted` answers, or a numeric `value` with its `tolerance`."""

    correct: list[str] | None = Field(default=None, max_length=20)
    truth: bool | None = None
    accepted: list[str] | None = Field(default=None, max_length=20)
    value: float | None = None
    tolerance: float = Field(default=0, ge=0)


class AppealRead(ResponseModel):
    id: uuid.UUID
    attempt_id: uuid.UUID
    round_id: uuid.UUID
    question_id: uuid.UUID
    student_id: uuid.UUID
    text: str
    status: AppealStatus
    reply: str
    created_at: datetime
    decided_at: datetime | None


class CertificateRow(ResponseModel):
    """A certificate as the organizer lists it, with whether it still stands."""

    code: str
    student_id: uuid.UUID
    kind: CertificateKind
    holder_name: str
    achievement: str
    award: Award | None
    rank: int | None
    prize: int
    issued_at: datetime
    revoked_at: datetime | None
