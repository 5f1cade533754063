import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, UUIDPrimaryKey, enum_type, utcnow
from alif_main.orders.models import PaymentProvider

# Payme's transaction states, used for Click's payments too.
CREATED = 1
PERFORMED = 2
CANCELLED = -1
CANCELLED_AFTER_PERFORM = -2


class PaymentTransaction(Base):
    """One payment attempt at a provider, keyed by the provider's own id (UNIQUE).

    The id is an integer because Click wants integer `merchant_prepare_id`/`merchant_confirm_id`
    and Payme a short string; it is our side of every provider's transaction.
    """

    __tablename__ = "payment_transaction"
    __table_args__ = (
        UniqueConstraint("provider", "provider_tx_id"),
        # An order is reserved by at most one payment in progress, whatever the provider.
        Index(
            "uq_payment_transaction_live_order",
            "order_id",
            unique=True,
            postgresql_where=text("state = 1"),
            sqlite_where=text("state = 1"),
        ),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    provider: Mapped[PaymentProvider] = mapped_column(enum_type(PaymentProvider))
    provider_tx_id: Mapped[str] = mapped_column(String(64))
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("payment_order.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)  # tiyin
    state: Mapped[int] = mapped_column(SmallInteger, index=True)
    reason: Mapped[int | None] = mapped_column(SmallInteger)
    provider_time: Mapped[int | None] = mapped_column(BigInteger, index=True)  # Payme `time`, ms
    click_paydoc_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    performed_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]


class PaymentCallback(UUIDPrimaryKey, Base):
    """Every call a provider made, with secrets removed, and our answer: for reconciliation."""

    __tablename__ = "payment_callback"

    provider: Mapped[PaymentProvider] = mapped_column(enum_type(PaymentProvider))
    action: Mapped[str] = mapped_column(String(40))
    peer_ip: Mapped[str] = mapped_column(String(45))
    provider_tx_id: Mapped[str | None] = mapped_column(String(64), index=True)
    request: Mapped[dict[str, Any]] = mapped_column(default=dict)
    response: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error_code: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class ProviderKey(Base):
    """A provider key changed at run time (Payme's ChangePassword), kept as a hash only.

    `replaces` is the hash of the environment's key when the change was made: once operators put
    a different key in the environment, that one wins again.
    """

    __tablename__ = "payment_provider_key"

    provider: Mapped[PaymentProvider] = mapped_column(enum_type(PaymentProvider), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    replaces: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
