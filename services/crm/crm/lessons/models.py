import uuid
from datetime import date, time
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type


class LessonStatus(StrEnum):
    scheduled = "scheduled"
    cancelled = "cancelled"  # kept, not deleted: the lost lesson still shows in reports


class LessonKind(StrEnum):
    regular = "regular"  # generated from the group's weekly schedule
    makeup = "makeup"  # for students who missed a lesson (AlfaCRM's "отработка")


class Mark(StrEnum):
    present = "present"
    absent = "absent"
    late = "late"
    excused = "excused"


class Holiday(UUIDPrimaryKey, Timestamped, Base):
    """A day the organization holds no lessons: generation skips it."""

    __tablename__ = "crm_holiday"
    __table_args__ = (UniqueConstraint("organization_id", "on"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    on: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(100))


class Lesson(UUIDPrimaryKey, Timestamped, Base):
    """One lesson of a group on a day. A regular lesson remembers the schedule slot it came from
    (`origin_on`, `origin_starts_at`), so generating a period twice makes nothing twice and a
    moved lesson is not generated again at its old time."""

    __tablename__ = "crm_lesson"
    __table_args__ = (
        UniqueConstraint("group_id", "origin_on", "origin_starts_at"),
        CheckConstraint("starts_at < ends_at", name="starts_before_it_ends"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_group.id", ondelete="CASCADE"), index=True
    )
    room_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("crm_room.id", ondelete="SET NULL"), index=True
    )
    on: Mapped[date] = mapped_column(Date, index=True)
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)
    kind: Mapped[LessonKind] = mapped_column(enum_type(LessonKind), default=LessonKind.regular)
    status: Mapped[LessonStatus] = mapped_column(
        enum_type(LessonStatus), default=LessonStatus.scheduled
    )
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")
    origin_on: Mapped[date | None] = mapped_column(Date)
    origin_starts_at: Mapped[time | None] = mapped_column(Time)


class MakeupStudent(UUIDPrimaryKey, Base):
    """Who comes to a make-up lesson, and which missed lesson it makes up."""

    __tablename__ = "crm_makeup_student"
    __table_args__ = (UniqueConstraint("lesson_id", "student_id"),)

    lesson_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_lesson.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_student.id", ondelete="CASCADE"), index=True
    )
    missed_lesson_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("crm_lesson.id", ondelete="SET NULL")
    )


class Attendance(UUIDPrimaryKey, Timestamped, Base):
    __tablename__ = "crm_attendance"
    __table_args__ = (UniqueConstraint("lesson_id", "student_id"),)

    lesson_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_lesson.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_student.id", ondelete="CASCADE"), index=True
    )
    mark: Mapped[Mark] = mapped_column(enum_type(Mark))
    marked_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
