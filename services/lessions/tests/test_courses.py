"""Authoring courses and lessons through HTTP, who may see them, and the attacks next to it."""

import re
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.kernel.models import MemberRole, MembershipStatus, OrganizationMember
from alif.testing import LoginAs, make_school, make_study_group
from lessions.testing import API, build_course, lesson, quiz, text, two_plus_two

STORY = {
    "type": "story",
    "title": "Bo'ri va qo'zichoq",
    "pages": [{"text": "Bir bor ekan...", "image_url": "https://cdn.alif24.uz/stories/1.png"}],
    "audio_url": "https://cdn.alif24.uz/stories/1.ogg",
    "questions": [{"type": "true_false", "text": "Qo'zichoq qochdimi?", "truth": True}],
}


async def test_a_teacher_builds_a_course_and_a_student_works_from_it(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student)
    video = {"type": "video", "url": "https://www.youtube.com/embed/abc"}
    course = await build_course(
        teacher,
        lesson("Kirish", blocks=[text(), video, STORY]),
        lesson("Sinov", blocks=[quiz()], completion="quiz", pass_mark=100),
        subject="Matematika",
        grades=[1],
    )
    assert course["status"] == "published"
    assert [x["title"] for x in course["lessons"]] == ["Kirish", "Sinov"]

    listed = (await student.get(f"{API}/courses")).json()
    assert [c["id"] for c in listed["items"]] == [course["id"]]
    seen = await student.get(f"{API}/lessons/{course['lessons'][0]['id']}")
    assert seen.status_code == 200
    blocks = seen.json()["lesson"]["blocks"]
    assert [b["type"] for b in blocks] == ["text", "video", "story"]
    assert blocks[0]["html"] == "<p>Bugun <strong>sanashni</strong> o'rganamiz.</p>\n"
    assert blocks[2]["pages"][0]["text"] == "Bir bor ekan..."
    assert (
        blocks[2]["questions"][0]["text"] == "Qoʻzichoq qochdimi?"
    )  # apostrophes as the kernel writes them
    quiz_seen = (await student.get(f"{API}/lessons/{course['lessons'][1]['id']}")).json()
    question = quiz_seen["lesson"]["blocks"][0]["questions"][0]
    assert "answer_key" not in question and all("correct" not in o for o in question["options"])


