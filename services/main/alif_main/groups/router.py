import uuid

from fastapi import APIRouter, status

from alif.auth import ParentUser, StudentUser
from alif.db import SessionDep
from alif.dependencies import RateLimiterDep
from alif.errors import error_responses
from alif.kernel.models import StudyGroupMember, User
from alif_main.family.dependencies import ChildDep
from alif_main.groups import service
from alif_main.groups.dependencies import GroupManager, ManagedGroupDep
from alif_main.groups.schemas import (
    ChildInvitationRead,
    GroupCreate,
    GroupInvitationCreate,
    GroupInvitationRead,
    GroupRead,
    GroupSummary,
    GroupUpdate,
    JoinRequest,
    MemberRead,
)
from alif_main.groups.service import Group, Membership

router = APIRouter(tags=["groups"])


def _read(found: Group) -> GroupRead:
    group = found.group
    return GroupRead(
        id=group.id,
        name=group.name,
        subject=group.subject,
        grade=group.grade,
        organization_id=group.organization_id,
        teacher_id=group.teacher_id,
        teacher_name=found.teacher.full_name,
        join_code=service.format_code(group.join_code),
        member_count=found.member_count,
        archived_at=group.archived_at,
        created_at=group.created_at,
    )


def _summary(membership: Membership) -> GroupSummary:
    group = membership.group
    return GroupSummary(
        id=group.id,
        name=group.name,
        subject=group.subject,
        grade=group.grade,
        teacher_name=membership.teacher.full_name,
        organization_name=membership.organization_name,
        joined_at=membership.member.joined_at,
    )


def _member(student: User, member: StudyGroupMember) -> MemberRead:
    return MemberRead(
        student_id=student.id,
        first_name=student.first_name,
        last_name=student.last_name,
        username=student.username,
        joined_at=member.joined_at,
    )


@router.post(
    "/groups",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 404, 422),
    summary="Create a group (class) with its own join code",
)
async def create_group(data: GroupCreate, manager: GroupManager, db: SessionDep) -> GroupRead:
    return _read(await service.create_group(db, manager, data))


@router.get("/groups", summary="The groups I teach (an organization: all of its groups)")
async def list_groups(
    manager: GroupManager, db: SessionDep, include_archived: bool = False
) -> list[GroupRead]:
    groups = await service.list_managed_groups(db, manager.id, include_archived=include_archived)
    return [_read(group) for group in groups]


@router.get("/groups/{group_id}", responses=error_responses(404))
async def get_group(group: ManagedGroupDep) -> GroupRead:
    return _read(group)


@router.patch("/groups/{group_id}", responses=error_responses(404, 422))
async def update_group(
    group: ManagedGroupDep, data: GroupUpdate, manager: GroupManager, db: SessionDep
) -> GroupRead:
    return _read(await service.update_group(db, manager, group, data))


@router.post(
    "/groups/{group_id}/archive",
    responses=error_responses(404),
    summary="Archive a group: it leaves students' lists and its code stops working",
)
async def archive_group(group: ManagedGroupDep, db: SessionDep) -> GroupRead:
    return _read(await service.set_archived(db, group, archived=True))


@router.post("/groups/{group_id}/unarchive", responses=error_responses(404))
async def unarchive_group(group: ManagedGroupDep, db: SessionDep) -> GroupRead:
    return _read(await service.set_archived(db, group, archived=False))


@router.post(
    "/groups/{group_id}/join-code",
    responses=error_responses(404),
    summary="A new join code; the old one stops working",
)
async def new_join_code(group: ManagedGroupDep, db: SessionDep) -> GroupRead:
    return _read(await service.new_join_code(db, group))


@router.get("/groups/{group_id}/members", responses=error_responses(404))
async def list_members(group: ManagedGroupDep, db: SessionDep) -> list[MemberRead]:
    return [_member(*row) for row in await service.list_members(db, group.group.id)]


