"""testai: every operation × every role answers as its table says (issue 21 §1).

The world's test is A's teacher's, assigned to their class and shared by code; A's child has
taken it. A's teacher has a question in the bank."""

from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import Cache
from alif.testing import TestKeys, authorization_mismatches, make_authz_world
from testai.app import create_testai_app
from testai.config import TestaiSettings
from testai.testing import API, answer_for, published_test, single

# A test or bank question is its author's and their organization's (testai/access.py): the
# author and the school's owner read and change it; other teachers and staff do not find it;
# learners and parents are refused the authoring routes.
AUTHORED = "anonymous:401 teacher,organization:ok other_teacher,moderator,admin:404 *:403"
AUTHORING = "anonymous:401 student,other_child,parent,other_parent:403 *:ok"
# An attempt is its child's: another child does not find it, adults are refused.
OWN_ATTEMPT = "anonymous:401 student:ok other_child:404 *:403"
LEARNERS = "anonymous:401 student,other_child:ok *:403"

# operationId → the answer for each role (alif.testing.parse_expectation).
EXPECTED: dict[str, str] = {
    "tests-create_test": AUTHORING,
    "tests-list_tests": AUTHORING,
    **dict.fromkeys(
        (
            "tests-get_test",
            "tests-update_test",
            "tests-duplicate_test",
            "tests-publish_test",
            "tests-archive_test",
            "tests-add_question",
            "tests-add_questions",
            "tests-reorder_questions",
            "tests-approve_questions",
            "tests-add_from_bank",
            "tests-replace_question",
            "tests-delete_question",
            "tests-save_to_bank",
            "tests-assign_test",
            "tests-list_assignments",
            "tests-remove_assignment",
            "tests-share_test",
            "tests-stop_sharing",
            "tests-list_extra_time",
            "tests-set_extra_time",
            "tests-remove_extra_time",
            "results-test_results",
            "results-test_results_csv",
            "results-test_attempt",
            "live-create_live_game",
            "live-list_live_games",
            "live-live_game_results",
            "bank-get_bank_question",
            "bank-update_bank_question",
            "bank-delete_bank_question",
        ),
        AUTHORED,
    ),
    "bank-search_bank": AUTHORING,
    "bank-create_bank_question": AUTHORING,
    "import-import_text": AUTHORING,
    "import-import_file": AUTHORING,
    "import-extract_source": AUTHORING,
    # generation needs the AI plan (staff have every feature); the world's teachers have none
    "ai-generate": "anonymous:401 moderator,admin:ok *:403",
    "taking-my_tests": LEARNERS,
    "taking-my_results": LEARNERS,
    "taking-shared_test": LEARNERS,  # the code is the permission
    "taking-start_attempt": OWN_ATTEMPT,  # only an assigned child may start it
    "taking-get_attempt": OWN_ATTEMPT,
    "taking-save_answer": OWN_ATTEMPT,
    "taking-submit_attempt": OWN_ATTEMPT,
    "taking-child_results": "anonymous:401 parent:ok other_parent:404 *:403",
}


@pytest.fixture(scope="module")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_testai_app(TestaiSettings(**settings_values))


async def test_every_operation_answers_every_role_as_its_table_says(
    app: FastAPI, client: AsyncClient, db_session: AsyncSession, cache: Cache, test_keys: TestKeys
) -> None:
    world = await make_authz_world(db_session, client, test_keys)
    teacher, student = world.actors["teacher"], world.actors["student"]
    question = single("2 + 2 = ?", ["3", "4"], 1)
    test = await published_test(teacher, [question, single("3 + 3 = ?", ["6", "7"], 0)])
    url = f"{API}/tests/{test['id']}"
    assigned = await teacher.post(f"{url}/assignments", json={"group_id": world.ids["group_id"]})
    assert assigned.status_code == 201, assigned.text
    shared = await teacher.post(f"{url}/share")
    assert shared.status_code in (200, 201), shared.text
    extra = await teacher.put(f"{url}/extra-time/{world.ids['student_id']}", json={"factor": 1.5})
    assert extra.status_code == 200, extra.text
    attempt = (await student.post(f"{API}/attempts", json={"test_id": test["id"]})).json()
    key = {q["id"]: q for q in test["questions"]}
    first = attempt["questions"][0]
    answer = answer_for(first, key[first["id"]], True)
    saved = await student.put(f"{API}/attempts/{attempt['id']}/answers/{first['id']}", json=answer)
    assert saved.status_code == 200, saved.text
    live = await teacher.post(f"{url}/live", json={})
    assert live.status_code == 201, live.text
    banked = await teacher.post(f"{API}/bank/questions", json=question)
    assert banked.status_code == 201, banked.text
    world.ids |= {
        "test_id": test["id"],
        "question_id": test["questions"][1]["id"],
        "assignment_id": assigned.json()[0]["id"],
        "attempt_id": attempt["id"],
        "code": shared.json()["code"],
        "game_id": live.json()["id"],
    }
    bank = {"question_id": banked.json()["id"]}
    requests: dict[str, dict[str, Any]] = {
        "tests-add_question": {"json": question},
        "tests-add_questions": {"json": {"questions": [question]}},
        "tests-replace_question": {"json": question},
        "tests-assign_test": {"json": {"group_id": world.ids["group_id"]}},
        "tests-set_extra_time": {"json": {"factor": 2}},
        "tests-add_from_bank": {"json": {"question_ids": [banked.json()["id"]]}},
        "tests-reorder_questions": {
            "json": {"question_ids": [q["id"] for q in reversed(test["questions"])]}
        },
        "taking-start_attempt": {"json": {"test_id": test["id"]}},
        "taking-save_answer": {"json": answer, "ids": {"question_id": first["id"]}},
        "bank-get_bank_question": {"ids": bank},
        "bank-update_bank_question": {"json": question, "ids": bank},
        "bank-delete_bank_question": {"ids": bank},
        "bank-create_bank_question": {"json": question},
    }
    problems = await authorization_mismatches(app, world, EXPECTED, db_session, cache, requests)
    assert problems == [], "\n".join(problems)
