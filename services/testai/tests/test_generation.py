"""AI generation against a local server that speaks the OpenAI Chat Completions API: the real
`openai` client, real HTTP, scripted answers (valid, invalid, fenced, malformed)."""

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.auth import Role
from alif.subscriptions import Feature
from alif.testing import Actor, LoginAs, serve_asgi, subscribe
from testai.app import create_testai_app
from testai.generation.models import Generation
from testai.testing import API, FakeOpenAI, ai_item, ai_settings, five_items


@pytest.fixture(scope="module")
def fake_openai() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    with serve_asgi(fake.app) as url:
        fake.url = url
        yield fake


@pytest.fixture(scope="module")
def app(settings_values: dict[str, Any], fake_openai: FakeOpenAI) -> FastAPI:
    settings = ai_settings(
        settings_values, fake_openai, ai_requests_per_minute=3, ai_daily_questions=12
    )
    return create_testai_app(settings)


@pytest.fixture(autouse=True)
def _fresh_script(fake_openai: FakeOpenAI) -> None:
    fake_openai.reset()


GENERATE = f"{API}/ai/generate"
BRIEF = {"subject": "Matematika", "topic": "Kasrlar", "grade": 5, "language": "uz", "count": 5}


async def _teacher(login_as: LoginAs, db_session: AsyncSession) -> Actor:
    """A teacher whose plan (usually their school's) includes AI tests."""
    teacher = await login_as(Role.teacher)
    await subscribe(db_session, teacher.user, Feature.ai_tests)
    return teacher


async def test_ai_tests_need_a_plan_that_includes_them(
    login_as: LoginAs, fake_openai: FakeOpenAI
) -> None:
    teacher = await login_as(Role.teacher)
    refused = await teacher.post(GENERATE, json=BRIEF)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "feature_not_included"
    assert fake_openai.requests == []  # nothing was spent on the model


async def test_valid_output_lands_as_a_draft_waiting_for_review(
    login_as: LoginAs, fake_openai: FakeOpenAI, db_session: AsyncSession
) -> None:
    teacher = await _teacher(login_as, db_session)
    fake_openai.reply_questions(five_items())
    response = await teacher.post(GENERATE, json=BRIEF)
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["accepted"] == 5 and result["rounds"] == 1 and result["dropped"] == []
    assert all(q["review_required"] and q["source"] == "ai" for q in result["questions"])
    assert result["questions"][0]["options"][0] == {
        "id": result["questions"][0]["options"][0]["id"],
        "text": "1",
        "correct": True,
    }

    # What the model was asked: structured output with our schema, the brief in the message.
    sent = fake_openai.requests[0]
    assert sent["model"] == "alif-test-model"
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["strict"] is True
    assert '"number_of_questions": 5' in sent["messages"][1]["content"]

    test = (await teacher.get(f"{API}/tests/{result['test_id']}")).json()
    assert test["status"] == "draft" and test["title"] == "Matematika: Kasrlar"
    assert test["review_count"] == 5

    # Unreviewed AI questions cannot reach students.
    blocked = await teacher.post(f"{API}/tests/{result['test_id']}/publish")
    assert blocked.status_code == 409
    assert blocked.json()["error"]["code"] == "questions_need_review"
    ids = [q["id"] for q in result["questions"]]
    approved = await teacher.post(
        f"{API}/tests/{result['test_id']}/questions/approve", json={"question_ids": ids}
    )
    assert approved.status_code == 200
    assert (await teacher.post(f"{API}/tests/{result['test_id']}/publish")).status_code == 200

    record = await db_session.scalar(select(Generation).where(Generation.user_id == teacher.id))
    assert record is not None
    assert (record.requested, record.accepted, record.prompt_tokens) == (5, 5, 120)


async def test_fenced_json_with_prose_and_trailing_commas_is_read(
    login_as: LoginAs, fake_openai: FakeOpenAI, db_session: AsyncSession
) -> None:
    teacher = await _teacher(login_as, db_session)
    fake_openai.reply_questions(five_items()[:2], fenced=True)
    messy = (
        '{"questions": [{"type": "single", "text": "3/4 va 1/2 dan qaysi biri katta?", '
        '"options": ["3/4", "1/2", "Teng", "Bilmayman",], "correct_options": [0,], '
        '"truth": null, "accepted_answers": [], "numeric_answer": null, "tolerance": null, '
        '"explanation": "", "difficulty": 2, "language": "uz", "source_excerpt": null,},],}'
    )
    fake_openai.reply(f"Albatta! Mana savollar:\n{messy}\nOmad!")
    response = await teacher.post(GENERATE, json={**BRIEF, "count": 3})
    assert response.status_code == 201, response.text
    assert response.json()["accepted"] == 3 and response.json()["rounds"] == 2


