"""A service gates a paid feature on the server: who passes and who does not."""

from collections.abc import Callable
from datetime import timedelta

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.kernel.models import (
    FamilyLink,
    MemberRole,
    MembershipStatus,
    Organization,
    OrganizationKind,
    OrganizationMember,
    User,
)
from alif.subscriptions import (
    Feature,
    PlanAudience,
    Subscription,
    SubscriptionPlan,
    entitlement_of,
)
from alif.testing import make_child, make_user

TokenOf = Callable[[User], str]
OLYMPIADS = "/api/gated/olympiads"
LETTER_AUDIO = "/api/gated/letter-audio"
AI_TESTS = "/api/gated/ai-tests"


async def plan(
    db: AsyncSession, audience: PlanAudience, features: list[str], seats: int
) -> SubscriptionPlan:
    row = SubscriptionPlan(
        code=f"plan_{audience.value}_{seats}_{len(features)}",
        name="Test plan",
        audience=audience,
        price=1_000_000,
        duration_days=30,
        features=features,
        max_children=seats,
    )
    db.add(row)
    await db.flush()
    return row


async def subscribe(
    db: AsyncSession,
    chosen: SubscriptionPlan,
    *,
    parent: User | None = None,
    organization: Organization | None = None,
    days: int = 30,
) -> Subscription:
    now = utcnow()
    subscription = Subscription(
        owner_user_id=parent.id if parent else None,
        organization_id=organization.id if organization else None,
        plan_id=chosen.id,
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=days),
    )
    db.add(subscription)
    await db.flush()
    return subscription


async def get(client: httpx.AsyncClient, token: str, url: str) -> httpx.Response:
    return await client.get(url, headers={"Authorization": f"Bearer {token}"})


async def test_children_of_a_subscribed_family_get_the_feature_others_do_not(
    db_session: AsyncSession, client: httpx.AsyncClient, token_of: TokenOf
) -> None:
    parent = await make_user(db_session, role=Role.parent)
    first, second = await make_child(db_session, parent), await make_child(db_session, parent)
    stranger = await make_user(db_session)
    family = await plan(db_session, PlanAudience.family, [Feature.olimp], seats=3)
    await subscribe(db_session, family, parent=parent)

    for child in (first, second, parent):
        response = await get(client, token_of(child), OLYMPIADS)
        assert response.status_code == 200, child.role
    refused = await get(client, token_of(stranger), OLYMPIADS)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "feature_not_included"
    assert refused.json()["error"]["details"] == {"feature": "olimp"}
    not_in_plan = await get(client, token_of(first), AI_TESTS)
    assert not_in_plan.status_code == 403


async def test_only_the_plans_seats_are_covered_the_earliest_children_first(
    db_session: AsyncSession, client: httpx.AsyncClient, token_of: TokenOf
) -> None:
    parent = await make_user(db_session, role=Role.parent)
    first, second = await make_child(db_session, parent), await make_child(db_session, parent)
    await db_session.execute(
        update(FamilyLink)
        .where(FamilyLink.child_id == first.id)
        .values(created_at=utcnow() - timedelta(days=10))
    )
    solo = await plan(db_session, PlanAudience.family, [Feature.olimp], seats=1)
    await subscribe(db_session, solo, parent=parent)
    assert (await get(client, token_of(first), OLYMPIADS)).status_code == 200
    assert (await get(client, token_of(second), OLYMPIADS)).status_code == 403


async def test_an_expired_subscription_covers_nobody(db_session: AsyncSession) -> None:
    parent = await make_user(db_session, role=Role.parent)
    child = await make_child(db_session, parent)
    family = await plan(db_session, PlanAudience.family, [Feature.olimp], seats=3)
    subscription = await subscribe(db_session, family, parent=parent)
    assert (await entitlement_of(db_session, child.id)).has(Feature.olimp)
    subscription.ends_at = utcnow() - timedelta(seconds=1)
    await db_session.flush()
    assert not (await entitlement_of(db_session, child.id)).has(Feature.olimp)


async def test_an_organization_covers_its_teachers_and_seated_students(
    db_session: AsyncSession, client: httpx.AsyncClient, token_of: TokenOf
) -> None:
    owner = await make_user(db_session, role=Role.organization)
    school = Organization(owner_id=owner.id, name="Maktab", kind=OrganizationKind.school)
    db_session.add(school)
    await db_session.flush()
    teacher = await make_user(db_session, role=Role.teacher)
    student, late_student, pending = [await make_user(db_session) for _ in range(3)]
    for user, role, status, age in [
        (teacher, MemberRole.teacher, MembershipStatus.active, 5),
        (student, MemberRole.student, MembershipStatus.active, 4),
        (late_student, MemberRole.student, MembershipStatus.active, 1),
        (pending, MemberRole.student, MembershipStatus.pending, 9),
    ]:
        db_session.add(
            OrganizationMember(
                organization_id=school.id,
                user_id=user.id,
                role=role,
                status=status,
                created_at=utcnow() - timedelta(days=age),
            )
        )
    await db_session.flush()
    school_plan = await plan(db_session, PlanAudience.organization, [Feature.ai_tests], seats=1)
    await subscribe(db_session, school_plan, organization=school)

    for user, expected in [
        (owner, 200),
        (teacher, 200),
        (student, 200),
        (late_student, 403),  # past the plan's one student seat
        (pending, 403),  # not approved by the school
    ]:
        response = await get(client, token_of(user), AI_TESTS)
        assert response.status_code == expected, user.id


async def test_free_features_and_staff_pass_every_gate(
    db_session: AsyncSession, client: httpx.AsyncClient, token_of: TokenOf
) -> None:
    child = await make_user(db_session)
    moderator = await make_user(db_session, role=Role.moderator)
    assert (await get(client, token_of(moderator), OLYMPIADS)).status_code == 200
    assert (await get(client, token_of(child), OLYMPIADS)).status_code == 403
    # FREE_FEATURES of this service lists harf_audio (see conftest): no plan needed.
    assert (await get(client, token_of(child), LETTER_AUDIO)).status_code == 200
    assert not (await entitlement_of(db_session, child.id)).has(Feature.harf_audio)


async def test_the_gate_needs_a_login(client: httpx.AsyncClient) -> None:
    response = await client.get(OLYMPIADS)
    assert response.status_code == 401
