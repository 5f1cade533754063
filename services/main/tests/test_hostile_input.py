"""Every write route of main, sent text with control characters, date-times without an offset and
numbers past the database's range in each field: a 4xx each time, never a 500 (run it on
PostgreSQL too: a NUL fails there only in the database)."""

from datetime import timedelta

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.cache import Cache
from alif.db import utcnow
from alif.testing import LoginAs, make_child, make_study_group, send_hostile_inputs
from alif_main.payments.testing import make_plan
from alif_main.shop.models import ItemKind, ShopItem
from alif_main.subscriptions.models import PromoCode, PromoKind


async def test_no_write_route_answers_bad_input_with_a_server_error(
    started_app: FastAPI,
    client: AsyncClient,
    login_as: LoginAs,
    db_session: AsyncSession,
    cache: Cache,
) -> None:
    admin = await login_as(Role.admin)
    parent = await login_as(Role.parent)
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    child = await make_child(db_session, parent.user)
    group = await make_study_group(db_session, teacher.user)
    item = ShopItem(code="avatar-lion", kind=ItemKind.avatar, name="Sher", price=50)
    plan = await make_plan(db_session)
    promo = PromoCode(
        code="BAHOR", kind=PromoKind.percent, percent=20, valid_from=utcnow() - timedelta(days=1)
    )
    db_session.add_all([item, promo])
    await db_session.flush()

    sent, failures = await send_hostile_inputs(
        started_app,
        client,
        [admin, parent, teacher, student],
        cache,
        {
            "child_id": str(child.id),
            "group_id": str(group.id),
            "user_id": str(student.id),
            "item_id": str(item.id),
            "plan_id": str(plan.id),
            "promo_id": str(promo.id),
        },
    )
    assert failures == []
    assert sent > 250  # every field of every write route


async def test_a_control_character_in_a_search_is_refused(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    for url in ("/api/main/organizations?q=zi%00yo", "/api/main/organizations?q=%1b"):
        response = await teacher.get(url)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "control_characters"
