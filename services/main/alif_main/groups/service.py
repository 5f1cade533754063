"""Study groups (classes): teachers and organizations run them, students join them.

Every lookup of a group for management starts from the caller: the group's own teacher (while
still a member of the group's organization) or the owner of the organization it belongs to.
Anyone else's group is simply not found.
"""

import secrets
import uuid
from dataclasses import dataclass

import structlog
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role, TokenUser
from alif.cache import Limit, RateLimiter
from alif.db import utcnow
from alif.kernel import queries
from alif.kernel.models import (
    MemberRole,
    MembershipStatus,
    Organization,
    OrganizationMember,
    StudyGroup,
    StudyGroupMember,
    User,
)
from alif_main.groups.exceptions import (
    AlreadyInGroup,
    GroupArchived,
    GroupFull,
    GroupNotFound,
    InvitationNotFound,
    JoinCodeNotValid,
    MemberNotFound,
    OrganizationNotAllowed,
    TeacherNotInOrganization,
    TooManyJoinGuesses,
    TooManyMemberLookups,
)
from alif_main.groups.models import GroupInvitation, InvitationStatus
from alif_main.groups.schemas import GroupCreate, GroupUpdate

logger = structlog.get_logger("alif_main.groups")

MAX_MEMBERS = 50
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L look-alikes
CODE_LENGTH = 8
# 31^8 codes and 10 wrong guesses per quarter hour: guessing a code is hopeless.
JOIN_GUESSES = Limit(10, 900)
# A teacher invites students by username; the limit keeps the invitations few.
MEMBER_LOOKUPS = Limit(120, 3600)


@dataclass(frozen=True)
class Group:
    group: StudyGroup
    teacher: User
    member_count: int


@dataclass(frozen=True)
class Membership:
    group: StudyGroup
    teacher: User
    organization_name: str | None
    member: StudyGroupMember


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def normalize_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


async def unique_join_code(db: AsyncSession) -> str:
    # A collision is astronomically rare; the unique constraint is the final word anyway.
    while True:
        code = _new_code()
        if await db.scalar(select(StudyGroup.id).where(StudyGroup.join_code == code)) is None:
            return code


def _managed_by(user_id: uuid.UUID) -> Select[StudyGroup]:
    return select(StudyGroup).where(queries.manages_group(user_id))


async def _member_count(db: AsyncSession, group_id: uuid.UUID) -> int:
    count = await db.scalar(
        select(func.count())
        .select_from(StudyGroupMember)
        .where(StudyGroupMember.group_id == group_id)
    )
    return count or 0


async def _with_details(db: AsyncSession, group: StudyGroup) -> Group:
    teacher = await db.get(User, group.teacher_id)
    assert teacher is not None  # the foreign key cascades: a group never outlives its teacher
    return Group(group, teacher, await _member_count(db, group.id))


async def _owned_organization(db: AsyncSession, owner_id: uuid.UUID) -> Organization:
    organization = await db.scalar(select(Organization).where(Organization.owner_id == owner_id))
    if organization is None:
        raise OrganizationNotAllowed()
    return organization


async def _check_teacher_of(
    db: AsyncSession, organization: Organization, teacher_id: uuid.UUID
) -> None:
    if teacher_id == organization.owner_id:
        return
    member = await db.scalar(
        select(OrganizationMember.id)
        .join(User, User.id == OrganizationMember.user_id)
        .where(
            OrganizationMember.organization_id == organization.id,
            OrganizationMember.user_id == teacher_id,
            OrganizationMember.role == MemberRole.teacher,
            OrganizationMember.status == MembershipStatus.active,
            User.status == AccountStatus.active,
        )
    )
    if member is None:
        raise TeacherNotInOrganization()


async def create_group(db: AsyncSession, actor: TokenUser, data: GroupCreate) -> Group:
    """A teacher's own group (optionally in an organization they work in), or an
    organization's group led by one of its teachers."""
    if actor.role is Role.organization:
        organization = await _owned_organization(db, actor.id)
        teacher_id = data.teacher_id or actor.id
        await _check_teacher_of(db, organization, teacher_id)
        organization_id: uuid.UUID | None = organization.id
    else:
        if data.teacher_id not in (None, actor.id):
            raise TeacherNotInOrganization("Only an organization can choose the teacher.")
        teacher_id = actor.id
        organization_id = data.organization_id
        if organization_id is not None and organization_id not in await queries.organizations_of(
            db, actor.id
        ):
            raise OrganizationNotAllowed()
    group = StudyGroup(
        organization_id=organization_id,
        teacher_id=teacher_id,
        name=data.name,
        subject=data.subject,
        grade=data.grade,
        join_code=await unique_join_code(db),
    )
    db.add(group)
    await db.flush()
    logger.info("group_created", group_id=str(group.id), teacher_id=str(teacher_id))
    return await _with_details(db, group)


