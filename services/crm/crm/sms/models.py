import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type


class SmsKind(StrEnum):
    absence = "absence"
    debt = "debt"
    payment_link = "payment_link"  # a tuition link to pay by Payme or Click
    invite = "invite"  # a sign-up link to the platform for a student's parent


class BatchStatus(StrEnum):
    draft = "draft"  # prepared, nothing sent: a person has not confirmed it
    sent = "sent"  # confirmed and queued for main's worker


class SmsBatch(UUIDPrimaryKey, Timestamped, Base):
    """SMS to parents prepared by the office and sent only when a person confirms the recipients
    and the text."""

    __tablename__ = "crm_sms_batch"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[SmsKind] = mapped_column(enum_type(SmsKind))
    status: Mapped[BatchStatus] = mapped_column(enum_type(BatchStatus), default=BatchStatus.draft)
    text: Mapped[str] = mapped_column(Text)  # the template, with {student}, {group}, ...
    lesson_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("crm_lesson.id", ondelete="SET NULL")
    )
    prepared_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    confirmed_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    confirmed_at: Mapped[datetime | None] = mapped_column()


class SmsRecipient(UUIDPrimaryKey, Base):
    __tablename__ = "crm_sms_recipient"
    __table_args__ = (UniqueConstraint("batch_id", "student_id"),)

    batch_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("crm_sms_batch.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("crm_student.id", ondelete="CASCADE"))
    phone: Mapped[str] = mapped_column(String(13))
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    sms_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("sms_message.id", ondelete="SET NULL")
    )
