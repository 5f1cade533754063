"""Ledger errors. They are `alif.errors` classes, so a router that lets one through answers with
the usual envelope and a stable code (`insufficient_coins`, ...)."""

from alif.errors import Conflict, NotFound, Unprocessable


class InsufficientCoins(Conflict):
    message = "There are not enough coins for this."


class IdempotencyKeyReused(Conflict):
    message = "This request key was already used for a different coin operation."


class CoinTransactionNotFound(NotFound):
    message = "Coin transaction not found."


class CoinOwnerNotFound(NotFound):
    message = "There is no such user to hold coins."


class NotRefundable(Conflict):
    message = "Only spent coins can be refunded."


class AlreadyRefunded(Conflict):
    message = "These coins were already refunded."


class InvalidCoinOperation(Unprocessable):
    message = "This coin operation is not valid."
