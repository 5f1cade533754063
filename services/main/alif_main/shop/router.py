import uuid

from fastapi import APIRouter, status

from alif.auth import CurrentUser, FreshAdminUser, StudentUser
from alif.db import SessionDep
from alif.dependencies import ClientIP
from alif.errors import error_responses
from alif_main.shop import service
from alif_main.shop.dependencies import ShopItemDep
from alif_main.shop.models import ItemKind
from alif_main.shop.schemas import (
    CatalogueItem,
    InventoryItemRead,
    PurchaseCreate,
    PurchaseRead,
    ShopItemCreate,
    ShopItemRead,
    ShopItemUpdate,
)
from alif_main.shop.service import Owned

router = APIRouter(prefix="/shop", tags=["shop"])


def _owned(owned: Owned) -> InventoryItemRead:
    return InventoryItemRead(
        item=ShopItemRead.model_validate(owned.item),
        price=owned.entry.price,
        equipped=owned.entry.equipped,
        acquired_at=owned.entry.acquired_at,
    )


@router.get("/items", summary="What can be bought with coins")
async def list_items(
    user: CurrentUser, db: SessionDep, kind: ItemKind | None = None
) -> list[CatalogueItem]:
    return [
        CatalogueItem(**ShopItemRead.model_validate(item).model_dump(), owned=owned)
        for item, owned in await service.catalogue(db, user.id, kind)
    ]


@router.post(
    "/items/{item_id}/buy",
    responses=error_responses(404, 409),
    summary="A child buys an item with their coins",
)
async def buy_item(
    item: ShopItemDep, data: PurchaseCreate, student: StudentUser, db: SessionDep
) -> PurchaseRead:
    owned, balance = await service.buy(db, student.id, item, data.idempotency_key)
    return PurchaseRead(inventory_item=_owned(owned), balance=balance)


@router.get("/inventory", summary="What I have bought")
async def my_inventory(user: CurrentUser, db: SessionDep) -> list[InventoryItemRead]:
    return [_owned(o) for o in await service.inventory(db, user.id)]


@router.post("/inventory/{item_id}/equip", responses=error_responses(404))
async def equip(item_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> InventoryItemRead:
    return _owned(await service.set_equipped(db, user.id, item_id, equipped=True))


@router.post("/inventory/{item_id}/unequip", responses=error_responses(404))
async def unequip(item_id: uuid.UUID, user: CurrentUser, db: SessionDep) -> InventoryItemRead:
    return _owned(await service.set_equipped(db, user.id, item_id, equipped=False))


@router.post(
    "/items",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(409, 422),
    summary="Admin: add an item to the shop",
)
async def create_item(
    data: ShopItemCreate, admin: FreshAdminUser, db: SessionDep, ip_address: ClientIP
) -> ShopItemRead:
    item = await service.create_item(db, data, actor_id=admin.id, ip_address=ip_address)
    return ShopItemRead.model_validate(item)


@router.patch("/items/{item_id}", responses=error_responses(404, 422), summary="Admin: edit")
async def update_item(
    item_id: uuid.UUID,
    data: ShopItemUpdate,
    admin: FreshAdminUser,
    db: SessionDep,
    ip_address: ClientIP,
) -> ShopItemRead:
    item = await service.get_item(db, item_id, active_only=False)
    updated = await service.update_item(db, item, data, actor_id=admin.id, ip_address=ip_address)
    return ShopItemRead.model_validate(updated)
