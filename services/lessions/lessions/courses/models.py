import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.assessment.models import QuestionContent
from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type
from alif.kernel.models import Language


class Visibility(StrEnum):
    public = "public"  # everyone signed in
    organization = "organization"  # the members of the course's organization
    groups = "groups"  # the students of the chosen study groups


class CourseStatus(StrEnum):
    draft = "draft"
    published = "published"
    archived = "archived"


class Access(StrEnum):
    free = "free"
    premium = "premium"  # needs the plan feature `premium_courses`, except free preview lessons


class CompletionRule(StrEnum):
    opened = "opened"  # done once opened
    end = "end"  # done when the learner reaches the last block
    quiz = "quiz"  # done when the lesson's questions score at least the pass mark


class Course(UUIDPrimaryKey, Timestamped, Base):
    """A course: modules of ordered lessons. Teachers and organizations author their own;
    moderators author the platform catalogue (`catalogue`), which any moderator may edit."""

    __tablename__ = "lessions_course"

    owner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    catalogue: Mapped[bool] = mapped_column(default=False)
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(String(60), default="")
    grades: Mapped[list[int]] = mapped_column(JSON, default=list)
    language: Mapped[Language] = mapped_column(enum_type(Language, 2), default=Language.uz)
    cover_url: Mapped[str | None] = mapped_column(String(500))  # an https address, or
    cover_key: Mapped[str | None] = mapped_column(String(200))  # an uploaded picture (alif.storage)
    cover_variants: Mapped[list[int]] = mapped_column(JSON, default=list)  # its WebP widths
    visibility: Mapped[Visibility] = mapped_column(enum_type(Visibility), default=Visibility.public)
    status: Mapped[CourseStatus] = mapped_column(
        enum_type(CourseStatus), default=CourseStatus.draft, index=True
    )
    access: Mapped[Access] = mapped_column(enum_type(Access), default=Access.free)
    reward_coins: Mapped[int] = mapped_column(SmallInteger, default=20)
    badge: Mapped[str] = mapped_column(String(16), default="🏅")  # earned with the first completion
    published_at: Mapped[datetime | None] = mapped_column()


class CourseGroup(Base):
    """A study group a `groups` course is shared with."""

    __tablename__ = "lessions_course_group"

    course_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lessions_course.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("study_group.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CourseModule(UUIDPrimaryKey, Timestamped, Base):
    __tablename__ = "lessions_module"

    course_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lessions_course.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(160))
    position: Mapped[int] = mapped_column(default=0)


class Lesson(UUIDPrimaryKey, Timestamped, Base):
    """A lesson keeps its id across versions, so learners' progress (keyed by the lesson)
    survives an edit; its content lives in `LessonVersion` rows, the newest one is shown."""

    __tablename__ = "lessions_lesson"

    course_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lessions_course.id", ondelete="CASCADE"), index=True
    )
    module_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lessions_module.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(160))
    published: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)  # the number of the current version
    free_preview: Mapped[bool] = mapped_column(default=False)
    required: Mapped[bool] = mapped_column(default=True)
    completion: Mapped[CompletionRule] = mapped_column(
        enum_type(CompletionRule), default=CompletionRule.opened
    )
    pass_mark: Mapped[int] = mapped_column(SmallInteger, default=60)  # percent
    available_from: Mapped[datetime | None] = mapped_column()
    after_previous: Mapped[bool] = mapped_column(default=False)


class LessonVersion(UUIDPrimaryKey, Timestamped, Base):
    """The blocks of one version of a lesson. A draft lesson is edited in place; once
    published, each edit adds the next version."""

    __tablename__ = "lessions_lesson_version"
    __table_args__ = (UniqueConstraint("lesson_id", "number"),)

    lesson_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lessions_lesson.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column()
    blocks: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class Question(QuestionContent, UUIDPrimaryKey, Timestamped, Base):
    """A question of a quiz or story block of one lesson version, in the kernel's form."""

    __tablename__ = "lessions_question"

    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lessions_lesson_version.id", ondelete="CASCADE"), index=True
    )
    block: Mapped[int] = mapped_column()  # the block's index in the version
    position: Mapped[int] = mapped_column(default=0)
