import uuid
from datetime import date, datetime

from pydantic import Field

from alif.schemas import INT32_MAX, RequestModel, ResponseModel
from alif.tuition import LinkStatus
from crm.money.schemas import MONTH


class PaymentLinkCreate(RequestModel):
    amount: int = Field(
        ge=100, le=INT32_MAX, description="Tiyin (the providers take 1 so'm at least)"
    )
    month: str = Field(pattern=MONTH, description="The month paid for, YYYY-MM")
    idempotency_key: str | None = Field(
        default=None,
        min_length=8,
        max_length=80,
        description="The same key again answers with the first link (a retried request)",
    )


class PaymentLinkRead(ResponseModel):
    id: uuid.UUID
    student_id: uuid.UUID
    amount: int = Field(description="Tiyin")
    month: date = Field(description="The month paid for (its first day)")
    status: LinkStatus
    url: str = Field(description="The pay page to send to the family (Payme or Click there)")
    created_at: datetime
    created_by_id: uuid.UUID | None
    paid_at: datetime | None
    payment_entry_id: uuid.UUID | None = Field(
        description="The payment on the student's balance once paid (its receipt)"
    )
    cancelled_at: datetime | None
