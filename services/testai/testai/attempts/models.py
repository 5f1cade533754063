import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.assessment.schemas import Response
from alif.db import Base, UUIDPrimaryKey, enum_type, utcnow


class AttemptStatus(StrEnum):
    in_progress = "in_progress"
    finished = "finished"


class Attempt(UUIDPrimaryKey, Base):
    """One sitting of a test by a student, timed by the server's clock.

    `deadline_at` is fixed at the start (time limit × the student's extra-time factor, never past
    the test's close); answers are accepted until it plus the grace, then the server closes the
    attempt with what was saved. The question and option order are drawn once, at the start.
    """

    __tablename__ = "testai_attempt"
    __table_args__ = (UniqueConstraint("test_id", "student_id", "number"),)

    test_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("testai_test.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    status: Mapped[AttemptStatus] = mapped_column(enum_type(AttemptStatus))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    deadline_at: Mapped[datetime | None]
    time_factor: Mapped[float] = mapped_column(Float, default=1.0)
    submitted_at: Mapped[datetime | None]
    closed_by_server: Mapped[bool] = mapped_column(default=False)
    question_order: Mapped[list[str]] = mapped_column(default=list)
    option_order: Mapped[dict[str, Any]] = mapped_column(default=dict)
    score: Mapped[float | None] = mapped_column(Float)
    max_score: Mapped[float] = mapped_column(Float, default=0.0)

    @property
    def percent(self) -> float | None:
        if self.score is None:
            return None
        return round(100 * self.score / self.max_score, 2) if self.max_score else 0.0


class Answer(Base):
    """A student's answer to one question of an attempt; saving again replaces it.

    `revision` orders saves from one client: a retried old save arriving after a newer one is
    ignored, so no answer is lost to the network.
    """

    __tablename__ = "testai_answer"

    attempt_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("testai_attempt.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("testai_question.id", ondelete="CASCADE"), primary_key=True
    )
    response: Mapped[Response] = mapped_column(JSON, default=dict)
    revision: Mapped[int] = mapped_column(default=0)
    score: Mapped[float | None] = mapped_column(Float)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