async def list_managed_groups(
    db: AsyncSession, user_id: uuid.UUID, *, include_archived: bool
) -> list[Group]:
    query = _managed_by(user_id)
    if not include_archived:
        query = query.where(StudyGroup.archived_at.is_(None))
    groups = await db.scalars(query.order_by(StudyGroup.name, StudyGroup.created_at))
    return [await _with_details(db, group) for group in groups]


async def get_managed_group(db: AsyncSession, user_id: uuid.UUID, group_id: uuid.UUID) -> Group:
    group = await db.scalar(_managed_by(user_id).where(StudyGroup.id == group_id))
    if group is None:
        raise GroupNotFound()
    return await _with_details(db, group)


async def update_group(
    db: AsyncSession, actor: TokenUser, found: Group, data: GroupUpdate
) -> Group:
    group = found.group
    changes = data.model_dump(exclude_unset=True)
    if changes.get("teacher_id") not in (None, group.teacher_id):
        # Handing a group over is the organization's decision, among its own teachers.
        if actor.role is not Role.organization or group.organization_id is None:
            raise TeacherNotInOrganization("Only the group's organization can change its teacher.")
        organization = await _owned_organization(db, actor.id)
        await _check_teacher_of(db, organization, changes["teacher_id"])
        group.teacher_id = changes["teacher_id"]
    for field in ("name", "subject"):
        if changes.get(field) is not None:
            setattr(group, field, changes[field])
    if "grade" in changes:
        group.grade = changes["grade"]
    await db.flush()
    return await _with_details(db, group)


async def set_archived(db: AsyncSession, found: Group, *, archived: bool) -> Group:
    found.group.archived_at = (found.group.archived_at or utcnow()) if archived else None
    await db.flush()
    return found


async def new_join_code(db: AsyncSession, found: Group) -> Group:
    """The old code stops working at once (it leaked, say)."""
    found.group.join_code = await unique_join_code(db)
    await db.flush()
    return found


async def list_members(
    db: AsyncSession, group_id: uuid.UUID
) -> list[tuple[User, StudyGroupMember]]:
    rows = await db.execute(
        select(User, StudyGroupMember)
        .join(StudyGroupMember, StudyGroupMember.student_id == User.id)
        .where(StudyGroupMember.group_id == group_id)
        .order_by(User.first_name, User.last_name)
    )
    return [(user, member) for user, member in rows]


async def _add(db: AsyncSession, group: StudyGroup, student: User) -> StudyGroupMember:
    if group.archived_at is not None:
        raise GroupArchived()
    if await db.get(StudyGroupMember, (group.id, student.id)) is not None:
        raise AlreadyInGroup()
    if await _member_count(db, group.id) >= MAX_MEMBERS:
        raise GroupFull(f"A group can have at most {MAX_MEMBERS} students.")
    member = StudyGroupMember(group_id=group.id, student_id=student.id)
    db.add(member)
    await db.flush()
    logger.info("group_member_added", group_id=str(group.id), student_id=str(student.id))
    return member


async def invite(
    db: AsyncSession, actor_id: uuid.UUID, found: Group, username: str, limiter: RateLimiter
) -> GroupInvitation:
    """Ask the parents of the child with this username to let them join the class.

    The answer is the same whether or not the username is a child's: nothing tells the teacher
    who exists. The child joins only when a parent accepts (or with the class code)."""
    await limiter.consume(f"group-member-lookup:{actor_id}", MEMBER_LOOKUPS, TooManyMemberLookups)
    if found.group.archived_at is not None:
        raise GroupArchived()
    existing = await db.scalar(
        select(GroupInvitation).where(
            GroupInvitation.group_id == found.group.id, GroupInvitation.username == username
        )
    )
    if existing is not None:
        return existing  # asked once is enough: a declined invitation is not sent again
    student_id = await db.scalar(
        select(User.id).where(
            User.username == username,
            User.role == Role.student,
            User.status == AccountStatus.active,
        )
    )
    invitation = GroupInvitation(
        group_id=found.group.id, username=username, student_id=student_id, invited_by_id=actor_id
    )
    db.add(invitation)
    await db.flush()
    logger.info("group_invitation_sent", group_id=str(found.group.id))
    return invitation


async def waiting_invitations(db: AsyncSession, found: Group) -> list[GroupInvitation]:
    """Invitations not accepted yet, as the teacher sees them (declined ones look the same)."""
    return list(
        await db.scalars(
            select(GroupInvitation)
            .where(
                GroupInvitation.group_id == found.group.id,
                GroupInvitation.status != InvitationStatus.accepted,
            )
            .order_by(GroupInvitation.created_at.desc())
        )
    )


