"""Final results, appeals and certificates.

A round's results are computed from its attempts by the ranking job (`service.rank_round`), again
after every accepted appeal, and a last time when the organizer publishes: a result row is a
cache of the attempt's score with its rank, never edited by hand.
"""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.certificates import CertificateRecord
from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type


class Award(StrEnum):
    gold = "gold"
    silver = "silver"
    bronze = "bronze"


class Result(UUIDPrimaryKey, Base):
    __tablename__ = "olimp_result"
    __table_args__ = (UniqueConstraint("round_id", "student_id"),)

    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_round.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    attempt_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_attempt.id", ondelete="CASCADE")
    )
    score: Mapped[float]
    seconds: Mapped[int]
    rank: Mapped[int] = mapped_column(Integer)  # among everyone in the round; shared on ties
    percentile: Mapped[float]  # the share of participants with a lower result, in percent
    award: Mapped[Award | None] = mapped_column(enum_type(Award))
    qualified: Mapped[bool] = mapped_column(Boolean, default=False)  # for the next round
    ranked_at: Mapped[datetime]


class AppealStatus(StrEnum):
    open = "open"
    accepted = "accepted"
    rejected = "rejected"


class Appeal(UUIDPrimaryKey, Timestamped, Base):
    """A participant contests one question of their paper; the organizer decides with a reply."""

    __tablename__ = "olimp_appeal"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    attempt_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_attempt.id", ondelete="CASCADE"), index=True
    )
    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_round.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_question.id", ondelete="CASCADE")
    )
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[AppealStatus] = mapped_column(enum_type(AppealStatus), default=AppealStatus.open)
    reply: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None]


class Certificate(UUIDPrimaryKey, CertificateRecord, Base):
    """One per participant and olympiad: a diploma with an award, else a certificate."""

    __tablename__ = "olimp_certificate"
    __table_args__ = (UniqueConstraint("olympiad_id", "student_id"),)

    olympiad_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_olympiad.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    award: Mapped[Award | None] = mapped_column(enum_type(Award))
    rank: Mapped[int | None] = mapped_column(Integer)
    # The coins the award earned, paid with the certificate (the ledger's key makes it once).
    prize: Mapped[int] = mapped_column(Integer, default=0)
