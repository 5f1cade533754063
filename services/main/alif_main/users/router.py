import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from alif.auth import AccountStatus, CurrentUser, FreshAdminUser, Role, StaffUser
from alif.db import ReadSessionDep, SessionDep
from alif.dependencies import ClientIP
from alif.errors import error_responses
from alif.schemas import Page, PageParams, page_of
from alif_main.dependencies import AuthServiceDep, SessionsDep
from alif_main.users import service
from alif_main.users.schemas import (
    BlockRequest,
    Family,
    FamilyMember,
    MembershipRead,
    MeResponse,
    OrganizationRead,
    PasswordChange,
    ProfileUpdate,
    RoleChange,
    StudentProfileRead,
    TeacherProfileRead,
    UserRead,
)
from alif_main.users.service import Me

router = APIRouter(tags=["users"])


def _me(me: Me) -> MeResponse:
    return MeResponse(
        user=UserRead.model_validate(me.user),
        student_profile=StudentProfileRead.model_validate(me.student_profile)
        if me.student_profile
        else None,
        teacher_profile=TeacherProfileRead.model_validate(me.teacher_profile)
        if me.teacher_profile
        else None,
        organization=OrganizationRead.model_validate(me.organization)
        if me.organization and me.membership is None
        else None,
        membership=MembershipRead(
            organization=OrganizationRead.model_validate(me.organization),
            status=me.membership.status,
        )
        if me.membership and me.organization
        else None,
        family=Family(
            children=[FamilyMember.model_validate(c) for c in me.children],
            guardians=[FamilyMember.model_validate(g) for g in me.guardians],
        ),
    )


@router.get("/me", summary="Who I am: account, role, profile, organization and family")
async def read_me(user: CurrentUser, db: ReadSessionDep) -> MeResponse:
    return _me(await service.load_me(db, user.id))


@router.patch(
    "/me", responses=error_responses(404, 422), summary="Edit my name, language and profile"
)
async def update_me(data: ProfileUpdate, user: CurrentUser, db: SessionDep) -> MeResponse:
    me = await service.load_me(db, user.id)
    await service.update_profile(db, me, data)
    return _me(me)


@router.post(
    "/me/password",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(403, 422, 429),
    summary="Change my password; my other devices are signed out",
)
async def change_password(
    data: PasswordChange, user: CurrentUser, db: SessionDep, auth: AuthServiceDep
) -> None:
    await auth.change_password(db, user, data.current_password, data.new_password)


@router.get("/users", summary="Staff: find accounts")
async def list_users(
    staff: StaffUser,
    db: SessionDep,
    page: Annotated[PageParams, Query()],
    role: Role | None = None,
    status: AccountStatus | None = None,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> Page[UserRead]:
    found = await service.list_users(db, page, role=role, status=status, query=q)
    return page_of(found, page, UserRead.model_validate)


@router.get("/users/{user_id}", responses=error_responses(404), summary="Staff: one account")
async def get_user(user_id: uuid.UUID, staff: StaffUser, db: SessionDep) -> UserRead:
    return UserRead.model_validate(await service.get_user(db, user_id))


@router.post(
    "/users/{user_id}/approve",
    responses=error_responses(404, 409),
    summary="Staff: approve a pending teacher or organization",
)
async def approve_user(
    user_id: uuid.UUID, staff: StaffUser, db: SessionDep, ip_address: ClientIP
) -> UserRead:
    target = await service.get_user(db, user_id)
    approved = await service.approve_account(db, target, actor_id=staff.id, ip_address=ip_address)
    return UserRead.model_validate(approved)


@router.post(
    "/users/{user_id}/block",
    responses=error_responses(403, 404),
    summary="Staff: block an account; all its sessions end at once",
)
async def block_user(
    user_id: uuid.UUID,
    data: BlockRequest,
    staff: StaffUser,
    db: SessionDep,
    sessions: SessionsDep,
    ip_address: ClientIP,
) -> UserRead:
    target = await service.get_user(db, user_id)
    blocked = await service.block_account(
        db, target, sessions, actor=staff, reason=data.reason, ip_address=ip_address
    )
    return UserRead.model_validate(blocked)


@router.post("/users/{user_id}/unblock", responses=error_responses(404))
async def unblock_user(
    user_id: uuid.UUID, staff: StaffUser, db: SessionDep, ip_address: ClientIP
) -> UserRead:
    target = await service.get_user(db, user_id)
    return UserRead.model_validate(
        await service.unblock_account(db, target, actor_id=staff.id, ip_address=ip_address)
    )


@router.put(
    "/users/{user_id}/role",
    responses=error_responses(403, 404),
    summary="Admin: change an account's role",
)
async def change_role(
    user_id: uuid.UUID,
    data: RoleChange,
    admin: FreshAdminUser,
    db: SessionDep,
    sessions: SessionsDep,
    ip_address: ClientIP,
) -> UserRead:
    target = await service.get_user(db, user_id)
    changed = await service.change_role(
        db, target, data.role, sessions, actor_id=admin.id, ip_address=ip_address
    )
    return UserRead.model_validate(changed)
