"""Olympiads, their rounds, sections and questions, and who is registered.

What state an olympiad is in is never stored: it follows from the clock and the two organizer
steps that are (`published_at`, `results_published_at`), see `service.state_of`.
"""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from alif.assessment.models import QuestionContent
from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type
from alif.kernel.models import Region


class Subject(StrEnum):
    math = "math"
    uzbek = "uzbek"
    russian = "russian"
    english = "english"
    logic = "logic"
    science = "science"
    general = "general"


class Scope(StrEnum):
    country = "country"
    region = "region"  # one viloyat
    district = "district"  # one tuman of a viloyat
    organization = "organization"  # one school or centre's own students


class State(StrEnum):
    draft = "draft"
    announced = "announced"  # published, registration not open yet
    registration = "registration"
    waiting = "waiting"  # registration closed, no round open yet or between rounds
    running = "running"
    finished = "finished"
    results_published = "results_published"


class Olympiad(UUIDPrimaryKey, Timestamped, Base):
    __tablename__ = "olimp_olympiad"

    organizer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="RESTRICT"), index=True
    )
    # Set for an organization's own olympiad; platform-wide ones (staff) have none.
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[dict[str, str]] = mapped_column(JSON)  # {"uz": ..., "ru": ..., "en": ...}
    description: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    subject: Mapped[Subject] = mapped_column(enum_type(Subject))
    grade_min: Mapped[int] = mapped_column(SmallInteger)
    grade_max: Mapped[int] = mapped_column(SmallInteger)
    scope: Mapped[Scope] = mapped_column(enum_type(Scope))
    region: Mapped[Region | None] = mapped_column(enum_type(Region, 24))
    district: Mapped[str] = mapped_column(String(100), default="")
    capacity: Mapped[int | None] = mapped_column(Integer)
    requires_plan: Mapped[bool] = mapped_column(Boolean, default=False)
    registration_opens_at: Mapped[datetime]
    registration_closes_at: Mapped[datetime]
    # Results (docs/olimp.md "Results"): who gets gold, silver and bronze in the last round, the
    # coins each award earns, how long after a round its participants may appeal, and whether
    # participants see their answers and the correct ones once results are published.
    award_rule: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prizes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    appeal_minutes: Mapped[int] = mapped_column(Integer, default=1440)
    review_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    # After the score, in this order: "time" (less time to reach it), "hardest" (more points in
    # the section worth the most). Equal on all of them: a shared rank.
    tie_breaks: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["time"])
    published_at: Mapped[datetime | None]
    results_published_at: Mapped[datetime | None]


class Round(UUIDPrimaryKey, Timestamped, Base):
    """One sitting: participants start any time in [opens_at, closes_at) and each has
    `duration_minutes` from their own start, but never past `closes_at`."""

    __tablename__ = "olimp_round"
    __table_args__ = (UniqueConstraint("olympiad_id", "number"),)

    olympiad_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_olympiad.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(SmallInteger)
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    duration_minutes: Mapped[int] = mapped_column(SmallInteger)
    start_bonus: Mapped[int] = mapped_column(Integer, default=0)  # Kangaroo: so nobody ends < 0
    shuffle: Mapped[bool] = mapped_column(Boolean, default=True)
    freeze_minutes: Mapped[int] = mapped_column(SmallInteger, default=0)
    # A qualifying round: {"top": N} or {"percent": X}, and "per_region"; who advances may start
    # the next round. None for the last round and for rounds everyone goes on from.
    advance: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    ranked_at: Mapped[datetime | None]  # the last time the ranking job computed its results


class Section(UUIDPrimaryKey, Base):
    """Questions worth the same: Kangaroo's 3, 4 and 5 points, each with its own penalty."""

    __tablename__ = "olimp_section"
    __table_args__ = (UniqueConstraint("round_id", "position"),)

    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_round.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(SmallInteger)
    title: Mapped[str] = mapped_column(String(120), default="")
    points: Mapped[int] = mapped_column(SmallInteger)
    penalty: Mapped[float] = mapped_column(default=0.0)  # lost for a wrong (not a blank) answer


class Question(UUIDPrimaryKey, QuestionContent, Timestamped, Base):
    __tablename__ = "olimp_question"

    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_round.id", ondelete="CASCADE"), index=True
    )
    section_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_section.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class Registration(UUIDPrimaryKey, Timestamped, Base):
    """A student taking part, with where they are from for the boards' filters."""

    __tablename__ = "olimp_registration"
    __table_args__ = (UniqueConstraint("olympiad_id", "student_id"),)

    olympiad_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("olimp_olympiad.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    registered_by_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE")
    )
    grade: Mapped[int] = mapped_column(SmallInteger)
    region: Mapped[Region | None] = mapped_column(enum_type(Region, 24))
    district: Mapped[str] = mapped_column(String(100), default="")
    school: Mapped[str] = mapped_column(String(200), default="")
