import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from alif.ledger import TransactionKind
from alif.schemas import RequestModel, ResponseModel

Source = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]


class WalletRead(ResponseModel):
    user_id: uuid.UUID
    balance: int = Field(description="coins")
    streak_days: int = Field(
        description="Consecutive days (Tashkent time) with coins earned, up to today; a streak "
        "that reached yesterday still counts until midnight"
    )


class ChildWalletRead(WalletRead):
    first_name: str
    last_name: str


class CoinTransactionRead(ResponseModel):
    id: uuid.UUID
    kind: TransactionKind
    source: str
    amount: int = Field(description="the change of the wallet: + earned or refunded, - spent")
    balance_after: int
    reference: str | None
    description: str
    created_at: datetime


class AdjustmentCreate(RequestModel):
    user_id: uuid.UUID
    amount: int = Field(
        ge=-1_000_000, le=1_000_000, description="coins to add (positive) or take away (negative)"
    )
    reason: str = Field(min_length=3, max_length=300)
    idempotency_key: str = Field(min_length=8, max_length=100)


class AdjustmentRead(ResponseModel):
    transaction_id: uuid.UUID
    amount: int
    balance: int
    replayed: bool
