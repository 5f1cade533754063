"""Plans staff manage, the family trial (once), promo codes with their limits."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.kernel.models import FamilyLink
from alif.subscriptions import (
    FEATURE_DESCRIPTIONS,
    Feature,
    Subscription,
    SubscriptionPlan,
    entitlement_of,
)
from alif.testing import Actor, LoginAs, make_child
from alif_main.audit.models import AuditLog
from alif_main.config import MainSettings
from alif_main.payments.testing import make_plan
from alif_main.subscriptions.models import PromoCode, PromoKind

SUBSCRIPTIONS = "/api/main/subscriptions"


@pytest.fixture
async def trial_plan(db_session: AsyncSession) -> SubscriptionPlan:
    return await make_plan(db_session, code="family_month", price=2_990_000)


async def promo(db: AsyncSession, code: str, plan: SubscriptionPlan, **fields: Any) -> PromoCode:
    values: dict[str, Any] = {
        "kind": PromoKind.percent,
        "percent": 20,
        "valid_from": utcnow() - timedelta(days=1),
        **fields,
    }
    if values["kind"] is PromoKind.free_days:
        values["percent"] = None
        values.setdefault("plan_id", plan.id)
    row = PromoCode(code=code, **values)
    db.add(row)
    await db.flush()
    return row


async def order(parent: Actor, plan: SubscriptionPlan, **extra: Any) -> Any:
    return await parent.post(
        "/api/main/orders",
        json={"plan_id": str(plan.id), "idempotency_key": str(uuid.uuid4()), **extra},
    )


async def test_a_family_gets_one_trial_and_its_children_the_features(
    login_as: LoginAs, db_session: AsyncSession, trial_plan: SubscriptionPlan
) -> None:
    parent = await login_as(Role.parent)
    child = await make_child(db_session, parent.user)
    before = (await parent.get(f"{SUBSCRIPTIONS}/me")).json()
    assert before["trial_available"] is True and before["subscription"] is None

    started = await parent.post(f"{SUBSCRIPTIONS}/trial")
    assert started.status_code == 201
    mine = started.json()["subscription"]
    assert mine["is_trial"] and mine["trial_used"]
    assert [p["kind"] for p in mine["periods"]] == ["trial"]
    assert (await entitlement_of(db_session, child.id)).has(Feature.olimp)

    again = await parent.post(f"{SUBSCRIPTIONS}/trial")
    assert again.status_code == 409 and again.json()["error"]["code"] == "trial_not_available"

    # The child's other guardian cannot start a second trial for the same family.
    other_guardian = await login_as(Role.parent)
    db_session.add(FamilyLink(parent_id=other_guardian.id, child_id=child.id))
    await db_session.flush()
    assert (await other_guardian.post(f"{SUBSCRIPTIONS}/trial")).status_code == 409
    assert (await other_guardian.get(f"{SUBSCRIPTIONS}/me")).json()["trial_available"] is False


async def test_paying_during_the_trial_is_not_double_charging(
    login_as: LoginAs, trial_plan: SubscriptionPlan
) -> None:
    parent = await login_as(Role.parent)
    await parent.post(f"{SUBSCRIPTIONS}/trial")
    assert (await order(parent, trial_plan)).status_code == 201


async def test_children_and_teachers_do_not_start_trials(
    login_as: LoginAs, trial_plan: SubscriptionPlan
) -> None:
    for role in (Role.student, Role.teacher):
        actor = await login_as(role)
        assert (await actor.post(f"{SUBSCRIPTIONS}/trial")).status_code == 403


async def test_children_are_not_shown_prices(
    login_as: LoginAs, trial_plan: SubscriptionPlan
) -> None:
    child = await login_as(Role.student)
    assert (await child.get(f"{SUBSCRIPTIONS}/plans")).status_code == 403
    parent = await login_as(Role.parent)
    plans = (await parent.get(f"{SUBSCRIPTIONS}/plans")).json()
    assert trial_plan.code in [p["code"] for p in plans]


async def test_a_percent_code_lowers_the_order_within_its_limits(
    login_as: LoginAs, db_session: AsyncSession, trial_plan: SubscriptionPlan
) -> None:
    await promo(db_session, "BAHOR20", trial_plan, max_redemptions=2, per_user_limit=1)
    first = await login_as(Role.parent)
    made = await order(first, trial_plan, promo_code=" bahor20 ")
    assert made.status_code == 201
    body = made.json()
    assert (body["base_amount"], body["discount"], body["amount"]) == (
        2_990_000,
        598_000,
        2_392_000,
    )
    twice = await order(first, trial_plan, promo_code="BAHOR20")
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "promo_code_already_used"

    second = await login_as(Role.parent)
    assert (await order(second, trial_plan, promo_code="BAHOR20")).status_code == 201
    third = await login_as(Role.parent)
    used_up = await order(third, trial_plan, promo_code="BAHOR20")
    assert used_up.status_code == 409 and used_up.json()["error"]["code"] == "promo_code_used_up"

    # An abandoned (cancelled) order gives its place back.
    await first.post(f"/api/main/orders/{body['id']}/cancel")
    assert (await order(third, trial_plan, promo_code="BAHOR20")).status_code == 201


async def test_a_code_outside_its_window_or_for_another_plan_is_refused(
    login_as: LoginAs, db_session: AsyncSession, trial_plan: SubscriptionPlan
) -> None:
    other_plan = await make_plan(db_session)
    await promo(db_session, "KECHIKDI", trial_plan, valid_until=utcnow() - timedelta(minutes=1))
    await promo(db_session, "ERTAGA", trial_plan, valid_from=utcnow() + timedelta(days=1))
    await promo(db_session, "FAQATOILA", other_plan, plan_id=other_plan.id)
    await promo(db_session, "OCHIQMAS", trial_plan, is_active=False)
    parent = await login_as(Role.parent)
    for code, error in [
        ("KECHIKDI", "promo_code_not_valid"),
        ("ERTAGA", "promo_code_not_valid"),
        ("FAQATOILA", "promo_code_not_for_this_plan"),
        ("OCHIQMAS", "promo_code_not_valid"),
        ("YOQKOD", "promo_code_not_found"),
    ]:
        response = await order(parent, trial_plan, promo_code=code)
        assert response.json()["error"]["code"] == error, code


async def test_a_free_days_code_adds_days_once_per_family(
    login_as: LoginAs, db_session: AsyncSession, trial_plan: SubscriptionPlan
) -> None:
    await promo(db_session, "SOVGA14", trial_plan, kind=PromoKind.free_days, free_days=14)
    parent = await login_as(Role.parent)
    child = await make_child(db_session, parent.user)
    redeemed = await parent.post(f"{SUBSCRIPTIONS}/promo/redeem", json={"code": "sovga14"})
    assert redeemed.status_code == 200
    mine = redeemed.json()["subscription"]
    assert [p["kind"] for p in mine["periods"]] == ["promo"]
    assert (await entitlement_of(db_session, child.id)).has(Feature.olimp)
    again = await parent.post(f"{SUBSCRIPTIONS}/promo/redeem", json={"code": "SOVGA14"})
    assert again.status_code == 409
    as_discount = await order(parent, trial_plan, promo_code="SOVGA14", extend=True)
    assert as_discount.status_code == 422


async def test_admins_manage_plans_and_codes_and_it_is_audited(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    admin = await login_as(Role.admin)
    created = await admin.post(
        f"{SUBSCRIPTIONS}/admin/plans",
        json={
            "code": "family_quarter",
            "name": "Oila — 3 oy",
            "translations": {"ru": {"name": "Семья — 3 месяца"}},
            "audience": "family",
            "price": 7_990_000,
            "duration_days": 90,
            "features": ["ai_tests"],
            "max_children": 3,
        },
    )
    assert created.status_code == 201, created.text
    plan_id = created.json()["id"]
    changed = await admin.patch(
        f"{SUBSCRIPTIONS}/admin/plans/{plan_id}", json={"price": 6_990_000, "is_active": False}
    )
    assert changed.json()["price"] == 6_990_000 and changed.json()["is_active"] is False
    duplicate = await admin.post(
        f"{SUBSCRIPTIONS}/admin/plans",
        json={**created.json(), "id": None} | {"code": "family_quarter"},
    )
    assert duplicate.status_code == 422  # unknown fields (id, is_active...) are refused
    unknown_feature = await admin.post(
        f"{SUBSCRIPTIONS}/admin/plans",
        json={
            "code": "family_magic",
            "name": "X",
            "audience": "family",
            "price": 100,
            "duration_days": 1,
            "features": ["teleport"],
            "max_children": 1,
        },
    )
    assert unknown_feature.status_code == 422
    assert unknown_feature.json()["error"]["code"] == "unknown_feature"
    not_built = await admin.post(
        f"{SUBSCRIPTIONS}/admin/plans",
        json={
            "code": "family_olimp",
            "name": "X",
            "audience": "family",
            "price": 100,
            "duration_days": 1,
            "features": ["ai_tests", "olimp"],
            "max_children": 1,
        },
    )
    assert not_built.json()["error"]["code"] == "feature_not_live"
    assert not_built.json()["error"]["details"]["not_live"] == ["olimp"]

    code = await admin.post(
        f"{SUBSCRIPTIONS}/admin/promo-codes",
        json={"code": "yoz10", "kind": "percent", "percent": 10, "max_redemptions": 100},
    )
    assert code.status_code == 201 and code.json()["code"] == "YOZ10"
    actions = set(
        await db_session.scalars(select(AuditLog.action).where(AuditLog.actor_id == admin.id))
    )
    assert actions == {"plan.create", "plan.update", "promo_code.create"}

    moderator = await login_as(Role.moderator)
    assert (await moderator.get(f"{SUBSCRIPTIONS}/admin/plans")).status_code == 200
    features = (await moderator.get(f"{SUBSCRIPTIONS}/admin/features")).json()
    olimp = {"code": "olimp", "description": FEATURE_DESCRIPTIONS[Feature.olimp], "live": False}
    assert olimp in features
    denied = await moderator.patch(f"{SUBSCRIPTIONS}/admin/plans/{plan_id}", json={"price": 1})
    assert denied.status_code == 403


async def test_plans_show_only_live_features_in_the_readers_language(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    plan = await make_plan(db_session, features=[Feature.olimp, Feature.ai_tests])
    plan.translations = {"ru": {"name": "Семья — 1 месяц", "description": "Для всей семьи"}}
    await db_session.flush()
    russian = await login_as(Role.parent, language="ru")
    seen = {p["id"]: p for p in (await russian.get(f"{SUBSCRIPTIONS}/plans")).json()}
    assert seen[str(plan.id)]["name"] == "Семья — 1 месяц"
    assert seen[str(plan.id)]["features"] == ["ai_tests"]  # olympiads are not built yet
    english = await russian.get(f"{SUBSCRIPTIONS}/plans", params={"language": "en"})
    uzbek = await russian.get(f"{SUBSCRIPTIONS}/plans", params={"language": "uz"})
    names = {p["id"]: p["name"] for p in english.json()}
    assert names[str(plan.id)] == plan.name  # no English text yet: the Uzbek one
    assert {p["id"]: p["name"] for p in uzbek.json()}[str(plan.id)] == plan.name


async def test_a_parent_sees_which_children_the_plan_covers_and_the_seats_left(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent)
    first = await make_child(db_session, parent.user, first_name="Ali")
    second = await make_child(db_session, parent.user, first_name="Laylo")
    plan = await make_plan(db_session, seats=1, features=[Feature.ai_tests])
    now = utcnow()
    db_session.add(
        Subscription(
            owner_user_id=parent.id,
            plan_id=plan.id,
            starts_at=now,
            ends_at=now + timedelta(days=30),
        )
    )
    await db_session.flush()

    mine = (await parent.get(f"{SUBSCRIPTIONS}/me")).json()
    assert [(c["first_name"], c["covered"]) for c in mine["children"]] == [
        ("Ali", True),
        ("Laylo", False),
    ]
    assert mine["seats_left"] == 0  # adding a child now: warn that the plan will not cover them
    assert mine["subscription"]["plan"]["name"] == plan.name

    children = (await parent.get("/api/main/children")).json()
    assert {c["id"]: c["covered_by_plan"] for c in children} == {
        str(first.id): True,
        str(second.id): False,
    }


async def test_the_trials_length_is_told_before_it_starts(
    login_as: LoginAs, trial_plan: SubscriptionPlan, main_settings: MainSettings
) -> None:
    parent = await login_as(Role.parent)
    before = (await parent.get(f"{SUBSCRIPTIONS}/me")).json()
    assert before["trial_days"] == main_settings.subscription_trial_days
    await parent.post(f"{SUBSCRIPTIONS}/trial")
    assert (await parent.get(f"{SUBSCRIPTIONS}/me")).json()["trial_days"] is None


async def test_a_parent_chooses_the_child_a_one_child_plan_covers(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent)
    first = await make_child(db_session, parent.user, first_name="Ali")
    second = await make_child(db_session, parent.user, first_name="Laylo")
    chosen = f"{SUBSCRIPTIONS}/covered-children"
    none_yet = await parent.put(chosen, json={"child_ids": [str(second.id)]})
    assert none_yet.status_code == 409 and none_yet.json()["error"]["code"] == "no_family_plan"

    plan = await make_plan(db_session, seats=1, features=[Feature.ai_tests])
    now = utcnow()
    subscription = Subscription(
        owner_user_id=parent.id, plan_id=plan.id, starts_at=now, ends_at=now + timedelta(days=30)
    )
    db_session.add(subscription)
    await db_session.flush()
    assert (await entitlement_of(db_session, first.id)).coverages  # the first added, by default

    answer = await parent.put(chosen, json={"child_ids": [str(second.id)]})
    assert answer.status_code == 200
    assert [(c["first_name"], c["covered"]) for c in answer.json()["children"]] == [
        ("Ali", False),
        ("Laylo", True),
    ]
    await db_session.refresh(subscription)  # the request changed it in its own session
    assert not (await entitlement_of(db_session, first.id)).coverages

    both = await parent.put(chosen, json={"child_ids": [str(first.id), str(second.id)]})
    assert both.json()["error"]["code"] == "too_many_chosen_children"
    other_family = await make_child(db_session, (await login_as(Role.parent)).user)
    foreign = await parent.put(chosen, json={"child_ids": [str(other_family.id)]})
    assert foreign.status_code == 404


async def test_my_plan_is_named_in_the_language_the_page_asks_for(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent)
    plan = await make_plan(db_session, features=[Feature.ai_tests])
    plan.translations = {"ru": {"name": "Семья — 1 месяц"}}
    now = utcnow()
    db_session.add(
        Subscription(
            owner_user_id=parent.id,
            plan_id=plan.id,
            starts_at=now,
            ends_at=now + timedelta(days=30),
        )
    )
    await db_session.flush()
    russian = await parent.get(f"{SUBSCRIPTIONS}/me", params={"language": "ru"})
    uzbek = await parent.get(f"{SUBSCRIPTIONS}/me")
    assert russian.json()["subscription"]["plan"]["name"] == "Семья — 1 месяц"
    assert uzbek.json()["subscription"]["plan"]["name"] == plan.name
