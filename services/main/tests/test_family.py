"""A parent's children: accounts with a username and PIN, and nobody else's business."""

import uuid

import httpx
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.cache import Cache
from alif.kernel.models import User
from alif.testing import Actor, LoginAs, make_child
from alif_main.testing import PIN, make_pin_child

CHILD_LOGIN = "/api/main/auth/child-login"


def new_child(**extra: object) -> dict[str, object]:
    return {"first_name": "Ali", "username": "ali_2018", "pin": "7351", "grade": 2, **extra}


async def test_a_parent_adds_a_child_who_then_logs_in_with_the_pin(
    login_as: LoginAs, client: AsyncClient
) -> None:
    parent = await login_as(Role.parent)
    created = await parent.post("/api/main/children", json=new_child(relation="father"))
    assert created.status_code == 201
    assert created.json()["username"] == "ali_2018"

    login = await client.post(CHILD_LOGIN, json={"username": "ALI_2018", "pin": "7351"})
    assert login.status_code == 200
    assert login.json()["user"]["role"] == "student"

    me = await parent.get("/api/main/me")
    assert [c["username"] for c in me.json()["family"]["children"]] == ["ali_2018"]


async def test_a_taken_username_is_explained(login_as: LoginAs) -> None:
    parent = await login_as(Role.parent)
    await parent.post("/api/main/children", json=new_child())
    again = await parent.post("/api/main/children", json=new_child(first_name="Vali"))
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "username_taken"


async def test_asking_for_taken_usernames_through_add_child_is_limited(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent)
    for number in range(10):
        await make_child(db_session, parent.user, username=f"taken{number}")
    miner = await login_as(Role.parent)
    answers = [
        await miner.post("/api/main/children", json=new_child(username=f"taken{number}"))
        for number in range(10)
    ]
    assert {a.json()["error"]["code"] for a in answers} == {"username_taken"}
    refused = await miner.post("/api/main/children", json=new_child(username="taken0"))
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_taken_usernames"
    # Even a free username is not looked up any more, so the answer tells nothing.
    free = await miner.post("/api/main/children", json=new_child(username="free_one"))
    assert free.json()["error"]["code"] == "too_many_taken_usernames"


async def test_usernames_with_uzbek_apostrophes_are_normalised(
    login_as: LoginAs, client: AsyncClient
) -> None:
    parent = await login_as(Role.parent)
    created = await parent.post("/api/main/children", json=new_child(username="o'ktam"))
    assert created.json()["username"] == "oʻktam"
    login = await client.post(CHILD_LOGIN, json={"username": "O‘ktam", "pin": "7351"})
    assert login.status_code == 200


async def test_wrong_pins_lock_the_child_longer_each_time_and_the_parent_is_told(
    login_as: LoginAs, client: AsyncClient, cache: Cache
) -> None:
    parent = await login_as(Role.parent)
    child = (await parent.post("/api/main/children", json=new_child())).json()
    assert child["pin_failed_attempts"] == 0 and child["pin_locked_until"] is None
    wrong_pin = {"username": "ali_2018", "pin": "0000"}
    left = []
    for _ in range(4):
        wrong = await client.post(CHILD_LOGIN, json=wrong_pin)
        assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "wrong_pin"
        left.append(wrong.json()["error"]["details"]["attempts_left"])
    assert left == [4, 3, 2, 1]

    fifth = await client.post(CHILD_LOGIN, json=wrong_pin)
    assert fifth.status_code == 429 and fifth.json()["error"]["code"] == "pin_locked"
    first_lock = fifth.json()["error"]["details"]["retry_after"]
    assert fifth.json()["error"]["details"]["locked_until"]
    right_pin_while_locked = await client.post(
        CHILD_LOGIN, json={"username": "ali_2018", "pin": "7351"}
    )
    assert right_pin_while_locked.json()["error"]["code"] == "pin_locked"

    seen = (await parent.get(f"/api/main/children/{child['id']}")).json()
    assert seen["pin_failed_attempts"] == 5 and seen["pin_locked_until"] is not None
    listed = (await parent.get("/api/main/children")).json()
    assert listed[0]["pin_locked_until"] == seen["pin_locked_until"]

    await cache.delete("pin-lock:ali_2018")  # the lock has run out
    again = await client.post(CHILD_LOGIN, json=wrong_pin)  # one more wrong PIN: a longer lock
    assert again.json()["error"]["code"] == "pin_locked"
    assert again.json()["error"]["details"]["retry_after"] > first_lock

    reset = await parent.put(f"/api/main/children/{child['id']}/pin", json={"pin": "2468"})
    assert reset.status_code == 204
    assert (
        await client.post(CHILD_LOGIN, json={"username": "ali_2018", "pin": "2468"})
    ).status_code == 200
    unlocked = (await parent.get(f"/api/main/children/{child['id']}")).json()
    assert unlocked["pin_failed_attempts"] == 0 and unlocked["pin_locked_until"] is None


