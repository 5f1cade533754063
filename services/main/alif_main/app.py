"""The main service: accounts, single sign-on, families, organizations, study groups,
coins, subscriptions, payments, admin."""

import hashlib
import json
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from cryptography.hazmat.primitives import serialization
from fastapi import FastAPI

from alif.app import create_app
from alif.auth import TokenVerifier
from alif.keys import key_id, verification_keys
from alif_main.admin.setup import mount_admin
from alif_main.auth.passwords import SecretHasher
from alif_main.auth.pins import PinGuard
from alif_main.auth.router import keys_router
from alif_main.auth.router import public_router as auth_public_router
from alif_main.auth.router import router as auth_router
from alif_main.auth.service import AuthService
from alif_main.auth.sessions import SessionManager
from alif_main.auth.tokens import TokenIssuer, jwks, signing_key
from alif_main.config import MainSettings
from alif_main.family.router import router as family_router
from alif_main.groups.router import router as groups_router
from alif_main.jobs.router import router as jobs_router
from alif_main.notifications.router import public_router as notifications_public_router
from alif_main.notifications.router import router as notifications_router
from alif_main.orders.router import router as orders_router
from alif_main.organizations.router import router as organizations_router
from alif_main.payments.router import public_router as payments_public_router
from alif_main.payments.router import router as payments_router
from alif_main.reports.router import router as reports_router
from alif_main.shop.router import router as shop_router
from alif_main.subscriptions.router import router as subscriptions_router
from alif_main.tuition.router import public_router as tuition_public_router
from alif_main.users.router import router as users_router
from alif_main.verification.senders import build_delivery
from alif_main.verification.service import CodeService
from alif_main.wallet.router import router as wallet_router


def create_main_app(settings: MainSettings) -> FastAPI:
    private_key = signing_key(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Main verifies its own tokens with its own key, plus any older keys still trusted.
        keys = {
            **verification_keys(settings),
            key_id(private_key.public_key()): private_key.public_key(),
        }
        # The JWKS document is the same bytes until the keys change (a restart): built once.
        app.state.jwks_body = json.dumps(jwks(list(keys.values()))).encode()
        app.state.token_verifier = TokenVerifier(
            keys, issuer=settings.jwt_issuer, audience=settings.jwt_audience
        )
        delivery, eskiz = build_delivery(settings)
        raw_key = private_key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        app.state.auth = AuthService(
            hasher=SecretHasher(settings.password_hash_threads),
            sessions=SessionManager(TokenIssuer(private_key, settings), app.state.cache, settings),
            codes=CodeService(
                key=hashlib.sha256(b"alif24 verification codes" + raw_key).digest(),
                delivery=delivery,
                limiter=app.state.rate_limiter,
            ),
            limiter=app.state.rate_limiter,
            pins=PinGuard(app.state.cache),
        )
        try:
            yield
        finally:
            if eskiz is not None:
                await eskiz.close()

    app = create_app(
        settings,
        title="ALIF24 main",
        description="Accounts and single sign-on for every ALIF24 app, families, organizations, "
        "study groups, coins, subscriptions and payments.",
        routers=[
            auth_router,
            users_router,
            family_router,
            organizations_router,
            groups_router,
            wallet_router,
            shop_router,
            subscriptions_router,
            orders_router,
            payments_router,
            jobs_router,
            notifications_router,
            reports_router,
        ],
        public_routers=[
            auth_public_router,
            keys_router,
            payments_public_router,
            notifications_public_router,
            tuition_public_router,
        ],
        lifespan=lifespan,
    )
    # Outside production an unset secret gets a random one: admin sessions end at a restart.
    mount_admin(app, settings, settings.admin_session_secret or secrets.token_urlsafe(32))
    return app


def build_app() -> FastAPI:
    """The uvicorn factory: `uvicorn --factory alif_main.app:build_app`."""
    return create_main_app(MainSettings())
