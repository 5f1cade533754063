import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from alif.auth import OrganizationUser, Role, TeacherUser, TokenUser, require_role
from alif.db import SessionDep
from alif.dependencies import ClientIP
from alif.errors import error_responses
from alif.kernel.models import MemberRole, MembershipStatus, OrganizationKind, Region
from alif.schemas import Page, PageParams, page_of
from alif_main.organizations import service
from alif_main.organizations.schemas import OrganizationListItem, OrganizationMemberRead
from alif_main.organizations.service import Member
from alif_main.users import service as users

router = APIRouter(prefix="/organizations", tags=["organizations"])

ApprovedOrganization = Annotated[TokenUser, Depends(require_role(Role.organization, approved=True))]


def _member(member: Member) -> OrganizationMemberRead:
    return OrganizationMemberRead(
        id=member.membership.id,
        user_id=member.user.id,
        first_name=member.user.first_name,
        last_name=member.user.last_name,
        role=member.membership.role,
        status=member.membership.status,
        created_at=member.membership.created_at,
        decided_at=member.membership.decided_at,
    )


@router.get("", summary="Approved schools and learning centres")
async def search_organizations(
    db: SessionDep,
    page: Annotated[PageParams, Query()],
    q: Annotated[str | None, Query(max_length=100)] = None,
    region: Region | None = None,
    kind: OrganizationKind | None = None,
) -> Page[OrganizationListItem]:
    found = await service.search_organizations(db, page, query=q, region=region, kind=kind)
    return page_of(found, page, OrganizationListItem.model_validate)


@router.post(
    "/{organization_id}/join",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 409),
    summary="A teacher asks to join an organization",
)
async def join_organization(
    organization_id: uuid.UUID, teacher: TeacherUser, db: SessionDep
) -> OrganizationMemberRead:
    organization = await service.get_approved_organization(db, organization_id)
    user = await users.get_user(db, teacher.id)
    return _member(await service.request_to_join(db, organization, user))


@router.get("/mine/members", summary="People who belong to my organization or asked to")
async def list_members(
    owner: OrganizationUser,
    db: SessionDep,
    role: MemberRole | None = None,
    status: MembershipStatus | None = None,
) -> list[OrganizationMemberRead]:
    organization = await service.organization_of_owner(db, owner.id)
    return [
        _member(m) for m in await service.list_members(db, organization, role=role, status=status)
    ]


@router.post(
    "/mine/members/{member_id}/approve",
    responses=error_responses(403, 404),
    summary="Approve a teacher (an organization must itself be approved first)",
)
async def approve_member(
    member_id: uuid.UUID, owner: ApprovedOrganization, db: SessionDep, ip_address: ClientIP
) -> OrganizationMemberRead:
    organization = await service.organization_of_owner(db, owner.id)
    member = await service.decide_membership(
        db, organization, member_id, approve=True, actor_id=owner.id, ip_address=ip_address
    )
    return _member(member)


@router.post("/mine/members/{member_id}/reject", responses=error_responses(403, 404))
async def reject_member(
    member_id: uuid.UUID, owner: ApprovedOrganization, db: SessionDep, ip_address: ClientIP
) -> OrganizationMemberRead:
    organization = await service.organization_of_owner(db, owner.id)
    member = await service.decide_membership(
        db, organization, member_id, approve=False, actor_id=owner.id, ip_address=ip_address
    )
    return _member(member)


@router.delete(
    "/mine/members/{member_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404),
    summary="Remove a member; the classes they led pass to the organization",
)
async def remove_member(
    member_id: uuid.UUID, owner: OrganizationUser, db: SessionDep, ip_address: ClientIP
) -> None:
    organization = await service.organization_of_owner(db, owner.id)
    await service.remove_member(
        db, organization, member_id, actor_id=owner.id, ip_address=ip_address
    )
