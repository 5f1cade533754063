import uuid

from fastapi import APIRouter, status
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import ParentUser, StudentUser
from alif.db import SessionDep
from alif.dependencies import ClientIP, RateLimiterDep
from alif.errors import error_responses
from alif.subscriptions import entitlement_of
from alif_main.auth.pins import PinGuard
from alif_main.auth.schemas import SessionRead
from alif_main.dependencies import HasherDep, PinsDep, SessionsDep
from alif_main.family import service
from alif_main.family.dependencies import ChildDep, IdempotencyKeyHeader
from alif_main.family.schemas import (
    ChildCreate,
    ChildRead,
    ChildUpdate,
    GuardianRead,
    InvitationAccept,
    InvitationCreate,
    InvitationRead,
    PinReset,
)
from alif_main.family.service import Child
from alif_main.users import service as users

router = APIRouter(tags=["family"])


async def _read(child: Child, pins: PinGuard, db: AsyncSession) -> ChildRead:
    user, profile = child.user, child.profile
    pin = await service.pin_state(child, pins)
    covered = bool((await entitlement_of(db, user.id)).coverages)
    return ChildRead(
        id=user.id,
        first_name=user.first_name,
        last_name=user.last_name,
        username=user.username,
        status=user.status,
        language=user.language,
        birth_date=profile.birth_date,
        grade=profile.grade,
        school_name=profile.school_name,
        avatar=profile.avatar,
        relation=child.relation,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
        pin_failed_attempts=pin.failed_attempts,
        pin_locked_until=pin.locked_until,
        covered_by_plan=covered,
    )


@router.get("/children", summary="My children")
async def list_children(parent: ParentUser, db: SessionDep, pins: PinsDep) -> list[ChildRead]:
    return [await _read(child, pins, db) for child in await service.list_children(db, parent.id)]


@router.post(
    "/children",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(409, 422, 429),
    summary="Create a child's account (username + PIN)",
)
async def create_child(
    data: ChildCreate,
    parent: ParentUser,
    db: SessionDep,
    hasher: HasherDep,
    pins: PinsDep,
    limiter: RateLimiterDep,
    ip_address: ClientIP,
    idempotency_key: IdempotencyKeyHeader = None,
) -> ChildRead:
    parent_user = await users.get_user(db, parent.id)
    child = await service.create_child(
        db, parent_user, data, hasher, limiter, ip_address, idempotency_key
    )
    return await _read(child, pins, db)


@router.get("/children/{child_id}", responses=error_responses(404))
async def get_child(child: ChildDep, pins: PinsDep, db: SessionDep) -> ChildRead:
    return await _read(child, pins, db)


@router.patch("/children/{child_id}", responses=error_responses(404, 422))
async def update_child(
    child: ChildDep, data: ChildUpdate, db: SessionDep, pins: PinsDep
) -> ChildRead:
    return await _read(await service.update_child(db, child, data), pins, db)


@router.put(
    "/children/{child_id}/pin",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404, 422),
    summary="Set a new PIN; it also unlocks the child and signs out their devices",
)
async def reset_pin(
    child: ChildDep,
    data: PinReset,
    db: SessionDep,
    hasher: HasherDep,
    sessions: SessionsDep,
    pins: PinsDep,
) -> None:
    await service.reset_pin(db, child, data.pin, hasher, sessions, pins)


@router.delete(
    "/children/{child_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404),
    summary="Remove a child from my family (the account closes if no guardian is left)",
)
async def remove_child(
    child: ChildDep, parent: ParentUser, db: SessionDep, sessions: SessionsDep
) -> None:
    await service.remove_child(db, parent.id, child, sessions)


@router.post(
    "/family/invitations",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(429),
    summary="A one-time code that links an existing student to me when they confirm it",
)
async def create_invitation(
    data: InvitationCreate, parent: ParentUser, db: SessionDep, limiter: RateLimiterDep
) -> InvitationRead:
    code, invitation = await service.create_invitation(db, parent.id, data.relation, limiter)
    return InvitationRead(code=code, expires_at=invitation.expires_at)


@router.post(
    "/family/invitations/accept",
    responses=error_responses(404, 409, 429),
    summary="A student confirms a parent's code",
)
async def accept_invitation(
    data: InvitationAccept, student: StudentUser, db: SessionDep, limiter: RateLimiterDep
) -> GuardianRead:
    parent, relation = await service.accept_invitation(db, student.id, data.code, limiter)
    return GuardianRead(
        id=parent.id, first_name=parent.first_name, last_name=parent.last_name, relation=relation
    )


@router.get(
    "/children/{child_id}/devices",
    responses=error_responses(404),
    summary="The devices my child is signed in on",
)
async def child_devices(
    child: ChildDep, db: SessionDep, sessions: SessionsDep
) -> list[SessionRead]:
    return [SessionRead.model_validate(s) for s in await sessions.list_live(db, child.user.id)]


@router.delete(
    "/children/{child_id}/devices/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404),
    summary="Sign my child out of one device",
)
async def end_child_device(
    child: ChildDep, session_id: uuid.UUID, db: SessionDep, sessions: SessionsDep
) -> None:
    await sessions.revoke_by_id(db, child.user.id, session_id, "ended_by_parent")
