"""The staff admin UI: only staff get in, with their own account; actions are audited."""

import contextvars
import html
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.kernel.models import Language, User
from alif_main.admin.i18n import COOKIE
from alif_main.admin.views import display_name
from alif_main.audit.models import AuditLog
from alif_main.testing import PASSWORD, make_account

ADMIN = "/api/main/admin"


@pytest.fixture
async def browser(
    started_app: FastAPI, db_session: AsyncSession
) -> AsyncIterator[httpx.AsyncClient]:
    """A browser on https (the admin cookie is Secure) that keeps its cookies."""
    transport = httpx.ASGITransport(app=started_app, client=("203.0.113.9", 40000))
    # These tests read the English texts: the language switch's choice (kept in a cookie).
    english = {COOKIE: "en"}
    async with httpx.AsyncClient(
        transport=transport, base_url="https://alif24.test", cookies=english
    ) as client:
        yield client


async def _sign_in(
    browser: httpx.AsyncClient, phone: str, password: str = PASSWORD
) -> httpx.Response:
    return await browser.post(f"{ADMIN}/login", data={"username": phone, "password": password})


async def test_a_moderator_signs_in_and_sees_the_accounts(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.moderator, phone="+998901110000")
    response = await _sign_in(browser, "+998 90 111 00 00")
    assert response.status_code in (302, 303)
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
    accounts = await browser.get(f"{ADMIN}/user/list")
    assert accounts.status_code == 200
    assert "password_hash" not in accounts.text


async def test_parents_and_wrong_passwords_stay_out(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.parent, phone="+998901110001")
    await make_account(db_session, started_app, Role.admin, phone="+998901110002")
    await _sign_in(browser, "+998901110001")
    assert (await browser.get(f"{ADMIN}/user/list")).status_code in (302, 303)
    await _sign_in(browser, "+998901110002", "wrong-password")
    assert (await browser.get(f"{ADMIN}/user/list")).status_code in (302, 303)


