"""harf: every operation × every role answers as its table says (issue 21 §1)."""

from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import Cache
from alif.testing import TestKeys, authorization_mismatches, make_authz_world
from harf.app import create_harf_app
from harf.audio.service import storage
from harf.config import HarfSettings

# operationId → the answer for each role (alif.testing.parse_expectation). Harf are open to
# every signed-in account (a teacher may try one); a game is its player's alone.
# operationId → the answer for each role (alif.testing.parse_expectation). The world's letter is
# uz-Latn 1, one of the free first letters (the others need a plan: harf's own tests); an
# exercise is its child's alone.
EXPECTED: dict[str, str] = {
    # public: the alphabets, and the free letters' sound
    "alphabets-list_alphabets": "*:ok",
    "alphabets-read_alphabet": "*:ok",
    "alphabets-read_letter": "*:ok",
    "audio-letter_audio": "*:ok",
    "audio-media_file": "*:ok",
    "audio-upload_recording": "anonymous:401 admin:ok *:403",
    "exercises-give_exercise": "anonymous:401 *:ok",
    "exercises-answer_exercise": "anonymous:401 student:ok *:404",
    "exercises-trace_exercise": "anonymous:401 student:ok *:404",
    "exercises-tracing_rules": "anonymous:401 *:ok",
    "exercises-today": "anonymous:401 *:ok",
    "exercises-next_letter": "anonymous:401 *:ok",
    "exercises-my_progress": "anonymous:401 *:ok",
    "exercises-child_progress": "anonymous:401 parent:ok other_parent:404 *:403",
}


@pytest.fixture(scope="module")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_harf_app(HarfSettings(**settings_values))


async def test_every_operation_answers_every_role_as_its_table_says(
    app: FastAPI, client: AsyncClient, db_session: AsyncSession, cache: Cache, test_keys: TestKeys
) -> None:
    world = await make_authz_world(db_session, client, test_keys)
    world.ids |= {"code": "uz-Latn", "number": "1"}
    given = await world.actors["student"].post("/api/harf/alphabets/uz-Latn/letters/1/exercises")
    world.ids["exercise_id"] = given.json()["id"]
    # a signed link to a sound, as the audio route gives it: the signature is the permission
    link = urlsplit(storage(app.state.settings).link("harf/audio/generated/" + "0" * 64 + ".mp3"))
    world.ids["key"] = link.path.removeprefix("/api/harf/media/")
    signed = {"params": dict(parse_qsl(link.query))}
    requests = {"audio-media_file": signed}
    problems = await authorization_mismatches(app, world, EXPECTED, db_session, cache, requests)
    assert problems == [], "\n".join(problems)
