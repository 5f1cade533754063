import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey


class LessonProgress(UUIDPrimaryKey, Timestamped, Base):
    """One learner's progress in one lesson (whatever its version)."""

    __tablename__ = "lessions_progress"

    key: Mapped[str] = mapped_column(String(80), unique=True)  # "<learner id>:<lesson id>"

    learner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    lesson_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lessions_lesson.id", ondelete="CASCADE"), index=True
    )
    course_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lessions_course.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(default=1)  # the version last opened
    opened_at: Mapped[datetime] = mapped_column()
    position: Mapped[int] = mapped_column(default=0)  # the block to resume at
    reached_end: Mapped[bool] = mapped_column(default=False)
    seconds_spent: Mapped[int] = mapped_column(default=0)
    quiz_score: Mapped[int | None] = mapped_column(SmallInteger)  # best percent
    completed_at: Mapped[datetime | None] = mapped_column()


class ProgressWrite(UUIDPrimaryKey, Timestamped, Base):
    """A write a phone may send again: its key (learner id and the client's key) is unique, so
    a repeat changes nothing."""

    __tablename__ = "lessions_progress_write"

    key: Mapped[str] = mapped_column(String(120), unique=True)
    learner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )


class CourseCompletion(UUIDPrimaryKey, Timestamped, Base):
    """A learner finished every required lesson of a course; written once (`key` is unique),
    and the coins are paid under the same key."""

    __tablename__ = "lessions_course_completion"

    key: Mapped[str] = mapped_column(String(120), unique=True)
    learner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    course_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lessions_course.id", ondelete="CASCADE"), index=True
    )
    coins: Mapped[int] = mapped_column(default=0)
