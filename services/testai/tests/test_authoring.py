"""Teachers write, edit, duplicate, publish and archive tests; the bank is shared within an
organization; nobody outside reads a test or its key."""

from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import AccountStatus, Role
from alif.kernel.models import (
    MemberRole,
    MembershipStatus,
    Organization,
    OrganizationKind,
    OrganizationMember,
)
from alif.testing import Actor, LoginAs
from testai.testing import API, every_type, make_group, published_test, single

TESTS = f"{API}/tests"
BANK = f"{API}/bank/questions"


async def _organization(
    db: AsyncSession, login_as: LoginAs
) -> tuple[Actor, Organization, Actor, Actor]:
    """An organization (its owner's account), two of its teachers."""
    owner = await login_as(Role.organization)
    organization = Organization(
        owner_id=owner.id, name="Ziyo markazi", kind=OrganizationKind.learning_centre
    )
    db.add(organization)
    await db.flush()
    teachers = []
    for _ in range(2):
        teacher = await login_as(Role.teacher)
        db.add(
            OrganizationMember(
                organization_id=organization.id,
                user_id=teacher.id,
                role=MemberRole.teacher,
                status=MembershipStatus.active,
            )
        )
        teachers.append(teacher)
    await db.flush()
    return owner, organization, teachers[0], teachers[1]


