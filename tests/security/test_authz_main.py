"""main: every operation × every role answers as its table says (issue 21 §1).

Objects of A's side: the parent's and the child's devices, a second class of A's teacher with
the child invited to it, the teacher's membership of A's school, a shop item, a plan, a promo
code, the parent's order and a failed job."""

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.cache import Cache
from alif.db import utcnow
from alif.jobs import Job, JobStatus
from alif.kernel.models import OrganizationMember
from alif.testing import (
    TestKeys,
    authorization_mismatches,
    make_authz_world,
    make_user,
    token_for,
)
from alif.tuition import LinkStatus, TuitionLink
from alif_main.app import create_main_app
from alif_main.auth.models import AuthSession, SessionKind
from alif_main.auth.service import AuthService
from alif_main.payments.testing import make_plan
from alif_main.shop.models import ItemKind, ShopItem
from alif_main.subscriptions.models import PromoCode, PromoKind
from alif_main.testing import PASSWORD, main_test_settings

# Named answers (alif.testing.parse_expectation), then operationId → answer.
SIGNED_IN = "anonymous:401 *:ok"  # about oneself: every account has its own
STAFF = "anonymous:401 moderator,admin:ok *:403"
ADMIN = "anonymous:401 admin:ok *:403"
PARENTS = "anonymous:401 parent,other_parent:ok *:403"
PAYERS = "anonymous:401 parent,other_parent,organization:ok *:403"  # whoever buys a plan
CHILDREN = "anonymous:401 student,other_child:ok *:403"
TEACHING = "anonymous:401 teacher,other_teacher,organization:ok *:403"
# A's child: their parent; another parent does not learn the child exists.
MY_CHILD = "anonymous:401 parent:ok other_parent:404 *:403"
# A's teacher's class: the teacher and their school's owner; another school's teacher does not
# find it.
MY_CLASS = "anonymous:401 teacher,organization:ok other_teacher:404 *:403"
# The parent's order: nobody else finds it, staff included.
MY_ORDER = "anonymous:401 parent:ok *:404"
# Public: signing in and up (the body carries the credential), the keys, and the providers'
# callbacks (each checks its own credential: Payme's and Click's protocols answer an error in a
# 200; Telegram's and Eskiz's secrets are refused with 403).
PUBLIC = "*:ok"

