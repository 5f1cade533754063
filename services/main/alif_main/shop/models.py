import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey, enum_type, utcnow


class ItemKind(StrEnum):
    avatar = "avatar"
    frame = "frame"
    theme = "theme"


class ShopItem(UUIDPrimaryKey, Timestamped, Base):
    """Something a child can buy with coins: an avatar, a frame around it, a colour theme."""

    __tablename__ = "shop_item"
    __table_args__ = (CheckConstraint("price > 0", name="price_positive"),)

    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[ItemKind] = mapped_column(enum_type(ItemKind))
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(String(300), default="")
    price: Mapped[int] = mapped_column(Integer)  # coins
    image: Mapped[str] = mapped_column(String(200), default="")  # asset path in the web apps
    is_active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class InventoryItem(UUIDPrimaryKey, Base):
    """An item a user owns, bought once with the coin transaction that paid for it."""

    __tablename__ = "inventory_item"
    __table_args__ = (UniqueConstraint("user_id", "item_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"), index=True)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shop_item.id"))
    coin_transaction_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("coin_transaction.id"), unique=True
    )
    price: Mapped[int] = mapped_column(Integer)
    equipped: Mapped[bool] = mapped_column(default=False)
    acquired_at: Mapped[datetime] = mapped_column(default=utcnow)
