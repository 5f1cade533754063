"""Payme's cash-desk key: from the environment, replaced at run time by Payme's ChangePassword.

Only a hash of the key is stored (`payment_provider_key`), because comparing needs nothing more.
A stored key records the hash of the environment key it replaced; when operators put a different
key in the environment, the environment's key applies again.
"""

import base64
import binascii
import hashlib
import hmac
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from alif_main.config import MainSettings
from alif_main.orders.models import PaymentProvider
from alif_main.payments.models import ProviderKey

PAYME_LOGIN = b"Paycom"


def key_hash(key: str) -> str:
    return hashlib.sha256(b"alif24 payme key\x00" + key.encode()).hexdigest()


async def current_key_hash(db: AsyncSession, settings: MainSettings) -> str | None:
    """The hash of the key Payme must present now; None when Payme is not configured."""
    if not settings.payme_configured:
        return None
    from_environment = key_hash(settings.payme_key)
    stored = await db.get(ProviderKey, PaymentProvider.payme)
    if stored is not None and stored.replaces == from_environment:
        return stored.key_hash
    return from_environment


async def change_key(
    db: AsyncSession, settings: MainSettings, new_key: str, *, now: datetime
) -> None:
    stored = await db.get(ProviderKey, PaymentProvider.payme, with_for_update=True)
    if stored is None:
        stored = ProviderKey(provider=PaymentProvider.payme)
        db.add(stored)
    stored.key_hash = key_hash(new_key)
    stored.replaces = key_hash(settings.payme_key)
    stored.changed_at = now
    await db.flush()


async def payme_authorized(
    db: AsyncSession, settings: MainSettings, authorization: str | None
) -> bool:
    """`Authorization: Basic base64("Paycom:" + key)`, compared in constant time."""
    expected = await current_key_hash(db, settings)
    if expected is None or not authorization:
        return False
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return False
    login, separator, password = decoded.partition(":")
    login_ok = hmac.compare_digest(login.encode(), PAYME_LOGIN)
    key_ok = hmac.compare_digest(key_hash(password).encode(), expected.encode())
    return bool(separator) and login_ok and key_ok
