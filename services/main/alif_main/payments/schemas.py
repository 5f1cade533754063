import uuid
from datetime import datetime

from pydantic import Field

from alif.schemas import ResponseModel
from alif_main.orders.models import OrderStatus, PaymentProvider
from alif_main.payments.reconciliation import Flag


class TransactionRead(ResponseModel):
    id: int
    provider: PaymentProvider
    provider_tx_id: str
    order_id: uuid.UUID
    order_status: OrderStatus
    amount: int = Field(description="tiyin")
    state: int = Field(description="1 created, 2 performed, -1 cancelled, -2 refunded")
    reason: int | None
    provider_time: int | None
    created_at: datetime
    performed_at: datetime | None
    cancelled_at: datetime | None
    flags: list[Flag]


class TotalsRead(ResponseModel):
    provider: PaymentProvider
    state: int
    count: int
    amount: int = Field(description="tiyin")


class UnactivatedOrderRead(ResponseModel):
    id: uuid.UUID
    user_id: uuid.UUID
    organization_id: uuid.UUID | None
    amount: int
    provider: PaymentProvider | None
    paid_at: datetime | None
    fulfilled_at: datetime | None


class ReconciliationRead(ResponseModel):
    generated_at: datetime
    totals: list[TotalsRead]
    flagged: list[TransactionRead]
    paid_not_activated: list[UnactivatedOrderRead]
