"""Teachers join organizations; an approved organization approves its teachers."""

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.kernel import queries
from alif.kernel.models import MemberRole, MembershipStatus, OrganizationMember
from alif.testing import LoginAs, make_study_group
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


async def test_a_removed_teacher_loses_the_organizations_classes_to_the_organization(
    login_as: LoginAs, db_session: AsyncSession, started_app: FastAPI
) -> None:
    owner_user, organization = await make_organization(db_session, started_app)
    owner = await login_as(user=owner_user)
    teacher = await login_as(Role.teacher)
    membership = OrganizationMember(
        organization_id=organization.id,
        user_id=teacher.id,
        role=MemberRole.teacher,
        status=MembershipStatus.active,
    )
    db_session.add(membership)
    student = await login_as(Role.student)
    group = await make_study_group(
        db_session, teacher.user, [student.user], organization=organization
    )
    own = await make_study_group(db_session, teacher.user)  # outside the organization: stays
    url = f"/api/main/groups/{group.id}"
    assert (await teacher.get(url)).status_code == 200

    removed = await owner.delete(f"/api/main/organizations/mine/members/{membership.id}")
    assert removed.status_code == 204
    attempts = [
        await teacher.get(url),
        await teacher.get(f"{url}/members"),
        await teacher.post(f"{url}/join-code"),
        await teacher.patch(url, json={"name": "still mine"}),
    ]
    assert [a.status_code for a in attempts] == [404] * 4
    assert not await queries.can_teach_group(db_session, teacher.id, group.id)  # testai asks this
    assert await queries.taught_students(db_session, teacher.id, [student.id]) == set()
    assert (await teacher.get(f"/api/main/groups/{own.id}")).status_code == 200

    handed = (await owner.get(url)).json()
    assert handed["teacher_id"] == str(owner.id) and handed["member_count"] == 1
    again = await owner.delete(f"/api/main/organizations/mine/members/{membership.id}")
    assert again.status_code == 404
    other_owner, _ = await make_organization(db_session, started_app)
    stranger = await login_as(user=other_owner)
    foreign = await stranger.delete(f"/api/main/organizations/mine/members/{membership.id}")
    assert foreign.status_code == 404


async def test_a_teacher_whose_membership_is_not_active_cannot_run_its_classes(
    login_as: LoginAs, db_session: AsyncSession, started_app: FastAPI
) -> None:
    _, organization = await make_organization(db_session, started_app)
    teacher = await login_as(Role.teacher)  # never a member (or rejected since)
    group = await make_study_group(
        db_session, teacher.user, organization=organization, teacher_is_member=False
    )
    assert (await teacher.get(f"/api/main/groups/{group.id}")).status_code == 404
