"""A double tap or a retry while the first purchase runs: on PostgreSQL, with real concurrent
transactions, one idempotency key buys once and every request gets the first purchase's answer."""

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from alif import ledger
from alif.auth import Role
from alif.testing import make_user
from alif_main.shop import service as shop
from alif_main.shop.exceptions import ItemAlreadyOwned
from alif_main.shop.models import InventoryItem, ItemKind, ShopItem

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
CALLS = 6


@pytest.fixture
async def child_with_coins(
    committing: async_sessionmaker[AsyncSession],
) -> AsyncIterator[tuple[uuid.UUID, uuid.UUID]]:
    """Committed for real; the item leaves the catalogue afterwards (other tests list it)."""
    async with committing() as db, db.begin():
        child = await make_user(db, role=Role.student)
        item = ShopItem(
            code=f"avatar-{uuid.uuid4().hex[:8]}", kind=ItemKind.avatar, name="Sher", price=50
        )
        db.add(item)
        await ledger.reward(
            db, user_id=child.id, source="games", amount=500, idempotency_key=f"seed:{child.id}"
        )
    yield child.id, item.id
    async with committing() as db, db.begin():
        await db.execute(update(ShopItem).where(ShopItem.id == item.id).values(is_active=False))


async def buy(
    sessionmaker: async_sessionmaker[AsyncSession],
    child_id: uuid.UUID,
    item_id: uuid.UUID,
    key: str,
) -> tuple[uuid.UUID, int] | str:
    try:
        async with sessionmaker() as db, db.begin():
            item = await shop.get_item(db, item_id)
            owned, balance = await shop.buy(db, child_id, item, key)
            return owned.entry.id, balance
    except ItemAlreadyOwned as error:
        return error.code


async def test_one_key_sent_many_times_at_once_buys_once_and_all_get_the_first_result(
    committing: async_sessionmaker[AsyncSession], child_with_coins: tuple[uuid.UUID, uuid.UUID]
) -> None:
    child_id, item_id = child_with_coins
    key = str(uuid.uuid4())
    answers = await asyncio.gather(*(buy(committing, child_id, item_id, key) for _ in range(CALLS)))
    assert len(set(answers)) == 1, answers  # the same purchase and balance, never a 409
    assert answers[0] != "item_already_owned"
    async with committing() as db:
        assert await ledger.balance_of(db, child_id) == 450
        owned = await db.scalar(
            select(func.count()).select_from(InventoryItem).where(InventoryItem.user_id == child_id)
        )
        assert owned == 1


async def test_other_keys_for_the_same_item_at_once_buy_it_once(
    committing: async_sessionmaker[AsyncSession], child_with_coins: tuple[uuid.UUID, uuid.UUID]
) -> None:
    child_id, item_id = child_with_coins
    answers = await asyncio.gather(
        *(buy(committing, child_id, item_id, str(uuid.uuid4())) for _ in range(CALLS))
    )
    assert answers.count("item_already_owned") == CALLS - 1
    async with committing() as db:
        assert await ledger.balance_of(db, child_id) == 450
