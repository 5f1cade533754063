"""The coins ledger's tables: accounts, transactions and their entries.

Append-only: rows are inserted by `alif.ledger.service` and never updated or deleted, except the
cached `balance` of a wallet, which changes in the same database transaction as its entries.
"""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from alif.db import Base, UUIDPrimaryKey, enum_type, utcnow


class AccountKind(StrEnum):
    wallet = "wallet"  # a user's coins
    system = "system"  # the platform's side of every movement


class SystemAccount(StrEnum):
    """The counterparties of wallets. Coins enter through `rewards`, leave through `shop`."""

    rewards = "rewards"  # coins earned for verified activity
    shop = "shop"  # coins spent (the shop, or anything a service sells for coins)
    adjustments = "adjustments"  # staff corrections, in either direction


class TransactionKind(StrEnum):
    reward = "reward"
    spend = "spend"
    refund = "refund"
    adjustment = "adjustment"


class CoinAccount(UUIDPrimaryKey, Base):
    """A wallet (one per user, created at its first movement) or a system account.

    `balance` is cached for wallets only, and guarded by a CHECK. System accounts keep it at 0:
    every reward on the platform touches `rewards`, so locking and updating its row would make all
    of them wait for each other. A system account's balance is the sum of its entries.
    """

    __tablename__ = "coin_account"
    __table_args__ = (
        CheckConstraint("balance >= 0", name="balance_not_negative"),
        CheckConstraint(
            "(kind = 'wallet' AND user_id IS NOT NULL AND code IS NULL)"
            " OR (kind = 'system' AND code IS NOT NULL AND user_id IS NULL AND balance = 0)",
            name="wallet_or_system",
        ),
    )

    kind: Mapped[AccountKind] = mapped_column(enum_type(AccountKind))
    # No cascade: a ledger outlives whatever happens to an account (closed users keep their rows).
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"), unique=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True)
    balance: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CoinTransaction(UUIDPrimaryKey, Base):
    """One movement of coins into or out of one wallet, and the key that makes it happen once."""

    __tablename__ = "coin_transaction"
    __table_args__ = (
        Index("ix_coin_transaction_user_created", "user_id", "created_at"),
        Index("ix_coin_transaction_daily_cap", "user_id", "source", "kind", "created_at"),
    )

    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[TransactionKind] = mapped_column(enum_type(TransactionKind))
    source: Mapped[str] = mapped_column(String(40))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"))
    # The change of the user's wallet: positive for rewards and refunds, negative for spends. A
    # reward past its daily cap is recorded with 0, so a retry of its key still finds it.
    amount: Mapped[int] = mapped_column(BigInteger)
    # What the caller asked for; a retry with the same key must ask for the same.
    requested: Mapped[int] = mapped_column(BigInteger)
    balance_after: Mapped[int] = mapped_column(BigInteger)
    reference: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(300), default="")
    refund_of_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("coin_transaction.id"), unique=True
    )
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CoinEntry(UUIDPrimaryKey, Base):
    """One side of a transaction. The entries of a transaction sum to zero."""

    __tablename__ = "coin_entry"
    __table_args__ = (CheckConstraint("amount <> 0", name="amount_not_zero"),)

    transaction_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("coin_transaction.id"), index=True)
    account_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("coin_account.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