EXPECTED: dict[str, str] = {
    "auth-register": PUBLIC,
    "auth-send_code": PUBLIC,
    "auth-verify_code": PUBLIC,
    "auth-login": PUBLIC,
    "auth-reset_password": PUBLIC,
    "auth-logout": PUBLIC,  # ends the session of the cookie or token it is given, if any
    "auth-json_web_keys": PUBLIC,
    "auth-child_login": "*:401",  # no such child, whoever asks
    "auth-refresh": "*:401",  # no refresh token given
    "auth-list_sessions": "anonymous:401 student,other_child:403 *:ok",  # children: see parent
    "auth-end_session": "anonymous:401 student,other_child:403 parent:ok *:404",
    "users-read_me": SIGNED_IN,
    "users-update_me": SIGNED_IN,
    "users-change_password": SIGNED_IN,
    "users-list_users": STAFF,
    "users-get_user": STAFF,
    "users-approve_user": STAFF,
    "users-block_user": STAFF,
    "users-unblock_user": STAFF,
    "users-change_role": ADMIN,
    "family-list_children": PARENTS,
    "family-create_child": PARENTS,
    "family-create_invitation": PARENTS,
    "family-accept_invitation": CHILDREN,  # the code the parent gave is the permission
    "family-get_child": MY_CHILD,
    "family-update_child": MY_CHILD,
    "family-remove_child": MY_CHILD,
    "family-reset_pin": MY_CHILD,
    "family-child_devices": MY_CHILD,
    "family-end_child_device": MY_CHILD,
    "organizations-search_organizations": SIGNED_IN,
    "organizations-join_organization": "anonymous:401 teacher,other_teacher:ok *:403",
    # "mine": the caller's own organization, so only an organization's owner gets in
    "organizations-list_members": "anonymous:401 organization:ok *:403",
    "organizations-approve_member": "anonymous:401 organization:ok *:403",
    "organizations-reject_member": "anonymous:401 organization:ok *:403",
    "organizations-remove_member": "anonymous:401 organization:ok *:403",
    "groups-create_group": TEACHING,
    "groups-list_groups": TEACHING,
    "groups-get_group": MY_CLASS,
    "groups-update_group": MY_CLASS,
    "groups-archive_group": MY_CLASS,
    "groups-unarchive_group": MY_CLASS,
    "groups-new_join_code": MY_CLASS,
    "groups-list_members": MY_CLASS,
    "groups-invite": MY_CLASS,
    "groups-list_invitations": MY_CLASS,
    "groups-remove_member": MY_CLASS,
    # the invitation is to the teacher's second class, made outside any school
    "groups-cancel_invitation": "anonymous:401 teacher:ok other_teacher,organization:404 *:403",
    "groups-join_group": CHILDREN,  # the join code is the permission
    "groups-my_groups": CHILDREN,
    "groups-leave_group": "anonymous:401 student:ok other_child:404 *:403",
    "groups-child_groups": MY_CHILD,
    "groups-remove_child_from_group": MY_CHILD,
    "groups-child_invitations": MY_CHILD,
    "groups-accept_invitation": MY_CHILD,
    "groups-decline_invitation": MY_CHILD,
    "wallet-my_wallet": SIGNED_IN,
    "wallet-my_history": SIGNED_IN,
    "wallet-children_wallets": PARENTS,
    "wallet-child_wallet": MY_CHILD,
    "wallet-child_history": MY_CHILD,
    "wallet-user_wallet": STAFF,
    "wallet-user_history": STAFF,
    "wallet-adjust_coins": ADMIN,
    "shop-list_items": SIGNED_IN,
    "shop-create_item": ADMIN,
    "shop-update_item": ADMIN,
    "shop-buy_item": CHILDREN,
    "shop-my_inventory": SIGNED_IN,
    "shop-equip": "anonymous:401 *:404",  # only what one owns: nobody owns the world's item
    "shop-unequip": "anonymous:401 *:404",
    "subscriptions-list_plans": "anonymous:401 student,other_child:403 *:ok",
    "subscriptions-my_subscription": SIGNED_IN,
    "subscriptions-start_trial": PAYERS,
    "subscriptions-choose_children": PAYERS,
    "subscriptions-redeem_promo": PAYERS,
    "subscriptions-list_features": STAFF,
    "subscriptions-all_plans": STAFF,
    "subscriptions-create_plan": ADMIN,
    "subscriptions-update_plan": ADMIN,
    "subscriptions-list_promo_codes": STAFF,
    "subscriptions-create_promo_code": ADMIN,
    "subscriptions-update_promo_code": ADMIN,
    "orders-create_order": PARENTS,
    "orders-list_orders": SIGNED_IN,
    "orders-get_order": MY_ORDER,
    "orders-checkout": MY_ORDER,
    "orders-cancel_order": MY_ORDER,
    "payments-payme_merchant_api": PUBLIC,
    "payments-click_prepare": PUBLIC,
    "payments-click_complete": PUBLIC,
    # A centre's tuition bill: whoever holds the link may see and pay it, signed in or not.
    "tuition-get_bill": PUBLIC,
    "tuition-checkout": PUBLIC,
    "payments-list_transactions": STAFF,
    "payments-reconciliation_report": STAFF,
    "jobs-read_jobs": STAFF,
    "jobs-retry_job": STAFF,
    "notifications-list_notifications": SIGNED_IN,
    "notifications-mark_read": SIGNED_IN,
    "notifications-read_channels": SIGNED_IN,
    "notifications-read_preferences": SIGNED_IN,
    "notifications-update_preference": SIGNED_IN,
    "notifications-create_telegram_code": SIGNED_IN,
    "notifications-unlink_telegram": SIGNED_IN,
    "notifications-telegram_webhook": "*:403",  # without Telegram's secret
    "notifications-eskiz_delivery_report": "*:403",  # without Eskiz's secret
    "reports-read_weekly_report": PARENTS,
}


@pytest.fixture(scope="module")
def app(settings_values: dict[str, Any], test_keys: TestKeys) -> FastAPI:
    return create_main_app(
        main_test_settings(
            settings_values,
            test_keys,
            telegram_bot_token="123:authz",
            telegram_bot_username="alif24_authz_bot",
            telegram_webhook_secret="authz-webhook-secret",
        )
    )


