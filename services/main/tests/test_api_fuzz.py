"""Schemathesis generates requests from main's OpenAPI document: none may cause a 5xx, every
answer matches the documented schema, and no route works without a token unless it is public."""

import asyncio
from pathlib import Path
from typing import Any

import pytest

from alif.auth import Role
from alif.db import standalone_session
from alif.notifications.testing import ESKIZ_EMAIL, ESKIZ_PASSWORD, FakeEskiz
from alif.testing import TestKeys, fresh_database, fuzz_openapi, make_user, serve_asgi, token_for
from alif_main.app import create_main_app
from alif_main.config import MainSettings

# Logging out works with the refresh cookie alone (an expired access token must not stop it);
# the providers' callbacks (payments, Telegram, Eskiz) authenticate with their own secrets; a
# centre's tuition link is paid without an account (its random id is the permission).
PUBLIC = frozenset(
    {
        "/api/main/auth/logout",
        "/api/main/payments/payme",
        "/api/main/payments/click/prepare",
        "/api/main/payments/click/complete",
        "/api/main/notifications/telegram/webhook",
        "/api/main/notifications/sms/status",
        "/api/main/tuition/{link_id}",
        "/api/main/tuition/{link_id}/checkout",
    }
)


@pytest.mark.slow
def test_no_generated_request_makes_main_fail(
    settings_values: dict[str, Any], test_keys: TestKeys, tmp_path: Path
) -> None:
    eskiz = FakeEskiz()
    # Every channel configured, so the notification routes answer rather than "not configured";
    # the SMS go to a local Eskiz, Telegram is never called by the API itself.
    with serve_asgi(eskiz.app()) as eskiz_url:
        settings = MainSettings(
            **{**settings_values, "database_url": fresh_database(tmp_path), "redis_url": None},
            jwt_private_key=test_keys.private_pem,
            sms_sender="eskiz",
            eskiz_base_url=f"{eskiz_url}/api",
            eskiz_email=ESKIZ_EMAIL,
            eskiz_password=ESKIZ_PASSWORD,
            telegram_bot_token="123:fuzz",
            telegram_bot_username="alif24_fuzz_bot",
            telegram_webhook_secret="fuzz-webhook-secret",
            eskiz_callback_secret="fuzz-callback-secret",
        )
        run_fuzz(settings, test_keys)


def run_fuzz(settings: MainSettings, test_keys: TestKeys) -> None:

    async def parent_token() -> str:
        async with standalone_session(settings) as db:
            return token_for(test_keys, await make_user(db, role=Role.parent))

    token = asyncio.run(parent_token())
    with serve_asgi(create_main_app(settings), lifespan=True) as base_url:
        assert fuzz_openapi(base_url, "main", token, public_paths=PUBLIC, max_examples=20) > 40
