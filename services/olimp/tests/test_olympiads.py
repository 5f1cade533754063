"""Organizers create, fill and publish olympiads; the state follows the clock."""

from datetime import datetime, timedelta

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.db import utcnow
from alif.testing import LoginAs, make_school
from olimp.testing import OLYMPIADS, build_olympiad, olympiad_body, open_round


async def test_a_moderator_creates_fills_and_publishes_an_olympiad(login_as: LoginAs) -> None:
    moderator = await login_as(Role.moderator)
    draft = await build_olympiad(moderator, publish=False)
    assert draft["state"] == "draft"
    assert [s["points"] for s in draft["rounds"][0]["sections"]] == [3, 5]

    student = await login_as(Role.student)
    assert (await student.get(f"{OLYMPIADS}/{draft['id']}")).status_code == 404
    assert (await student.get(OLYMPIADS)).json()["total"] == 0

    published = await moderator.post(f"{OLYMPIADS}/{draft['id']}/publish")
    assert published.status_code == 200
    assert published.json()["state"] == "registration"
    assert (await student.get(f"{OLYMPIADS}/{draft['id']}")).json()["state"] == "registration"
    again = await moderator.post(f"{OLYMPIADS}/{draft['id']}/publish")
    assert again.json()["error"]["code"] == "olympiad_already_published"


async def test_the_state_follows_the_clock(login_as: LoginAs, db_session: AsyncSession) -> None:
    admin = await login_as(Role.admin)
    now = utcnow()
    later = await build_olympiad(
        admin,
        registration_opens_at=(now + timedelta(minutes=30)).isoformat(),
        registration_closes_at=(now + timedelta(hours=1)).isoformat(),
    )
    assert later["state"] == "announced"
    # The state comes with the server's clock it was read on: a device with a wrong clock still
    # counts down to the start correctly.
    server_time = datetime.fromisoformat(later["server_time"])
    assert abs((server_time - utcnow()).total_seconds()) < 5

    olympiad = await build_olympiad(admin)
    url = f"{OLYMPIADS}/{olympiad['id']}"
    await open_round(db_session, olympiad["rounds"][0]["id"])
    assert (await admin.get(url)).json()["state"] == "running"
    await open_round(db_session, olympiad["rounds"][0]["id"], minutes_left=-1)
    assert (await admin.get(url)).json()["state"] == "finished"


async def test_publishing_needs_a_paper(login_as: LoginAs) -> None:
    admin = await login_as(Role.admin)
    created = (await admin.post(OLYMPIADS, json=olympiad_body())).json()
    refused = await admin.post(f"{OLYMPIADS}/{created['id']}/publish")
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "paper_incomplete"


async def test_only_staff_and_organizations_organize(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    for role in (Role.student, Role.parent, Role.teacher):
        actor = await login_as(role)
        refused = await actor.post(OLYMPIADS, json=olympiad_body())
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "not_an_organizer"

    organization = await login_as(Role.organization)
    school = await make_school(db_session, organization.user)
    created = await organization.post(OLYMPIADS, json=olympiad_body())
    assert created.status_code == 201
    assert created.json()["scope"] == "organization"
    assert created.json()["organization_id"] == str(school.id)
    # A moderator does not organize a school's own olympiad.
    moderator = await login_as(Role.moderator)
    assert (await moderator.post(f"{OLYMPIADS}/{created.json()['id']}/publish")).status_code == 404


async def test_bad_olympiads_are_refused(login_as: LoginAs) -> None:
    admin = await login_as(Role.admin)
    now = utcnow()
    bad = [
        {"grade_min": 7, "grade_max": 5},
        {"scope": "region"},
        {"registration_closes_at": (now - timedelta(hours=2)).isoformat()},
        {"registration_opens_at": "2026-12-07T10:00:00"},  # no time zone
        {"rounds": []},
        {"role": "admin"},
    ]
    for override in bad:
        response = await admin.post(OLYMPIADS, json=olympiad_body(**override))
        assert response.status_code == 422, override
        assert response.json()["error"]["code"] == "validation_error"
    assert (await admin.get(OLYMPIADS)).json()["total"] == 0


async def test_questions_are_imported_through_the_shared_parser(login_as: LoginAs) -> None:
    admin = await login_as(Role.admin)
    olympiad = await build_olympiad(admin, publish=False)
    round_ = olympiad["rounds"][0]
    url = f"{OLYMPIADS}/{olympiad['id']}/rounds/{round_['id']}/questions"
    text = (
        "1. 5 + 5 = ?\nA) 10\nB) 11\nJavob: A\n\n"
        "2. Oʻzbekiston poytaxti?\nA) Toshkent\nB) Samarqand\n"
    )
    imported = await admin.post(
        f"{url}/import", json={"section_id": round_["sections"][0]["id"], "text": text}
    )
    assert imported.status_code == 201
    body = imported.json()
    assert [q["text"] for q in body["added"]] == ["5 + 5 = ?"]
    assert body["added"][0]["points"] == 3  # the section's points
    assert body["flagged"] == 1  # no answer given: left out, never guessed
    assert len((await admin.get(url)).json()) == 5


async def test_olympiads_need_a_signed_in_user(client: AsyncClient) -> None:
    assert (await client.get(OLYMPIADS)).status_code == 401