async def _device(db: AsyncSession, user_id: uuid.UUID) -> str:
    session = AuthSession(
        user_id=user_id, kind=SessionKind.web, expires_at=utcnow() + timedelta(days=30)
    )
    db.add(session)
    await db.flush()
    return str(session.id)


async def test_every_operation_answers_every_role_as_its_table_says(
    app: FastAPI, client: AsyncClient, db_session: AsyncSession, cache: Cache, test_keys: TestKeys
) -> None:
    world = await make_authz_world(db_session, client, test_keys)
    # main checks the token's session: each actor signs in on a device of their own, with a
    # password (to change it).
    auth: AuthService = app.state.auth
    password_hash = await auth.hasher.hash(PASSWORD)
    for actor in world.actors.values():
        actor.user.password_hash = password_hash
        session_id = uuid.UUID(await _device(db_session, actor.id))
        actor.token = token_for(test_keys, actor.user, session_id=session_id)
        actor.headers = {"Authorization": f"Bearer {actor.token}"}
    teacher, parent, student = (world.actors[r] for r in ("teacher", "parent", "student"))
    second = await teacher.post("/api/main/groups", json={"name": "6-A"})
    assert second.status_code == 201, second.text
    invited = await teacher.post(
        f"/api/main/groups/{second.json()['id']}/invitations",
        json={"username": student.user.username},
    )
    assert invited.status_code == 202, invited.text
    membership = await db_session.scalar(
        select(OrganizationMember.id).where(OrganizationMember.user_id == teacher.id)
    )
    item = ShopItem(code="avatar-lion", kind=ItemKind.avatar, name="Sher", price=50)
    promo = PromoCode(
        code="BAHOR", kind=PromoKind.percent, percent=20, valid_from=utcnow() - timedelta(days=1)
    )
    job = Job(
        queue="main",
        name="main.send_sms",
        payload={"sms_id": "x"},
        idempotency_key=f"failed-{uuid.uuid4()}",
        status=JobStatus.failed,
        attempts=5,
    )
    link = TuitionLink(
        organization_id=uuid.UUID(world.ids["organization_id"]),
        student_id=uuid.uuid4(),
        student_name="Ali V.",
        amount=30_000_000,
        month=date(2026, 9, 1),
        status=LinkStatus.waiting,
    )
    db_session.add_all([item, promo, job, link])
    plan = await make_plan(db_session)
    ordered = await parent.post(
        "/api/main/orders", json={"plan_id": str(plan.id), "idempotency_key": str(uuid.uuid4())}
    )
    assert ordered.status_code == 201, ordered.text
    invitation = {"group_id": second.json()["id"]}
    family_code = (await parent.post("/api/main/family/invitations", json={})).json()["code"]
    adult = await make_user(db_session, role=Role.parent)
    world.ids |= {
        "session_id": await _device(db_session, parent.id),
        "member_id": str(membership),
        "invitation_id": invited.json()["id"],
        "item_id": str(item.id),
        "plan_id": str(plan.id),
        "promo_id": str(promo.id),
        "order_id": ordered.json()["id"],
        "job_id": str(job.id),
        "kind": "weekly_report",
        "link_id": str(link.id),
    }
    child_device = {"session_id": await _device(db_session, student.id)}
    requests: dict[str, dict[str, Any]] = {
        "family-end_child_device": {"ids": child_device},
        "groups-cancel_invitation": {"ids": invitation},
        "groups-join_group": {"json": {"code": second.json()["join_code"]}},
        "family-accept_invitation": {"json": {"code": family_code}},
        "users-change_password": {
            "json": {"current_password": PASSWORD, "new_password": "yangi-parol-2026-kuz"}
        },
        "users-change_role": {"json": {"role": "teacher"}, "ids": {"user_id": str(adult.id)}},
        "wallet-adjust_coins": {
            "json": {
                "user_id": str(student.id),
                "amount": 5,
                "reason": "Olimpiada",
                "idempotency_key": str(uuid.uuid4()),
            }
        },
        "orders-create_order": {
            "json": {"plan_id": str(plan.id), "idempotency_key": str(uuid.uuid4())}
        },
        "subscriptions-redeem_promo": {"json": {"code": "BAHOR"}},
    }
    problems = await authorization_mismatches(app, world, EXPECTED, db_session, cache, requests)
    assert problems == [], "\n".join(problems)