async def test_unknown_children_fail_like_wrong_pins_and_an_address_is_limited(
    client: AsyncClient,
) -> None:
    answers = [
        await client.post(CHILD_LOGIN, json={"username": f"nobody{i}", "pin": "1234"})
        for i in range(20)
    ]
    assert {a.status_code for a in answers} == {401}
    assert len({a.json()["error"]["code"] for a in answers}) == 1
    limited = await client.post(CHILD_LOGIN, json={"username": "someone", "pin": "1234"})
    assert limited.status_code == 429


async def test_a_parent_cannot_see_or_change_another_familys_child(
    login_as: LoginAs, db_session: AsyncSession, started_app: FastAPI, client: AsyncClient
) -> None:
    parent_a = await login_as(Role.parent)
    parent_b = await login_as(Role.parent)
    child_of_b = await make_pin_child(db_session, started_app, parent_b.user, username="laylo")
    url = f"/api/main/children/{child_of_b.id}"
    attempts = [
        await parent_a.get(url),
        await parent_a.patch(url, json={"first_name": "Hacked"}),
        await parent_a.put(f"{url}/pin", json={"pin": "0000"}),
        await parent_a.delete(url),
    ]
    assert [a.status_code for a in attempts] == [404, 404, 404, 404]
    assert all(a.json()["error"]["code"] == "child_not_found" for a in attempts)
    assert [c["id"] for c in (await parent_a.get("/api/main/children")).json()] == []
    # Nothing changed for family B.
    assert (
        await client.post(CHILD_LOGIN, json={"username": "laylo", "pin": PIN})
    ).status_code == 200
    assert (await parent_b.get(url)).json()["first_name"] == "Test"


async def test_a_child_cannot_manage_children(login_as: LoginAs) -> None:
    student = await login_as(Role.student)
    response = await student.post("/api/main/children", json=new_child())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "role_not_allowed"


async def test_a_parent_edits_a_child(login_as: LoginAs) -> None:
    parent = await login_as(Role.parent)
    child = (await parent.post("/api/main/children", json=new_child())).json()
    edited = await parent.patch(
        f"/api/main/children/{child['id']}", json={"grade": 3, "avatar": "lion", "role": "admin"}
    )
    assert edited.status_code == 422  # `role` is not a field a parent may send
    edited = await parent.patch(
        f"/api/main/children/{child['id']}", json={"grade": 3, "avatar": "lion"}
    )
    assert edited.json()["grade"] == 3
    assert edited.json()["avatar"] == "lion"


async def test_removing_the_only_guardian_closes_the_childs_account(
    login_as: LoginAs, client: AsyncClient, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent)
    child = (await parent.post("/api/main/children", json=new_child())).json()
    assert (await parent.delete(f"/api/main/children/{child['id']}")).status_code == 204
    closed = await db_session.get(User, uuid.UUID(child["id"]), populate_existing=True)
    assert closed is not None
    assert closed.status is AccountStatus.closed
    assert (
        await client.post(CHILD_LOGIN, json={"username": "ali_2018", "pin": "7351"})
    ).status_code == 401


