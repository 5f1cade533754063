import uuid
from datetime import datetime

from pydantic import Field

from alif.schemas import RequestModel, ResponseModel
from crm.sms.models import BatchStatus, SmsKind


class AbsencePrepare(RequestModel):
    lesson_id: uuid.UUID
    text: str | None = Field(
        default=None, max_length=600, description="Else the default: {student}, {group}, {date}"
    )


class DebtPrepare(RequestModel):
    student_ids: list[uuid.UUID] = Field(
        min_length=1, max_length=500, description="Debtors chosen from the debtors list"
    )
    text: str | None = Field(default=None, max_length=600, description="{student}, {debt}")


class InvitePrepare(RequestModel):
    student_ids: list[uuid.UUID] = Field(
        min_length=1, max_length=500, description="Students whose parents are invited"
    )
    text: str | None = Field(
        default=None, max_length=600, description="Else the default: {student}, {link}, {centre}"
    )


class PaymentLinkPrepare(RequestModel):
    link_id: uuid.UUID
    text: str | None = Field(
        default=None,
        max_length=600,
        description="Else the default: {student}, {amount}, {month}, {link}, {centre}",
    )


class Confirm(RequestModel):
    text: str = Field(min_length=1, max_length=600, description="The text the person approved")
    student_ids: list[uuid.UUID] = Field(
        min_length=1, max_length=500, description="The recipients the person approved"
    )


class RecipientRead(ResponseModel):
    student_id: uuid.UUID
    phone: str
    text: str = Field(description="The SMS this recipient gets")
    sms_id: uuid.UUID | None


class BatchRead(ResponseModel):
    id: uuid.UUID
    kind: SmsKind
    status: BatchStatus
    text: str
    lesson_id: uuid.UUID | None
    prepared_by_id: uuid.UUID | None
    confirmed_by_id: uuid.UUID | None
    confirmed_at: datetime | None
    recipients: list[RecipientRead]
    left_out: list[uuid.UUID] = Field(
        default_factory=list, description="Chosen students without a phone to write to"
    )
