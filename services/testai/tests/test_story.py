"""The issue's "done when", through the API: a teacher imports a Word test, fixes a flagged
question, generates five more with AI (a local OpenAI-speaking server), assigns the test to a
group; a student takes it with a time limit; teacher, student and parent each see what they may.
"""

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from alif import testing as alif_testing
from alif.auth import Role
from alif.db import utcnow
from alif.subscriptions import Feature
from alif.testing import Actor, LoginAs, make_child, serve_asgi, subscribe, token_for
from testai.app import create_testai_app
from testai.testing import (
    API,
    FakeOpenAI,
    ai_settings,
    answer_for,
    docx_bytes,
    five_items,
    make_group,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def fake_openai() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    with serve_asgi(fake.app) as url:
        fake.url = url
        yield fake


@pytest.fixture(scope="module")
def app(settings_values: dict[str, Any], fake_openai: FakeOpenAI) -> FastAPI:
    return create_testai_app(ai_settings(settings_values, fake_openai))


def _as_input(preview: dict[str, Any]) -> dict[str, Any]:
    """A preview question, as the teacher's screen sends it back when they confirm."""
    question = {
        "type": preview["type"],
        "text": preview["text"],
        "options": preview["options"],
        "points": preview["points"],
        "language": preview["language"],
        "source_excerpt": preview["source_excerpt"],
    }
    if preview["type"] == "short_answer":
        question["accepted_answers"] = preview["accepted_answers"]
    if preview["type"] == "numeric":
        question["numeric_answer"] = preview["numeric_answer"]
    return question


async def test_the_whole_story(
    login_as: LoginAs,
    db_session: AsyncSession,
    fake_openai: FakeOpenAI,
    test_keys: alif_testing.TestKeys,
) -> None:
    teacher = await login_as(Role.teacher, first_name="Malika")
    await subscribe(db_session, teacher.user, Feature.ai_tests)  # a plan with AI tests
    parent = await login_as(Role.parent)
    child = await make_child(db_session, parent.user, first_name="Aziz")
    student = Actor(user=child, token=token_for(test_keys, child), client=parent.client)
    classmate = await login_as(Role.student)
    group = await make_group(db_session, teacher.user, [child, classmate.user])

    # 1. A Word test: automatic numbering, an answer line, and one question without a key.
    document = docx_bytes(
        [
            ("bold", "Matematika 5-sinf. Kasrlar"),
            ("List Number", "1/2 + 1/4 = ?"),
            "A) 3/4",
            "B) 2/6",
            "C) 1/6",
            "Javob: A",
            ("List Number", "Qaysi kasr eng katta?"),
            "A) 1/3",
            "B) 1/2",
            "C) 1/5",
            ("List Number", "0,5 ni oddiy kasr koʻrinishida yozing"),
            "A) 1/5",
            "B) 1/2",
            "Toʻgʻri javob: B",
        ]
    )
    preview = await teacher.post(
        f"{API}/import/file", files={"file": ("kasrlar.docx", document, DOCX)}
    )
    assert preview.status_code == 200, preview.text
    imported = preview.json()
    assert imported["total"] == 3 and imported["flagged"] == 1
    assert imported["questions"][1]["problems"] == ["no_answer"]

    # 2. The teacher confirms the preview into a draft with a 15-minute limit.
    test = (
        await teacher.post(
            f"{API}/tests",
            json={
                "title": "Kasrlar",
                "subject": "Matematika",
                "grade": 5,
                "time_limit_minutes": 15,
                "results_shown": "immediately",
                "answers_shown": "after_close",
                "pass_percent": 50,
            },
        )
    ).json()
    url = f"{API}/tests/{test['id']}"
    saved = await teacher.post(
        f"{url}/questions/bulk",
        json={"questions": [_as_input(q) for q in imported["questions"]], "source": "imported"},
    )
    assert saved.status_code == 201, saved.text
    flagged = saved.json()[1]
    assert flagged["needs_key"] is True and flagged["source"] == "imported"

    # 3. Publishing waits for the flagged question; the teacher fixes it.
    assert (await teacher.post(f"{url}/publish")).json()["error"]["code"] == "questions_need_keys"
    fix = _as_input(imported["questions"][1])
    fix["options"][1]["correct"] = True
    fixed = await teacher.put(f"{url}/questions/{flagged['id']}", json=fix)
    assert fixed.status_code == 200 and fixed.json()["needs_key"] is False

    # 4. Five more from AI, into the same draft; the teacher reviews them.
    fake_openai.reply_questions(five_items())
    generated = await teacher.post(
        f"{API}/ai/generate",
        json={
            "subject": "Matematika",
            "topic": "Kasrlar",
            "grade": 5,
            "language": "uz",
            "count": 5,
            "test_id": test["id"],
        },
    )
    assert generated.status_code == 201, generated.text
    assert generated.json()["accepted"] == 5
    ai_ids = [q["id"] for q in generated.json()["questions"]]
    assert (await teacher.post(f"{url}/publish")).json()["error"]["code"] == "questions_need_review"
    await teacher.post(f"{url}/questions/approve", json={"question_ids": ai_ids})
    published = await teacher.post(f"{url}/publish")
    assert published.status_code == 200
    key = {q["id"]: q for q in published.json()["questions"]}
    assert len(key) == 8

    # 5. Assigned to the group, due in a week.
    due = (utcnow() + timedelta(days=7)).isoformat()
    assigned = await teacher.post(
        f"{url}/assignments", json={"group_id": str(group.id), "due_at": due}
    )
    assert assigned.status_code == 201

    # 6. The student takes it: no keys on the way, a 15-minute clock, answers saved as they go.
    mine = (await student.get(f"{API}/my/tests")).json()
    assert mine[0]["test_id"] == test["id"] and mine[0]["your_time_minutes"] == 15
    attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
    assert "correct" not in str(attempt["questions"])
    deadline = datetime.fromisoformat(attempt["deadline_at"])
    assert deadline - datetime.fromisoformat(attempt["started_at"]) == timedelta(minutes=15)
    wrong_one = attempt["questions"][0]["id"]
    for question in attempt["questions"]:
        body = answer_for(question, key[question["id"]], right=question["id"] != wrong_one)
        saved_answer = await student.put(
            f"{API}/attempts/{attempt['id']}/answers/{question['id']}", json=body
        )
        assert saved_answer.status_code == 200
    result = (await student.post(f"{API}/attempts/{attempt['id']}/submit")).json()
    assert result["score"] == 7 and result["max_score"] == 8 and result["passed"] is True
    assert result["review"] is None  # the keys wait for the close

    # 7. What each one sees.
    classmate_peek = await classmate.get(f"{API}/attempts/{attempt['id']}")
    assert classmate_peek.status_code == 404
    assert (await student.get(url)).status_code == 403  # never the teacher's view with keys

    report = (await teacher.get(f"{url}/results")).json()
    row = report["students"][0]
    assert (row["first_name"], row["grade_percent"], row["passed"]) == ("Aziz", 87.5, True)
    detail = (await teacher.get(f"{url}/attempts/{attempt['id']}")).json()
    assert len(detail["review"]) == 8

    seen_by_parent = (await parent.get(f"{API}/children/{child.id}/results")).json()
    assert seen_by_parent[0]["grade_percent"] == 87.5
    stranger = await login_as(Role.parent)
    assert (await stranger.get(f"{API}/children/{child.id}/results")).status_code == 404
    other_teacher = await login_as(Role.teacher)
    assert (await other_teacher.get(f"{url}/results")).status_code == 404
