"""A participant's one attempt at a round: when it started, its deadline, the answers saved
(one row per question, the last write before the deadline wins) and integrity signals."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.assessment.schemas import Response
from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type


class Attempt(UUIDPrimaryKey, Timestamped, Base):
    __tablename__ = "olimp_attempt"
    # One attempt per participant and round: a second start resumes the first.
    __table_args__ = (UniqueConstraint("round_id", "student_id"),)

    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_round.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    registration_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_registration.id", ondelete="CASCADE"), index=True
    )
    # The sign-in that started it: answers from another one are recorded as a second device.
    session_id: Mapped[uuid.UUID]
    seed: Mapped[int] = mapped_column(BigInteger)  # the participant's order, replayable
    started_at: Mapped[datetime]
    deadline: Mapped[datetime]  # min(start + duration, round end) + grace, server clock
    submitted_at: Mapped[datetime | None]
    score: Mapped[float] = mapped_column(default=0.0)
    # When the score last changed, for the "less time" tie-break: seconds from the start.
    scored_seconds: Mapped[int] = mapped_column(default=0)
    # What the public board shows: the same, but no longer updated once the board freezes.
    public_score: Mapped[float] = mapped_column(default=0.0)
    public_seconds: Mapped[int] = mapped_column(default=0)
    # Points in the round's hardest section(s) (worth the most), for the "hardest" tie-break.
    hard_points: Mapped[float] = mapped_column(default=0.0)
    public_hard_points: Mapped[float] = mapped_column(default=0.0)


class Answer(UUIDPrimaryKey, Base):
    __tablename__ = "olimp_answer"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    attempt_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_attempt.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_question.id", ondelete="CASCADE")
    )
    response: Mapped[Response] = mapped_column(JSON)
    points: Mapped[float] = mapped_column(default=0.0)  # negative with a penalty
    saved_at: Mapped[datetime]


class SignalKind(StrEnum):
    tab_hidden = "tab_hidden"
    fullscreen_left = "fullscreen_left"
    second_device = "second_device"
    reconnected = "reconnected"


class Signal(UUIDPrimaryKey, Base):
    """Something an organizer may want to look at; recorded, shown, never acted on silently."""

    __tablename__ = "olimp_signal"

    attempt_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_attempt.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[SignalKind] = mapped_column(enum_type(SignalKind))
    detail: Mapped[str] = mapped_column(String(200), default="")
    recorded_at: Mapped[datetime]
