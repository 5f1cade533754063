"""Who has which paid feature, asked on the server by every service.

A user is covered by:
- their own subscription (a parent's family plan, for the parent);
- a guardian's family subscription, for the first `max_children` children linked to that guardian;
- an organization's subscription: its owner, its approved teachers, and the first `max_children`
  of its approved students.

`require_feature("olimp")` is the dependency a route adds; free features are simply not gated,
and `FREE_FEATURES` opens a paid one to everybody. Staff pass every gate (they review content).
"""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import CurrentUser, TokenUser
from alif.db import SessionDep, utcnow
from alif.dependencies import CommonSettingsDep
from alif.errors import Forbidden
from alif.kernel.models import (
    FamilyLink,
    MemberRole,
    MembershipStatus,
    Organization,
    OrganizationMember,
)
from alif.subscriptions.models import Subscription, SubscriptionPlan


class FeatureNotIncluded(Forbidden):
    message = "This is not included in your plan."


class CoveredAs(StrEnum):
    owner = "owner"  # the subscription is theirs
    child = "child"  # through a guardian's family plan
    member = "member"  # through their organization's plan


@dataclass(frozen=True, slots=True)
class Coverage:
    subscription_id: uuid.UUID
    plan_code: str
    plan_name: str
    features: frozenset[str]
    ends_at: datetime
    is_trial: bool
    covered_as: CoveredAs


@dataclass(frozen=True, slots=True)
class Entitlement:
    coverages: tuple[Coverage, ...]

    @property
    def features(self) -> frozenset[str]:
        return frozenset().union(*(c.features for c in self.coverages))

    def has(self, feature: str) -> bool:
        return any(feature in c.features for c in self.coverages)


def _coverage(
    subscription: Subscription, plan: SubscriptionPlan, covered_as: CoveredAs
) -> Coverage:
    return Coverage(
        subscription_id=subscription.id,
        plan_code=plan.code,
        plan_name=plan.name,
        features=frozenset(plan.features),
        ends_at=subscription.ends_at,
        is_trial=subscription.is_trial,
        covered_as=covered_as,
    )


def _active(now: datetime) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    return (Subscription.starts_at <= now, Subscription.ends_at > now)


async def seated_children(
    db: AsyncSession, subscription: Subscription, seats: int
) -> list[uuid.UUID]:
    """The children a family plan covers: those the parent chose, then the earliest added."""
    assert subscription.owner_user_id is not None
    linked = list(
        await db.scalars(
            select(FamilyLink.child_id)
            .where(FamilyLink.parent_id == subscription.owner_user_id)
            .order_by(FamilyLink.created_at, FamilyLink.child_id)
        )
    )
    chosen = [c for c in map(uuid.UUID, subscription.chosen_child_ids) if c in linked]
    return (chosen + [c for c in linked if c not in chosen])[:seats]


async def _seated_student(
    db: AsyncSession, organization_id: uuid.UUID, student_id: uuid.UUID, seats: int
) -> bool:
    seated = await db.scalars(
        select(OrganizationMember.user_id)
        .where(
            OrganizationMember.organization_id == organization_id,
            OrganizationMember.role == MemberRole.student,
            OrganizationMember.status == MembershipStatus.active,
        )
        .order_by(OrganizationMember.created_at, OrganizationMember.user_id)
        .limit(seats)
    )
    return student_id in set(seated)


async def entitlement_of(
    db: AsyncSession, user_id: uuid.UUID, *, now: datetime | None = None
) -> Entitlement:
    """Every active subscription that covers the user, and how."""
    now = now or utcnow()
    coverages: list[Coverage] = []
    plan_join = (SubscriptionPlan, SubscriptionPlan.id == Subscription.plan_id)

    own = await db.execute(
        select(Subscription, SubscriptionPlan)
        .join(*plan_join)
        .where(Subscription.owner_user_id == user_id, *_active(now))
    )
    coverages += [_coverage(s, p, CoveredAs.owner) for s, p in own]

    through_guardians = await db.execute(
        select(Subscription, SubscriptionPlan)
        .join(*plan_join)
        .join(FamilyLink, FamilyLink.parent_id == Subscription.owner_user_id)
        .where(FamilyLink.child_id == user_id, *_active(now))
    )
    for subscription, plan in through_guardians:
        if user_id in await seated_children(db, subscription, plan.max_children):
            coverages.append(_coverage(subscription, plan, CoveredAs.child))

    owned_organizations = await db.execute(
        select(Subscription, SubscriptionPlan)
        .join(*plan_join)
        .join(Organization, Organization.id == Subscription.organization_id)
        .where(Organization.owner_id == user_id, *_active(now))
    )
    coverages += [_coverage(s, p, CoveredAs.owner) for s, p in owned_organizations]

    memberships = await db.execute(
        select(Subscription, SubscriptionPlan, OrganizationMember.role)
        .join(*plan_join)
        .join(
            OrganizationMember,
            OrganizationMember.organization_id == Subscription.organization_id,
        )
        .where(
            OrganizationMember.user_id == user_id,
            OrganizationMember.status == MembershipStatus.active,
            *_active(now),
        )
    )
    for subscription, plan, role in memberships:
        assert subscription.organization_id is not None
        if role is MemberRole.teacher or await _seated_student(
            db, subscription.organization_id, user_id, plan.max_children
        ):
            coverages.append(_coverage(subscription, plan, CoveredAs.member))
    return Entitlement(tuple(coverages))


async def has_feature(
    db: AsyncSession, user_id: uuid.UUID, feature: str, *, now: datetime | None = None
) -> bool:
    return (await entitlement_of(db, user_id, now=now)).has(feature)


def require_feature(feature: str) -> Callable[..., Awaitable[TokenUser]]:
    """A route dependency: the caller's plan (or their family's, or their school's) includes
    `feature`, or the request is refused with 403 `feature_not_included`."""

    async def dependency(
        settings: CommonSettingsDep, user: CurrentUser, db: SessionDep
    ) -> TokenUser:
        if feature in settings.free_features or user.is_staff:
            return user
        if not await has_feature(db, user.id, feature):
            raise FeatureNotIncluded(details={"feature": feature})
        return user

    return dependency
