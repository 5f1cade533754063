"""A test ("quiz" in the code: pytest owns the word "test"), its assignments and extra time."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type, utcnow
from alif.kernel.models import Language


class QuizStatus(StrEnum):
    draft = "draft"
    published = "published"
    archived = "archived"


class GradingMethod(StrEnum):
    """How several attempts make one grade (Moodle's four methods)."""

    highest = "highest"
    average = "average"
    first = "first"
    last = "last"


class ReviewTime(StrEnum):
    """When a student sees their score, or the correct answers."""

    immediately = "immediately"
    after_close = "after_close"
    never = "never"


class Quiz(UUIDPrimaryKey, Timestamped, Base):
    __tablename__ = "testai_test"

    owner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(String(80), default="")
    grade: Mapped[int | None] = mapped_column(SmallInteger)
    language: Mapped[Language] = mapped_column(enum_type(Language, 2), default=Language.uz)
    status: Mapped[QuizStatus] = mapped_column(enum_type(QuizStatus), default=QuizStatus.draft)

    time_limit_minutes: Mapped[int | None]
    attempts_allowed: Mapped[int | None]  # None: as many as the student likes
    grading_method: Mapped[GradingMethod] = mapped_column(
        enum_type(GradingMethod), default=GradingMethod.highest
    )
    shuffle_questions: Mapped[bool] = mapped_column(default=False)
    shuffle_options: Mapped[bool] = mapped_column(default=True)
    results_shown: Mapped[ReviewTime] = mapped_column(
        enum_type(ReviewTime), default=ReviewTime.immediately
    )
    answers_shown: Mapped[ReviewTime] = mapped_column(
        enum_type(ReviewTime), default=ReviewTime.after_close
    )
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    pass_percent: Mapped[int] = mapped_column(SmallInteger, default=60)
    share_code: Mapped[str | None] = mapped_column(String(12), unique=True)
    published_at: Mapped[datetime | None]
    archived_at: Mapped[datetime | None]
    copied_from_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("testai_test.id", ondelete="SET NULL")
    )


class Assignment(UUIDPrimaryKey, Base):
    """A test given to a whole study group or to one student, with an optional due date."""

    __tablename__ = "testai_assignment"
    __table_args__ = (
        UniqueConstraint("test_id", "group_id"),
        UniqueConstraint("test_id", "student_id"),
        CheckConstraint("(group_id IS NULL) <> (student_id IS NULL)", name="one_target"),
    )

    test_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("testai_test.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("study_group.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    due_at: Mapped[datetime | None]
    assigned_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ExtraTime(Base):
    """A student's time accommodation on one test: the time limit is multiplied by `factor`."""

    __tablename__ = "testai_extra_time"

    test_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("testai_test.id", ondelete="CASCADE"), primary_key=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    factor: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
