"""Families: a parent's children, their PINs, and linking an existing student to a parent.

A parent reaches a child only through a `FamilyLink`; every lookup below starts from the parent, so
another family's child is simply not found.
"""

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

import structlog
from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.cache import Limit, RateLimiter
from alif.db import utcnow
from alif.kernel.models import FamilyLink, Relation, StudentProfile, User
from alif_main.auth.passwords import SecretHasher
from alif_main.auth.pins import PinGuard, PinState
from alif_main.auth.sessions import SessionManager
from alif_main.family.exceptions import (
    AlreadyLinked,
    ChildKeyReused,
    ChildNotFound,
    InvitationNotValid,
    TooManyChildren,
    TooManyCodeGuesses,
    TooManyTakenUsernames,
    UsernameTaken,
)
from alif_main.family.models import ChildCreation, FamilyInvitation
from alif_main.family.schemas import ChildCreate, ChildUpdate
from alif_main.shop import service as shop

logger = structlog.get_logger("alif_main.family")

MAX_CHILDREN = 10
INVITATION_TTL = timedelta(hours=24)
INVITATION_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L look-alikes
INVITATION_GUESSES = Limit(5, 900)
INVITATIONS_PER_PARENT = Limit(10, 3600)
# "This username is taken" tells whether a child's username exists: answered a few times an hour,
# per parent and per address, so nobody can collect usernames through adding children.
TAKEN_USERNAMES_PER_PARENT = Limit(10, 3600)
TAKEN_USERNAMES_PER_ADDRESS = Limit(20, 3600)


@dataclass(frozen=True)
class Child:
    user: User
    profile: StudentProfile
    relation: Relation


def _child_query(parent_id: uuid.UUID) -> Select[User, StudentProfile, Relation]:
    return (
        select(User, StudentProfile, FamilyLink.relation)
        .join(FamilyLink, FamilyLink.child_id == User.id)
        .join(StudentProfile, StudentProfile.user_id == User.id)
        .where(FamilyLink.parent_id == parent_id)
    )


async def pin_state(child: Child, pins: PinGuard) -> PinState:
    """Wrong PINs typed for the child, and the lock they caused: the parent is told."""
    if child.user.username is None:
        return PinState(0, None)
    return await pins.state(child.user.username)


async def list_children(db: AsyncSession, parent_id: uuid.UUID) -> list[Child]:
    rows = await db.execute(_child_query(parent_id).order_by(User.created_at))
    return [Child(*row) for row in rows]


async def get_child(db: AsyncSession, parent_id: uuid.UUID, child_id: uuid.UUID) -> Child:
    row = (await db.execute(_child_query(parent_id).where(User.id == child_id))).first()
    if row is None:
        raise ChildNotFound()
    return Child(*row)


async def _username_taken(limiter: RateLimiter, keys: list[str]) -> UsernameTaken:
    await limiter.record(keys[0], TAKEN_USERNAMES_PER_PARENT)
    await limiter.record(keys[1], TAKEN_USERNAMES_PER_ADDRESS)
    return UsernameTaken()


