from alif.errors import Conflict, NotConfigured, NotFound, Unprocessable


class OrderNotFound(NotFound):
    message = "Order not found."


class OrderNotPayable(Conflict):
    message = "This order can no longer be paid. Please start a new one."


class OrderBusy(Conflict):
    message = "A payment for this order is in progress."


class OrderKeyReused(Conflict):
    message = "This request key was already used for a different order."


class AmountTooSmall(Unprocessable):
    message = "The amount to pay is too small."


class PaymentsNotConfigured(NotConfigured):
    message = "Payments with this provider are not available on this server yet."
