import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type


class OrderStatus(StrEnum):
    pending = "pending"  # created, nobody is paying it yet
    paying = "paying"  # a provider's payment is in progress: the order is reserved for it
    paid = "paid"  # paid, and what was bought was activated in the same transaction
    cancelled = "cancelled"  # by the buyer, or its payment was cancelled before completion
    refunded = "refunded"  # paid, then the payment was cancelled and the purchase revoked
    expired = "expired"  # nobody paid it in time


OPEN_STATUSES = frozenset({OrderStatus.pending, OrderStatus.paying})


class PaymentProvider(StrEnum):
    payme = "payme"
    click = "click"


class Order(UUIDPrimaryKey, Timestamped, Base):
    """A subscription plan being bought, for the buyer's family or organization, in tiyin."""

    __tablename__ = "payment_order"
    __table_args__ = (
        UniqueConstraint("user_id", "idempotency_key"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("amount = base_amount - discount", name="amount_adds_up"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"), index=True)
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organization.id"))
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("subscription_plan.id"))
    # Bought while a paid subscription is active: the buyer said explicitly to add the time.
    extend: Mapped[bool] = mapped_column(default=False)
    # What the order buys is fixed when it is made; later plan edits do not change it.
    duration_days: Mapped[int] = mapped_column(Integer)
    base_amount: Mapped[int] = mapped_column(BigInteger)
    discount: Mapped[int] = mapped_column(BigInteger, default=0)
    amount: Mapped[int] = mapped_column(BigInteger)
    promo_code_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("promo_code.id"))
    status: Mapped[OrderStatus] = mapped_column(enum_type(OrderStatus), index=True)
    provider: Mapped[PaymentProvider | None] = mapped_column(enum_type(PaymentProvider))
    idempotency_key: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[datetime]
    paid_at: Mapped[datetime | None]
    fulfilled_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    refunded_at: Mapped[datetime | None]
    cancel_reason: Mapped[str] = mapped_column(String(60), default="")
