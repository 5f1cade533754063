"""Test helpers for main's tests (and any test that needs real accounts): accounts that sign in
with a password or a PIN, hashed the way the app hashes them, and an outbox for one-time codes."""

from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.kernel.models import Organization, OrganizationKind, User
from alif.testing import TestKeys, make_child, make_user
from alif_main.auth.service import AuthService
from alif_main.config import MainSettings
from alif_main.payments.testing import (
    CLICK_MERCHANT_ID,
    CLICK_SECRET_KEY,
    CLICK_SERVICE_ID,
    PAYME_KEY,
    PAYME_MERCHANT_ID,
)


class Outbox:
    """Codes the app sent, by recipient: what a user would read on their phone."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, recipient: str, code: str) -> None:
        self.sent.append((recipient, code))

    def last_code(self, recipient: str) -> str:
        codes = [code for to, code in self.sent if to == recipient]
        assert codes, f"no code was sent to {recipient}"
        return codes[-1]

    def count(self, recipient: str) -> int:
        return sum(1 for to, _ in self.sent if to == recipient)


def main_test_settings(values: dict[str, Any], keys: TestKeys, **extra: Any) -> MainSettings:
    """main's settings in tests: the common values (alif.testing's `settings_values`), signing
    keys, and test values for the providers (tests talk to the app as Payme and Click would,
    never to them)."""
    return MainSettings(
        **{
            **values,
            "jwt_private_key": keys.private_pem,
            "admin_session_secret": "test-admin-session-secret-of-enough-length",
            "cookie_domain": "alif24.test",
            "payme_merchant_id": PAYME_MERCHANT_ID,
            "payme_key": PAYME_KEY,
            "payme_checkout_url": "https://checkout.test.paycom.uz",
            "click_service_id": CLICK_SERVICE_ID,
            "click_merchant_id": CLICK_MERCHANT_ID,
            "click_secret_key": CLICK_SECRET_KEY,
            **extra,
        }
    )


PASSWORD = "kitob-oʻqish-2026"
PIN = "4821"


def _hasher(app: FastAPI) -> Any:
    auth: AuthService = app.state.auth
    return auth.hasher


async def make_account(
    db: AsyncSession,
    app: FastAPI,
    role: Role = Role.parent,
    password: str = PASSWORD,
    **fields: Any,
) -> User:
    fields.setdefault("password_hash", await _hasher(app).hash(password))
    return await make_user(db, role=role, **fields)


async def make_pin_child(
    db: AsyncSession, app: FastAPI, parent: User, pin: str = PIN, **fields: Any
) -> User:
    return await make_child(db, parent, pin_hash=await _hasher(app).hash(pin), **fields)


async def make_organization(
    db: AsyncSession, app: FastAPI, **fields: Any
) -> tuple[User, Organization]:
    owner = await make_account(db, app, Role.organization, **fields)
    organization = Organization(
        owner_id=owner.id, name="Ziyo oʻquv markazi", kind=OrganizationKind.learning_centre
    )
    db.add(organization)
    await db.flush()
    return owner, organization
