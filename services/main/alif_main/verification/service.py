"""One-time codes: 6 digits, valid 3 minutes, 3 tries, stored as an HMAC.

Sending is limited per identifier (1 a minute, 5 an hour) and per address. The limits apply whether
or not an account exists, and whether or not a code is actually delivered, so the answers never tell
who has an account.
"""

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

import structlog
from sqlalchemy import ColumnElement, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import Limit, RateLimiter
from alif.db import utcnow
from alif_main.verification.exceptions import CodeAttemptsExceeded, InvalidCode
from alif_main.verification.models import CodePurpose, VerificationCode
from alif_main.verification.senders import CodeDelivery

logger = structlog.get_logger("alif_main.verification")

CODE_TTL = timedelta(minutes=3)
MAX_ATTEMPTS = 3
RESEND_LIMIT = Limit(1, 60)
HOURLY_LIMIT = Limit(5, 3600)
PER_ADDRESS_LIMIT = Limit(20, 3600)


@dataclass(frozen=True)
class CodeSent:
    identifier: str
    expires_in: int = int(CODE_TTL.total_seconds())
    resend_after: int = RESEND_LIMIT.seconds
    registration_id: uuid.UUID | None = None


def _digest(key: bytes, identifier: str, purpose: CodePurpose, code: str) -> str:
    message = f"{identifier}|{purpose.value}|{code}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def mask(identifier: str) -> str:
    """For logs: enough to investigate, not enough to harvest."""
    if "@" in identifier:
        name, _, domain = identifier.partition("@")
        return f"{name[:2]}***@{domain}"
    return identifier[:6] + "***" + identifier[-2:]


def _same_registration(registration_id: uuid.UUID | None) -> ColumnElement[bool]:
    column = VerificationCode.registration_id
    return column.is_(None) if registration_id is None else column == registration_id


@dataclass(frozen=True)
class CodeService:
    key: bytes
    delivery: CodeDelivery
    limiter: RateLimiter

    async def send(
        self,
        session: AsyncSession,
        *,
        identifier: str,
        purpose: CodePurpose,
        ip_address: str,
        deliver: bool,
        registration_id: uuid.UUID | None = None,
    ) -> CodeSent:
        """Issue a code; `deliver=False` still applies every limit and records the request.

        A new code replaces the earlier codes of the same registration only: another person's
        registration of the same phone never invalidates the owner's code.
        """
        await self.limiter.consume(f"code-send-minute:{identifier}", RESEND_LIMIT)
        await self.limiter.consume(f"code-send-hour:{identifier}", HOURLY_LIMIT)
        await self.limiter.consume(f"code-send-ip:{ip_address}", PER_ADDRESS_LIMIT)

        now = utcnow()
        await session.execute(
            update(VerificationCode)
            .where(
                VerificationCode.identifier == identifier,
                VerificationCode.purpose == purpose,
                VerificationCode.consumed_at.is_(None),
                _same_registration(registration_id),
            )
            .values(consumed_at=now)
        )
        code = f"{secrets.randbelow(10**6):06d}"
        session.add(
            VerificationCode(
                identifier=identifier,
                purpose=purpose,
                code_hash=_digest(self.key, identifier, purpose, code),
                delivered=deliver,
                ip_address=ip_address,
                created_at=now,
                expires_at=now + CODE_TTL,
                registration_id=registration_id,
            )
        )
        await session.flush()
        if deliver:
            await self.delivery.send(identifier, code)
        logger.info(
            "verification_code_requested",
            identifier=mask(identifier),
            purpose=purpose.value,
            delivered=deliver,
            ip=ip_address,
        )
        return CodeSent(identifier=identifier, registration_id=registration_id)

    async def consume(
        self,
        session: AsyncSession,
        *,
        identifier: str,
        purpose: CodePurpose,
        code: str,
        registration_id: uuid.UUID | None = None,
    ) -> None:
        """Accept the code once, or count a failed try (which is kept when the request fails)."""
        now = utcnow()
        latest = await session.scalar(
            select(VerificationCode)
            .where(
                VerificationCode.identifier == identifier,
                VerificationCode.purpose == purpose,
                VerificationCode.consumed_at.is_(None),
                VerificationCode.expires_at > now,
                _same_registration(registration_id),
            )
            .order_by(VerificationCode.created_at.desc())
            .limit(1)
            .with_for_update()
        )
        if latest is None:
            raise InvalidCode()
        if latest.attempts >= MAX_ATTEMPTS:
            raise CodeAttemptsExceeded()
        expected = _digest(self.key, identifier, purpose, code)
        if not hmac.compare_digest(latest.code_hash, expected):
            latest.attempts += 1
            await session.flush()
            logger.info(
                "verification_code_wrong", identifier=mask(identifier), tries=latest.attempts
            )
            raise InvalidCode()
        latest.consumed_at = now
        await session.flush()
