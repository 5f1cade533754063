"""The coins ledger every service uses: `reward`, `spend`, `refund` (and `adjust` for staff).

    from alif.ledger import reward, spend, refund, RewardResult, InsufficientCoins

    result = await reward(db, user_id=child_id, source="games", amount=10,
                          idempotency_key=f"games:run:{run.id}",
                          daily_cap=settings.coin_daily_cap("games"), reference=f"run:{run.id}")

The ledger tables are written by whichever service calls these functions, through this module
only (docs/decisions/0025-coins-ledger.md).
"""

from alif.ledger.exceptions import (
    AlreadyRefunded,
    CoinOwnerNotFound,
    CoinTransactionNotFound,
    IdempotencyKeyReused,
    InsufficientCoins,
    InvalidCoinOperation,
    NotRefundable,
)
from alif.ledger.models import (
    AccountKind,
    CoinAccount,
    CoinEntry,
    CoinTransaction,
    SystemAccount,
    TransactionKind,
)
from alif.ledger.service import (
    LedgerResult,
    RefundResult,
    RewardResult,
    SpendResult,
    adjust,
    balance_of,
    balances_of,
    day_start,
    find_transaction,
    history,
    refund,
    reward,
    run_transaction,
    spend,
)

__all__ = [
    "AccountKind",
    "AlreadyRefunded",
    "CoinAccount",
    "CoinEntry",
    "CoinOwnerNotFound",
    "CoinTransaction",
    "CoinTransactionNotFound",
    "IdempotencyKeyReused",
    "InsufficientCoins",
    "InvalidCoinOperation",
    "LedgerResult",
    "NotRefundable",
    "RefundResult",
    "RewardResult",
    "SpendResult",
    "SystemAccount",
    "TransactionKind",
    "adjust",
    "balance_of",
    "balances_of",
    "day_start",
    "find_transaction",
    "history",
    "refund",
    "reward",
    "run_transaction",
    "spend",
]
