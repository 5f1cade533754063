"""Teachers join organizations; an approved organization approves its teachers."""

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.testing import LoginAs
from alif_main.testing import make_organization


async def test_a_teacher_joins_and_the_organization_approves_them(
    login_as: LoginAs, db_session: AsyncSession, started_app: FastAPI
) -> None:
    owner_user, organization = await make_organization(db_session, started_app)
    owner = await login_as(user=owner_user)
    teacher = await login_as(Role.teacher, status=AccountStatus.pending)

    directory = (await teacher.get("/api/main/organizations", params={"q": "ziyo"})).json()
    assert [o["id"] for o in directory["items"]] == [str(organization.id)]

    joined = await teacher.post(f"/api/main/organizations/{organization.id}/join")
    assert joined.status_code == 201
    assert joined.json()["status"] == "pending"
    twice = await teacher.post(f"/api/main/organizations/{organization.id}/join")
    assert twice.status_code == 409

    waiting = (
        await owner.get("/api/main/organizations/mine/members", params={"status": "pending"})
    ).json()
    assert [m["user_id"] for m in waiting] == [str(teacher.id)]
    approved = await owner.post(f"/api/main/organizations/mine/members/{waiting[0]['id']}/approve")
    assert approved.json()["status"] == "active"

    me = (await teacher.get("/api/main/me")).json()
    assert me["user"]["status"] == "active"
    assert me["membership"]["organization"]["id"] == str(organization.id)


async def test_a_pending_organization_cannot_approve_teachers(
    login_as: LoginAs, db_session: AsyncSession, started_app: FastAPI
) -> None:
    owner_user, organization = await make_organization(
        db_session, started_app, status=AccountStatus.pending
    )
    owner = await login_as(user=owner_user)
    teacher = await login_as(Role.teacher, status=AccountStatus.pending)
    # Not listed, and not joinable, until staff approve the organization.
    hidden = await teacher.post(f"/api/main/organizations/{organization.id}/join")
    assert hidden.status_code == 404
    from alif.kernel.models import MemberRole, MembershipStatus, OrganizationMember

    member = OrganizationMember(
        organization_id=organization.id,
        user_id=teacher.id,
        role=MemberRole.teacher,
        status=MembershipStatus.pending,
    )
    db_session.add(member)
    await db_session.flush()
    response = await owner.post(f"/api/main/organizations/mine/members/{member.id}/approve")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_not_approved"


async def test_an_organization_cannot_approve_another_organizations_member(
    login_as: LoginAs, db_session: AsyncSession, started_app: FastAPI
) -> None:
    owner_a_user, _ = await make_organization(db_session, started_app)
    _, organization_b = await make_organization(db_session, started_app)
    owner_a = await login_as(user=owner_a_user)
    teacher = await login_as(Role.teacher, status=AccountStatus.pending)
    await teacher.post(f"/api/main/organizations/{organization_b.id}/join")
    from sqlalchemy import select

    from alif.kernel.models import OrganizationMember

    member = await db_session.scalar(
        select(OrganizationMember).where(OrganizationMember.user_id == teacher.id)
    )
    assert member is not None
    response = await owner_a.post(f"/api/main/organizations/mine/members/{member.id}/approve")
    assert response.status_code == 404


async def test_only_teachers_join_organizations(
    login_as: LoginAs, db_session: AsyncSession, started_app: FastAPI
) -> None:
    _, organization = await make_organization(db_session, started_app)
    parent = await login_as(Role.parent)
    response = await parent.post(f"/api/main/organizations/{organization.id}/join")
    assert response.status_code == 403
