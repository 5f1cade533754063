import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from alif.schemas import ResponseModel
from alif_main.orders.models import PaymentProvider


class BillStatus(StrEnum):
    waiting = "waiting"  # nobody is paying it
    paying = "paying"  # a provider's payment is in progress
    paid = "paid"
    cancelled = "cancelled"  # the centre withdrew it
    refunded = "refunded"


class TuitionBill(ResponseModel):
    """What the pay page shows to whoever holds the link (no account needed)."""

    id: uuid.UUID
    organization_name: str
    student_name: str
    month: date = Field(description="The month paid for (its first day)")
    amount: int = Field(description="tiyin")
    status: BillStatus
    paid_at: datetime | None


class TuitionCheckout(ResponseModel):
    order_id: uuid.UUID
    provider: PaymentProvider
    url: str = Field(description="Send the payer here to pay")
