"""Parents register their children, students themselves, schools their students in bulk."""

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.kernel.models import MemberRole, MembershipStatus, OrganizationMember
from alif.subscriptions.features import Feature
from alif.testing import LoginAs, make_child, make_school, make_user, subscribe
from olimp.olympiads.models import Olympiad
from olimp.testing import OLYMPIADS, build_olympiad, in_grade, registered_child


async def test_a_parent_registers_their_child_and_cancels(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    olympiad = await build_olympiad(await login_as(Role.admin))
    url = f"{OLYMPIADS}/{olympiad['id']}/registrations"
    parent = await login_as(Role.parent)
    child = await in_grade(db_session, await make_child(db_session, parent.user), 4, "12-maktab")

    registered = await parent.post(
        url, json={"student_id": str(child.id), "region": "samarkand", "district": "Urgut"}
    )
    assert registered.status_code == 201
    assert registered.json()["grade"] == 4
    assert registered.json()["school"] == "12-maktab"
    twice = await parent.post(url, json={"student_id": str(child.id)})
    assert twice.status_code == 409
    assert twice.json()["error"]["code"] == "already_registered"
    assert (await parent.get(url)).json()["total"] == 1

    assert (await parent.delete(f"{url}/{child.id}")).status_code == 204
    assert (await parent.get(url)).json()["total"] == 0


async def test_a_parent_cannot_register_or_cancel_another_familys_child(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    olympiad = await build_olympiad(await login_as(Role.admin))
    url = f"{OLYMPIADS}/{olympiad['id']}/registrations"
    child = await registered_child(db_session, login_as, olympiad)
    stranger = await login_as(Role.parent)
    refused = await stranger.post(url, json={"student_id": str(child.id)})
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "student_not_found"
    assert (await stranger.delete(f"{url}/{child.id}")).status_code == 404
    assert (await stranger.get(url)).json()["total"] == 0
    # Another student cannot cancel it either, nor register someone else.
    other = await login_as(Role.student)
    assert (await other.delete(f"{url}/{child.id}")).status_code == 404
    assert (await other.post(url, json={"student_id": str(child.id)})).status_code == 404


async def test_a_student_registers_themself_when_eligible(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    olympiad = await build_olympiad(await login_as(Role.admin))
    url = f"{OLYMPIADS}/{olympiad['id']}/registrations"
    too_young = await login_as(Role.student)
    await in_grade(db_session, too_young.user, 2)
    refused = await too_young.post(url, json={})
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "not_eligible"
    assert refused.json()["error"]["details"]["reason"] == "grade"

    student = await login_as(Role.student)
    await in_grade(db_session, student.user, 5)
    assert (await student.post(url, json={})).status_code == 201


async def test_capacity_window_region_and_plan_are_checked(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    admin = await login_as(Role.admin)
    small = await build_olympiad(admin, capacity=1)
    await registered_child(db_session, login_as, small)
    late = await login_as(Role.student)
    await in_grade(db_session, late.user, 4)
    full = await late.post(f"{OLYMPIADS}/{small['id']}/registrations", json={})
    assert full.json()["error"]["code"] == "olympiad_full"

    regional = await build_olympiad(admin, scope="region", region="fergana")
    url = f"{OLYMPIADS}/{regional['id']}/registrations"
    elsewhere = await late.post(url, json={"region": "samarkand"})
    assert elsewhere.json()["error"]["details"]["reason"] == "region"
    assert (await late.post(url, json={"region": "fergana"})).status_code == 201

    paid = await build_olympiad(admin, requires_plan=True)
    url = f"{OLYMPIADS}/{paid['id']}/registrations"
    parent = await login_as(Role.parent)
    child = await in_grade(db_session, await make_child(db_session, parent.user), 4)
    refused = await parent.post(url, json={"student_id": str(child.id)})
    assert refused.json()["error"]["details"]["reason"] == "plan"
    await subscribe(db_session, parent.user, Feature.olimp)
    assert (await parent.post(url, json={"student_id": str(child.id)})).status_code == 201

    row = await db_session.get(Olympiad, uuid.UUID(paid["id"]))
    assert row is not None
    row.registration_closes_at = utcnow() - timedelta(minutes=1)
    await db_session.flush()
    closed = await parent.delete(f"{url}/{child.id}")
    assert closed.status_code == 409
    assert closed.json()["error"]["code"] == "registration_closed"


async def test_a_school_registers_its_own_students_in_bulk(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    olympiad = await build_olympiad(await login_as(Role.admin))
    organization = await login_as(Role.organization)
    school = await make_school(db_session, organization.user, "5-maktab")
    school.district = "Chilonzor"
    ours = [await in_grade(db_session, await make_user(db_session), g) for g in (4, 5, 9)]
    for student in ours:
        db_session.add(
            OrganizationMember(
                organization_id=school.id,
                user_id=student.id,
                role=MemberRole.student,
                status=MembershipStatus.active,
            )
        )
    await db_session.flush()
    outsider = await in_grade(db_session, await make_user(db_session), 4)

    response = await organization.post(
        f"{OLYMPIADS}/{olympiad['id']}/registrations/bulk",
        json={"student_ids": [str(s.id) for s in (*ours, outsider)]},
    )
    assert response.status_code == 200
    body = response.json()
    assert {r["student_id"] for r in body["registered"]} == {str(ours[0].id), str(ours[1].id)}
    assert {r["school"] for r in body["registered"]} == {"5-maktab"}
    assert body["refused"] == {
        str(ours[2].id): "not_eligible",
        str(outsider.id): "student_not_found",
    }

    parent = await login_as(Role.parent)
    refused = await parent.post(
        f"{OLYMPIADS}/{olympiad['id']}/registrations/bulk", json={"student_ids": [str(ours[2].id)]}
    )
    assert refused.status_code == 403
