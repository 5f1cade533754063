"""Every operation × every role answers as the table says (docs/security.md,
alif.testing.authorization_mismatches): a new route fails here until it has a line."""

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from alif.cache import Cache
from alif.testing import TestKeys, authorization_mismatches, make_authz_world

ITEMS = "/api/$name/items"
# An item is its owner's: anyone else does not find it.
OWN = "anonymous:401 student:ok *:404"

# operationId → the answer for each role (alif.testing.parse_expectation).
EXPECTED: dict[str, str] = {
    "items-list_items": "anonymous:401 *:ok",
    "items-add_item": "anonymous:401 *:ok",
    "items-read_item": OWN,
    "items-remove_item": OWN,
}


async def test_every_operation_answers_every_role_as_its_table_says(
    app: FastAPI, client: AsyncClient, db_session: AsyncSession, cache: Cache, test_keys: TestKeys
) -> None:
    world = await make_authz_world(db_session, client, test_keys)
    added = await world.actors["student"].post(ITEMS, json={"title": "Birinchi"})
    assert added.status_code == 201, added.text
    world.ids["item_id"] = added.json()["id"]
    problems = await authorization_mismatches(app, world, EXPECTED, db_session, cache)
    assert problems == [], "\n".join(problems)
