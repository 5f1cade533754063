"""Orders: made once per request key, priced in tiyin, only by whoever may buy, and only the
buyer sees them."""

import uuid
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.db import utcnow
from alif.kernel.models import Organization, OrganizationKind
from alif.subscriptions import PlanAudience, SubscriptionPlan
from alif.testing import Actor, LoginAs
from alif_main.payments.testing import make_plan
from alif_main.subscriptions.models import PeriodKind
from alif_main.subscriptions.service import Owner, add_period, lock_subscription

ORDERS = "/api/main/orders"


@pytest.fixture
async def plan(db_session: AsyncSession) -> SubscriptionPlan:
    return await make_plan(db_session, price=2_990_000)


async def create(actor: Actor, plan: SubscriptionPlan, **extra: Any) -> Any:
    body = {"plan_id": str(plan.id), "idempotency_key": str(uuid.uuid4()), **extra}
    return await actor.post(ORDERS, json=body)


async def test_the_same_request_key_makes_one_order(
    login_as: LoginAs, plan: SubscriptionPlan
) -> None:
    parent = await login_as(Role.parent)
    body = {"plan_id": str(plan.id), "idempotency_key": "retry-me-please-1"}
    first = await parent.post(ORDERS, json=body)
    second = await parent.post(ORDERS, json=body)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    listed = (await parent.get(ORDERS)).json()
    assert listed["total"] == 1
    reused = await parent.post(ORDERS, json={**body, "extend": True})
    assert reused.status_code == 409 and reused.json()["error"]["code"] == "order_key_reused"


async def test_another_buyers_order_is_not_found(login_as: LoginAs, plan: SubscriptionPlan) -> None:
    parent, stranger = await login_as(Role.parent), await login_as(Role.parent)
    order = (await create(parent, plan)).json()
    for url in (f"{ORDERS}/{order['id']}", f"{ORDERS}/{order['id']}/checkout?provider=payme"):
        response = await stranger.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "order_not_found"
    assert (await stranger.post(f"{ORDERS}/{order['id']}/cancel")).status_code == 404
    assert (await stranger.get(ORDERS)).json()["total"] == 0


@pytest.mark.parametrize("role", [Role.student, Role.teacher, Role.moderator])
async def test_only_parents_and_organizations_buy(
    login_as: LoginAs, plan: SubscriptionPlan, role: Role
) -> None:
    actor = await login_as(role)
    response = await create(actor, plan)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_a_subscriber"


async def test_a_plan_is_bought_only_by_its_audience(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    school_plan = await make_plan(db_session, audience=PlanAudience.organization, seats=100)
    parent = await login_as(Role.parent)
    refused = await create(parent, school_plan)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "plan_not_for_you"


async def test_a_school_buys_for_its_organization_once_approved(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    school_plan = await make_plan(db_session, audience=PlanAudience.organization, seats=100)
    owner = await login_as(Role.organization)
    pending = await login_as(Role.organization, status=AccountStatus.pending)
    for account in (owner, pending):
        db_session.add(
            Organization(owner_id=account.id, name="Ziyo", kind=OrganizationKind.learning_centre)
        )
    await db_session.flush()
    made = await create(owner, school_plan)
    assert made.status_code == 201 and made.json()["organization_id"] is not None
    not_approved = await create(pending, school_plan)
    assert not_approved.status_code == 403


async def test_a_paid_subscription_is_not_sold_again_by_accident(
    login_as: LoginAs, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent)
    owner = Owner(user_id=parent.id, organization_id=None)
    subscription = await lock_subscription(db_session, owner, plan, utcnow())
    await add_period(db_session, subscription, plan, PeriodKind.paid, days=30, now=utcnow())

    again = await create(parent, plan)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "subscription_already_active"
    assert "ends_at" in again.json()["error"]["details"]
    other_plan = await make_plan(db_session, price=1_990_000)
    switch = await create(parent, other_plan, extend=True)
    assert switch.status_code == 409 and switch.json()["error"]["code"] == "plan_change_not_allowed"
    assert (await create(parent, plan, extend=True)).status_code == 201


async def test_checkout_without_provider_credentials_says_so(
    login_as: LoginAs, plan: SubscriptionPlan, change_settings: Any
) -> None:
    parent = await login_as(Role.parent)
    order = (await create(parent, plan)).json()
    change_settings(payme_key="", click_secret_key="")
    for provider in ("payme", "click"):
        response = await parent.get(f"{ORDERS}/{order['id']}/checkout?provider={provider}")
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "payments_not_configured"
        assert response.json()["error"]["details"] == {"provider": provider}
    unknown = await parent.get(f"{ORDERS}/{order['id']}/checkout?provider=uzum")
    assert unknown.status_code == 422


async def test_a_pending_order_is_cancelled_by_its_buyer(
    login_as: LoginAs, plan: SubscriptionPlan
) -> None:
    parent = await login_as(Role.parent)
    order = (await create(parent, plan)).json()
    cancelled = await parent.post(f"{ORDERS}/{order['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert (await parent.post(f"{ORDERS}/{order['id']}/cancel")).status_code == 409
    checkout = await parent.get(f"{ORDERS}/{order['id']}/checkout?provider=payme")
    assert checkout.status_code == 409 and checkout.json()["error"]["code"] == "order_not_payable"


async def test_unknown_fields_and_inactive_plans_are_refused(
    login_as: LoginAs, plan: SubscriptionPlan, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent)
    sneaky = await create(parent, plan, amount=100)
    assert sneaky.status_code == 422
    plan.is_active = False
    await db_session.flush()
    assert (await create(parent, plan)).status_code == 404
