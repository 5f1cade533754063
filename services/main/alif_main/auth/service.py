"""Signing up and signing in.

Register, login and password reset answer the same way whether or not the phone or e-mail belongs
to an account, and cost the same time (a password is always hashed or verified), so none of them
tells a stranger who uses ALIF24.
"""

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role, TokenUser
from alif.cache import Limit, RateLimiter
from alif.db import utcnow
from alif.kernel.models import (
    MemberRole,
    MembershipStatus,
    Organization,
    OrganizationMember,
    TeacherProfile,
    User,
)
from alif_main.auth.exceptions import (
    AccountBlocked,
    IdentifierNotVerified,
    InvalidCredentials,
    PinLocked,
    WeakPassword,
    WrongPassword,
    WrongPin,
)
from alif_main.auth.models import PendingRegistration, SessionKind
from alif_main.auth.passwords import SecretHasher, is_common_password
from alif_main.auth.pins import PinGuard, PinState
from alif_main.auth.schemas import RegisterRequest, RegistrationDetails
from alif_main.auth.sessions import IssuedTokens, SessionManager
from alif_main.identifiers import is_phone
from alif_main.organizations.exceptions import OrganizationDetailsRequired
from alif_main.users import service as users
from alif_main.verification.exceptions import InvalidCode
from alif_main.verification.models import CodePurpose
from alif_main.verification.service import CodeSent, CodeService, mask

logger = structlog.get_logger("alif_main.auth")

REGISTRATIONS_PER_ADDRESS = Limit(10, 3600)
LOGIN_FAILURES_PER_ACCOUNT = Limit(10, 900)
LOGIN_FAILURES_PER_ADDRESS = Limit(30, 900)
PIN_FAILURES_PER_ADDRESS = Limit(20, 900)
PASSWORD_CHANGE_FAILURES = Limit(5, 900)

NEEDS_APPROVAL = frozenset({Role.teacher, Role.organization})
CLOSED_STATUSES = frozenset({AccountStatus.blocked, AccountStatus.closed})


async def _free_connection(db: AsyncSession) -> None:
    """End the read-only transaction before a hash waits its turn in the hashing pool.

    A login holds its pooled database connection from its first query to its end; during a
    storm of logins (a school at 08:00) every connection would then sit idle behind the hash
    queue and every other request would wait for one (bench/run.py's storm). Nothing has been
    written yet, so committing changes nothing; the loaded account stays usable
    (expire_on_commit is off) and the writes after the hash start a new transaction.
    """
    await db.commit()


@dataclass(frozen=True)
class Client:
    """Where a request comes from, for sessions, limits and logs."""

    ip_address: str
    user_agent: str
    session_kind: SessionKind


def check_password_strength(password: str, *identifiers: str | None) -> None:
    folded = password.casefold()
    if is_common_password(password) or any(i and folded == i.casefold() for i in identifiers):
        raise WeakPassword()


def _pin_locked(state: PinState, now: datetime) -> PinLocked:
    assert state.locked_until is not None
    error = PinLocked(retry_after=state.retry_after(now))
    error.details["locked_until"] = state.locked_until.isoformat()
    return error


