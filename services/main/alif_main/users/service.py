"""Accounts: lookups, the profile a user sees in `/me`, and what staff do to accounts."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from alif.auth import STAFF_ROLES, AccountStatus, Role, TokenUser
from alif.db import utcnow
from alif.kernel.models import (
    FamilyLink,
    MemberRole,
    MembershipStatus,
    Organization,
    OrganizationMember,
    StudentProfile,
    TeacherProfile,
    User,
)
from alif.schemas import Found, PageParams
from alif.text import fold_for_comparison
from alif_main.audit.service import record_audit
from alif_main.auth.sessions import SessionManager
from alif_main.identifiers import is_phone
from alif_main.shop import service as shop
from alif_main.users.exceptions import (
    AskAParent,
    CannotChangeOwnRole,
    NotPendingApproval,
    RoleChangeNotAllowed,
    StaffCannotBeBlocked,
    UserNotFound,
)
from alif_main.users.schemas import OrganizationUpdate, ProfileUpdate


async def get_user(db: AsyncSession, user_id: uuid.UUID) -> User:
    user = await db.get(User, user_id)
    if user is None:
        raise UserNotFound()
    return user


async def find_by_identifier(db: AsyncSession, identifier: str) -> User | None:
    column = User.phone if is_phone(identifier) else User.email
    return await db.scalar(select(User).where(column == identifier))


async def find_child_by_username(db: AsyncSession, username: str) -> User | None:
    return await db.scalar(select(User).where(User.username == username, User.role == Role.student))


def mark_verified(user: User, identifier: str) -> None:
    if is_phone(identifier):
        user.phone_verified_at = user.phone_verified_at or utcnow()
    else:
        user.email_verified_at = user.email_verified_at or utcnow()


@dataclass(frozen=True)
class Me:
    user: User
    student_profile: StudentProfile | None
    teacher_profile: TeacherProfile | None
    organization: Organization | None
    membership: OrganizationMember | None
    children: list[User]
    guardians: list[User]


async def load_me(db: AsyncSession, user_id: uuid.UUID) -> Me:
    # `/me` is read on every app's start, so the account, its profiles and its organization
    # come in one round trip: an organization account's own organization, anyone else's
    # latest membership with its organization. The family is the second (bench/RESULTS.md).
    is_organization = User.role == Role.organization
    latest_membership = (
        select(OrganizationMember.id)
        .where(OrganizationMember.user_id == User.id)
        .order_by(OrganizationMember.created_at.desc())
        .limit(1)
        .correlate(User)
        .scalar_subquery()
    )
    row = (
        await db.execute(
            select(User, OrganizationMember, Organization)
            .outerjoin(
                OrganizationMember,
                and_(~is_organization, OrganizationMember.id == latest_membership),
            )
            .outerjoin(
                Organization,
                or_(
                    and_(is_organization, Organization.owner_id == User.id),
                    and_(~is_organization, Organization.id == OrganizationMember.organization_id),
                ),
            )
            .where(User.id == user_id)
            .options(joinedload(User.student_profile), joinedload(User.teacher_profile))
            .limit(1)
        )
    ).first()
    if row is None:
        raise UserNotFound()
    user, membership, organization = row
    children: list[User] = []
    guardians: list[User] = []
    if user.role is Role.parent:
        children = list(
            await db.scalars(
                select(User)
                .join(FamilyLink, FamilyLink.child_id == User.id)
                .where(FamilyLink.parent_id == user.id)
                .options(joinedload(User.student_profile))
                .order_by(User.first_name)
            )
        )
    elif user.role is Role.student:
        guardians = list(
            await db.scalars(
                select(User)
                .join(FamilyLink, FamilyLink.parent_id == User.id)
                .where(FamilyLink.child_id == user.id)
                .order_by(User.first_name)
            )
        )
    return Me(
        user=user,
        student_profile=user.student_profile,
        teacher_profile=user.teacher_profile,
        organization=organization,
        membership=membership,
        children=children,
        guardians=guardians,
    )


# What a child changes on their own: the rest of a child's profile is the parent's (PATCH
# /children/{id}).
CHILD_SETTINGS = frozenset({"language", "avatar"})


async def update_profile(db: AsyncSession, me: Me, data: ProfileUpdate) -> None:
    """Each role edits only its own fields; anything else in the request was refused already.

    A `null` means "leave as it is" for fields that always have a value.
    """
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    user = me.user
    if user.role is Role.student and changes.keys() - CHILD_SETTINGS:
        # A child's name shows on boards and to teachers: only a parent changes it.
        raise AskAParent()
    for field in ("first_name", "last_name", "language"):
        if field in changes:
            setattr(user, field, changes[field])
    if me.student_profile is not None:
        if "avatar" in changes:
            await shop.choose_avatar(db, user.id, changes["avatar"])
        for field in ("avatar", "school_name"):
            if field in changes:
                setattr(me.student_profile, field, changes[field])
    if me.teacher_profile is not None:
        for field in ("subjects", "bio"):
            if field in changes:
                setattr(me.teacher_profile, field, changes[field])
    if me.organization is not None and user.role is Role.organization and data.organization:
        for field, value in data.organization.model_dump(exclude_unset=True).items():
            if value is not None or field in OrganizationUpdate.CLEARABLE:
                setattr(me.organization, field, value)
    await db.flush()


# --- staff ---------------------------------------------------------------------------------------

# Children's accounts (username + PIN) and organizations (which own an organization record) keep
# their role; the others may be moved between these by an admin.
ROLE_CHANGE_TARGETS = frozenset({Role.parent, Role.teacher, Role.moderator, Role.admin})


async def list_users(
    db: AsyncSession,
    page: PageParams,
    *,
    role: Role | None = None,
    status: AccountStatus | None = None,
    query: str | None = None,
) -> Found[User]:
    conditions: list[Any] = []
    if role is not None:
        conditions.append(User.role == role)
    if status is not None:
        conditions.append(User.status == status)
    if query:
        pattern = f"%{fold_for_comparison(query)}%"
        conditions.append(
            or_(
                func.lower(User.first_name).like(pattern),
                func.lower(User.last_name).like(pattern),
                User.phone.like(pattern),
                User.email.like(pattern),
                User.username.like(pattern),
            )
        )
    total = await db.scalar(select(func.count()).select_from(User).where(*conditions)) or 0
    users = await db.scalars(
        select(User)
        .where(*conditions)
        .order_by(User.created_at.desc())
        .limit(page.limit)
        .offset(page.offset)
    )
    return Found(items=list(users), total=total)


async def approve_account(
    db: AsyncSession, target: User, *, actor_id: uuid.UUID, ip_address: str
) -> User:
    """Approve a pending teacher or organization (staff)."""
    if target.status is not AccountStatus.pending:
        raise NotPendingApproval()
    target.status = AccountStatus.active
    target.approved_at = utcnow()
    if target.role is Role.teacher:
        # An approval by staff also settles the teacher's pending request to join an organization.
        membership = await db.scalar(
            select(OrganizationMember).where(
                OrganizationMember.user_id == target.id,
                OrganizationMember.role == MemberRole.teacher,
                OrganizationMember.status == MembershipStatus.pending,
            )
        )
        if membership is not None:
            membership.status = MembershipStatus.active
            membership.decided_at = utcnow()
            membership.decided_by_id = actor_id
    await record_audit(db, actor_id, "account.approve", target, ip_address=ip_address)
    await db.flush()
    return target


async def block_account(
    db: AsyncSession,
    target: User,
    sessions: SessionManager,
    *,
    actor: TokenUser,
    reason: str,
    ip_address: str,
) -> User:
    if target.role in STAFF_ROLES and actor.role is not Role.admin:
        raise StaffCannotBeBlocked()
    if target.id == actor.id:
        raise StaffCannotBeBlocked("You cannot block your own account.")
    target.status = AccountStatus.blocked
    ended = await sessions.revoke_all(db, target.id, "account_blocked")
    await record_audit(
        db,
        actor.id,
        "account.block",
        target,
        ip_address=ip_address,
        details={"reason": reason, "sessions_ended": ended},
    )
    await db.flush()
    return target


async def unblock_account(
    db: AsyncSession, target: User, *, actor_id: uuid.UUID, ip_address: str
) -> User:
    if target.status is AccountStatus.blocked:
        target.status = AccountStatus.active if target.approved_at else AccountStatus.pending
        await record_audit(db, actor_id, "account.unblock", target, ip_address=ip_address)
        await db.flush()
    return target


async def change_role(
    db: AsyncSession,
    target: User,
    role: Role,
    sessions: SessionManager,
    *,
    actor_id: uuid.UUID,
    ip_address: str,
    reason: str | None = None,
) -> User:
    """Admins only (the router checks). The user's sessions end so new tokens carry the role."""
    if target.id == actor_id:
        raise CannotChangeOwnRole()
    if role not in ROLE_CHANGE_TARGETS or target.role not in ROLE_CHANGE_TARGETS:
        raise RoleChangeNotAllowed()
    previous = target.role
    if previous is role:
        return target
    target.role = role
    await sessions.revoke_all(db, target.id, "role_changed")
    await record_audit(
        db,
        actor_id,
        "account.role_change",
        target,
        ip_address=ip_address,
        details={"from": previous.value, "to": role.value, "reason": reason},
    )
    await db.flush()
    return target