async def test_invalid_items_are_dropped_and_asked_for_again(
    login_as: LoginAs, fake_openai: FakeOpenAI, db_session: AsyncSession
) -> None:
    teacher = await _teacher(login_as, db_session)
    good = five_items()
    fake_openai.reply_questions(
        [
            good[0],
            ai_item("Ikki toʻgʻri javob?", ["1", "2", "3", "4"], 0, correct_options=[0, 1]),
            ai_item("Takror variant?", ["1", "1", "2", "3"], 0),
            ai_item("Javob yoʻq variant?", ["1", "2", "3", "4"], 7),
            ai_item("Which fraction is larger?", ["1/2", "1/3", "1/4", "1/5"], 0, language="en"),
            ai_item("Qaysi kasr katta?", ["1/2", "1/3"], 0, language="uz", type="numeric"),
            ai_item("Какая дробь больше?", ["1/2", "1/3", "1/4", "1/5"], 0),
            "not even an object",
        ]
    )
    fake_openai.reply_questions(good[1:3])
    response = await teacher.post(GENERATE, json={**BRIEF, "count": 3})
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["accepted"] == 3 and result["rounds"] == 2
    assert {d["reason"]: d["count"] for d in result["dropped"]} == {
        "not_one_correct": 1,
        "duplicate_options": 1,
        "answer_not_an_option": 1,
        "wrong_language": 2,
        "wrong_type": 1,
        "not_an_object": 1,
    }
    # The second request asked only for what was missing, and not to repeat the accepted one.
    retry = fake_openai.requests[1]["messages"][1]["content"]
    assert '"number_of_questions": 2' in retry and good[0]["text"] in retry


async def test_output_that_never_validates_is_an_error_not_a_fake_result(
    login_as: LoginAs, fake_openai: FakeOpenAI, db_session: AsyncSession
) -> None:
    teacher = await _teacher(login_as, db_session)
    fake_openai.reply("Kechirasiz, men bunga javob bera olmayman.")
    fake_openai.reply("```json\n{ broken json \n```")
    fake_openai.reply(None, refusal="I cannot help with that.")
    response = await teacher.post(GENERATE, json=BRIEF)
    assert response.status_code == 502
    body = response.json()["error"]
    assert body["code"] == "ai_output_not_usable"
    assert body["details"]["dropped"] == {"malformed_output": 3}
    # The usage is still on record (the calls cost money); no test was created.
    record = await db_session.scalar(select(Generation).where(Generation.user_id == teacher.id))
    assert record is not None and record.rounds == 3 and record.accepted == 0
    assert (await teacher.get(f"{API}/tests")).json()["total"] == 0


async def test_the_provider_failing_is_reported_as_unavailable(
    login_as: LoginAs, fake_openai: FakeOpenAI, db_session: AsyncSession
) -> None:
    teacher = await _teacher(login_as, db_session)
    fake_openai.reply(status=500)
    response = await teacher.post(GENERATE, json=BRIEF)
    assert response.status_code == 502
    assert response.json()["error"]["code"] == "ai_unavailable"


async def test_questions_from_a_source_text_keep_a_real_excerpt(
    login_as: LoginAs, fake_openai: FakeOpenAI, db_session: AsyncSession
) -> None:
    teacher = await _teacher(login_as, db_session)
    source = (
        "Amir Temur 1336-yil 9-aprelda Kesh yaqinidagi Xoʻja Ilgʻor qishlogʻida tugʻilgan. "
        "U 1370-yilda Movarounnahr hukmdori boʻldi. Poytaxti Samarqand edi."
    )
    fake_openai.reply_questions(
        [
            ai_item(
                "Amir Temur qaysi yilda tugʻilgan?",
                ["1336", "1370", "1405", "1220"],
                0,
                source_excerpt="Amir Temur 1336-yil 9-aprelda Kesh yaqinidagi Xo'ja Ilg'or "
                "qishlog'ida tug'ilgan.",
            ),
            ai_item(
                "Amir Temur davlatining poytaxti qaysi shahar edi?",
                ["Samarqand", "Buxoro", "Xiva", "Toshkent"],
                0,
                source_excerpt="Poytaxti Buxoro edi.",  # not what the source says
            ),
            ai_item("Temur qachon hukmdor boʻldi?", ["1370", "1336", "1400", "1300"], 0),
        ]
    )
    fake_openai.reply(status=503)  # the retry for the two missing ones fails: keep the one
    response = await teacher.post(
        GENERATE, json={**BRIEF, "topic": "Amir Temur", "count": 3, "source_text": source}
    )
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["accepted"] == 1 and result["rounds"] == 1
    assert result["questions"][0]["source_excerpt"].startswith("Amir Temur 1336-yil")
    assert {d["reason"]: d["count"] for d in result["dropped"]} == {"excerpt_not_in_source": 2}
    assert "<source>" in fake_openai.requests[0]["messages"][1]["content"]


