"""The coin shop: a catalogue staff manage, purchases paid through the shared ledger, and what
each child owns. A purchase and its coins land in one savepoint: both or neither."""

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alif import ledger
from alif.db import add_unique
from alif.kernel.models import StudentProfile
from alif.ledger import CoinTransaction, IdempotencyKeyReused
from alif_main.audit.service import record_audit
from alif_main.shop.exceptions import (
    ItemAlreadyOwned,
    ItemCodeTaken,
    ItemNotOwned,
    ShopItemNotFound,
)
from alif_main.shop.models import InventoryItem, ItemKind, ShopItem
from alif_main.shop.schemas import ShopItemCreate, ShopItemUpdate

SHOP_SOURCE = "shop"


@dataclass(frozen=True, slots=True)
class Owned:
    entry: InventoryItem
    item: ShopItem


async def catalogue(
    db: AsyncSession, user_id: uuid.UUID, kind: ItemKind | None
) -> list[tuple[ShopItem, bool]]:
    query = select(ShopItem).where(ShopItem.is_active.is_(True))
    if kind is not None:
        query = query.where(ShopItem.kind == kind)
    items = list(await db.scalars(query.order_by(ShopItem.sort_order, ShopItem.price)))
    owned = set(
        await db.scalars(select(InventoryItem.item_id).where(InventoryItem.user_id == user_id))
    )
    return [(item, item.id in owned) for item in items]


async def get_item(db: AsyncSession, item_id: uuid.UUID, *, active_only: bool = True) -> ShopItem:
    item = await db.get(ShopItem, item_id)
    if item is None or (active_only and not item.is_active):
        raise ShopItemNotFound()
    return item


async def _owned(db: AsyncSession, user_id: uuid.UUID, item_id: uuid.UUID) -> InventoryItem | None:
    entry: InventoryItem | None = await db.scalar(
        select(InventoryItem).where(
            InventoryItem.user_id == user_id, InventoryItem.item_id == item_id
        )
    )
    return entry


async def _first_purchase(
    db: AsyncSession, transaction_id: uuid.UUID, item: ShopItem
) -> InventoryItem:
    entry = await db.scalar(
        select(InventoryItem).where(InventoryItem.coin_transaction_id == transaction_id)
    )
    if entry is None or entry.item_id != item.id:
        raise IdempotencyKeyReused()
    return entry


async def buy(db: AsyncSession, user_id: uuid.UUID, item: ShopItem, key: str) -> tuple[Owned, int]:
    """Buy `item` for its price in coins; the same key again returns the first purchase, also
    when both requests arrive at the same moment (a double tap, a retry while the first runs)."""
    ledger_key = f"shop:{user_id}:{key}"
    earlier = await db.scalar(
        select(CoinTransaction).where(CoinTransaction.idempotency_key == ledger_key)
    )
    if earlier is not None:
        return Owned(await _first_purchase(db, earlier.id, item), item), earlier.balance_after
    if await _owned(db, user_id, item.id) is not None:
        raise ItemAlreadyOwned()
    try:
        async with db.begin_nested():
            spent = await ledger.spend(
                db,
                user_id=user_id,
                amount=item.price,
                idempotency_key=ledger_key,
                source=SHOP_SOURCE,
                reference=f"shop_item:{item.id}",
                description=item.name,
            )
            if spent.replayed:
                # The ledger looks the key up again under the wallet's lock: a request with this
                # key finished while this one waited for the lock. Answer with its purchase.
                entry = await _first_purchase(db, spent.transaction_id, item)
            else:
                entry = InventoryItem(
                    user_id=user_id,
                    item_id=item.id,
                    coin_transaction_id=spent.transaction_id,
                    price=item.price,
                )
                db.add(entry)
                await db.flush()
    except IntegrityError:
        # Only the same item bought at the same moment with another key is "already owned";
        # any other integrity error is a fault to see, not to explain away.
        if await _owned(db, user_id, item.id) is None:
            raise
        raise ItemAlreadyOwned() from None
    return Owned(entry, item), spent.balance


async def inventory(db: AsyncSession, user_id: uuid.UUID) -> list[Owned]:
    rows = await db.execute(
        select(InventoryItem, ShopItem)
        .join(ShopItem, ShopItem.id == InventoryItem.item_id)
        .where(InventoryItem.user_id == user_id)
        .order_by(InventoryItem.acquired_at.desc(), InventoryItem.id)
    )
    return [Owned(*row) for row in rows]


async def set_equipped(
    db: AsyncSession, user_id: uuid.UUID, item_id: uuid.UUID, *, equipped: bool
) -> Owned:
    """Wear an item (one of each kind at a time), or take it off. An avatar becomes the child's
    profile picture everywhere."""
    entry = await _owned(db, user_id, item_id)
    if entry is None:
        raise ItemNotOwned()
    item = await get_item(db, item_id, active_only=False)
    if equipped:
        same_kind = select(ShopItem.id).where(ShopItem.kind == item.kind)
        await db.execute(
            update(InventoryItem)
            .where(InventoryItem.user_id == user_id, InventoryItem.item_id.in_(same_kind))
            .values(equipped=False)
            .execution_options(synchronize_session="fetch")
        )
    entry.equipped = equipped
    if item.kind is ItemKind.avatar:
        profile = await db.get(StudentProfile, user_id)
        if profile is not None:
            profile.avatar = item.code if equipped else ""
    await db.flush()
    return Owned(entry, item)


async def choose_avatar(db: AsyncSession, user_id: uuid.UUID, avatar: str) -> None:
    """A profile picture chosen outside the shop (the free ones, or one bought earlier): a shop
    avatar must be owned, and the shop's "equipped" marks follow the choice."""
    item = await db.scalar(
        select(ShopItem).where(ShopItem.kind == ItemKind.avatar, ShopItem.code == avatar)
    )
    if item is not None and await _owned(db, user_id, item.id) is None:
        raise ItemNotOwned()
    avatars = select(ShopItem.id).where(ShopItem.kind == ItemKind.avatar)
    await db.execute(
        update(InventoryItem)
        .where(InventoryItem.user_id == user_id, InventoryItem.item_id.in_(avatars))
        .values(equipped=InventoryItem.item_id == item.id if item is not None else False)
        .execution_options(synchronize_session="fetch")
    )


async def create_item(
    db: AsyncSession, data: ShopItemCreate, *, actor_id: uuid.UUID, ip_address: str
) -> ShopItem:
    item = ShopItem(**data.model_dump())
    await add_unique(db, item, taken=ItemCodeTaken())
    await record_audit(
        db, actor_id, "shop_item.create", item, ip_address=ip_address, details=_details(item)
    )
    return item


async def update_item(
    db: AsyncSession,
    item: ShopItem,
    data: ShopItemUpdate,
    *,
    actor_id: uuid.UUID,
    ip_address: str,
) -> ShopItem:
    before = _details(item)
    for field, value in data.model_dump(exclude_unset=True).items():
        if value is not None:
            setattr(item, field, value)
    await db.flush()
    await record_audit(
        db,
        actor_id,
        "shop_item.update",
        item,
        ip_address=ip_address,
        details={"before": before, "after": _details(item)},
    )
    return item


def _details(item: ShopItem) -> dict[str, Any]:
    return {"code": item.code, "price": item.price, "is_active": item.is_active}
