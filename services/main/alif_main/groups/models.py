import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type


class InvitationStatus(StrEnum):
    pending = "pending"
    accepted = "accepted"
    declined = "declined"


class GroupInvitation(UUIDPrimaryKey, Timestamped, Base):
    """A teacher asks to add a child to a class; the child's parent accepts or declines.

    Kept for every username a teacher typed, a child's or nobody's (then `student_id` is empty
    and nobody can accept it): the teacher sees the same either way, so usernames cannot be
    tested through invitations.
    """

    __tablename__ = "group_invitation"
    __table_args__ = (UniqueConstraint("group_id", "username"),)

    group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("study_group.id", ondelete="CASCADE"), index=True
    )
    username: Mapped[str] = mapped_column(String(32))
    student_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    invited_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    status: Mapped[InvitationStatus] = mapped_column(
        enum_type(InvitationStatus), default=InvitationStatus.pending
    )
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
