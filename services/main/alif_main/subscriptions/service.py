"""Plans, subscriptions and the periods that make them, trials and promo codes.

A subscription belongs to a family (its parent) or an organization and keeps one plan while it is
active. Time is added by periods: a trial (once per family), a paid order, a free-days promo code.
Paying while a paid subscription is active is refused unless the buyer asked to extend it, so a
family is never charged twice by accident (Kundalik's rule); the check runs again, under a row
lock, at the moment the payment is applied.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from alif.auth import Role, TokenUser
from alif.db import add_unique, insert_if_absent, utcnow
from alif.kernel import queries
from alif.kernel.models import FamilyLink, Organization
from alif.subscriptions import LIVE_FEATURES, Feature, PlanAudience, Subscription, SubscriptionPlan
from alif_main.audit.service import record_audit
from alif_main.family.exceptions import ChildNotFound
from alif_main.orders.models import Order, OrderStatus
from alif_main.subscriptions.exceptions import (
    FeatureNotLive,
    NoFamilyPlan,
    NotASubscriber,
    PlanChangeNotAllowed,
    PlanCodeTaken,
    PlanNotForYou,
    PlanNotFound,
    PromoCodeAlreadyUsed,
    PromoCodeNotForThisPlan,
    PromoCodeNotFound,
    PromoCodeNotValid,
    PromoCodeTaken,
    PromoCodeUsedUp,
    PurchaseAlreadyUsed,
    SubscriptionAlreadyActive,
    TooManyChosenChildren,
    TrialNotAvailable,
    UnknownFeature,
)
from alif_main.subscriptions.models import (
    PeriodKind,
    PromoCode,
    PromoKind,
    PromoRedemption,
    SubscriptionPeriod,
)
from alif_main.subscriptions.schemas import (
    PlanCreate,
    PlanUpdate,
    PromoCodeCreate,
    PromoCodeUpdate,
)

logger = structlog.get_logger("alif_main.subscriptions")


@dataclass(frozen=True, slots=True)
class Owner:
    """Who holds a subscription: a parent (family) or an organization."""

    user_id: uuid.UUID | None
    organization_id: uuid.UUID | None

    @property
    def audience(self) -> PlanAudience:
        return PlanAudience.family if self.user_id else PlanAudience.organization


async def owner_for(db: AsyncSession, user: TokenUser) -> Owner:
    if user.role is Role.parent:
        return Owner(user_id=user.id, organization_id=None)
    if user.role is Role.organization:
        organization_id = await db.scalar(
            select(Organization.id).where(Organization.owner_id == user.id)
        )
        if organization_id is not None:
            return Owner(user_id=None, organization_id=organization_id)
    raise NotASubscriber()


def _owner_filter(owner: Owner) -> Any:
    if owner.user_id is not None:
        return Subscription.owner_user_id == owner.user_id
    return Subscription.organization_id == owner.organization_id


# Plans


def _check_features(features: list[str]) -> list[str]:
    known = {f.value for f in Feature}
    unknown = sorted(set(features) - known)
    if unknown:
        raise UnknownFeature(details={"unknown": unknown, "known": sorted(known)})
    not_live = sorted(set(features) - LIVE_FEATURES)
    if not_live:
        raise FeatureNotLive(details={"not_live": not_live, "live": sorted(LIVE_FEATURES)})
    return sorted(set(features))


async def list_plans(
    db: AsyncSession, *, audience: PlanAudience | None = None, active_only: bool = True
) -> list[SubscriptionPlan]:
    query = select(SubscriptionPlan)
    if audience is not None:
        query = query.where(SubscriptionPlan.audience == audience)
    if active_only:
        query = query.where(SubscriptionPlan.is_active.is_(True))
    return list(
        await db.scalars(query.order_by(SubscriptionPlan.sort_order, SubscriptionPlan.price))
    )


async def get_plan(
    db: AsyncSession, plan_id: uuid.UUID, *, active_only: bool = False
) -> SubscriptionPlan:
    plan = await db.get(SubscriptionPlan, plan_id)
    if plan is None or (active_only and not plan.is_active):
        raise PlanNotFound()
    return plan


async def plan_by_code(db: AsyncSession, code: str) -> SubscriptionPlan | None:
    plan: SubscriptionPlan | None = await db.scalar(
        select(SubscriptionPlan).where(SubscriptionPlan.code == code)
    )
    return plan


async def create_plan(
    db: AsyncSession, data: PlanCreate, *, actor_id: uuid.UUID, ip_address: str
) -> SubscriptionPlan:
    values = data.model_dump()
    values["features"] = _check_features(data.features)
    values["translations"] = data.model_dump(mode="json")["translations"]
    plan = SubscriptionPlan(**values)
    await add_unique(db, plan, taken=PlanCodeTaken())
    await record_audit(
        db, actor_id, "plan.create", plan, ip_address=ip_address, details=_plan_details(plan)
    )
    return plan


async def update_plan(
    db: AsyncSession,
    plan: SubscriptionPlan,
    data: PlanUpdate,
    *,
    actor_id: uuid.UUID,
    ip_address: str,
) -> SubscriptionPlan:
    changes = {
        k: v for k, v in data.model_dump(mode="json", exclude_unset=True).items() if v is not None
    }
    if "features" in changes:
        changes["features"] = _check_features(changes["features"])
    before = _plan_details(plan)
    for field, value in changes.items():
        setattr(plan, field, value)
    await db.flush()
    await record_audit(
        db,
        actor_id,
        "plan.update",
        plan,
        ip_address=ip_address,
        details={"before": before, "after": _plan_details(plan)},
    )
    return plan


def _plan_details(plan: SubscriptionPlan) -> dict[str, Any]:
    return {
        "code": plan.code,
        "price": plan.price,
        "duration_days": plan.duration_days,
        "features": list(plan.features),
        "max_children": plan.max_children,
        "is_active": plan.is_active,
    }


# Subscriptions and periods


async def find_subscription(db: AsyncSession, owner: Owner) -> Subscription | None:
    subscription: Subscription | None = await db.scalar(
        select(Subscription).where(_owner_filter(owner))
    )
    return subscription


async def lock_subscription(
    db: AsyncSession, owner: Owner, plan: SubscriptionPlan, now: datetime
) -> Subscription:
    """The owner's subscription row, created (empty: it ends when it starts) if it is not there,
    and locked until the end of the transaction: decisions about it are made one at a time."""
    if await find_subscription(db, owner) is None:
        column = "owner_user_id" if owner.user_id is not None else "organization_id"
        values = {
            "id": uuid.uuid4(),
            "owner_user_id": owner.user_id,
            "organization_id": owner.organization_id,
            "plan_id": plan.id,
            "starts_at": now,
            "ends_at": now,
            "is_trial": False,
            "created_at": now,
            "updated_at": now,
        }
        await insert_if_absent(db, Subscription, values, unique=column)
    subscription = await db.scalar(
        select(Subscription)
        .where(_owner_filter(owner))
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert subscription is not None
    return subscription


def _is_paid_and_active(subscription: Subscription | None, now: datetime) -> bool:
    # `is_held`, not `is_active`: a payment applied a moment ago under another transaction's
    # clock may start a few microseconds after our `now`, and it must still count.
    return subscription is not None and subscription.is_held(now) and not subscription.is_trial


def check_can_buy(
    subscription: Subscription | None, plan: SubscriptionPlan, *, extend: bool, now: datetime
) -> None:
    """Refuse a purchase that would charge an active family again without being asked to."""
    if subscription is None or not _is_paid_and_active(subscription, now):
        return
    details = {"ends_at": subscription.ends_at.isoformat()}
    if not extend:
        raise SubscriptionAlreadyActive(details=details)
    if subscription.plan_id != plan.id:
        raise PlanChangeNotAllowed(details=details)


def check_audience(owner: Owner, plan: SubscriptionPlan) -> None:
    if plan.audience is not owner.audience:
        raise PlanNotForYou(details={"plan_audience": plan.audience.value})


async def add_period(
    db: AsyncSession,
    subscription: Subscription,
    plan: SubscriptionPlan,
    kind: PeriodKind,
    *,
    days: int,
    now: datetime,
    order_id: uuid.UUID | None = None,
    promo_redemption_id: uuid.UUID | None = None,
) -> SubscriptionPeriod:
    """Add `days` of `plan` to a locked subscription.

    After an active paid plan (the same plan only); otherwise from now, ending a trial early.
    """
    if _is_paid_and_active(subscription, now):
        if subscription.plan_id != plan.id:
            raise PlanChangeNotAllowed(details={"ends_at": subscription.ends_at.isoformat()})
        starts_at = subscription.ends_at
    else:
        starts_at = now
        subscription.starts_at = now
    period = SubscriptionPeriod(
        subscription_id=subscription.id,
        plan_id=plan.id,
        kind=kind,
        order_id=order_id,
        promo_redemption_id=promo_redemption_id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(days=days),
    )
    db.add(period)
    subscription.plan_id = plan.id
    subscription.ends_at = period.ends_at
    subscription.is_trial = kind is PeriodKind.trial
    await db.flush()
    logger.info(
        "subscription_extended",
        subscription_id=str(subscription.id),
        kind=kind.value,
        plan=plan.code,
        ends_at=period.ends_at.isoformat(),
    )
    return period


def can_take_back(period: SubscriptionPeriod, now: datetime, window: timedelta) -> bool:
    """A paid period can be taken back (refunded) while it is unused: it has not started yet (an
    extension waiting after the current period), or it started less than `window` ago."""
    return period.revoked_at is None and (
        period.starts_at > now or now - period.starts_at <= window
    )


async def revoke_order_period(
    db: AsyncSession, order_id: uuid.UUID, *, now: datetime, window: timedelta
) -> SubscriptionPeriod:
    """Take back what an order added; later periods move up, the subscription ends earlier."""
    period = await db.scalar(
        select(SubscriptionPeriod).where(SubscriptionPeriod.order_id == order_id)
    )
    if period is None:
        raise PurchaseAlreadyUsed()
    subscription = await db.scalar(
        select(Subscription)
        .where(Subscription.id == period.subscription_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert subscription is not None
    if not can_take_back(period, now, window):
        raise PurchaseAlreadyUsed(details={"started_at": period.starts_at.isoformat()})
    length = period.ends_at - period.starts_at
    later = await db.scalars(
        select(SubscriptionPeriod).where(
            SubscriptionPeriod.subscription_id == subscription.id,
            SubscriptionPeriod.revoked_at.is_(None),
            SubscriptionPeriod.starts_at >= period.ends_at,
        )
    )
    for following in later:
        following.starts_at -= length
        following.ends_at -= length
    period.revoked_at = now
    subscription.ends_at = max(subscription.starts_at, subscription.ends_at - length)
    await db.flush()
    logger.info("subscription_period_revoked", period_id=str(period.id), order_id=str(order_id))
    return period


async def periods_of(db: AsyncSession, subscription_id: uuid.UUID) -> list[SubscriptionPeriod]:
    return list(
        await db.scalars(
            select(SubscriptionPeriod)
            .where(SubscriptionPeriod.subscription_id == subscription_id)
            .order_by(SubscriptionPeriod.starts_at, SubscriptionPeriod.created_at)
        )
    )


# Trials


async def trial_available(db: AsyncSession, owner: Owner) -> bool:
    """Once per family: not if this parent ever had a subscription, nor if another guardian of
    one of their children already used a trial."""
    if owner.user_id is None:
        return False
    if await find_subscription(db, owner) is not None:
        return False
    mine, theirs = aliased(FamilyLink), aliased(FamilyLink)
    used_by_other_guardian = await db.scalar(
        select(Subscription.id)
        .join(theirs, theirs.parent_id == Subscription.owner_user_id)
        .join(mine, mine.child_id == theirs.child_id)
        .where(mine.parent_id == owner.user_id, Subscription.trial_used_at.is_not(None))
        .limit(1)
    )
    return used_by_other_guardian is None


async def start_trial(
    db: AsyncSession, owner: Owner, *, plan_code: str, days: int, now: datetime
) -> Subscription:
    plan = await plan_by_code(db, plan_code)
    if plan is None or not plan.is_active or plan.audience is not owner.audience:
        raise TrialNotAvailable("There is no free trial at the moment.")
    if not await trial_available(db, owner):
        raise TrialNotAvailable()
    subscription = await lock_subscription(db, owner, plan, now)
    # Two trial requests at once: the second finds the first's row once it has the lock.
    if subscription.trial_used_at is not None or subscription.ends_at > subscription.starts_at:
        raise TrialNotAvailable()
    subscription.trial_used_at = now
    await add_period(db, subscription, plan, PeriodKind.trial, days=days, now=now)
    return subscription


# Promo codes


async def _lock_promo(db: AsyncSession, code: str) -> PromoCode:
    promo = await db.scalar(
        select(PromoCode)
        .where(PromoCode.code == code.strip().upper())
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if promo is None:
        raise PromoCodeNotFound()
    return promo


async def promo_uses(
    db: AsyncSession, promo_id: uuid.UUID, *, now: datetime, user_id: uuid.UUID | None = None
) -> int:
    """Redemptions that count: free days given, and orders that can still be paid or were."""
    counts = or_(
        PromoRedemption.order_id.is_(None),
        Order.status.in_([OrderStatus.paying, OrderStatus.paid]),
        and_(Order.status == OrderStatus.pending, Order.expires_at > now),
    )
    query = (
        select(func.count())
        .select_from(PromoRedemption)
        .outerjoin(Order, Order.id == PromoRedemption.order_id)
        .where(PromoRedemption.promo_code_id == promo_id, counts)
    )
    if user_id is not None:
        query = query.where(PromoRedemption.user_id == user_id)
    return int(await db.scalar(query) or 0)


async def _usable_promo(
    db: AsyncSession,
    code: str,
    *,
    kind: PromoKind,
    user_id: uuid.UUID,
    plan: SubscriptionPlan | None,
    now: datetime,
) -> PromoCode:
    promo = await _lock_promo(db, code)
    if not promo.is_active or now < promo.valid_from:
        raise PromoCodeNotValid()
    if promo.valid_until is not None and now >= promo.valid_until:
        raise PromoCodeNotValid("This promo code has expired.")
    if promo.kind is not kind:
        raise PromoCodeNotValid(
            "This code gives a discount when paying."
            if promo.kind is PromoKind.percent
            else "This code gives free days: enter it on the subscription page."
        )
    if plan is not None and promo.plan_id is not None and promo.plan_id != plan.id:
        raise PromoCodeNotForThisPlan()
    if promo.max_redemptions is not None and (
        await promo_uses(db, promo.id, now=now) >= promo.max_redemptions
    ):
        raise PromoCodeUsedUp()
    if await promo_uses(db, promo.id, now=now, user_id=user_id) >= promo.per_user_limit:
        raise PromoCodeAlreadyUsed()
    return promo


async def apply_promo_to_order(
    db: AsyncSession,
    code: str,
    *,
    user_id: uuid.UUID,
    plan: SubscriptionPlan,
    now: datetime,
) -> PromoCode:
    """A percent code for an order about to be created (its redemption is added with the order)."""
    return await _usable_promo(
        db, code, kind=PromoKind.percent, user_id=user_id, plan=plan, now=now
    )


async def redeem_free_days(
    db: AsyncSession, owner: Owner, *, user_id: uuid.UUID, code: str, now: datetime
) -> SubscriptionPeriod:
    promo = await _usable_promo(
        db, code, kind=PromoKind.free_days, user_id=user_id, plan=None, now=now
    )
    assert promo.plan_id is not None
    assert promo.free_days is not None
    plan = await get_plan(db, promo.plan_id)
    check_audience(owner, plan)
    subscription = await lock_subscription(db, owner, plan, now)
    redemption = PromoRedemption(promo_code_id=promo.id, user_id=user_id)
    db.add(redemption)
    await db.flush()
    return await add_period(
        db,
        subscription,
        plan,
        PeriodKind.promo,
        days=promo.free_days,
        now=now,
        promo_redemption_id=redemption.id,
    )


async def list_promo_codes(db: AsyncSession) -> list[PromoCode]:
    return list(await db.scalars(select(PromoCode).order_by(PromoCode.created_at.desc())))


async def get_promo_code(db: AsyncSession, promo_id: uuid.UUID) -> PromoCode:
    promo = await db.get(PromoCode, promo_id)
    if promo is None:
        raise PromoCodeNotFound()
    return promo


async def create_promo_code(
    db: AsyncSession, data: PromoCodeCreate, *, actor_id: uuid.UUID, ip_address: str
) -> PromoCode:
    if data.plan_id is not None:
        await get_plan(db, data.plan_id)
    values = data.model_dump()
    values["valid_from"] = data.valid_from or utcnow()
    promo = PromoCode(**values, created_by_id=actor_id)
    await add_unique(db, promo, taken=PromoCodeTaken())
    await record_audit(
        db,
        actor_id,
        "promo_code.create",
        promo,
        ip_address=ip_address,
        details={"code": promo.code, "kind": promo.kind.value},
    )
    return promo


async def update_promo_code(
    db: AsyncSession,
    promo: PromoCode,
    data: PromoCodeUpdate,
    *,
    actor_id: uuid.UUID,
    ip_address: str,
) -> PromoCode:
    changes = data.model_dump(exclude_unset=True)
    for field in ("is_active", "description"):
        if changes.get(field, "") is None:
            del changes[field]  # these two cannot be cleared, only changed
    for field, value in changes.items():
        setattr(promo, field, value)
    await db.flush()
    await record_audit(
        db,
        actor_id,
        "promo_code.update",
        promo,
        ip_address=ip_address,
        details={k: str(v) for k, v in changes.items()},
    )
    return promo


async def choose_children(
    db: AsyncSession, owner: Owner, child_ids: list[uuid.UUID], *, now: datetime
) -> None:
    """The parent picks which children the plan covers (a one-child plan: which child)."""
    subscription = await find_subscription(db, owner)
    if owner.user_id is None or subscription is None or not subscription.is_held(now):
        raise NoFamilyPlan()
    plan = await get_plan(db, subscription.plan_id)
    children = set(await queries.children_of(db, owner.user_id))
    if not set(child_ids) <= children:
        raise ChildNotFound()
    if len(set(child_ids)) > plan.max_children:
        raise TooManyChosenChildren(details={"max_children": plan.max_children})
    subscription.chosen_child_ids = [str(c) for c in dict.fromkeys(child_ids)]
    await db.flush()
