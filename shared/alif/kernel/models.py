"""The shared kernel: the tables every service authorises against.

`main` is their only writer; the other services read them (a teacher's organization, a parent's
children) with the queries in `alif.kernel.queries`.
"""

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Optional

from sqlalchemy import Date, ForeignKey, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from alif.auth import AccountStatus, Role
from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type, utcnow


class Language(StrEnum):
    uz = "uz"
    ru = "ru"
    en = "en"


class User(UUIDPrimaryKey, Timestamped, Base):
    __tablename__ = "user_account"

    role: Mapped[Role] = mapped_column(enum_type(Role))
    status: Mapped[AccountStatus] = mapped_column(enum_type(AccountStatus))
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80), default="")
    phone: Mapped[str | None] = mapped_column(String(13), unique=True)
    phone_verified_at: Mapped[datetime | None]
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    email_verified_at: Mapped[datetime | None]
    username: Mapped[str | None] = mapped_column(String(32), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    pin_hash: Mapped[str | None] = mapped_column(String(255))
    approved_at: Mapped[datetime | None]
    language: Mapped[Language] = mapped_column(enum_type(Language, 2), default=Language.uz)
    last_login_at: Mapped[datetime | None]
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    student_profile: Mapped[Optional["StudentProfile"]] = relationship(
        lazy="raise", back_populates="user", cascade="all, delete-orphan"
    )
    teacher_profile: Mapped[Optional["TeacherProfile"]] = relationship(
        lazy="raise", back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_verified(self) -> bool:
        """Children have no phone or e-mail; everyone else proves the one they registered with."""
        if self.role is Role.student and self.username:
            return True
        return self.phone_verified_at is not None or self.email_verified_at is not None


class StudentProfile(Timestamped, Base):
    __tablename__ = "student_profile"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    birth_date: Mapped[date | None] = mapped_column(Date)
    grade: Mapped[int | None] = mapped_column(SmallInteger)
    school_name: Mapped[str] = mapped_column(String(200), default="")
    avatar: Mapped[str] = mapped_column(String(40), default="")

    user: Mapped[User] = relationship(lazy="raise", back_populates="student_profile")


class TeacherProfile(Timestamped, Base):
    __tablename__ = "teacher_profile"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    subjects: Mapped[list[str]] = mapped_column(default=list)
    bio: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User] = relationship(lazy="raise", back_populates="teacher_profile")


class OrganizationKind(StrEnum):
    school = "school"
    learning_centre = "learning_centre"


class Region(StrEnum):
    """Uzbekistan's viloyatlar, the Republic of Karakalpakstan and Tashkent city."""

    karakalpakstan = "karakalpakstan"
    andijan = "andijan"
    bukhara = "bukhara"
    fergana = "fergana"
    jizzakh = "jizzakh"
    kashkadarya = "kashkadarya"
    khorezm = "khorezm"
    namangan = "namangan"
    navoiy = "navoiy"
    samarkand = "samarkand"
    sirdarya = "sirdarya"
    surkhandarya = "surkhandarya"
    tashkent_region = "tashkent_region"
    tashkent_city = "tashkent_city"


class Organization(UUIDPrimaryKey, Timestamped, Base):
    __tablename__ = "organization"

    owner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), unique=True
    )
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[OrganizationKind] = mapped_column(enum_type(OrganizationKind))
    region: Mapped[Region | None] = mapped_column(enum_type(Region, 24))
    district: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str | None] = mapped_column(String(13))


class MemberRole(StrEnum):
    teacher = "teacher"
    student = "student"


class MembershipStatus(StrEnum):
    pending = "pending"
    active = "active"
    rejected = "rejected"


class OrganizationMember(UUIDPrimaryKey, Timestamped, Base):
    __tablename__ = "organization_member"
    __table_args__ = (UniqueConstraint("organization_id", "user_id"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[MemberRole] = mapped_column(enum_type(MemberRole))
    status: Mapped[MembershipStatus] = mapped_column(enum_type(MembershipStatus))
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


class Relation(StrEnum):
    mother = "mother"
    father = "father"
    grandparent = "grandparent"
    guardian = "guardian"
    other = "other"


class FamilyLink(Timestamped, Base):
    """A parent (guardian) and a child. A child may have several; a parent many children."""

    __tablename__ = "family_link"

    parent_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    child_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    relation: Mapped[Relation] = mapped_column(enum_type(Relation), default=Relation.guardian)


class StudyGroup(UUIDPrimaryKey, Timestamped, Base):
    """A class or a learning centre's group: a teacher and the students they teach together."""

    __tablename__ = "study_group"

    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    teacher_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    subject: Mapped[str] = mapped_column(String(80), default="")
    grade: Mapped[int | None] = mapped_column(SmallInteger)
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    archived_at: Mapped[datetime | None]


class StudyGroupMember(Base):
    __tablename__ = "study_group_member"

    group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("study_group.id", ondelete="CASCADE"), primary_key=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
