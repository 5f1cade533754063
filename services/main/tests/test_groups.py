"""Study groups: teachers and organizations run them, students join by code, parents look on."""

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.kernel.models import MemberRole, MembershipStatus, OrganizationMember
from alif.testing import LoginAs, make_child
from alif_main.testing import make_organization

GROUPS = "/api/main/groups"


async def test_teacher_creates_a_group_students_join_and_parents_see_it(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    created = await teacher.post(GROUPS, json={"name": "5-A", "subject": "Matematika", "grade": 5})
    assert created.status_code == 201
    group = created.json()
    assert group["member_count"] == 0 and group["teacher_id"] == str(teacher.id)
    assert len(group["join_code"]) == 9 and group["join_code"][4] == "-"

    parent = await login_as(Role.parent)
    child = await make_child(db_session, parent.user)
    student = await login_as(Role.student, username="aziza01")

    code = group["join_code"].replace("-", " ").lower()  # typed loosely on a phone
    joined = await student.post(f"{GROUPS}/join", json={"code": code})
    assert joined.status_code == 201
    assert joined.json()["name"] == "5-A" and "join_code" not in joined.json()

    invited = await teacher.post(
        f"{GROUPS}/{group['id']}/invitations", json={"username": child.username}
    )
    assert invited.status_code == 202
    waiting = (await parent.get(f"/api/main/children/{child.id}/group-invitations")).json()
    accepted = await parent.post(
        f"/api/main/children/{child.id}/group-invitations/{waiting[0]['id']}/accept"
    )
    assert accepted.status_code == 200

    members = await teacher.get(f"{GROUPS}/{group['id']}/members")
    assert {m["student_id"] for m in members.json()} == {str(student.id), str(child.id)}
    assert (await teacher.get(f"{GROUPS}/{group['id']}")).json()["member_count"] == 2

    mine = await student.get("/api/main/me/groups")
    assert [g["id"] for g in mine.json()] == [group["id"]]
    assert "join_code" not in mine.json()[0]

    seen = await parent.get(f"/api/main/children/{child.id}/groups")
    assert seen.status_code == 200 and [g["name"] for g in seen.json()] == ["5-A"]

    stranger = await login_as(Role.parent)
    refused = await stranger.get(f"/api/main/children/{child.id}/groups")
    assert refused.status_code == 404


async def test_only_approved_teachers_and_organizations_manage_groups(login_as: LoginAs) -> None:
    pending = await login_as(Role.teacher, status=AccountStatus.pending)
    response = await pending.post(GROUPS, json={"name": "7-B"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "account_not_approved"

    for role in (Role.student, Role.parent):
        actor = await login_as(role)
        response = await actor.post(GROUPS, json={"name": "7-B"})
        assert response.status_code == 403
        assert (await actor.get(GROUPS)).status_code == 403

    anonymous = await pending.client.post(GROUPS, json={"name": "7-B"})
    assert anonymous.status_code == 401


async def test_another_teacher_cannot_see_or_touch_my_group(login_as: LoginAs) -> None:
    owner = await login_as(Role.teacher)
    group = (await owner.post(GROUPS, json={"name": "9-V"})).json()
    student = await login_as(Role.student)

    other = await login_as(Role.teacher)
    url = f"{GROUPS}/{group['id']}"
    attempts = [
        await other.get(url),
        await other.patch(url, json={"name": "mine now"}),
        await other.post(f"{url}/archive"),
        await other.post(f"{url}/join-code"),
        await other.get(f"{url}/members"),
        await other.post(f"{url}/invitations", json={"username": student.user.username}),
        await other.get(f"{url}/invitations"),
        await other.delete(f"{url}/members/{student.id}"),
    ]
    for response in attempts:
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "group_not_found"
    assert (await other.get(GROUPS)).json() == []
    assert (await owner.get(url)).json()["name"] == "9-V"


async def test_a_teacher_cannot_pick_a_teacher_or_an_organization_they_do_not_belong_to(
    login_as: LoginAs, db_session: AsyncSession, started_app: FastAPI
) -> None:
    _, organization = await make_organization(db_session, started_app)
    teacher = await login_as(Role.teacher)
    response = await teacher.post(
        GROUPS, json={"name": "X", "organization_id": str(organization.id)}
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "organization_not_allowed"

    colleague = await login_as(Role.teacher)
    response = await teacher.post(GROUPS, json={"name": "X", "teacher_id": str(colleague.id)})
    assert response.status_code == 422


async def test_an_organization_runs_groups_for_its_teachers(
    login_as: LoginAs, db_session: AsyncSession, started_app: FastAPI
) -> None:
    owner_user, organization = await make_organization(db_session, started_app)
    owner = await login_as(Role.organization)
    # login_as makes a new account; point the organization at it so the token is the owner's.
    organization.owner_id = owner.id
    await db_session.delete(owner_user)
    teacher = await login_as(Role.teacher)
    db_session.add(
        OrganizationMember(
            organization_id=organization.id,
            user_id=teacher.id,
            role=MemberRole.teacher,
            status=MembershipStatus.active,
        )
    )
    outsider = await login_as(Role.teacher)
    await db_session.flush()

    refused = await owner.post(GROUPS, json={"name": "Ingliz A1", "teacher_id": str(outsider.id)})
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "teacher_not_in_organization"

    created = await owner.post(GROUPS, json={"name": "Ingliz A1", "teacher_id": str(teacher.id)})
    assert created.status_code == 201
    group = created.json()
    assert group["organization_id"] == str(organization.id)

    # The teacher leads it, the organization oversees it, the outsider sees nothing.
    assert [g["id"] for g in (await teacher.get(GROUPS)).json()] == [group["id"]]
    assert [g["id"] for g in (await owner.get(GROUPS)).json()] == [group["id"]]
    assert (await outsider.get(f"{GROUPS}/{group['id']}")).status_code == 404

    # A teacher of the organization also creates groups inside it.
    own = await teacher.post(
        GROUPS, json={"name": "Ingliz B1", "organization_id": str(organization.id)}
    )
    assert own.status_code == 201
    assert len((await owner.get(GROUPS)).json()) == 2

    # Only the organization hands a group to another teacher.
    handed = await teacher.patch(f"{GROUPS}/{group['id']}", json={"teacher_id": str(outsider.id)})
    assert handed.status_code == 422


async def test_join_codes_are_rate_limited_and_die_with_archiving_or_renewal(
    login_as: LoginAs,
) -> None:
    teacher = await login_as(Role.teacher)
    group = (await teacher.post(GROUPS, json={"name": "3-A"})).json()
    student = await login_as(Role.student)

    renewed = (await teacher.post(f"{GROUPS}/{group['id']}/join-code")).json()
    assert renewed["join_code"] != group["join_code"]
    stale = await student.post(f"{GROUPS}/join", json={"code": group["join_code"]})
    assert stale.status_code == 404
    assert stale.json()["error"]["code"] == "join_code_not_valid"

    await teacher.post(f"{GROUPS}/{group['id']}/archive")
    archived = await student.post(f"{GROUPS}/join", json={"code": renewed["join_code"]})
    assert archived.status_code == 404
    await teacher.post(f"{GROUPS}/{group['id']}/unarchive")

    guesser = await login_as(Role.student)
    for attempt in range(10):
        wrong = await guesser.post(f"{GROUPS}/join", json={"code": f"ZZZZ-ZZ{attempt:02d}"})
        assert wrong.status_code == 404
    # Even the right code is refused now: the guesser must wait.
    blocked = await guesser.post(f"{GROUPS}/join", json={"code": renewed["join_code"]})
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "too_many_join_guesses"

    assert (
        await student.post(f"{GROUPS}/join", json={"code": renewed["join_code"]})
    ).status_code == 201
    again = await student.post(f"{GROUPS}/join", json={"code": renewed["join_code"]})
    assert again.status_code == 409


async def test_a_child_joins_a_class_only_when_a_parent_accepts_the_invitation(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    group = (await teacher.post(GROUPS, json={"name": "6-B"})).json()
    invitations = f"{GROUPS}/{group['id']}/invitations"
    parent = await login_as(Role.parent)
    child = await make_child(db_session, parent.user, username="oʻgʻil_bola")
    child_invitations = f"/api/main/children/{child.id}/group-invitations"

    # Apostrophes arrive in any form; the username is normalised the way main stores it.
    invited = await teacher.post(invitations, json={"username": "O'g'il_bola"})
    assert invited.status_code == 202 and invited.json()["username"] == "oʻgʻil_bola"
    again = await teacher.post(invitations, json={"username": "oʻgʻil_bola"})
    assert again.json()["id"] == invited.json()["id"]  # asked once, not twice
    assert (await teacher.get(f"{GROUPS}/{group['id']}/members")).json() == []  # not yet

    waiting = (await parent.get(child_invitations)).json()
    assert [(w["group_name"], w["teacher_name"]) for w in waiting] == [
        ("6-B", teacher.user.full_name)
    ]
    stranger = await login_as(Role.parent)
    foreign = await stranger.post(f"{child_invitations}/{waiting[0]['id']}/accept")
    assert foreign.status_code == 404

    joined = await parent.post(f"{child_invitations}/{waiting[0]['id']}/accept")
    assert joined.status_code == 200 and joined.json()["name"] == "6-B"
    members = (await teacher.get(f"{GROUPS}/{group['id']}/members")).json()
    assert [m["student_id"] for m in members] == [str(child.id)]
    assert (await teacher.get(invitations)).json() == []
    assert (await parent.get(child_invitations)).json() == []

    # The parent takes the child out of the class again.
    left = await parent.delete(f"/api/main/children/{child.id}/groups/{group['id']}")
    assert left.status_code == 204
    assert (await parent.get(f"/api/main/children/{child.id}/groups")).json() == []
    foreign_remove = await stranger.delete(f"/api/main/children/{child.id}/groups/{group['id']}")
    assert foreign_remove.status_code == 404


async def test_a_parent_declines_and_the_teacher_cannot_tell_who_exists(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    group = (await teacher.post(GROUPS, json={"name": "7-A"})).json()
    invitations = f"{GROUPS}/{group['id']}/invitations"
    parent = await login_as(Role.parent)
    child = await make_child(db_session, parent.user, username="lola_2017")
    await login_as(Role.parent, username="ota_ona")  # not a child: never invitable

    answers = [
        await teacher.post(invitations, json={"username": name})
        for name in ("lola_2017", "nobody_here", "ota_ona")
    ]
    assert {a.status_code for a in answers} == {202}
    assert {tuple(sorted(a.json())) for a in answers} == {("created_at", "id", "username")}

    waiting = (await parent.get(f"/api/main/children/{child.id}/group-invitations")).json()
    declined = await parent.post(
        f"/api/main/children/{child.id}/group-invitations/{waiting[0]['id']}/decline"
    )
    assert declined.status_code == 204
    # A declined invitation looks like one nobody answered, and is not sent again.
    listed = (await teacher.get(invitations)).json()
    assert sorted(i["username"] for i in listed) == ["lola_2017", "nobody_here", "ota_ona"]
    await teacher.post(invitations, json={"username": "lola_2017"})
    assert (await parent.get(f"/api/main/children/{child.id}/group-invitations")).json() == []
    assert (await teacher.get(f"{GROUPS}/{group['id']}/members")).json() == []

    cancelled = await teacher.delete(f"{invitations}/{listed[0]['id']}")
    assert cancelled.status_code == 204


async def test_a_teacher_removes_a_student(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    group = (await teacher.post(GROUPS, json={"name": "6-V"})).json()
    student = await login_as(Role.student)
    await student.post(f"{GROUPS}/join", json={"code": group["join_code"]})
    members = f"{GROUPS}/{group['id']}/members"
    assert (await teacher.delete(f"{members}/{student.id}")).status_code == 204
    assert (await teacher.delete(f"{members}/{student.id}")).status_code == 404
    assert (await student.get("/api/main/me/groups")).json() == []


async def test_a_student_leaves_a_group(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    group = (await teacher.post(GROUPS, json={"name": "8-A"})).json()
    student = await login_as(Role.student)
    await student.post(f"{GROUPS}/join", json={"code": group["join_code"]})
    assert (await student.delete(f"/api/main/me/groups/{group['id']}")).status_code == 204
    assert (await student.delete(f"/api/main/me/groups/{group['id']}")).status_code == 404
    assert (await teacher.get(f"{GROUPS}/{group['id']}")).json()["member_count"] == 0
