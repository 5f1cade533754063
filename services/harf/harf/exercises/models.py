import uuid
from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type
from harf.alphabets.schemas import AlphabetCode
from harf.exercises.schemas import ExerciseKind


class Exercise(UUIDPrimaryKey, Timestamped, Base):
    """An exercise given to a child, with its answer kept here: the answer a client sends is
    checked against this row, once."""

    __tablename__ = "harf_exercise"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    alphabet: Mapped[AlphabetCode] = mapped_column(enum_type(AlphabetCode))
    letter: Mapped[int] = mapped_column(Integer)
    kind: Mapped[ExerciseKind] = mapped_column(enum_type(ExerciseKind))
    prompt: Mapped[str] = mapped_column(String(80))
    emoji: Mapped[str | None] = mapped_column(String(16))
    word: Mapped[int | None] = mapped_column(Integer)
    choices: Mapped[list[str]] = mapped_column(JSON)
    answer: Mapped[list[str]] = mapped_column(JSON)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    correct: Mapped[bool | None]


class Mastery(UUIDPrimaryKey, Timestamped, Base):
    """How well a child knows a letter: a Leitner box (1 to 5; a mistake sends it back to 1) and
    when to practise it again."""

    __tablename__ = "harf_mastery"

    # user, alphabet and letter in one unique column, so two answers at once make one row
    key: Mapped[str] = mapped_column(String(80), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    alphabet: Mapped[AlphabetCode] = mapped_column(enum_type(AlphabetCode))
    letter: Mapped[int] = mapped_column(Integer)
    box: Mapped[int] = mapped_column(Integer, default=0)
    right_answers: Mapped[int] = mapped_column(Integer, default=0)
    wrong_answers: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