async def test_approving_in_the_ui_is_audited(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    admin = await make_account(db_session, started_app, Role.admin, phone="+998901110002")
    teacher = await make_account(
        db_session, started_app, Role.teacher, phone="+998901110003", status=AccountStatus.pending
    )
    await _sign_in(browser, "+998901110002")
    response = await browser.get(f"{ADMIN}/user/action/approve", params={"pks": str(teacher.id)})
    assert response.status_code in (302, 303)
    refreshed = await db_session.get(User, teacher.id, populate_existing=True)
    assert refreshed is not None
    assert refreshed.status is AccountStatus.active
    entry = await db_session.scalar(select(AuditLog).where(AuditLog.action == "account.approve"))
    assert entry is not None
    assert entry.actor_id == admin.id
    assert entry.ip_address == "203.0.113.9"


async def test_blocking_a_staff_member_ends_their_admin_session(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    moderator = await make_account(db_session, started_app, Role.moderator, phone="+998901110004")
    await _sign_in(browser, "+998901110004")
    assert (await browser.get(f"{ADMIN}/user/list")).status_code == 200
    moderator.status = AccountStatus.blocked
    await db_session.flush()
    assert (await browser.get(f"{ADMIN}/user/list")).status_code in (302, 303)


async def test_the_audit_log_is_for_admins_only(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.moderator, phone="+998901110005")
    await _sign_in(browser, "+998901110005")
    assert (await browser.get(f"{ADMIN}/audit-log/list")).status_code in (403, 404)


async def test_the_sign_in_form_asks_for_a_phone_and_keeps_it_after_a_wrong_password(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.admin, phone="+998901110010")
    form = await browser.get(f"{ADMIN}/login")
    assert "Phone or e-mail" in form.text
    assert "Username" not in form.text
    wrong = await _sign_in(browser, "+998 90 111 00 10", "wrong-password")
    assert wrong.status_code == 400
    assert 'value="+998 90 111 00 10"' in wrong.text
    assert "Wrong phone, e-mail or password." in wrong.text


async def test_the_home_page_lists_who_waits_for_approval_by_name(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.moderator, phone="+998901110011")
    teacher = await make_account(
        db_session,
        started_app,
        Role.teacher,
        phone="+998901110012",
        first_name="Dilnoza",
        last_name="Karimova",
        status=AccountStatus.pending,
    )
    await make_account(db_session, started_app, Role.teacher, first_name="Approved")
    await _sign_in(browser, "+998901110011")
    home = await browser.get(f"{ADMIN}/")
    assert home.status_code == 200
    assert "Dilnoza Karimova (+998901110012)" in home.text
    assert f"pks={teacher.id}" in home.text  # its approve button
    assert "Approved" not in home.text


async def test_an_action_says_what_it_did_and_what_it_left_alone(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.admin, phone="+998901110013")
    pending = await make_account(
        db_session, started_app, Role.teacher, status=AccountStatus.pending, first_name="Ali"
    )
    active = await make_account(db_session, started_app, Role.teacher, first_name="Vali")
    await _sign_in(browser, "+998901110013")
    response = await browser.get(
        f"{ADMIN}/user/action/approve", params={"pks": f"{pending.id},{active.id}"}
    )
    page = await browser.get(response.headers["location"])
    assert "Approved: 1." in page.text
    assert "Vali" in page.text and "not waiting for approval" in page.text
    unblock = await browser.get(f"{ADMIN}/user/action/unblock", params={"pks": str(active.id)})
    page = await browser.get(unblock.headers["location"])
    assert "This account is not blocked." in page.text
    assert (
        await db_session.scalar(select(AuditLog).where(AuditLog.action == "account.unblock"))
        is None
    )


async def _balance(db_session: AsyncSession, user: User) -> int:
    from alif import ledger

    return await ledger.balance_of(db_session, user.id)


async def test_an_admin_grants_coins_once_with_a_reason_in_the_audit_log(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    admin = await make_account(db_session, started_app, Role.admin, phone="+998901110014")
    child = await make_account(db_session, started_app, Role.student, username="lola_grant")
    await _sign_in(browser, "+998901110014")
    page = await browser.get(f"{ADMIN}/accounts/{child.id}")
    assert page.status_code == 200
    assert "Grant coins" in page.text
    form = {"amount": "40", "reason": "olympiad prize", "key": "a1b2c3d4e5f6a7b8"}
    first = await browser.post(f"{ADMIN}/accounts/{child.id}/coins", data=form)
    assert "+40 coins" in (await browser.get(first.headers["location"])).text
    again = await browser.post(f"{ADMIN}/accounts/{child.id}/coins", data=form)  # resubmitted
    assert first.status_code == again.status_code == 303
    assert await _balance(db_session, child) == 40
    shown = await browser.get(again.headers["location"])
    assert "already made" in shown.text
    entries = list(
        await db_session.scalars(select(AuditLog).where(AuditLog.action == "coins.adjust"))
    )
    assert len(entries) == 1
    assert entries[0].actor_id == admin.id
    assert entries[0].details["reason"] == "olympiad prize"
    refused = await browser.post(
        f"{ADMIN}/accounts/{child.id}/coins", data={**form, "key": "b1b2c3d4e5f6a7b8", "reason": ""}
    )
    assert refused.status_code == 303
    assert await _balance(db_session, child) == 40


async def test_a_moderator_cannot_grant_coins_or_change_roles(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    moderator = await make_account(db_session, started_app, Role.moderator, phone="+998901110015")
    teacher = await make_account(db_session, started_app, Role.teacher)
    await _sign_in(browser, "+998901110015")
    page = await browser.get(f"{ADMIN}/accounts/{teacher.id}")
    assert page.status_code == 200
    assert "Grant coins" not in page.text and "Change the role" not in page.text
    await browser.post(
        f"{ADMIN}/accounts/{teacher.id}/coins",
        data={"amount": "500", "reason": "for me", "key": "c1b2c3d4e5f6a7b8"},
    )
    await browser.post(
        f"{ADMIN}/accounts/{moderator.id}/role", data={"role": "admin", "reason": "promote me"}
    )
    assert await _balance(db_session, teacher) == 0
    refreshed = await db_session.get(User, moderator.id, populate_existing=True)
    assert refreshed is not None and refreshed.role is Role.moderator


async def test_an_admin_changes_a_role_with_a_reason_but_never_their_own(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    admin = await make_account(db_session, started_app, Role.admin, phone="+998901110016")
    teacher = await make_account(db_session, started_app, Role.teacher)
    await _sign_in(browser, "+998901110016")
    without_reason = await browser.post(
        f"{ADMIN}/accounts/{teacher.id}/role", data={"role": "moderator", "reason": ""}
    )
    assert without_reason.status_code == 303
    assert (await db_session.get(User, teacher.id, populate_existing=True)).role is Role.teacher  # type: ignore[union-attr]
    await browser.post(
        f"{ADMIN}/accounts/{teacher.id}/role",
        data={"role": "moderator", "reason": "runs the support desk"},
    )
    changed = await db_session.get(User, teacher.id, populate_existing=True)
    assert changed is not None and changed.role is Role.moderator
    entry = await db_session.scalar(
        select(AuditLog).where(AuditLog.action == "account.role_change")
    )
    assert entry is not None and entry.actor_id == admin.id
    assert entry.details == {
        "from": "teacher",
        "to": "moderator",
        "reason": "runs the support desk",
    }
    own = await browser.get(f"{ADMIN}/accounts/{admin.id}")
    assert "Change the role" not in own.text
    await browser.post(
        f"{ADMIN}/accounts/{admin.id}/role", data={"role": "parent", "reason": "testing"}
    )
    still = await db_session.get(User, admin.id, populate_existing=True)
    assert still is not None and still.role is Role.admin


def test_money_reads_as_som() -> None:
    from alif_main.admin import i18n
    from alif_main.admin.views import money

    assert money(1_990_000) == "19\u00a0900\u00a0soʻm"  # Uzbek until a language is chosen
    assert money(2_990_050) == "29\u00a0900,50\u00a0soʻm"
    assert money(-500) == "-5\u00a0soʻm"

    def in_russian() -> str:
        i18n.use_account_language(Language.ru)
        return money(1_990_000)

    assert contextvars.copy_context().run(in_russian) == "19\u00a0900\u00a0сум"


async def test_lists_show_people_by_name_under_readable_headings(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    admin = await make_account(
        db_session, started_app, Role.admin, phone="+998901110017", first_name="Aziza"
    )
    child = await make_account(
        db_session, started_app, Role.student, username="bek_names", first_name="Bek"
    )
    await _sign_in(browser, "+998901110017")
    await browser.post(
        f"{ADMIN}/accounts/{child.id}/coins",
        data={"amount": "5", "reason": "kind words", "key": "d1b2c3d4e5f6a7b8"},
    )
    audit = html.unescape((await browser.get(f"{ADMIN}/audit-log/list")).text)
    assert f"<td>{display_name(admin)}</td>" in audit
    assert ">By<" in re.sub(r"\s+", "", audit)
    assert "actor_id" not in audit
    ledger = html.unescape((await browser.get(f"{ADMIN}/coin-transaction/list")).text)
    assert display_name(child) in ledger
    assert "@bek_names" in display_name(child)
    assert str(child.id) not in ledger
    accounts = (await browser.get(f"{ADMIN}/user/list")).text
    assert "First name" in accounts and "first_name" not in accounts


async def test_an_accounts_page_offers_only_what_applies_to_it(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    moderator = await make_account(db_session, started_app, Role.moderator, phone="+998901110018")
    pending = await make_account(
        db_session, started_app, Role.teacher, status=AccountStatus.pending
    )
    blocked = await make_account(db_session, started_app, Role.parent, status=AccountStatus.blocked)
    admin = await make_account(db_session, started_app, Role.admin)
    await _sign_in(browser, "+998901110018")

    async def buttons(user: User) -> set[str]:
        text = (await browser.get(f"{ADMIN}/accounts/{user.id}")).text
        return {name for name in ("Approve", "Block", "Unblock") if f">{name}</a>" in text}

    details = await browser.get(f"{ADMIN}/user/details/{pending.id}")
    assert "Coins and role" in details.text
    manage = await browser.get(f"{ADMIN}/user/action/manage", params={"pks": str(pending.id)})
    assert manage.headers["location"].endswith(f"{ADMIN}/accounts/{pending.id}")
    assert await buttons(pending) == {"Approve", "Block"}
    assert await buttons(blocked) == {"Unblock"}
    assert await buttons(admin) == set()  # a moderator cannot block staff
    assert await buttons(moderator) == set()  # nor themselves


async def test_an_accounts_details_name_who_created_it_and_offer_no_action_that_may_not_apply(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.admin, phone="+998901110019")
    parent = await make_account(db_session, started_app, Role.parent, first_name="Madina")
    child = await make_account(
        db_session, started_app, Role.student, username="zara_made", created_by_id=parent.id
    )
    await _sign_in(browser, "+998901110019")
    details = html.unescape((await browser.get(f"{ADMIN}/user/details/{child.id}")).text)
    assert display_name(parent) in details and str(parent.id) not in details
    assert "alif.kernel.models" not in details  # no relationship printed as a Python object
    assert "Coins and role" in details  # its page offers what applies
    for action in ("approve", "block", "unblock"):
        assert f"action-user-{action}" not in details and f"/user/action/{action}" not in details
