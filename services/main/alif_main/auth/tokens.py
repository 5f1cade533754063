"""Issuing tokens: access JWTs signed by main's key, opaque refresh tokens stored hashed."""

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from alif.auth import sign_access_token
from alif.kernel.models import User
from alif.keys import development_private_key, private_key_from_pem, public_jwk
from alif_main.config import MainSettings


def signing_key(settings: MainSettings) -> Ed25519PrivateKey:
    if settings.jwt_private_key.strip():
        return private_key_from_pem(settings.jwt_private_key.replace("\\n", "\n"))
    if settings.is_deployed:
        raise ValueError("JWT_PRIVATE_KEY is required in production")
    return development_private_key(settings.data_dir)


class TokenIssuer:
    def __init__(self, private_key: Ed25519PrivateKey, settings: MainSettings) -> None:
        self._private_key = private_key
        self._issuer = settings.jwt_issuer
        self._audience = settings.jwt_audience
        self.access_ttl = timedelta(minutes=settings.access_token_minutes)

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self._private_key.public_key()

    def access_token(self, user: User, session_id: uuid.UUID, signed_in_at: datetime) -> str:
        return sign_access_token(
            self._private_key,
            user_id=user.id,
            role=user.role,
            status=user.status,
            session_id=session_id,
            ttl=self.access_ttl,
            issuer=self._issuer,
            audience=self._audience,
            signed_in_at=signed_in_at,
        )


def jwks(keys: list[Ed25519PublicKey]) -> dict[str, Any]:
    return {"keys": [public_jwk(key) for key in keys]}


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Refresh tokens carry 256 random bits, so a plain SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()
