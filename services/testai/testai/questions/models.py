import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type
from alif.kernel.models import Language


class QuestionType(StrEnum):
    single = "single"  # one correct option
    multiple = "multiple"  # several correct options, partial credit
    true_false = "true_false"
    short_answer = "short_answer"  # typed text compared with the accepted answers
    numeric = "numeric"  # a number within a tolerance


class QuestionSource(StrEnum):
    manual = "manual"
    imported = "imported"
    ai = "ai"


class Question(UUIDPrimaryKey, Timestamped, Base):
    """One question model for every way a question is made.

    A question belongs either to a test (`test_id`, ordered by `position`) or, with no test, to
    its owner's question bank (shared with the organization in `organization_id`). Reusing a
    bank question copies it into the test, so editing the bank never changes a test already
    taken.

    `options` is `[{"id", "text"}]`; `answer_key` holds what is correct and is never sent to a
    student before review is allowed. A question without a key (an import without an answer
    line) keeps `answer_key` empty: it is flagged, never defaulted, and blocks publishing.
    """

    __tablename__ = "testai_question"

    test_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("testai_test.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    owner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    type: Mapped[QuestionType] = mapped_column(enum_type(QuestionType))
    text: Mapped[str] = mapped_column(Text)
    options: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    answer_key: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    points: Mapped[int] = mapped_column(SmallInteger, default=1)
    explanation: Mapped[str] = mapped_column(Text, default="")
    image_url: Mapped[str | None] = mapped_column(String(500))
    language: Mapped[Language] = mapped_column(enum_type(Language, 2), default=Language.uz)
    topic: Mapped[str] = mapped_column(String(120), default="")
    tags: Mapped[list[str]] = mapped_column(default=list)
    difficulty: Mapped[int] = mapped_column(SmallInteger, default=3)
    source: Mapped[QuestionSource] = mapped_column(enum_type(QuestionSource))
    source_excerpt: Mapped[str | None] = mapped_column(Text)
    # AI questions wait for a teacher's review before a student can see them.
    review_required: Mapped[bool] = mapped_column(default=False)
    copied_from_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("testai_question.id", ondelete="SET NULL")
    )

    @property
    def has_key(self) -> bool:
        return self.answer_key is not None

    @property
    def publishable(self) -> bool:
        return self.has_key and not self.review_required