async def cancel_invitation(db: AsyncSession, found: Group, invitation_id: uuid.UUID) -> None:
    invitation = await db.scalar(
        select(GroupInvitation).where(
            GroupInvitation.id == invitation_id,
            GroupInvitation.group_id == found.group.id,
            GroupInvitation.status != InvitationStatus.accepted,
        )
    )
    if invitation is None:
        raise InvitationNotFound()
    await db.delete(invitation)
    await db.flush()


@dataclass(frozen=True)
class Invitation:
    invitation: GroupInvitation
    group: StudyGroup
    teacher: User
    organization_name: str | None


async def invitations_for_child(db: AsyncSession, child_id: uuid.UUID) -> list[Invitation]:
    """What a parent is asked to decide for the child: open invitations to active classes."""
    rows = await db.execute(
        select(GroupInvitation, StudyGroup, User, Organization.name)
        .join(StudyGroup, StudyGroup.id == GroupInvitation.group_id)
        .join(User, User.id == StudyGroup.teacher_id)
        .outerjoin(Organization, Organization.id == StudyGroup.organization_id)
        .where(
            GroupInvitation.student_id == child_id,
            GroupInvitation.status == InvitationStatus.pending,
            StudyGroup.archived_at.is_(None),
        )
        .order_by(GroupInvitation.created_at)
    )
    return [Invitation(*row) for row in rows]


async def decide_invitation(
    db: AsyncSession,
    parent_id: uuid.UUID,
    child_id: uuid.UUID,
    invitation_id: uuid.UUID,
    *,
    accept: bool,
) -> Membership | None:
    """A parent accepts (the child joins the class) or declines."""
    invitation = next(
        (i for i in await invitations_for_child(db, child_id) if i.invitation.id == invitation_id),
        None,
    )
    if invitation is None:
        raise InvitationNotFound()
    row = invitation.invitation
    row.status = InvitationStatus.accepted if accept else InvitationStatus.declined
    row.decided_at = utcnow()
    row.decided_by_id = parent_id
    await db.flush()
    if not accept:
        return None
    if await db.get(StudyGroupMember, (invitation.group.id, child_id)) is None:
        student = await db.get(User, child_id)
        assert student is not None  # the parent's own child
        await _add(db, invitation.group, student)
    return await _membership(db, invitation.group.id, child_id)


async def remove_member(db: AsyncSession, found: Group, student_id: uuid.UUID) -> None:
    member = await db.get(StudyGroupMember, (found.group.id, student_id))
    if member is None:
        raise MemberNotFound()
    await db.delete(member)
    await db.flush()


async def join_by_code(
    db: AsyncSession, student_id: uuid.UUID, raw_code: str, limiter: RateLimiter
) -> Membership:
    guesses = f"group-join-guess:{student_id}"
    await limiter.check(guesses, JOIN_GUESSES, TooManyJoinGuesses)
    group = await db.scalar(
        select(StudyGroup).where(
            StudyGroup.join_code == normalize_code(raw_code), StudyGroup.archived_at.is_(None)
        )
    )
    if group is None:
        await limiter.record(guesses, JOIN_GUESSES)
        raise JoinCodeNotValid()
    student = await db.get(User, student_id)
    assert student is not None  # the token's own account
    await _add(db, group, student)
    return await _membership(db, group.id, student_id)


async def leave_group(db: AsyncSession, student_id: uuid.UUID, group_id: uuid.UUID) -> None:
    """A student leaves a class, or a parent takes the child out of it."""
    member = await db.get(StudyGroupMember, (group_id, student_id))
    if member is None:
        raise GroupNotFound()
    await db.delete(member)
    await db.flush()


async def _memberships(db: AsyncSession, student_id: uuid.UUID) -> list[Membership]:
    rows = await db.execute(
        select(StudyGroup, User, Organization.name, StudyGroupMember)
        .join(StudyGroupMember, StudyGroupMember.group_id == StudyGroup.id)
        .join(User, User.id == StudyGroup.teacher_id)
        .outerjoin(Organization, Organization.id == StudyGroup.organization_id)
        .where(StudyGroupMember.student_id == student_id, StudyGroup.archived_at.is_(None))
        .order_by(StudyGroup.name)
    )
    return [Membership(group, teacher, name, member) for group, teacher, name, member in rows]


async def _membership(db: AsyncSession, group_id: uuid.UUID, student_id: uuid.UUID) -> Membership:
    for membership in await _memberships(db, student_id):
        if membership.group.id == group_id:
            return membership
    raise GroupNotFound()


async def groups_of_student(db: AsyncSession, student_id: uuid.UUID) -> list[Membership]:
    """The active groups a student is in (for the student, or a parent looking at a child)."""
    return await _memberships(db, student_id)
