"""olimp: every operation × every role answers as its table says (issue 21 §1).

The world's olympiad is the moderator's, sat by A's child (registered by their parent), appealed,
decided, published and finalised, so every object a path names exists."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import Cache
from alif.db import utcnow
from alif.testing import TestKeys, authorization_mismatches, make_authz_world
from olimp.app import create_olimp_app
from olimp.config import OlimpSettings
from olimp.olympiads.models import Olympiad, Round
from olimp.papers.models import Attempt
from olimp.results import service as results
from olimp.testing import OLYMPIADS, build_olympiad, choice, in_grade, open_round

# The organizer's (the moderator who made it, and admins): anyone else does not find it.
ORGANIZER = "anonymous:401 moderator,admin:ok *:404"
# The child's own paper and appeals: nobody else finds them, not even their parent.
OWN = "anonymous:401 student:ok *:404"

# operationId → the answer for each role (alif.testing.parse_expectation).
EXPECTED: dict[str, str] = {
    "olympiads-list_olympiads": "anonymous:401 *:ok",
    "olympiads-create_olympiad": "anonymous:401 organization,moderator,admin:ok *:403",
    "olympiads-read_olympiad": "anonymous:401 *:ok",
    "olympiads-publish_olympiad": ORGANIZER,
    "olympiads-add_question": ORGANIZER,
    "olympiads-list_questions": ORGANIZER,
    "olympiads-import_questions": ORGANIZER,
    # a child registers themself, a parent their own child (other adults: 422 not eligible);
    # another family's child is not found
    "olympiads-register": "anonymous:401 other_child,other_parent:404 *:ok",
    "olympiads-register_students": "anonymous:401 organization:ok *:403",  # its own students
    "olympiads-list_registrations": "anonymous:401 *:ok",  # filtered to what each may manage
    "olympiads-cancel_registration": "anonymous:401 student,parent,moderator,admin:ok *:404",
    "papers-start_attempt": OWN,  # only a registered child has a paper to start
    "papers-read_attempt": OWN,
    "papers-save_answer": OWN,
    "papers-submit_attempt": OWN,
    "papers-record_signal": OWN,
    "papers-list_attempts": ORGANIZER,
    "papers-read_board": "anonymous:401 *:ok",  # the live board, names as the organizer allows
    "results-read_results": "anonymous:401 *:ok",  # published
    "results-read_my_results": "anonymous:401 *:ok",
    "results-read_review": OWN,  # the questions with the child's answers, once published
    "results-publish_results": ORGANIZER,
    "results-create_appeal": OWN,
    "results-list_my_appeals": OWN,
    "results-list_appeals": ORGANIZER,
    "results-accept_appeal": ORGANIZER,
    "results-reject_appeal": ORGANIZER,
    "results-list_certificates": ORGANIZER,
    "results-revoke_certificate": ORGANIZER,
    # public: anyone holding the code verifies the certificate
    "certificates-verify_certificate": "*:ok",
    "certificates-certificate_pdf": "*:ok",
}


@pytest.fixture(scope="module")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_olimp_app(OlimpSettings(**settings_values))


async def _close(db: AsyncSession, olympiad_id: str) -> None:
    """The round and its appeals window are over."""
    now = utcnow()
    for round_ in await db.scalars(
        select(Round).where(Round.olympiad_id == uuid.UUID(olympiad_id))
    ):
        round_.opens_at, round_.closes_at = now - timedelta(days=4), now - timedelta(days=3)
    for attempt in await db.scalars(select(Attempt)):
        attempt.deadline = min(attempt.deadline, now - timedelta(seconds=1))
    await db.flush()


async def test_every_operation_answers_every_role_as_its_table_says(
    app: FastAPI, client: AsyncClient, db_session: AsyncSession, cache: Cache, test_keys: TestKeys
) -> None:
    world = await make_authz_world(db_session, client, test_keys)
    organizer, parent, child = (world.actors[r] for r in ("moderator", "parent", "student"))
    olympiad = await build_olympiad(organizer, review_allowed=True)
    round_id = olympiad["rounds"][0]["id"]
    round_url = f"{OLYMPIADS}/{olympiad['id']}/rounds/{round_id}"
    await in_grade(db_session, child.user, 4)
    registered = await parent.post(
        f"{OLYMPIADS}/{olympiad['id']}/registrations", json={"student_id": str(child.id)}
    )
    assert registered.status_code == 201, registered.text
    await open_round(db_session, round_id)
    attempt = (await child.post(f"{round_url}/attempt")).json()
    question = attempt["questions"][0]
    answer = {"choice": [question["options"][0]["id"]]}
    saved = await child.put(
        f"/api/olimp/attempts/{attempt['id']}/answers/{question['id']}", json=answer
    )
    assert saved.status_code == 200, saved.text
    await _close(db_session, olympiad["id"])
    await results.rank_by_id(db_session, uuid.UUID(round_id), utcnow())
    olympiad_row = await db_session.get(Olympiad, uuid.UUID(olympiad["id"]))
    assert olympiad_row is not None
    # the appeals window: open for a moment, for the child's appeal
    for round_ in await db_session.scalars(
        select(Round).where(Round.olympiad_id == olympiad_row.id)
    ):
        round_.closes_at = utcnow() - timedelta(minutes=5)
    await db_session.flush()
    appeal_body = {"question_id": question["id"], "text": "Javobim toʻgʻri"}
    appeal = await child.post(f"/api/olimp/attempts/{attempt['id']}/appeals", json=appeal_body)
    assert appeal.status_code == 201, appeal.text
    decided = await organizer.post(
        f"{round_url}/appeals/{appeal.json()['id']}/reject", json={"reply": "Kalit toʻgʻri"}
    )
    assert decided.status_code == 200, decided.text
    await _close(db_session, olympiad["id"])
    published = await organizer.post(f"{OLYMPIADS}/{olympiad['id']}/results/publish")
    assert published.status_code == 200, published.text
    db_session.expire_all()  # the publication was the app's session's
    await results.finalise(db_session, uuid.UUID(olympiad["id"]), utcnow())
    mine = (await child.get(f"{OLYMPIADS}/{olympiad['id']}/results/mine")).json()
    # A second olympiad, open for registration, where A's child is registered.
    upcoming = await build_olympiad(organizer)
    registered = await parent.post(
        f"{OLYMPIADS}/{upcoming['id']}/registrations", json={"student_id": str(child.id)}
    )
    assert registered.status_code == 201, registered.text
    registering = {"olympiad_id": upcoming["id"]}
    world.ids |= {
        "olympiad_id": olympiad["id"],
        "round_id": round_id,
        "attempt_id": attempt["id"],
        "question_id": question["id"],
        "appeal_id": appeal.json()["id"],
        "code": mine["certificate"]["code"],
    }
    requests = {
        "papers-save_answer": {"json": answer},
        "results-create_appeal": {"json": appeal_body},
        "olympiads-add_question": {
            "json": {
                "section_id": olympiad["rounds"][0]["sections"][0]["id"],
                "question": choice("5 + 5 = ?", "10", "11"),
            }
        },
        "olympiads-register": {"json": {"student_id": str(child.id)}, "ids": registering},
        "olympiads-register_students": {
            "json": {"student_ids": [str(child.id)]},
            "ids": registering,
        },
        "olympiads-cancel_registration": {"ids": registering},
        "olympiads-list_registrations": {"ids": registering},
    }
    problems = await authorization_mismatches(app, world, EXPECTED, db_session, cache, requests)
    assert problems == [], "\n".join(problems)
