import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from alif.schemas import RequestModel, ResponseModel, SortOrder
from alif_main.shop.models import ItemKind

ItemCode = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{1,39}$")]


class ShopItemRead(ResponseModel):
    id: uuid.UUID
    code: str
    kind: ItemKind
    name: str
    description: str
    price: int = Field(description="coins")
    image: str
    is_active: bool


class CatalogueItem(ShopItemRead):
    owned: bool


class ShopItemCreate(RequestModel):
    code: ItemCode
    kind: ItemKind
    name: str = Field(min_length=1, max_length=80)
    description: str = Field(default="", max_length=300)
    price: int = Field(gt=0, le=1_000_000)
    image: str = Field(default="", max_length=200)
    is_active: bool = True
    sort_order: SortOrder = 0


class ShopItemUpdate(RequestModel):
    name: str | None = Field(default=None, min_length=1, max_length=80)
    description: str | None = Field(default=None, max_length=300)
    price: int | None = Field(default=None, gt=0, le=1_000_000)
    image: str | None = Field(default=None, max_length=200)
    is_active: bool | None = None
    sort_order: SortOrder | None = None


class PurchaseCreate(RequestModel):
    idempotency_key: str = Field(
        min_length=8,
        max_length=100,
        description="A new random value per purchase; a retry with the same one buys nothing more",
    )


class InventoryItemRead(ResponseModel):
    item: ShopItemRead
    price: int = Field(description="coins paid")
    equipped: bool
    acquired_at: datetime


class PurchaseRead(ResponseModel):
    inventory_item: InventoryItemRead
    balance: int = Field(description="coins left")
