import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type, utcnow


class PeriodKind(StrEnum):
    trial = "trial"
    paid = "paid"
    promo = "promo"


class SubscriptionPeriod(UUIDPrimaryKey, Base):
    """One stretch of time added to a subscription, and what added it.

    The subscription's `ends_at` is where its periods end; a refunded period is revoked (kept, with
    `revoked_at`) and the time it added is taken off again.
    """

    __tablename__ = "subscription_period"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    subscription_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("subscription.id"), index=True)
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("subscription_plan.id"))
    kind: Mapped[PeriodKind] = mapped_column(enum_type(PeriodKind))
    order_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("payment_order.id"), unique=True)
    promo_redemption_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("promo_redemption.id"), unique=True
    )
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PromoKind(StrEnum):
    percent = "percent"  # a discount on an order
    free_days = "free_days"  # days of a plan, without paying


class PromoCode(UUIDPrimaryKey, Timestamped, Base):
    __tablename__ = "promo_code"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'percent' AND percent BETWEEN 1 AND 99 AND free_days IS NULL)"
            " OR (kind = 'free_days' AND free_days > 0 AND percent IS NULL"
            " AND plan_id IS NOT NULL)",
            name="percent_or_free_days",
        ),
        CheckConstraint("per_user_limit > 0", name="per_user_limit_positive"),
        CheckConstraint(
            "max_redemptions IS NULL OR max_redemptions > 0", name="max_redemptions_positive"
        ),
    )

    code: Mapped[str] = mapped_column(String(40), unique=True)  # stored upper-case
    kind: Mapped[PromoKind] = mapped_column(enum_type(PromoKind))
    percent: Mapped[int | None] = mapped_column(Integer)
    free_days: Mapped[int | None] = mapped_column(Integer)
    # Percent codes: only for this plan when set. Free-days codes: the plan whose days they give.
    plan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("subscription_plan.id"))
    max_redemptions: Mapped[int | None] = mapped_column(Integer)  # in all; None: no limit
    per_user_limit: Mapped[int] = mapped_column(Integer, default=1)
    valid_from: Mapped[datetime]
    valid_until: Mapped[datetime | None]
    is_active: Mapped[bool] = mapped_column(default=True)
    description: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))


class PromoRedemption(UUIDPrimaryKey, Base):
    """A use of a promo code: on an order (percent) or straight onto a subscription (free days).

    A redemption on an order counts while the order can still be paid or was paid; an abandoned
    order gives its place back without anything having to run.
    """

    __tablename__ = "promo_redemption"

    promo_code_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("promo_code.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"), index=True)
    order_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("payment_order.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