async def test_no_script_an_author_types_survives(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    evil = (
        "<script>alert(1)</script> [bosing](javascript:alert(2)) "
        '<img src=x onerror="alert(3)"> ![r](https://x.uz/a.png)'
    )
    course = await build_course(teacher, lesson(blocks=[text(evil)]))
    shown = (await teacher.get(f"{API}/lessons/{course['lessons'][0]['id']}")).json()
    html = shown["lesson"]["blocks"][0]["html"]
    # The typed HTML is shown as text; the only elements are the paragraph and the safe picture.
    tags = re.findall(r"<(\w+)([^>]*)>", html)
    assert tags == [("p", ""), ("img", ' src="https://x.uz/a.png" alt="r"')]
    assert 'href="javascript' not in html


async def test_a_video_from_a_host_not_allowed_is_refused_and_nothing_is_written(
    login_as: LoginAs,
) -> None:
    teacher = await login_as(Role.teacher)
    course = await build_course(teacher, publish=False)
    module_id = course["modules"][0]["id"]
    bad = {"type": "video", "url": "https://evil.example/embed/1"}
    response = await teacher.post(
        f"{API}/courses/{course['id']}/lessons",
        json={**lesson(blocks=[bad]), "module_id": module_id},
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "embed_host_not_allowed"
    after = (await teacher.get(f"{API}/courses/{course['id']}")).json()
    assert len(after["lessons"]) == 1


async def test_a_lesson_with_a_question_without_an_answer_is_not_published(
    login_as: LoginAs,
) -> None:
    teacher = await login_as(Role.teacher)
    keyless = {"type": "short_answer", "text": "Nechta olma?"}
    course = await build_course(teacher, lesson(blocks=[quiz(keyless)]), publish=False)
    lesson_id = course["lessons"][0]["id"]
    response = await teacher.post(f"{API}/lessons/{lesson_id}/publish")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "question_without_key"
    refused = await teacher.post(f"{API}/courses/{course['id']}/publish")
    assert refused.json()["error"]["code"] == "course_has_no_lessons"


async def test_drafts_archived_and_other_authors_courses_are_not_found(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    other = await login_as(Role.teacher)
    student = await login_as(Role.student)
    draft = await build_course(teacher, publish=False)
    lesson_id = draft["lessons"][0]["id"]
    assert (await student.get(f"{API}/courses/{draft['id']}")).status_code == 404
    assert (await student.get(f"{API}/lessons/{lesson_id}")).status_code == 404
    for attempt in (
        other.put(f"{API}/courses/{draft['id']}", json={"title": "Meniki"}),
        other.post(f"{API}/courses/{draft['id']}/publish"),
        other.post(f"{API}/courses/{draft['id']}/modules", json={"title": "X"}),
        other.put(f"{API}/lessons/{lesson_id}", json=lesson("X")),
        other.post(f"{API}/lessons/{lesson_id}/publish"),
        other.get(f"{API}/lessons/{lesson_id}"),
    ):
        response = await attempt
        assert response.status_code == 404, response.text
    assert (await student.post(f"{API}/courses", json={"title": "X"})).status_code == 403

    published = await build_course(teacher)
    assert (await student.get(f"{API}/courses/{published['id']}")).status_code == 200
    assert (await teacher.post(f"{API}/courses/{published['id']}/archive")).status_code == 200
    assert (await student.get(f"{API}/courses/{published['id']}")).status_code == 404
    assert (await student.get(f"{API}/courses")).json()["total"] == 0


async def test_visibility_by_organization_and_by_group(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    in_group = await login_as(Role.student)
    outsider = await login_as(Role.student)
    member = await login_as(Role.student)
    school_owner = await login_as(Role.organization)
    school = await make_school(db_session, school_owner.user)
    db_session.add(
        OrganizationMember(
            organization_id=school.id,
            user_id=member.id,
            role=MemberRole.student,
            status=MembershipStatus.active,
        )
    )
    group = await make_study_group(db_session, teacher.user, [in_group.user])

    by_group = await build_course(teacher, visibility="groups", group_ids=[str(group.id)])
    by_school = await build_course(school_owner, visibility="organization")
    assert by_school["organization_id"] == str(school.id)

    def ids(page: dict[str, Any]) -> set[str]:
        return {c["id"] for c in page["items"]}

    assert ids((await in_group.get(f"{API}/courses")).json()) == {by_group["id"]}
    assert ids((await member.get(f"{API}/courses")).json()) == {by_school["id"]}
    assert ids((await outsider.get(f"{API}/courses")).json()) == set()
    for course in (by_group, by_school):
        assert (await outsider.get(f"{API}/courses/{course['id']}")).status_code == 404
        lesson_id = course["lessons"][0]["id"]
        assert (await outsider.get(f"{API}/lessons/{lesson_id}")).status_code == 404
    assert (await in_group.get(f"{API}/lessons/{by_group['lessons'][0]['id']}")).status_code == 200


async def test_sharing_needs_a_target_and_only_ones_own_groups(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    teacher = await login_as(Role.teacher)
    other = await login_as(Role.teacher)
    others_group = await make_study_group(db_session, other.user)
    for body, code in (
        ({"visibility": "groups"}, "visibility_needs_target"),
        ({"visibility": "organization"}, "visibility_needs_target"),
        ({"visibility": "groups", "group_ids": [str(others_group.id)]}, "group_not_found"),
    ):
        response = await teacher.post(f"{API}/courses", json={"title": "X", **body})
        assert response.json()["error"]["code"] == code
    assert (await teacher.get(f"{API}/courses/authored")).json()["total"] == 0


async def test_moderators_author_the_catalogue_together(login_as: LoginAs) -> None:
    moderator = await login_as(Role.moderator)
    another = await login_as(Role.moderator)
    teacher = await login_as(Role.teacher)
    course = await build_course(moderator)
    assert course["catalogue"] is True
    edited = await another.put(f"{API}/courses/{course['id']}", json={"title": "Yangi nom"})
    assert edited.status_code == 200
    assert edited.json()["title"] == "Yangi nom"
    refused = await teacher.put(f"{API}/courses/{course['id']}", json={"title": "Meniki"})
    assert refused.status_code == 404


async def test_the_quiz_two_plus_two_is_kept_in_the_kernel_form(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    course = await build_course(teacher, lesson(blocks=[quiz(two_plus_two())]))
    shown = (await teacher.get(f"{API}/lessons/{course['lessons'][0]['id']}")).json()
    options = shown["lesson"]["blocks"][0]["questions"][0]["options"]
    assert [o["text"] for o in options] == ["3", "4", "5"]


async def test_a_lesson_completed_by_its_quiz_needs_questions(login_as: LoginAs) -> None:
    teacher = await login_as(Role.teacher)
    course = await build_course(teacher, publish=False)
    response = await teacher.post(
        f"{API}/courses/{course['id']}/lessons",
        json={**lesson(completion="quiz"), "module_id": course["modules"][0]["id"]},
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


async def test_the_catalogue_filters_by_grade_and_shows_my_groups_courses_first(
    login_as: LoginAs, db_session: AsyncSession
) -> None:
    moderator = await login_as(Role.moderator)
    teacher = await login_as(Role.teacher)
    child = await login_as(Role.student)
    group = await make_study_group(db_session, teacher.user, [child.user])
    await build_course(moderator, title="Alifbo", grades=[1, 10])
    await build_course(
        teacher, title="Yangi", grades=[11], visibility="groups", group_ids=[str(group.id)]
    )
    await build_course(moderator, title="Fizika", grades=[11])

    def titles(response: Any) -> list[str]:
        return [c["title"] for c in response.json()["items"]]

    # The group's course leads, then the catalogue by title.
    assert titles(await child.get(f"{API}/courses")) == ["Yangi", "Alifbo", "Fizika"]
    # A grade matches whole numbers only: 1 is not 10 or 11.
    assert titles(await child.get(f"{API}/courses", params={"grade": 1})) == ["Alifbo"]
    assert titles(await child.get(f"{API}/courses", params={"grade": 11})) == ["Yangi", "Fizika"]
    assert titles(await child.get(f"{API}/courses", params={"grade": 10})) == ["Alifbo"]
    assert titles(await child.get(f"{API}/courses", params={"grade": 2})) == []
    assert (await child.get(f"{API}/courses", params={"grade": 12})).status_code == 422


async def test_an_author_reads_a_lesson_as_written_and_sends_it_back_unchanged(
    login_as: LoginAs,
) -> None:
    teacher = await login_as(Role.teacher)
    other = await login_as(Role.teacher)
    student = await login_as(Role.student)
    numeric = {"type": "numeric", "text": "5 - 2 = ?", "numeric_answer": 3}
    course = await build_course(
        teacher,
        lesson("Sinov", blocks=[text(), quiz(two_plus_two(), numeric), STORY], completion="quiz"),
    )
    lesson_id = course["lessons"][0]["id"]
    source = await teacher.get(f"{API}/lessons/{lesson_id}/source")
    assert source.status_code == 200
    blocks = source.json()["blocks"]
    assert blocks[0]["markdown"] == "Bugun **sanashni** o'rganamiz."
    first, second = blocks[1]["questions"]
    assert [(o["text"], o["correct"]) for o in first["options"]] == [
        ("3", False),
        ("4", True),
        ("5", False),
    ]
    assert second["numeric_answer"] == 3
    assert blocks[2]["questions"][0]["truth"] is True
    assert blocks[2]["pages"][0]["image_url"] == STORY["pages"][0]["image_url"]

    # What the editor sends back is accepted as it is and makes the same lesson (a new version).
    fields = {k: v for k, v in source.json().items() if k in ("title", "completion", "pass_mark")}
    sent = [{k: v for k, v in b.items() if v not in (None, [])} for b in blocks]
    again = await teacher.put(f"{API}/lessons/{lesson_id}", json={**fields, "blocks": sent})
    assert again.status_code == 200, again.text
    assert again.json()["version"] == 2

    # Nobody but its author sees the answers.
    assert (await other.get(f"{API}/lessons/{lesson_id}/source")).status_code == 404
    assert (await student.get(f"{API}/lessons/{lesson_id}/source")).status_code == 403


async def test_the_author_reorders_modules_and_lessons_naming_each_exactly_once(
    login_as: LoginAs,
) -> None:
    teacher = await login_as(Role.teacher)
    other = await login_as(Role.teacher)
    course = await build_course(teacher, lesson("Bir"), lesson("Ikki"), lesson("Uch"))
    first = course["modules"][0]["id"]
    second = (
        await teacher.post(f"{API}/courses/{course['id']}/modules", json={"title": "Yana"})
    ).json()["id"]
    one, two, three = (item["id"] for item in course["lessons"])
    order = {
        "modules": [
            {"id": second, "lesson_ids": [three]},
            {"id": first, "lesson_ids": [two, one]},
        ]
    }
    assert (await other.put(f"{API}/courses/{course['id']}/order", json=order)).status_code == 404
    moved = await teacher.put(f"{API}/courses/{course['id']}/order", json=order)
    assert moved.status_code == 200, moved.text
    assert [m["id"] for m in moved.json()["modules"]] == [second, first]
    assert [item["title"] for item in moved.json()["lessons"]] == ["Uch", "Ikki", "Bir"]

    lost = {"modules": [{"id": second, "lesson_ids": [three]}, {"id": first, "lesson_ids": [two]}]}
    refused = await teacher.put(f"{API}/courses/{course['id']}/order", json=lost)
    assert refused.json()["error"]["code"] == "order_incomplete"
