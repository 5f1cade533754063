import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, Timestamped, UUIDPrimaryKey


class Item(UUIDPrimaryKey, Timestamped, Base):
    """Something a user keeps: the template's sample domain, to rename or to replace."""

    __tablename__ = "olimp_item"
    # One item per title and owner: a repeated "add" (a retry, a double tap) finds the first one.
    __table_args__ = (UniqueConstraint("owner_id", "title_key"),)

    owner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(120))
    title_key: Mapped[str] = mapped_column(String(120))  # the title folded for comparison
