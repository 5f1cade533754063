"""games: every operation × every role answers as its table says (issue 21 §1)."""

import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import Cache
from alif.testing import (
    TestKeys,
    authorization_mismatches,
    make_authz_world,
    parse_expectation,
)
from games.app import create_games_app
from games.config import GamesSettings

# operationId → the answer for each role (alif.testing.parse_expectation). Games are open to
# every signed-in account (a teacher may try one); a game is its player's alone.
EXPECTED: dict[str, str] = {
    "rules-get_rules": "*:ok",  # public: the rules page
    "sessions-start_session": "anonymous:401 *:ok",
    "sessions-get_session": "anonymous:401 student:ok *:404",
    "sessions-finish_session": "anonymous:401 student:ok *:404",
    "leaderboards-list_scopes": "anonymous:401 *:ok",
    "leaderboards-get_board": "anonymous:401 *:ok",
    "stats-my_stats": "anonymous:401 *:ok",
    "stats-my_history": "anonymous:401 *:ok",
    # a child's figures: their parent; another parent does not learn the child exists
    "stats-child_stats": "anonymous:401 parent:ok other_parent:404 *:403",
}


@pytest.fixture(scope="module")
def app(settings_values: dict[str, Any]) -> FastAPI:
    return create_games_app(GamesSettings(**settings_values))


async def test_every_operation_answers_every_role_as_its_table_says(
    app: FastAPI, client: AsyncClient, db_session: AsyncSession, cache: Cache, test_keys: TestKeys
) -> None:
    world = await make_authz_world(db_session, client, test_keys)
    started = await world.actors["student"].post("/api/games/sessions", json={"game": "2048"})
    world.ids |= {"session_id": started.json()["id"], "game": "2048"}
    problems = await authorization_mismatches(app, world, EXPECTED, db_session, cache)
    assert problems == [], "\n".join(problems)


async def test_a_route_without_an_entry_or_a_wrong_answer_fails_the_matrix(
    app: FastAPI, client: AsyncClient, db_session: AsyncSession, cache: Cache, test_keys: TestKeys
) -> None:
    world = await make_authz_world(db_session, client, test_keys)
    world.ids |= {"session_id": str(uuid.uuid4()), "game": "2048"}
    table = {k: v for k, v in EXPECTED.items() if k != "stats-my_stats"}
    table["rules-get_rules"] = "anonymous:401 *:ok"  # wrong: the rules are public
    table["sessions-gone"] = "*:ok"
    problems = await authorization_mismatches(app, world, table, db_session, cache)
    assert problems[0] == "sessions-gone: in the table but no such operation"
    assert (
        "stats-my_stats (GET /api/games/me/stats): no entry in the table; "
        "it answers 'anonymous:401 *:ok'"
    ) in problems
    assert any(
        p.startswith("rules-get_rules (GET /api/games/rules) as anonymous: expected 401, got 200")
        for p in problems
    )


def test_an_expectation_names_every_role_once() -> None:
    assert parse_expectation("anonymous:401 parent,admin:ok *:403")["teacher"] == "403"
    for wrong in ("anonymous:401", "parent:ok parent:403 *:404", "janitor:ok *:403", "*:418"):
        with pytest.raises(ValueError, match=r"answer|role"):
            parse_expectation(wrong)