@dataclass(frozen=True)
class AuthService:
    hasher: SecretHasher
    sessions: SessionManager
    codes: CodeService
    limiter: RateLimiter
    pins: PinGuard

    async def register(
        self, db: AsyncSession, data: RegisterRequest, *, ip_address: str
    ) -> CodeSent:
        await self.limiter.consume(f"register-ip:{ip_address}", REGISTRATIONS_PER_ADDRESS)
        check_password_strength(data.password, data.identifier)
        if data.role is Role.organization and data.organization is None:
            raise OrganizationDetailsRequired()
        password_hash = await self.hasher.hash(data.password)

        existing = await users.find_by_identifier(db, data.identifier)
        if existing is not None and existing.is_verified:
            # Someone owns this identifier already: answer exactly as for a new one, send nothing.
            logger.info("registration_for_existing_account", identifier=mask(data.identifier))
            sent = await self.codes.send(
                db,
                identifier=data.identifier,
                purpose=CodePurpose.register,
                ip_address=ip_address,
                deliver=False,
            )
            return replace(sent, registration_id=uuid.uuid4())
        # Kept apart until its own code is confirmed: another pending registration of the same
        # identifier (the owner's, or a stranger's) stays exactly as it was.
        registration = PendingRegistration(
            identifier=data.identifier,
            details=RegistrationDetails.model_validate(
                data.model_dump(exclude={"identifier", "password"})
            ).model_dump(mode="json"),
            password_hash=password_hash,
        )
        db.add(registration)
        await db.flush()
        return await self.codes.send(
            db,
            identifier=data.identifier,
            purpose=CodePurpose.register,
            ip_address=ip_address,
            deliver=True,
            registration_id=registration.id,
        )

    async def _create_account(
        self, db: AsyncSession, identifier: str, data: RegistrationDetails, password_hash: str
    ) -> User:
        needs_approval = data.role in NEEDS_APPROVAL
        user = User(
            role=data.role,
            status=AccountStatus.pending if needs_approval else AccountStatus.active,
            approved_at=None if needs_approval else utcnow(),
            first_name=data.first_name,
            last_name=data.last_name,
            phone=identifier if is_phone(identifier) else None,
            email=None if is_phone(identifier) else identifier,
            password_hash=password_hash,
            language=data.language,
        )
        db.add(user)
        await db.flush()  # rows below refer to the user without an ORM relationship
        if data.role is Role.teacher:
            db.add(TeacherProfile(user_id=user.id, subjects=data.subjects))
            if data.organization_id is not None:
                organization = await db.get(Organization, data.organization_id)
                if organization is not None:
                    db.add(
                        OrganizationMember(
                            organization_id=organization.id,
                            user_id=user.id,
                            role=MemberRole.teacher,
                            status=MembershipStatus.pending,
                        )
                    )
        elif data.role is Role.organization and data.organization is not None:
            db.add(Organization(owner_id=user.id, **data.organization.model_dump()))
        await db.flush()
        return user

    async def send_code(
        self,
        db: AsyncSession,
        identifier: str,
        purpose: CodePurpose,
        *,
        ip_address: str,
        registration_id: uuid.UUID | None = None,
    ) -> CodeSent:
        user = await users.find_by_identifier(db, identifier)
        registration = None
        if purpose is CodePurpose.register and registration_id is not None:
            registration = await self._pending(db, identifier, registration_id)
        if purpose is not CodePurpose.register:
            deliver = user is not None and user.status is not AccountStatus.closed
        elif user is not None and user.is_verified:
            deliver = False
        else:
            # A registration's own code, or (without an id) an account made before registrations
            # were kept apart and never confirmed.
            deliver = registration is not None or (user is not None and registration_id is None)
        sent = await self.codes.send(
            db,
            identifier=identifier,
            purpose=purpose,
            ip_address=ip_address,
            deliver=deliver,
            registration_id=registration.id if registration else None,
        )
        return replace(sent, registration_id=registration_id)

    async def _pending(
        self, db: AsyncSession, identifier: str, registration_id: uuid.UUID
    ) -> PendingRegistration | None:
        registration = await db.get(PendingRegistration, registration_id)
        return registration if registration and registration.identifier == identifier else None

    async def verify_registration(
        self,
        db: AsyncSession,
        identifier: str,
        code: str,
        client: Client,
        registration_id: uuid.UUID | None = None,
    ) -> IssuedTokens:
        """Confirm the registration the code was sent for, and only that one."""
        await self.codes.consume(
            db,
            identifier=identifier,
            purpose=CodePurpose.register,
            code=code,
            registration_id=registration_id,
        )
        user = await users.find_by_identifier(db, identifier)
        if registration_id is None:
            if user is None or user.is_verified:
                raise InvalidCode()
        else:
            registration = await self._pending(db, identifier, registration_id)
            if registration is None or (user is not None and user.is_verified):
                raise InvalidCode()
            if user is not None:
                # An account made before registrations were kept apart, never confirmed.
                await db.delete(user)
                await db.flush()
            user = await self._create_account(
                db,
                identifier,
                RegistrationDetails.model_validate(registration.details),
                registration.password_hash,
            )
        users.mark_verified(user, identifier)
        logger.info("identifier_verified", user_id=str(user.id))
        return await self._start(db, user, client)

    async def login(
        self, db: AsyncSession, identifier: str, password: str, client: Client
    ) -> IssuedTokens:
        account_key = f"login-fail:{identifier}"
        address_key = f"login-fail-ip:{client.ip_address}"
        await self.limiter.check(account_key, LOGIN_FAILURES_PER_ACCOUNT)
        await self.limiter.check(address_key, LOGIN_FAILURES_PER_ADDRESS)

        user = await users.find_by_identifier(db, identifier)
        await _free_connection(db)
        verification = await self.hasher.verify(user.password_hash if user else None, password)
        if user is None or not verification.ok:
            await self.limiter.record(account_key, LOGIN_FAILURES_PER_ACCOUNT)
            await self.limiter.record(address_key, LOGIN_FAILURES_PER_ADDRESS)
            logger.info("login_failed", identifier=mask(identifier), ip=client.ip_address)
            raise InvalidCredentials()
        if user.status in CLOSED_STATUSES:
            raise AccountBlocked()
        if not user.is_verified:
            raise IdentifierNotVerified()
        if verification.needs_rehash:
            user.password_hash = await self.hasher.hash(password)
        await self.limiter.reset(account_key)
        return await self._start(db, user, client)

    async def child_login(
        self, db: AsyncSession, username: str, pin: str, client: Client
    ) -> IssuedTokens:
        address_key = f"pin-fail-ip:{client.ip_address}"
        await self.limiter.check(address_key, PIN_FAILURES_PER_ADDRESS)
        now = utcnow()
        state = await self.pins.state(username)
        if state.locked_until is not None:
            raise _pin_locked(state, now)

        child = await users.find_child_by_username(db, username)
        await _free_connection(db)
        verification = await self.hasher.verify(child.pin_hash if child else None, pin)
        if child is None or not verification.ok:
            await self.limiter.record(address_key, PIN_FAILURES_PER_ADDRESS)
            state = await self.pins.failed(username)
            logger.info("child_login_failed", username=username, ip=client.ip_address)
            if state.locked_until is not None:
                raise _pin_locked(state, now)
            raise WrongPin(details={"attempts_left": state.attempts_left})
        if child.status in CLOSED_STATUSES:
            raise AccountBlocked()
        if verification.needs_rehash:
            child.pin_hash = await self.hasher.hash(pin)
        await self.pins.clear(username)
        return await self._start(db, child, client)

    async def reset_password(
        self, db: AsyncSession, identifier: str, code: str, new_password: str
    ) -> None:
        check_password_strength(new_password, identifier)
        await self.codes.consume(
            db, identifier=identifier, purpose=CodePurpose.password_reset, code=code
        )
        user = await users.find_by_identifier(db, identifier)
        if user is None or user.status is AccountStatus.closed:
            raise InvalidCode()
        user.password_hash = await self.hasher.hash(new_password)
        users.mark_verified(user, identifier)
        await self.sessions.revoke_all(db, user.id, "password_reset")
        await self.limiter.reset(f"login-fail:{identifier}")
        logger.info("password_reset", user_id=str(user.id))

    async def change_password(
        self, db: AsyncSession, actor: TokenUser, current_password: str, new_password: str
    ) -> None:
        """A new password ends every other session of the account (this one stays)."""
        failures_key = f"password-change-fail:{actor.id}"
        await self.limiter.check(failures_key, PASSWORD_CHANGE_FAILURES)
        user = await users.get_user(db, actor.id)
        if user.password_hash is None:
            raise WrongPassword("This account signs in with a PIN.")
        if not (await self.hasher.verify(user.password_hash, current_password)).ok:
            await self.limiter.record(failures_key, PASSWORD_CHANGE_FAILURES)
            raise WrongPassword()
        check_password_strength(new_password, user.phone, user.email)
        user.password_hash = await self.hasher.hash(new_password)
        await self.sessions.revoke_all(db, user.id, "password_changed", keep=actor.session_id)

    async def _start(self, db: AsyncSession, user: User, client: Client) -> IssuedTokens:
        return await self.sessions.start(
            db,
            user,
            client.session_kind,
            ip_address=client.ip_address,
            user_agent=client.user_agent,
        )

    async def end_session(
        self,
        db: AsyncSession,
        *,
        refresh_token: str | None,
        everywhere: bool,
        user_id: uuid.UUID | None = None,
        session_id: uuid.UUID | None = None,
    ) -> None:
        """Log out this device (found by its refresh token or access token) or every device."""
        auth_session = await self.sessions.find(db, refresh_token) if refresh_token else None
        if auth_session is not None:
            user_id, session_id = auth_session.user_id, auth_session.id
        if user_id is None:
            return
        if everywhere:
            await self.sessions.revoke_all(db, user_id, "logout_everywhere")
        elif session_id is not None:
            await self.sessions.revoke_by_id(db, user_id, session_id, "logout")
