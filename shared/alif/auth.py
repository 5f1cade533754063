"""Who is calling: access-token verification, `CurrentUser` and role dependencies.

Access tokens are EdDSA JWTs issued by `main`. Verification pins the algorithm and checks the
header type, `kid`, issuer, audience, expiry and required claims, then asks the cache whether the
session was revoked (logout, block). No database query: every service authorises on the token.
"""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

import jwt
import structlog
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from alif.cache import CACHE_ERRORS, Cache
from alif.errors import Forbidden, Unauthorized
from alif.keys import key_id

ALGORITHM = "EdDSA"
ACCESS_TOKEN_TYPE = "at+jwt"
logger = structlog.get_logger("alif.auth")

REQUIRED_CLAIMS = ("iss", "aud", "sub", "exp", "iat", "jti", "sid", "role", "st")


class Role(StrEnum):
    student = "student"
    parent = "parent"
    teacher = "teacher"
    organization = "organization"
    moderator = "moderator"
    admin = "admin"


SELF_REGISTERING_ROLES = frozenset({Role.parent, Role.teacher, Role.organization})
STAFF_ROLES = frozenset({Role.moderator, Role.admin})


class AccountStatus(StrEnum):
    pending = "pending"  # waiting for approval (teachers, organizations)
    active = "active"
    blocked = "blocked"
    closed = "closed"


class NotAuthenticated(Unauthorized):
    message = "Please log in."


class InvalidToken(Unauthorized):
    message = "Your session is not valid. Please log in again."


class SessionRevoked(Unauthorized):
    message = "This session has ended. Please log in again."


class FreshSignInRequired(Forbidden):
    message = "Please sign in again: this needs a sign-in from the last 15 minutes."


class RoleNotAllowed(Forbidden):
    message = "Your account cannot do this."


class AccountNotApproved(Forbidden):
    message = "Your account is waiting for approval."


@dataclass(frozen=True, slots=True)
class TokenUser:
    id: uuid.UUID
    role: Role
    status: AccountStatus
    session_id: uuid.UUID
    token_id: str
    expires_at: datetime
    # When the person typed their password (OIDC's `auth_time`): a refresh keeps it, so a
    # session kept alive for days still shows it was signed in to days ago.
    signed_in_at: datetime | None = None

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    def signed_in_within(self, period: timedelta, now: datetime | None = None) -> bool:
        return (
            self.signed_in_at is not None
            and (now or datetime.now(UTC)) - self.signed_in_at <= period
        )


def revoked_session_key(session_id: uuid.UUID) -> str:
    return f"revoked-session:{session_id}"


def sign_access_token(
    private_key: Ed25519PrivateKey,
    *,
    user_id: uuid.UUID,
    role: Role,
    status: AccountStatus,
    session_id: uuid.UUID,
    ttl: timedelta,
    issuer: str,
    audience: str,
    signed_in_at: datetime | None = None,
) -> str:
    """Only `main` holds a private key in production; tests sign with their own.
    `signed_in_at` is when the session's sign-in happened (now, when not given)."""
    now = datetime.now(UTC)
    claims = {
        "iss": issuer,
        "aud": audience,
        "sub": str(user_id),
        "role": role.value,
        "st": status.value,
        "sid": str(session_id),
        "jti": uuid.uuid4().hex,
        "iat": now,
        "exp": now + ttl,
        "auth_time": int((signed_in_at or now).timestamp()),
    }
    headers = {"typ": ACCESS_TOKEN_TYPE, "kid": key_id(private_key.public_key())}
    return jwt.encode(claims, private_key, algorithm=ALGORITHM, headers=headers)


