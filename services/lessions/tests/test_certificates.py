"""Completing a course: the certificate (PDF, code, public verification) and the badge, once."""

import httpx

from alif.auth import Role
from alif.testing import LoginAs
from lessions.testing import API, build_course, key, lesson, text


async def test_completing_a_course_gives_one_certificate_verifiable_by_anyone_with_the_code(
    login_as: LoginAs, client: httpx.AsyncClient
) -> None:
    teacher = await login_as(Role.teacher)
    student = await login_as(Role.student, first_name="Laylo", last_name="Karimova")
    stranger = await login_as(Role.student)
    course = await build_course(teacher, lesson(), badge="🦊", title="Ertaklar")
    lesson_id = course["lessons"][0]["id"]
    mine = f"{API}/courses/{course['id']}/certificate"
    assert (await student.get(mine)).json()["error"]["code"] == "no_certificate_yet"
    assert (await student.get(f"{API}/badges")).json() == []

    write = {"idempotency_key": key(), "position": 0, "seconds": 30}
    assert (
        await student.post(f"{API}/lessons/{lesson_id}/progress", json=write)
    ).status_code == 200
    certificate = (await student.get(mine)).json()
    assert certificate["holder_name"] == "Laylo Karimova"
    assert (certificate["title"], certificate["valid"]) == ("Ertaklar", True)
    assert certificate["verify_url"].endswith(f"/certificates/{certificate['code']}")
    progress = (await student.get(f"{API}/courses/{course['id']}/progress")).json()
    assert (progress["badge"], progress["certificate_code"]) == ("🦊", certificate["code"])
    badges = (await student.get(f"{API}/badges")).json()
    assert [(b["badge"], b["certificate_code"]) for b in badges] == [("🦊", certificate["code"])]

    # Public: the paper's code is enough, typed in lower case too; the PDF prints it.
    verified = await client.get(f"{API}/certificates/{certificate['code'].lower()}")
    assert verified.status_code == 200 and verified.json()["holder_name"] == "Laylo Karimova"
    pdf = await client.get(certificate["pdf_url"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert (await client.get(f"{API}/certificates/AAAA-BBBB-CCCC")).status_code == 404
    # Another learner has none, and sees nobody else's.
    assert (await stranger.get(mine)).status_code == 404

    # Completing again (a new version, the lesson done again) issues nothing new.
    edited = await teacher.put(f"{API}/lessons/{lesson_id}", json=lesson(blocks=[text("Yangi")]))
    assert edited.status_code == 200
    again = {"idempotency_key": key(), "position": 0, "seconds": 5}
    await student.post(f"{API}/lessons/{lesson_id}/progress", json=again)
    assert (await student.get(mine)).json()["code"] == certificate["code"]
    assert len((await student.get(f"{API}/badges")).json()) == 1