def _request_digest(data: ChildCreate) -> str:
    canonical = json.dumps(data.model_dump(mode="json", exclude={"pin"}), sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def _created_before(
    db: AsyncSession, parent_id: uuid.UUID, key: str, data: ChildCreate, hasher: SecretHasher
) -> Child | None:
    """The child this key added before (a retried request), if it did; the same key with another
    child's details is refused rather than answered with a child the parent did not ask for."""
    creation = await db.scalar(
        select(ChildCreation).where(
            ChildCreation.parent_id == parent_id, ChildCreation.idempotency_key == key
        )
    )
    if creation is None:
        return None
    child = await get_child(db, parent_id, creation.child_id)
    if creation.request_digest != _request_digest(data):
        raise ChildKeyReused()
    if not (await hasher.verify(child.user.pin_hash, data.pin)).ok:
        raise ChildKeyReused()
    return child


async def create_child(
    db: AsyncSession,
    parent: User,
    data: ChildCreate,
    hasher: SecretHasher,
    limiter: RateLimiter,
    ip_address: str,
    idempotency_key: str | None = None,
) -> Child:
    """A new child, or with an idempotency key already used the child that key added."""
    if idempotency_key is not None:
        before = await _created_before(db, parent.id, idempotency_key, data, hasher)
        if before is not None:
            return before
    count = await db.scalar(
        select(func.count()).select_from(FamilyLink).where(FamilyLink.parent_id == parent.id)
    )
    if (count or 0) >= MAX_CHILDREN:
        raise TooManyChildren()
    taken_keys = [f"username-taken:{parent.id}", f"username-taken-ip:{ip_address}"]
    await limiter.check(taken_keys[0], TAKEN_USERNAMES_PER_PARENT, TooManyTakenUsernames)
    await limiter.check(taken_keys[1], TAKEN_USERNAMES_PER_ADDRESS, TooManyTakenUsernames)
    if await db.scalar(select(User.id).where(User.username == data.username)) is not None:
        raise await _username_taken(limiter, taken_keys)
    child = User(
        role=Role.student,
        status=AccountStatus.active,
        approved_at=utcnow(),
        first_name=data.first_name,
        last_name=data.last_name,
        username=data.username,
        pin_hash=await hasher.hash(data.pin),
        language=data.language,
        created_by_id=parent.id,
    )
    profile = StudentProfile(
        user_id=child.id,
        birth_date=data.birth_date,
        grade=data.grade,
        school_name=data.school_name,
    )
    try:
        async with db.begin_nested():
            db.add_all([child, profile])
            await db.flush()
            db.add(FamilyLink(parent_id=parent.id, child_id=child.id, relation=data.relation))
            if idempotency_key is not None:
                db.add(
                    ChildCreation(
                        parent_id=parent.id,
                        idempotency_key=idempotency_key,
                        child_id=child.id,
                        request_digest=_request_digest(data),
                    )
                )
            await db.flush()
    except IntegrityError as error:
        # The same request sent twice at once: the first one added the child.
        if idempotency_key is not None:
            before = await _created_before(db, parent.id, idempotency_key, data, hasher)
            if before is not None:
                return before
        # Otherwise the same username was chosen at the same moment elsewhere.
        raise await _username_taken(limiter, taken_keys) from error
    logger.info("child_created", parent_id=str(parent.id), child_id=str(child.id))
    return Child(child, profile, data.relation)


async def update_child(db: AsyncSession, child: Child, data: ChildUpdate) -> Child:
    changes = data.model_dump(exclude_unset=True)
    if "avatar" in changes:
        await shop.choose_avatar(db, child.user.id, changes["avatar"] or "")
    for field in ("first_name", "last_name", "language"):
        if field in changes and changes[field] is not None:
            setattr(child.user, field, changes[field])
    for field in ("birth_date", "grade", "school_name", "avatar"):
        if field in changes:
            value = changes[field]
            if value is None and field in ("school_name", "avatar"):
                value = ""
            setattr(child.profile, field, value)
    await db.flush()
    return child


async def reset_pin(
    db: AsyncSession,
    child: Child,
    pin: str,
    hasher: SecretHasher,
    sessions: SessionManager,
    pins: PinGuard,
) -> None:
    """A new PIN also unlocks a locked-out child and signs out devices that knew the old one."""
    child.user.pin_hash = await hasher.hash(pin)
    if child.user.username:
        await pins.clear(child.user.username)
    await sessions.revoke_all(db, child.user.id, "pin_reset")
    await db.flush()


async def remove_child(
    db: AsyncSession, parent_id: uuid.UUID, child: Child, sessions: SessionManager
) -> None:
    """Unlink the child; an account no guardian looks after any more is closed."""
    link = await db.get(FamilyLink, (parent_id, child.user.id))
    if link is not None:
        await db.delete(link)
        await db.flush()
    others = await db.scalar(
        select(func.count()).select_from(FamilyLink).where(FamilyLink.child_id == child.user.id)
    )
    if not others and child.user.created_by_id == parent_id:
        child.user.status = AccountStatus.closed
        child.user.username = None
        child.user.pin_hash = None
        await sessions.revoke_all(db, child.user.id, "account_closed")
        logger.info("child_account_closed", child_id=str(child.user.id))
    await db.flush()


def _invitation_digest(code: str) -> str:
    normalized = code.replace("-", "").replace(" ", "").upper()
    return hashlib.sha256(normalized.encode()).hexdigest()


async def create_invitation(
    db: AsyncSession, parent_id: uuid.UUID, relation: Relation, limiter: RateLimiter
) -> tuple[str, FamilyInvitation]:
    await limiter.consume(f"family-invite:{parent_id}", INVITATIONS_PER_PARENT)
    raw = "".join(secrets.choice(INVITATION_ALPHABET) for _ in range(8))
    code = f"{raw[:4]}-{raw[4:]}"
    invitation = FamilyInvitation(
        parent_id=parent_id,
        code_hash=_invitation_digest(code),
        relation=relation,
        expires_at=utcnow() + INVITATION_TTL,
    )
    db.add(invitation)
    await db.flush()
    return code, invitation


async def accept_invitation(
    db: AsyncSession, child_id: uuid.UUID, code: str, limiter: RateLimiter
) -> tuple[User, Relation]:
    """The student confirms a parent's code; returns the parent now linked, and as what."""
    guesses_key = f"family-invite-guess:{child_id}"
    await limiter.check(guesses_key, INVITATION_GUESSES, TooManyCodeGuesses)
    invitation = await db.scalar(
        select(FamilyInvitation)
        .where(FamilyInvitation.code_hash == _invitation_digest(code))
        .with_for_update()
    )
    if invitation is None or invitation.accepted_at or invitation.expires_at <= utcnow():
        await limiter.record(guesses_key, INVITATION_GUESSES)
        raise InvitationNotValid()
    if await db.get(FamilyLink, (invitation.parent_id, child_id)) is not None:
        raise AlreadyLinked()
    parent = await db.get(User, invitation.parent_id)
    if parent is None or parent.status is not AccountStatus.active:
        raise InvitationNotValid()
    invitation.accepted_at = utcnow()
    invitation.accepted_by_id = child_id
    db.add(FamilyLink(parent_id=parent.id, child_id=child_id, relation=invitation.relation))
    await db.flush()
    logger.info("family_linked", parent_id=str(parent.id), child_id=str(child_id))
    return parent, invitation.relation
