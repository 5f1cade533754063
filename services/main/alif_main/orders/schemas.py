import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from alif.schemas import RequestModel, ResponseModel
from alif_main.orders.models import OrderStatus, PaymentProvider
from alif_main.subscriptions.schemas import PromoText

IdempotencyKey = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=8, max_length=100)
]


class OrderCreate(RequestModel):
    plan_id: uuid.UUID
    idempotency_key: IdempotencyKey = Field(
        description="A new random value (a UUID) per order the user means to make; sending the "
        "same one again returns the same order instead of a second one"
    )
    extend: bool = Field(
        default=False,
        description="The subscription is active and the buyer wants to add this plan's time to it",
    )
    promo_code: PromoText | None = None


class OrderRead(ResponseModel):
    id: uuid.UUID
    plan_id: uuid.UUID
    plan_code: str
    plan_name: str
    organization_id: uuid.UUID | None
    extend: bool
    base_amount: int = Field(description="tiyin")
    discount: int = Field(description="tiyin")
    amount: int = Field(description="tiyin to pay")
    status: OrderStatus
    provider: PaymentProvider | None
    created_at: datetime
    expires_at: datetime
    paid_at: datetime | None
    cancelled_at: datetime | None
    refunded_at: datetime | None


class CheckoutRead(ResponseModel):
    provider: PaymentProvider
    url: str = Field(description="Send the buyer here to pay")