async def test_a_teacher_writes_edits_and_publishes_a_test(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    created = await teacher.post(
        TESTS,
        json={"title": "Kasrlar", "subject": "Matematika", "grade": 5, "time_limit_minutes": 20},
    )
    assert created.status_code == 201
    test = created.json()
    assert test["status"] == "draft" and test["can_edit"] and test["questions"] == []

    url = f"{TESTS}/{test['id']}"
    empty = await teacher.post(f"{url}/publish")
    assert empty.status_code == 409 and empty.json()["error"]["code"] == "test_is_empty"

    added = await teacher.post(f"{url}/questions/bulk", json={"questions": every_type()})
    assert added.status_code == 201
    ids = [q["id"] for q in added.json()]
    flagged = await teacher.post(
        f"{url}/questions", json=single("Kalitsiz?", ["bir", "ikki"], None)
    )
    assert flagged.json()["needs_key"] is True

    blocked = await teacher.post(f"{url}/publish")
    assert blocked.status_code == 409
    assert blocked.json()["error"]["code"] == "questions_need_keys"
    assert blocked.json()["error"]["details"]["question_ids"] == [flagged.json()["id"]]

    fixed = await teacher.put(
        f"{url}/questions/{flagged.json()['id']}", json=single("Kalit bor", ["bir", "ikki"], 1)
    )
    assert fixed.status_code == 200 and fixed.json()["needs_key"] is False

    order = [flagged.json()["id"], *reversed(ids)]
    reordered = await teacher.put(f"{url}/questions/order", json={"question_ids": order})
    assert [q["id"] for q in reordered.json()] == order
    bad_order = await teacher.put(f"{url}/questions/order", json={"question_ids": order[:2]})
    assert bad_order.status_code == 422

    published = await teacher.post(f"{url}/publish")
    assert published.status_code == 200
    body = published.json()
    assert body["status"] == "published" and body["question_count"] == 6
    assert body["total_points"] == 11
    assert [q["id"] for q in body["questions"]] == order

    # Frozen once published: a change means a new version.
    frozen = await teacher.put(f"{url}/questions/{ids[0]}", json=single("Oʻzgardi", ["a", "b"], 0))
    assert frozen.status_code == 409 and frozen.json()["error"]["code"] == "test_not_editable"
    assert (await teacher.delete(f"{url}/questions/{ids[0]}")).status_code == 409
    # Settings may still change.
    assert (await teacher.patch(url, json={"time_limit_minutes": 30})).status_code == 200

    copy = await teacher.post(f"{url}/duplicate")
    assert copy.status_code == 201
    assert copy.json()["status"] == "draft" and copy.json()["question_count"] == 6
    assert copy.json()["title"] == "Kasrlar (nusxa)"

    archived = await teacher.post(f"{url}/archive")
    assert archived.json()["status"] == "archived"


async def test_settings_that_do_not_fit_are_refused(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    response = await teacher.post(
        TESTS,
        json={
            "title": "X",
            "opens_at": "2030-01-02T10:00:00Z",
            "closes_at": "2030-01-01T10:00:00Z",
        },
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "settings_not_valid"
    bad_question = await teacher.post(TESTS, json={"title": "Y", "unknown": 1})
    assert bad_question.status_code == 422


async def test_invalid_questions_are_refused_with_a_reason(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    test = (await teacher.post(TESTS, json={"title": "T"})).json()
    url = f"{TESTS}/{test['id']}/questions"
    cases: list[dict[str, Any]] = [
        single("Ikki toʻgʻri", ["a", "b", "c"], 0)
        | {"options": [{"text": "a", "correct": True}, {"text": "b", "correct": True}]},
        single("Bir xil", ["Ha", "ha"], 0),
        single("Bitta variant", ["a"], 0),
        {"type": "true_false", "text": "T?", "options": [{"text": "a"}, {"text": "b"}]},
        {"type": "numeric", "text": "N?", "accepted_answers": ["1"]},
        {"type": "short_answer", "text": "S?", "truth": True},
    ]
    for case in cases:
        response = await teacher.post(url, json=case)
        assert response.status_code == 422, case


async def test_another_teacher_cannot_read_or_change_my_test(login_as: LoginAs) -> None:
    owner = await login_as(Role.teacher)
    test = (await owner.post(TESTS, json={"title": "Maxfiy"})).json()
    question = (
        await owner.post(f"{TESTS}/{test['id']}/questions", json=single("2+2", ["3", "4"], 1))
    ).json()

    stranger = await login_as(Role.teacher)
    url = f"{TESTS}/{test['id']}"
    for response in (
        await stranger.get(url),
        await stranger.patch(url, json={"title": "Meniki"}),
        await stranger.post(f"{url}/publish"),
        await stranger.post(f"{url}/duplicate"),
        await stranger.post(f"{url}/questions", json=single("x", ["a", "b"], 0)),
        await stranger.put(f"{url}/questions/{question['id']}", json=single("x", ["a", "b"], 0)),
        await stranger.get(f"{url}/results"),
        await stranger.get(f"{url}/results.csv"),
        await stranger.post(f"{url}/share"),
        await stranger.post(f"{url}/questions/{question['id']}/to-bank"),
    ):
        assert response.status_code == 404, response.text
        assert response.json()["error"]["code"] == "test_not_found"
    assert (await stranger.get(TESTS)).json()["total"] == 0

    # A student, a parent or an unapproved teacher cannot even ask.
    for actor in (
        await login_as(Role.student),
        await login_as(Role.parent),
        await login_as(Role.teacher, status=AccountStatus.pending),
    ):
        assert (await actor.get(url)).status_code == 403


async def test_an_organizations_staff_read_its_tests_and_its_owner_edits_them(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    owner, organization, author, colleague = await _organization(db_session, login_as)
    test = (await author.post(TESTS, json={"title": "Markaz testi"})).json()
    assert test["organization_id"] == str(organization.id)  # a teacher's only organization
    url = f"{TESTS}/{test['id']}"

    seen = await colleague.get(url)
    assert seen.status_code == 200 and seen.json()["can_edit"] is False
    refused = await colleague.patch(url, json={"title": "Boshqa"})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "test_read_only"

    assert (await owner.patch(url, json={"title": "Markaz testi 2"})).status_code == 200
    assert (await owner.get(TESTS)).json()["total"] == 1

    outsider = await login_as(Role.teacher)
    assert (await outsider.get(url)).status_code == 404

    private = await author.post(
        TESTS, json={"title": "Shaxsiy", "organization_id": str(organization.id)}
    )
    assert private.status_code == 201
    elsewhere = await outsider.post(
        TESTS, json={"title": "Begona", "organization_id": str(organization.id)}
    )
    assert elsewhere.status_code == 404
    assert elsewhere.json()["error"]["code"] == "organization_not_found"


async def test_the_bank_is_shared_within_an_organization(
    login_as: LoginAs, db_session: AsyncSession, started_app: FastAPI
) -> None:
    _, _, author, colleague = await _organization(db_session, login_as)
    created = await author.post(
        BANK, json=single("Bankdagi savol", ["a", "b"], 0, topic="Kasrlar", tags=["5-sinf"])
    )
    assert created.status_code == 201
    question = created.json()

    found = await colleague.get(BANK, params={"q": "bankdagi", "topic": "kasrlar"})
    assert [q["id"] for q in found.json()["items"]] == [question["id"]]
    assert (
        await colleague.put(f"{BANK}/{question['id']}", json=single("x", ["a", "b"], 0))
    ).status_code == 403
    assert (await colleague.delete(f"{BANK}/{question['id']}")).status_code == 403

    outsider = await login_as(Role.teacher)
    assert (await outsider.get(BANK)).json()["total"] == 0
    assert (await outsider.get(f"{BANK}/{question['id']}")).status_code == 404

    # The colleague reuses it: a copy lands in their own test.
    test = (await colleague.post(TESTS, json={"title": "Qayta"})).json()
    copied = await colleague.post(
        f"{TESTS}/{test['id']}/questions/from-bank", json={"question_ids": [question["id"]]}
    )
    assert copied.status_code == 201
    assert copied.json()[0]["text"] == "Bankdagi savol" and copied.json()[0]["id"] != question["id"]
    own_test = (await outsider.post(TESTS, json={"title": "O"})).json()
    stolen = await outsider.post(
        f"{TESTS}/{own_test['id']}/questions/from-bank", json={"question_ids": [question["id"]]}
    )
    assert stolen.status_code == 404

    # And a test question goes back to the bank as a copy.
    kept = await colleague.post(f"{TESTS}/{test['id']}/questions/{copied.json()[0]['id']}/to-bank")
    assert kept.status_code == 201 and kept.json()["test_id"] is None
    edited = await author.put(f"{BANK}/{question['id']}", json=single("Tahrir", ["a", "b"], 1))
    assert edited.status_code == 200
    again = (await colleague.get(f"{TESTS}/{test['id']}")).json()
    assert again["questions"][0]["text"] == "Bankdagi savol"  # the test keeps its copy


async def test_the_bank_search_reaches_every_page(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    for number in range(5):
        created = await teacher.post(BANK, json=single(f"Kasr {number}", ["a", "b"], 0))
        assert created.status_code == 201

    first = await teacher.get(BANK, params={"q": "kasr", "limit": 2})
    second = await teacher.get(BANK, params={"q": "kasr", "limit": 2, "offset": 2})
    last = await teacher.get(BANK, params={"q": "kasr", "limit": 2, "offset": 4})
    assert [r.status_code for r in (first, second, last)] == [200, 200, 200]
    pages = [[q["text"] for q in r.json()["items"]] for r in (first, second, last)]
    assert [len(p) for p in pages] == [2, 2, 1]
    assert sorted(text for page in pages for text in page) == [f"Kasr {n}" for n in range(5)]
    assert second.json() | {"items": []} == {"items": [], "total": 5, "limit": 2, "offset": 2}
    unknown = await teacher.get(BANK, params={"sort": "text"})
    assert unknown.status_code == 422


async def test_uzbek_text_is_stored_with_canonical_apostrophes_and_found_either_way(
    login_as: LoginAs,
) -> None:
    teacher = await login_as(Role.teacher)
    created = await teacher.post(
        BANK,
        json={
            "type": "short_answer",
            "text": "O'zbekistonning poytaxti?",
            "accepted_answers": ["Toshkent", "To‘shkent"],
        },
    )
    question = created.json()
    assert question["text"] == "Oʻzbekistonning poytaxti?"
    assert question["accepted_answers"] == ["Toshkent", "Toʻshkent"]
    for typed in ("o'zbekiston", "oʻzbekiston", "O‘ZBEKISTON"):
        found = (await teacher.get(BANK, params={"q": typed})).json()
        assert [q["id"] for q in found["items"]] == [question["id"]], typed

    english = await teacher.post(
        BANK, json=single("Don't you know?", ["Yes", "No"], 0, language="en")
    )
    assert english.json()["text"] == "Don't you know?"  # not Uzbek: left as typed


async def test_a_group_is_assigned_a_test_once(login_as: LoginAs, db_session: AsyncSession) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    group = await make_group(db_session, teacher.user, [student.user])
    test = await published_test(teacher, [single("2+2?", ["3", "4"], 1)])
    url = f"{TESTS}/{test['id']}/assignments"
    assert (await teacher.post(url, json={"group_id": str(group.id)})).status_code == 201
    again = await teacher.post(url, json={"group_id": str(group.id)})
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_assigned"
    listed = (await student.get(f"{API}/my/tests")).json()
    assert [t["test_id"] for t in listed] == [test["id"]]
