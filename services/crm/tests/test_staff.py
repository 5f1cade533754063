"""Staff roles per organization and what each role may do, through HTTP."""

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.testing import LoginAs
from crm.staff.models import StaffRole
from crm.testing import hire, make_centre

ORGS = "/api/crm/organizations"


async def test_the_owner_is_the_director_and_takes_on_staff_by_phone(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    teacher = await login_as(Role.teacher, phone="+998901112233")

    offices = (await director.get(ORGS)).json()
    assert [(o["organization_id"], o["role"]) for o in offices] == [(str(centre.id), "director")]
    assert "manage_staff" in offices[0]["permissions"]
    assert (await teacher.get(ORGS)).json() == []

    added = await director.post(
        f"{ORGS}/{centre.id}/staff", json={"phone": "90 111-22-33", "role": "teacher"}
    )
    assert added.status_code == 201
    staff = added.json()
    assert (staff["user_id"], staff["role"]) == (str(teacher.id), "teacher")

    mine = (await teacher.get(f"{ORGS}/{centre.id}/me")).json()
    assert (mine["role"], mine["permissions"]) == ("teacher", ["mark_attendance", "view_groups"])
    assert [o["organization_name"] for o in (await teacher.get(ORGS)).json()] == ["Ziyo markazi"]

    again = await director.post(
        f"{ORGS}/{centre.id}/staff", json={"phone": "+998901112233", "role": "cashier"}
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "staff_member_exists"

    changed = await director.patch(
        f"{ORGS}/{centre.id}/staff/{staff['id']}", json={"role": "administrator"}
    )
    assert changed.json()["role"] == "administrator"
    assert [s["role"] for s in (await director.get(f"{ORGS}/{centre.id}/staff")).json()] == [
        "administrator"
    ]

    assert (await director.delete(f"{ORGS}/{centre.id}/staff/{staff['id']}")).status_code == 204
    gone = await teacher.get(f"{ORGS}/{centre.id}/me")
    assert gone.status_code == 404
    assert gone.json()["error"]["code"] == "organization_not_found"


async def test_a_phone_without_an_account_or_a_bad_role_is_refused(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    director = await login_as(Role.organization)
    centre = await make_centre(db_session, director.user)
    url = f"{ORGS}/{centre.id}/staff"

    unknown = await director.post(url, json={"phone": "+998997654321", "role": "teacher"})
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "account_not_found"
    for body in (
        {"phone": "12345", "role": "teacher"},
        {"phone": "+998901234567", "role": "owner"},
    ):
        assert (await director.post(url, json=body)).status_code == 422
    assert (await director.get(url)).json() == []


# (role, method, path under the organization, what the role may do)
PERMISSION_CASES = [
    (StaffRole.administrator, "get", "/staff", True),
    (StaffRole.administrator, "post", "/staff", False),
    (StaffRole.administrator, "get", "/leads", True),
    (StaffRole.administrator, "post", "/students", True),
    (StaffRole.teacher, "get", "/staff", False),
    (StaffRole.teacher, "get", "/leads", False),
    (StaffRole.teacher, "get", "/lead-stages", False),
    (StaffRole.teacher, "get", "/students", False),
    (StaffRole.cashier, "get", "/students", True),
    (StaffRole.cashier, "post", "/students", False),
    (StaffRole.cashier, "get", "/leads", False),
    (StaffRole.cashier, "get", "/staff", False),
    (StaffRole.director, "post", "/staff", True),
]

BODIES = {
    "/staff": {"phone": "+998935554433", "role": "cashier"},
    "/students": {"first_name": "Ali"},
}


@pytest.mark.parametrize(("role", "method", "path", "may"), PERMISSION_CASES)
async def test_each_role_does_only_what_it_is_allowed(
    login_as: LoginAs,
    db_session: AsyncSession,
    client: AsyncClient,
    role: StaffRole,
    method: str,
    path: str,
    may: bool,
) -> None:
    owner = await login_as(Role.organization)
    centre = await make_centre(db_session, owner.user)
    await login_as(Role.teacher, phone="+998935554433")
    worker = await login_as(Role.teacher)
    await hire(db_session, centre, worker.user, role)

    url = f"{ORGS}/{centre.id}{path}"
    if method == "get":
        response = await worker.get(url)
    else:
        response = await worker.post(url, json=BODIES[path])
    if may:
        assert response.status_code in (200, 201)
    else:
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "permission_denied"


async def test_the_office_needs_a_signed_in_user(
    client: AsyncClient, login_as: LoginAs, db_session: AsyncSession
) -> None:
    owner = await login_as(Role.organization)
    centre = await make_centre(db_session, owner.user)
    assert (await client.get(ORGS)).status_code == 401
    assert (await client.get(f"{ORGS}/{centre.id}/leads")).status_code == 401