class TokenVerifier:
    def __init__(self, keys: dict[str, Ed25519PublicKey], *, issuer: str, audience: str) -> None:
        self._keys = keys
        self._issuer = issuer
        self._audience = audience

    def verify(self, token: str) -> TokenUser:
        try:
            header = jwt.get_unverified_header(token)
            # The algorithm is pinned below too; checking it here first keeps unknown keys out.
            if header.get("alg") != ALGORITHM or header.get("typ") != ACCESS_TOKEN_TYPE:
                raise InvalidToken()
            key = self._keys.get(str(header.get("kid")))
            if key is None:
                raise InvalidToken()
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                options={"require": list(REQUIRED_CLAIMS)},
            )
            return TokenUser(
                id=uuid.UUID(claims["sub"]),
                role=Role(claims["role"]),
                status=AccountStatus(claims["st"]),
                session_id=uuid.UUID(claims["sid"]),
                token_id=str(claims["jti"]),
                expires_at=datetime.fromtimestamp(claims["exp"], UTC),
                signed_in_at=_auth_time(claims.get("auth_time")),
            )
        except (jwt.PyJWTError, ValueError, TypeError, KeyError) as error:
            raise InvalidToken() from error


def _auth_time(value: Any) -> datetime | None:
    # Optional: tokens issued before it existed have none, and count as not recently signed in.
    if isinstance(value, int) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC)
    return None


async def verify_token(state: Any, token: str) -> TokenUser:
    """The user of an access token whose session is not revoked; `state` is the app's state
    (a WebSocket, which sends no Authorization header, checks the token it was sent this way)."""
    verifier: TokenVerifier = state.token_verifier
    user = verifier.verify(token)
    cache: Cache = state.cache
    try:
        revoked = await cache.exists(revoked_session_key(user.session_id))
    except CACHE_ERRORS as error:
        # Redis down must not sign everyone out (decision 65): the denylist only cuts an
        # access token's 15 minutes short; main's refresh, which reads the session row in
        # PostgreSQL, still refuses a revoked session. So the token alone decides meanwhile.
        logger.warning("revocation_check_unavailable", error=repr(error))
        return user
    if revoked:
        raise SessionRevoked()
    return user


_bearer = HTTPBearer(auto_error=False, description="An access token from /api/main/auth/login")


async def current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> TokenUser:
    if credentials is None:
        raise NotAuthenticated()
    user = await verify_token(request.app.state, credentials.credentials)
    request.state.user_id = user.id
    structlog.contextvars.bind_contextvars(user_id=str(user.id))
    return user


async def optional_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> TokenUser | None:
    """For public routes that do more for a signed-in caller; a bad token counts as none."""
    if credentials is None:
        return None
    try:
        return await current_user(request, credentials)
    except Unauthorized:
        return None


CurrentUser = Annotated[TokenUser, Depends(current_user)]
MaybeUser = Annotated[TokenUser | None, Depends(optional_user)]


def require_role(
    *roles: Role, approved: bool = False
) -> Callable[[TokenUser], Awaitable[TokenUser]]:
    """A dependency admitting only `roles`; with `approved`, only accounts past approval."""
    allowed = frozenset(roles)

    async def dependency(user: CurrentUser) -> TokenUser:
        if user.role not in allowed:
            raise RoleNotAllowed()
        if approved and user.status is not AccountStatus.active:
            raise AccountNotApproved()
        return user

    return dependency


AdminUser = Annotated[TokenUser, Depends(require_role(Role.admin))]

FRESH_SIGN_IN = timedelta(minutes=15)
"""How recent an admin's sign-in must be for a change (ASVS 5.0 V7.5: re-authentication before
sensitive actions; decision 67)."""


async def _fresh_admin(admin: AdminUser) -> TokenUser:
    """An admin whose session was signed in to within `FRESH_SIGN_IN`: a stolen or forgotten
    session that is only kept alive by refreshing cannot change roles, plans or coins."""
    if not admin.signed_in_within(FRESH_SIGN_IN):
        raise FreshSignInRequired(details={"max_age": int(FRESH_SIGN_IN.total_seconds())})
    return admin


FreshAdminUser = Annotated[TokenUser, Depends(_fresh_admin)]
StaffUser = Annotated[TokenUser, Depends(require_role(Role.moderator, Role.admin))]
ParentUser = Annotated[TokenUser, Depends(require_role(Role.parent))]
StudentUser = Annotated[TokenUser, Depends(require_role(Role.student))]
TeacherUser = Annotated[TokenUser, Depends(require_role(Role.teacher))]
OrganizationUser = Annotated[TokenUser, Depends(require_role(Role.organization))]
TeachingUser = Annotated[
    TokenUser,
    Depends(
        require_role(Role.teacher, Role.organization, Role.moderator, Role.admin, approved=True)
    ),
]
