import uuid

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from alif.assessment.models import QuestionContent
from alif.db import Base, Timestamped, UUIDPrimaryKey


class Question(QuestionContent, UUIDPrimaryKey, Timestamped, Base):
    """One question model for every way a question is made.

    A question belongs either to a test (`test_id`, ordered by `position`) or, with no test, to
    its owner's question bank (shared with the organization in `organization_id`). Reusing a
    bank question copies it into the test, so editing the bank never changes a test already
    taken.

    Its content (type, text, options, the key...) is the assessment kernel's
    (`alif.assessment.models.QuestionContent`); a question without a key blocks publishing.
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
    # AI questions wait for a teacher's review before a student can see them.
    review_required: Mapped[bool] = mapped_column(default=False)
    copied_from_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("testai_question.id", ondelete="SET NULL")
    )