@router.post(
    "/groups/{group_id}/invitations",
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(404, 409, 429),
    summary="Invite a child by username; the child joins when a parent accepts",
)
async def invite(
    group: ManagedGroupDep,
    data: GroupInvitationCreate,
    manager: GroupManager,
    db: SessionDep,
    limiter: RateLimiterDep,
) -> GroupInvitationRead:
    invitation = await service.invite(db, manager.id, group, data.username, limiter)
    return GroupInvitationRead.model_validate(invitation)


@router.get(
    "/groups/{group_id}/invitations",
    responses=error_responses(404),
    summary="Invitations no child has joined with yet",
)
async def list_invitations(group: ManagedGroupDep, db: SessionDep) -> list[GroupInvitationRead]:
    return [
        GroupInvitationRead.model_validate(i) for i in await service.waiting_invitations(db, group)
    ]


@router.delete(
    "/groups/{group_id}/invitations/{invitation_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404),
)
async def cancel_invitation(
    group: ManagedGroupDep, invitation_id: uuid.UUID, db: SessionDep
) -> None:
    await service.cancel_invitation(db, group, invitation_id)


@router.delete(
    "/groups/{group_id}/members/{student_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404),
)
async def remove_member(group: ManagedGroupDep, student_id: uuid.UUID, db: SessionDep) -> None:
    await service.remove_member(db, group, student_id)


@router.post(
    "/groups/join",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 409, 429),
    summary="A student joins a group with the teacher's code",
)
async def join_group(
    data: JoinRequest, student: StudentUser, db: SessionDep, limiter: RateLimiterDep
) -> GroupSummary:
    return _summary(await service.join_by_code(db, student.id, data.code, limiter))


@router.get("/me/groups", summary="The groups I am in (students)")
async def my_groups(student: StudentUser, db: SessionDep) -> list[GroupSummary]:
    return [_summary(m) for m in await service.groups_of_student(db, student.id)]


@router.delete(
    "/me/groups/{group_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404),
    summary="A student leaves a group",
)
async def leave_group(group_id: uuid.UUID, student: StudentUser, db: SessionDep) -> None:
    await service.leave_group(db, student.id, group_id)


@router.get(
    "/children/{child_id}/groups",
    responses=error_responses(404),
    summary="The groups my child is in (parents)",
)
async def child_groups(child: ChildDep, db: SessionDep) -> list[GroupSummary]:
    return [_summary(m) for m in await service.groups_of_student(db, child.user.id)]


@router.delete(
    "/children/{child_id}/groups/{group_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404),
    summary="A parent takes the child out of a class",
)
async def remove_child_from_group(child: ChildDep, group_id: uuid.UUID, db: SessionDep) -> None:
    await service.leave_group(db, child.user.id, group_id)


@router.get(
    "/children/{child_id}/group-invitations",
    responses=error_responses(404),
    summary="Classes a teacher invited my child to, waiting for my answer",
)
async def child_invitations(child: ChildDep, db: SessionDep) -> list[ChildInvitationRead]:
    return [
        ChildInvitationRead(
            id=found.invitation.id,
            group_name=found.group.name,
            subject=found.group.subject,
            grade=found.group.grade,
            teacher_name=found.teacher.full_name,
            organization_name=found.organization_name,
            created_at=found.invitation.created_at,
        )
        for found in await service.invitations_for_child(db, child.user.id)
    ]


@router.post(
    "/children/{child_id}/group-invitations/{invitation_id}/accept",
    responses=error_responses(404, 409),
    summary="Let my child join the class",
)
async def accept_invitation(
    child: ChildDep, invitation_id: uuid.UUID, parent: ParentUser, db: SessionDep
) -> GroupSummary:
    membership = await service.decide_invitation(
        db, parent.id, child.user.id, invitation_id, accept=True
    )
    assert membership is not None
    return _summary(membership)


@router.post(
    "/children/{child_id}/group-invitations/{invitation_id}/decline",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404),
)
async def decline_invitation(
    child: ChildDep, invitation_id: uuid.UUID, parent: ParentUser, db: SessionDep
) -> None:
    await service.decide_invitation(db, parent.id, child.user.id, invitation_id, accept=False)
