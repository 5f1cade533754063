"""Plans and subscriptions: shared-kernel tables that every service reads to gate features.

`main` is their only writer (plans are managed by staff, subscriptions change when a payment,
trial or promo code is applied); other services only ask `alif.subscriptions.access`.
"""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type


class PlanAudience(StrEnum):
    family = "family"  # bought by a parent; covers the parent and their children
    organization = "organization"  # bought by a school or centre; covers its people


class SubscriptionPlan(UUIDPrimaryKey, Timestamped, Base):
    __tablename__ = "subscription_plan"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("duration_days > 0", name="duration_positive"),
        CheckConstraint("max_children > 0", name="seats_positive"),
    )

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    # `name` and `description` are Uzbek; {"ru": {"name": ..., "description": ...}, "en": ...}.
    translations: Mapped[dict[str, Any]] = mapped_column(default=dict)
    audience: Mapped[PlanAudience] = mapped_column(enum_type(PlanAudience))
    price: Mapped[int] = mapped_column(BigInteger)  # tiyin
    duration_days: Mapped[int] = mapped_column(Integer)
    features: Mapped[list[str]] = mapped_column(default=list)
    # Children of the family (students of the organization) covered, the earliest linked first.
    max_children: Mapped[int] = mapped_column(Integer)
    is_active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Subscription(UUIDPrimaryKey, Timestamped, Base):
    """The coverage of one family (its parent) or one organization: a plan until `ends_at`.

    One row per owner for its whole life; each paid period, trial or promo that made it is a
    `SubscriptionPeriod` in main. While a subscription is active it keeps one plan.
    """

    __tablename__ = "subscription"
    __table_args__ = (
        CheckConstraint(
            "(owner_user_id IS NOT NULL AND organization_id IS NULL)"
            " OR (owner_user_id IS NULL AND organization_id IS NOT NULL)",
            name="one_owner",
        ),
        CheckConstraint("ends_at >= starts_at", name="ends_after_start"),
    )

    owner_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id"), unique=True
    )
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organization.id"), unique=True
    )
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("subscription_plan.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime] = mapped_column(index=True)
    is_trial: Mapped[bool] = mapped_column(default=False)
    trial_used_at: Mapped[datetime | None]
    # Children (ids as text) the parent chose to cover first; the other seats go to the children
    # added first. Empty: the earliest added children.
    chosen_child_ids: Mapped[list[str]] = mapped_column(default=list)

    def is_active(self, now: datetime) -> bool:
        return self.starts_at <= now < self.ends_at

    def is_held(self, now: datetime) -> bool:
        """It has time that has not run out yet, possibly starting a moment after `now` (a
        purchase applied by a transaction whose clock read later than ours)."""
        return self.ends_at > max(now, self.starts_at)