async def test_every_type_can_be_generated(
    login_as: LoginAs, fake_openai: FakeOpenAI, db_session: AsyncSession
) -> None:
    teacher = await _teacher(login_as, db_session)
    base = {**ai_item("x", [], 0), "options": [], "correct_options": []}
    fake_openai.reply_questions(
        [
            {**base, "type": "true_false", "text": "Yarim butundan katta.", "truth": False},
            {
                **base,
                "type": "short_answer",
                "text": "Ikkining yarmi nechaga teng? Soʻz bilan yozing.",
                "accepted_answers": ["bir", "bitta"],
            },
            {
                **base,
                "type": "numeric",
                "text": "1/4 ni oʻnli kasrda yozing.",
                "numeric_answer": 0.25,
                "tolerance": 0,
            },
            {
                **base,
                "type": "multiple",
                "text": "Qaysilari yarimga teng?",
                "options": ["1/2", "2/4", "3/4", "2/3"],
                "correct_options": [0, 1],
            },
        ]
    )
    response = await teacher.post(
        GENERATE,
        json={**BRIEF, "count": 4, "types": ["true_false", "short_answer", "numeric", "multiple"]},
    )
    assert response.status_code == 201, response.text
    questions = response.json()["questions"]
    assert [q["type"] for q in questions] == ["true_false", "short_answer", "numeric", "multiple"]
    assert questions[0]["truth"] is False and questions[2]["numeric_answer"] == 0.25
    assert [o["correct"] for o in questions[3]["options"]] == [True, True, False, False]


async def test_generated_questions_can_join_my_draft_but_not_a_colleagues(
    login_as: LoginAs, fake_openai: FakeOpenAI, db_session: AsyncSession
) -> None:
    teacher = await _teacher(login_as, db_session)
    draft = (await teacher.post(f"{API}/tests", json={"title": "Mening testim"})).json()
    fake_openai.reply_questions(five_items()[:2])
    added = await teacher.post(GENERATE, json={**BRIEF, "count": 2, "test_id": draft["id"]})
    assert added.status_code == 201 and added.json()["test_id"] == draft["id"]

    colleague = await _teacher(login_as, db_session)
    refused = await colleague.post(GENERATE, json={**BRIEF, "count": 2, "test_id": draft["id"]})
    assert refused.status_code == 404
    assert len(fake_openai.requests) == 1  # nothing was spent on the refused request


async def test_rate_limit_and_daily_quota_protect_the_bill(
    login_as: LoginAs, fake_openai: FakeOpenAI, db_session: AsyncSession
) -> None:
    teacher = await _teacher(login_as, db_session)
    for _ in range(2):
        fake_openai.reply_questions(five_items())
        assert (await teacher.post(GENERATE, json=BRIEF)).status_code == 201
    # 10 of the 12 daily questions are used: 5 more would go over.
    over = await teacher.post(GENERATE, json=BRIEF)
    assert over.status_code == 429
    assert over.json()["error"]["code"] == "ai_quota_exceeded"
    assert over.json()["error"]["details"]["remaining_today"] == 2

    other = await _teacher(login_as, db_session)
    for _ in range(3):
        fake_openai.reply_questions(five_items()[:1])
        assert (await other.post(GENERATE, json={**BRIEF, "count": 1})).status_code == 201
    limited = await other.post(GENERATE, json={**BRIEF, "count": 1})
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "ai_rate_limited"
    assert "Retry-After" in limited.headers


async def test_asking_for_more_than_the_limit_is_refused_before_any_call(
    login_as: LoginAs, fake_openai: FakeOpenAI, db_session: AsyncSession
) -> None:
    teacher = await _teacher(login_as, db_session)
    response = await teacher.post(GENERATE, json={**BRIEF, "count": 21})
    assert response.status_code == 422
    assert response.json()["error"]["details"] == {"max": 20}
    assert fake_openai.requests == []


async def test_students_and_parents_cannot_generate(login_as: LoginAs) -> None:
    for role in (Role.student, Role.parent):
        actor = await login_as(role)
        assert (await actor.post(GENERATE, json=BRIEF)).status_code == 403
