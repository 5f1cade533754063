"""A user's own items: added once per title, listed, read and removed only by their owner."""

import uuid

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from alif.schemas import Found, PageParams
from alif.text import fold_for_comparison, normalize_uzbek
from olimp.items.exceptions import ItemNotFound
from olimp.items.models import Item


async def _by_title(db: AsyncSession, owner_id: uuid.UUID, title_key: str) -> Item | None:
    return await db.scalar(
        select(Item).where(Item.owner_id == owner_id, Item.title_key == title_key)
    )


async def add_item(db: AsyncSession, owner_id: uuid.UUID, title: str) -> Item:
    """The owner's item with this title: the existing one, or a new one."""
    title = normalize_uzbek(title)
    title_key = fold_for_comparison(title)
    if (existing := await _by_title(db, owner_id, title_key)) is not None:
        return existing
    item = Item(owner_id=owner_id, title=title, title_key=title_key)
    try:
        async with db.begin_nested():
            db.add(item)
            await db.flush()
    except IntegrityError:
        # The same add arrived twice at once: the other request's row is the answer.
        found = await _by_title(db, owner_id, title_key)
        if found is None:
            raise
        return found
    return item


async def list_items(db: AsyncSession, owner_id: uuid.UUID, page: PageParams) -> Found[Item]:
    mine = Item.owner_id == owner_id
    total = await db.scalar(select(func.count()).select_from(Item).where(mine))
    items = await db.scalars(
        select(Item)
        .where(mine)
        .order_by(Item.created_at.desc(), Item.id)
        .limit(page.limit)
        .offset(page.offset)
    )
    return Found(items=list(items), total=total or 0)


async def get_item(db: AsyncSession, owner_id: uuid.UUID, item_id: uuid.UUID) -> Item:
    """The owner's item; someone else's is not found, the same as one that does not exist."""
    item = await db.get(Item, item_id)
    if item is None or item.owner_id != owner_id:
        raise ItemNotFound()
    return item


async def remove_item(db: AsyncSession, item: Item) -> None:
    await db.delete(item)
    await db.flush()
