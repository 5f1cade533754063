import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type
from alif.tuition import TuitionLink


class OrderStatus(StrEnum):
    pending = "pending"  # created, nobody is paying it yet
    paying = "paying"  # a provider's payment is in progress: the order is reserved for it
    paid = "paid"  # paid, and what was bought was activated in the same transaction
    cancelled = "cancelled"  # by the buyer, or its payment was cancelled before completion
    refunded = "refunded"  # paid, then the payment was cancelled and the purchase revoked
    expired = "expired"  # nobody paid it in time


OPEN_STATUSES = frozenset({OrderStatus.pending, OrderStatus.paying})


class OrderKind(StrEnum):
    plan = "plan"  # a subscription plan for the buyer's family or organization
    tuition = "tuition"  # a centre's tuition payment link (crm), paid by whoever holds the link


class PaymentProvider(StrEnum):
    payme = "payme"
    click = "click"


class Order(UUIDPrimaryKey, Timestamped, Base):
    """Something being bought, in tiyin: a subscription plan (for the buyer's family or
    organization) or a centre's tuition link (`alif.tuition`: paid without an account, so no
    buyer), which the payment hands on to crm."""

    __tablename__ = "payment_order"
    __table_args__ = (
        UniqueConstraint("user_id", "idempotency_key"),
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("amount = base_amount - discount", name="amount_adds_up"),
        CheckConstraint(
            "(kind = 'plan' AND plan_id IS NOT NULL AND user_id IS NOT NULL)"
            " OR (kind = 'tuition' AND payment_link_id IS NOT NULL)",
            name="kind_has_its_subject",
        ),
    )

    kind: Mapped[OrderKind] = mapped_column(enum_type(OrderKind), default=OrderKind.plan)
    # The buyer (a plan's); a tuition link is paid by whoever the centre sent it to: no account.
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    organization_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organization.id"))
    plan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("subscription_plan.id"))
    payment_link_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(TuitionLink.id), index=True
    )
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