async def test_a_second_parent_links_a_child_with_a_code_the_child_confirms(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    mother = await login_as(Role.parent)
    father = await login_as(Role.parent)
    child = await login_as(user=await make_child(db_session, mother.user))

    invitation = await father.post("/api/main/family/invitations", json={"relation": "father"})
    assert invitation.status_code == 201
    code = invitation.json()["code"]

    accepted = await child.post("/api/main/family/invitations/accept", json={"code": code.lower()})
    assert accepted.status_code == 200
    assert accepted.json()["relation"] == "father"
    assert [c["id"] for c in (await father.get("/api/main/children")).json()] == [str(child.id)]

    reused = await child.post("/api/main/family/invitations/accept", json={"code": code})
    assert reused.status_code == 404
    assert reused.json()["error"]["code"] == "invitation_not_valid"


async def test_guessing_invitation_codes_is_limited(login_as: LoginAs) -> None:
    student = await login_as(Role.student)
    for _ in range(5):
        guess = await student.post(
            "/api/main/family/invitations/accept", json={"code": "AAAA-BBBB"}
        )
        assert guess.status_code == 404
    limited = await student.post("/api/main/family/invitations/accept", json={"code": "AAAA-CCCC"})
    assert limited.status_code == 429


async def test_only_a_student_can_accept_a_family_invitation(login_as: LoginAs) -> None:
    father = await login_as(Role.parent)
    code = (await father.post("/api/main/family/invitations", json={})).json()["code"]
    other_parent = await login_as(Role.parent)
    response = await other_parent.post("/api/main/family/invitations/accept", json={"code": code})
    assert response.status_code == 403


async def test_a_child_changes_only_language_and_avatar_and_a_parent_renames(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    parent = await login_as(Role.parent)
    child = await login_as(user=await make_child(db_session, parent.user, first_name="Ali"))
    for change in ({"first_name": "Boss"}, {"last_name": "X"}, {"school_name": "12-maktab"}):
        refused = await child.patch("/api/main/me", json=change)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "ask_a_parent"
    assert (await child.patch("/api/main/me", json={"language": "ru"})).status_code == 200
    renamed = await parent.patch(f"/api/main/children/{child.id}", json={"first_name": "Alijon"})
    assert renamed.json()["first_name"] == "Alijon"


async def test_a_childs_devices_are_for_the_parent_to_see_and_sign_out(
    login_as: LoginAs, client: AsyncClient, db_session: AsyncSession, started_app: FastAPI
) -> None:
    parent = await login_as(Role.parent)
    await make_pin_child(db_session, started_app, parent.user, username="laylo")
    signed_in = await client.post(
        CHILD_LOGIN, json={"username": "laylo", "pin": PIN, "token_delivery": "body"}
    )
    child_headers = {"Authorization": f"Bearer {signed_in.json()['access_token']}"}
    own = await client.get("/api/main/auth/sessions", headers=child_headers)
    assert own.status_code == 403 and own.json()["error"]["code"] == "devices_for_parents"

    child_id = signed_in.json()["user"]["id"]
    devices = (await parent.get(f"/api/main/children/{child_id}/devices")).json()
    assert len(devices) == 1
    stranger = await login_as(Role.parent)
    foreign = await stranger.get(f"/api/main/children/{child_id}/devices")
    assert foreign.status_code == 404
    ended = await parent.delete(f"/api/main/children/{child_id}/devices/{devices[0]['id']}")
    assert ended.status_code == 204
    assert (await parent.get(f"/api/main/children/{child_id}/devices")).json() == []


async def add_with_key(
    parent: Actor, body: dict[str, object], key: dict[str, str]
) -> httpx.Response:
    return await parent.client.post(
        "/api/main/children", json=body, headers={**parent.headers, **key}
    )


async def test_a_retried_add_child_with_its_key_adds_the_child_once(login_as: LoginAs) -> None:
    parent = await login_as(Role.parent)
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    first = await add_with_key(parent, new_child(), headers)
    retry = await add_with_key(parent, new_child(), headers)
    assert first.status_code == 201
    assert retry.status_code == 201
    assert retry.json()["id"] == first.json()["id"]
    children = await parent.get("/api/main/children")
    assert [c["username"] for c in children.json()] == ["ali_2018"]


async def test_a_key_reused_for_another_child_is_refused_and_adds_nothing(
    login_as: LoginAs,
) -> None:
    parent = await login_as(Role.parent)
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    await add_with_key(parent, new_child(), headers)
    other = await add_with_key(parent, new_child(username="vali_2017"), headers)
    other_pin = await add_with_key(parent, new_child(pin="1111"), headers)
    for refused in (other, other_pin):
        assert refused.status_code == 409
        assert refused.json()["error"]["code"] == "child_key_reused"
    assert len((await parent.get("/api/main/children")).json()) == 1


async def test_another_parents_key_is_their_own(login_as: LoginAs) -> None:
    key = str(uuid.uuid4())
    first = await add_with_key(await login_as(Role.parent), new_child(), {"Idempotency-Key": key})
    stranger = await login_as(Role.parent)
    same_key = await add_with_key(
        stranger, new_child(username="vali_2017"), {"Idempotency-Key": key}
    )
    assert same_key.status_code == 201
    assert same_key.json()["id"] != first.json()["id"]
    # The stranger never receives the first parent's child through their key.
    assert [c["username"] for c in (await stranger.get("/api/main/children")).json()] == [
        "vali_2017"
    ]


async def test_a_malformed_key_is_refused(login_as: LoginAs) -> None:
    parent = await login_as(Role.parent)
    for key in ("short", "a b c d e f g h", "x" * 101):
        answer = await add_with_key(parent, new_child(), {"Idempotency-Key": key})
        assert answer.status_code == 422
    assert (await parent.get("/api/main/children")).json() == []
