"""The admin UI's coins and payments pages: staff sign in and see them, nobody else does."""

import html
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.cache import Cache
from alif.db import utcnow
from alif_main.admin.i18n import COOKIE
from alif_main.admin.views import display_name
from alif_main.orders.models import Order, OrderStatus
from alif_main.payments.models import PaymentTransaction
from alif_main.payments.testing import PaymeClient, make_plan, payme_id
from alif_main.testing import PASSWORD, make_account

PAGES = [
    "/api/main/admin/reconciliation",
    "/api/main/admin/payment-transaction/list",
    "/api/main/admin/order/list",
    "/api/main/admin/coin-transaction/list",
    "/api/main/admin/subscription-plan/list",
    "/api/main/admin/shop-item/list",
]


@pytest.fixture
async def browser(
    started_app: FastAPI, db_session: AsyncSession, cache: Cache
) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=started_app)  # the admin cookie is Secure: https
    english = {COOKIE: "en"}  # the language switch's choice: these tests read English
    async with httpx.AsyncClient(
        transport=transport, base_url="https://testserver", cookies=english
    ) as client:
        yield client


async def sign_in(browser: httpx.AsyncClient, phone: str | None) -> None:
    response = await browser.post(
        "/api/main/admin/login", data={"username": phone or "", "password": PASSWORD}
    )
    assert response.status_code in (302, 303, 400)


async def test_staff_see_the_payment_pages_and_the_flagged_payment(
    browser: httpx.AsyncClient,
    started_app: FastAPI,
    db_session: AsyncSession,
    payme: PaymeClient,
) -> None:
    plan = await make_plan(db_session)
    parent = await make_account(db_session, started_app, Role.parent)
    order = Order(
        user_id=parent.id,
        plan_id=plan.id,
        duration_days=30,
        base_amount=plan.price,
        amount=plan.price,
        status=OrderStatus.pending,
        idempotency_key="admin-page-order",
        expires_at=utcnow() + timedelta(hours=24),
    )
    db_session.add(order)
    await db_session.flush()
    stale = payme_id()
    await payme.create(stale, order.id, plan.price)
    await db_session.execute(
        update(PaymentTransaction)
        .where(PaymentTransaction.provider_tx_id == stale)
        .values(provider_time=PaymentTransaction.provider_time - 13 * 3_600_000)
    )

    moderator = await make_account(db_session, started_app, Role.moderator)
    await sign_in(browser, moderator.phone)
    for page in PAGES:
        response = await browser.get(page)
        assert response.status_code == 200, page
    reconciliation = (await browser.get(PAGES[0])).text
    assert stale in reconciliation and "stale_payme" in reconciliation
    # The home page lists it with the buyer's name and the amount in so'm.
    home = html.unescape((await browser.get("/api/main/admin/")).text)
    assert stale in home and "stale_payme" in home
    assert display_name(parent) in home
    assert "29\u00a0900\u00a0so'm" in home  # English, the language these tests chose
    plans = (await browser.get("/api/main/admin/subscription-plan/list")).text
    assert "<td>Yes</td>" in plans  # the plan is active, said in words
    calls = await browser.get("/api/main/admin/payment-callback/list")
    assert calls.status_code == 403  # provider calls are for admins only


async def test_parents_cannot_open_the_admin_pages(
    browser: httpx.AsyncClient, started_app: FastAPI, db_session: AsyncSession
) -> None:
    parent = await make_account(db_session, started_app, Role.parent)
    await sign_in(browser, parent.phone)
    response = await browser.get(PAGES[0])
    assert response.status_code in (302, 303) and "login" in response.headers["location"]
