"""The admin UI in Uzbek, Russian and English: every text it shows has all three, a staff
member reads their account's language, and the switch picks another for the browser."""

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import sqladmin
from fastapi import FastAPI
from sqlalchemy import Enum
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.errors import AppError
from alif.kernel.models import Language
from alif.ledger import exceptions as ledger_errors
from alif_main.admin import i18n
from alif_main.admin.setup import ADMIN_PATH, MODEL_VIEWS
from alif_main.payments.reconciliation import Flag
from alif_main.testing import PASSWORD, make_account
from alif_main.users import exceptions as user_errors

ADMIN_PACKAGE = Path(i18n.__file__).parent
SQLADMIN_TEMPLATES = Path(sqladmin.__file__).parent / "templates" / "sqladmin"
# The sqladmin pages a read-only admin renders (no create, edit, delete, import or filters).
SQLADMIN_PAGES = [
    "layout.html",
    "list.html",
    "details.html",
    "error.html",
    "_macros.html",
    "modals/list_action_confirmation.html",
    "modals/details_action_confirmation.html",
]
# sqladmin buttons a read-only view never shows.
NEVER_SHOWN = {"Delete", "Delete selected items", "Edit", "Export", "Import CSV", "New %(name)s"}
QUOTED = r"""\(\s*(?:"([^"]+)"|'([^']+)')"""


def _quoted(call: str, text: str) -> set[str]:
    return {a or b for a, b in re.findall(call + QUOTED, text)}


def shown_texts() -> set[str]:
    """Every English text the admin can show: in the templates, in the Python code (view names,
    actions, messages), the column headings, the states and kinds in its columns, and the error
    messages its actions pass on."""
    texts: set[str] = set()
    for page in SQLADMIN_PAGES:
        texts |= _quoted(r"\b_", (SQLADMIN_TEMPLATES / page).read_text())
    for template in (ADMIN_PACKAGE / "templates").rglob("*.html"):
        texts |= _quoted(r"\b_", template.read_text())
    for module in ADMIN_PACKAGE.glob("*.py"):
        source = module.read_text()
        texts |= _quoted(r"\b(?:gettext|Text)", source)
        texts |= _quoted(r"NotApplicable", source)
    for view_class in MODEL_VIEWS:
        view = view_class()
        texts |= {str.__str__(label) for label in view._column_labels.values()}
        for column in view.model.__table__.columns:
            if isinstance(column.type, Enum) and column.type.enum_class is not None:
                texts |= {member.value for member in column.type.enum_class}
    texts |= {role.value for role in Role} | {status.value for status in AccountStatus}
    texts |= {flag.value for flag in Flag} | {"paid_not_activated"}
    for module in (user_errors, ledger_errors):
        texts |= {
            error.message
            for error in vars(module).values()
            if isinstance(error, type) and issubclass(error, AppError)
        }
    return {text for text in texts if text.strip()} - NEVER_SHOWN


def test_every_text_the_admin_shows_is_in_uzbek_and_russian() -> None:
    missing = sorted(
        text
        for text in shown_texts()
        if not all(i18n.CATALOG.get(text, {}).get(language) for language in ("uz", "ru"))
    )
    assert missing == []


@pytest.fixture
async def browser(started_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=started_app)  # the admin cookie is Secure: https
    async with httpx.AsyncClient(transport=transport, base_url="https://alif24.test") as client:
        yield client


async def _sign_in(
    browser: httpx.AsyncClient, phone: str, password: str = PASSWORD
) -> httpx.Response:
    return await browser.post(f"{ADMIN_PATH}/login", data={"username": phone, "password": password})


async def test_the_sign_in_page_is_uzbek_first_and_follows_the_browser(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(db_session, started_app, Role.admin, phone="+998901120001")
    form = await browser.get(f"{ADMIN_PATH}/login")
    assert '<html lang="uz">' in form.text
    assert "Telefon yoki e-pochta" in form.text and "Username" not in form.text
    wrong = await _sign_in(browser, "+998 90 112 00 01", "wrong-password")
    assert 'value="+998 90 112 00 01"' in wrong.text
    assert "Telefon, e-pochta yoki parol notoʻgʻri." in wrong.text
    russian = await browser.get(f"{ADMIN_PATH}/login", headers={"Accept-Language": "ru-RU,ru"})
    assert "Телефон или e-mail" in russian.text and '<html lang="ru">' in russian.text


async def test_staff_read_their_accounts_language_until_they_switch(
    browser: httpx.AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    await make_account(
        db_session, started_app, Role.admin, phone="+998901120002", language=Language.ru
    )
    await make_account(
        db_session, started_app, Role.teacher, first_name="Nodira", status=AccountStatus.pending
    )
    await _sign_in(browser, "+998901120002")
    home = (await browser.get(f"{ADMIN_PATH}/")).text
    assert "Учителя и организации ждут одобрения" in home
    assert "учитель" in home and "Одобрить" in home  # the role and its action, in Russian
    accounts = (await browser.get(f"{ADMIN_PATH}/user/list")).text
    for russian in ("Аккаунты", "Действия", "Поиск", "Имя", "Последний вход", "Выйти"):
        assert russian in accounts, russian
    for english in (">Actions<", "First name", "Showing", "Logout"):
        assert english not in accounts, english

    switched = await browser.get(f"{ADMIN_PATH}/user/list", params={"lang": "uz"})
    assert f"{i18n.COOKIE}=uz" in switched.headers["set-cookie"]
    assert "Hisoblar" in switched.text and "Amallar" in switched.text
    kept = (await browser.get(f"{ADMIN_PATH}/")).text  # the choice stays for this browser
    assert "Tasdiq kutayotgan oʻqituvchilar va tashkilotlar" in kept
    assert '<html lang="uz">' in kept
