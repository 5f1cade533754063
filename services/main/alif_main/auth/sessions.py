"""Signed-in devices: starting a session, rotating its refresh token, ending it.

Each session is one refresh-token family. Every refresh rotates the token; a rotated token that
comes back after a short grace period means it was copied, and the whole session is revoked. The
grace period exists because tabs of different subdomains may refresh with one cookie at once.
Revoking a session also puts its id in the cache, so access tokens already out stop working too.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import structlog
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, revoked_session_key
from alif.cache import CACHE_ERRORS, Cache
from alif.db import utcnow
from alif.kernel.models import User
from alif_main.auth.exceptions import (
    AccountBlocked,
    InvalidRefreshToken,
    RefreshTokenReused,
    SessionNotFound,
)
from alif_main.auth.models import AuthSession, RefreshToken, SessionKind
from alif_main.auth.tokens import TokenIssuer, hash_token, new_refresh_token
from alif_main.config import MainSettings

logger = structlog.get_logger("alif_main.auth")


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    expires_in: int
    refresh_token: str
    session: AuthSession
    user: User


class SessionManager:
    def __init__(self, issuer: TokenIssuer, cache: Cache, settings: MainSettings) -> None:
        self._issuer = issuer
        self._cache = cache
        self._refresh_ttl = timedelta(days=settings.refresh_token_days)
        self._session_ttl = timedelta(days=settings.session_max_days)
        self._reuse_grace = timedelta(seconds=settings.refresh_reuse_grace_seconds)

    async def start(
        self,
        db: AsyncSession,
        user: User,
        kind: SessionKind,
        *,
        ip_address: str,
        user_agent: str,
    ) -> IssuedTokens:
        now = utcnow()
        auth_session = AuthSession(
            user_id=user.id,
            kind=kind,
            ip_address=ip_address[:45],
            user_agent=user_agent[:300],
            last_used_at=now,
            expires_at=now + self._session_ttl,
        )
        db.add(auth_session)
        user.last_login_at = now
        refresh_token = self._add_refresh_token(db, auth_session, now)
        await db.flush()
        logger.info("session_started", user_id=str(user.id), kind=kind.value)
        return self._tokens(user, auth_session, refresh_token)

    async def rotate(self, db: AsyncSession, refresh_token: str) -> IssuedTokens:
        now = utcnow()
        row = (
            await db.execute(
                select(RefreshToken, AuthSession, User)
                .join(AuthSession, RefreshToken.session_id == AuthSession.id)
                .join(User, AuthSession.user_id == User.id)
                .where(RefreshToken.token_hash == hash_token(refresh_token))
                .with_for_update(of=RefreshToken)
            )
        ).one_or_none()
        if row is None:
            raise InvalidRefreshToken()
        token, auth_session, user = row
        if not auth_session.is_live(now) or token.expires_at <= now:
            raise InvalidRefreshToken()
        if user.status in (AccountStatus.blocked, AccountStatus.closed):
            await self.revoke(db, auth_session, "account_blocked")
            raise AccountBlocked()
        if token.rotated_at is not None and now - token.rotated_at > self._reuse_grace:
            await self.revoke(db, auth_session, "refresh_token_reused")
            logger.warning("refresh_token_reused", user_id=str(user.id))
            raise RefreshTokenReused()
        token.rotated_at = token.rotated_at or now
        auth_session.last_used_at = now
        new_token = self._add_refresh_token(db, auth_session, now)
        await db.flush()
        return self._tokens(user, auth_session, new_token)

    async def find(self, db: AsyncSession, refresh_token: str) -> AuthSession | None:
        return await db.scalar(
            select(AuthSession)
            .join(RefreshToken, RefreshToken.session_id == AuthSession.id)
            .where(RefreshToken.token_hash == hash_token(refresh_token))
        )

    async def revoke(self, db: AsyncSession, auth_session: AuthSession, reason: str) -> None:
        if auth_session.revoked_at is None:
            auth_session.revoked_at = utcnow()
            auth_session.revoke_reason = reason
            await db.flush()
        await self._deny_access_tokens([auth_session.id])

    async def revoke_by_id(
        self, db: AsyncSession, user_id: uuid.UUID, session_id: uuid.UUID, reason: str
    ) -> None:
        """End one of the user's own sessions; another user's session is simply not found."""
        auth_session = await db.scalar(
            select(AuthSession).where(AuthSession.id == session_id, AuthSession.user_id == user_id)
        )
        if auth_session is None:
            raise SessionNotFound()
        await self.revoke(db, auth_session, reason)

    async def revoke_all(
        self,
        db: AsyncSession,
        user_id: uuid.UUID,
        reason: str,
        *,
        keep: uuid.UUID | None = None,
    ) -> int:
        """End every live session of a user (but `keep`); returns how many ended."""
        conditions = [AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None)]
        if keep is not None:
            conditions.append(AuthSession.id != keep)
        ended = list(
            await db.scalars(
                update(AuthSession)
                .where(*conditions)
                .values(revoked_at=utcnow(), revoke_reason=reason)
                .returning(AuthSession.id)
            )
        )
        await self._deny_access_tokens(ended)
        if ended:
            logger.info("sessions_revoked", user_id=str(user_id), count=len(ended), reason=reason)
        return len(ended)

    async def list_live(self, db: AsyncSession, user_id: uuid.UUID) -> list[AuthSession]:
        return list(
            await db.scalars(
                select(AuthSession)
                .where(
                    AuthSession.user_id == user_id,
                    AuthSession.revoked_at.is_(None),
                    AuthSession.expires_at > utcnow(),
                )
                .order_by(AuthSession.last_used_at.desc())
            )
        )

    def _add_refresh_token(self, db: AsyncSession, auth_session: AuthSession, now: datetime) -> str:
        token = new_refresh_token()
        db.add(
            RefreshToken(
                session_id=auth_session.id,
                token_hash=hash_token(token),
                created_at=now,
                expires_at=min(now + self._refresh_ttl, auth_session.expires_at),
            )
        )
        return token

    def _tokens(self, user: User, auth_session: AuthSession, refresh_token: str) -> IssuedTokens:
        return IssuedTokens(
            # The session began with the sign-in; every refresh carries that moment on.
            access_token=self._issuer.access_token(user, auth_session.id, auth_session.created_at),
            expires_in=int(self._issuer.access_ttl.total_seconds()),
            refresh_token=refresh_token,
            session=auth_session,
            user=user,
        )

    async def _deny_access_tokens(self, session_ids: list[uuid.UUID]) -> None:
        # Access tokens of these sessions live at most one access-token lifetime more.
        ttl = int(self._issuer.access_ttl.total_seconds()) + 60
        try:
            for session_id in session_ids:
                await self._cache.set(revoked_session_key(session_id), "1", ttl)
        except CACHE_ERRORS as error:
            # Redis down: the sessions end in PostgreSQL all the same (no refresh, no admin UI);
            # their last access tokens run out by themselves (decision 65).
            logger.warning("revocation_not_published", error=repr(error))
