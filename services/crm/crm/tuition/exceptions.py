from alif.errors import Conflict, NotFound


class PaymentLinkNotFound(NotFound):
    message = "This payment link was not found."


class PaymentLinkNotWaiting(Conflict):
    message = "This payment link is no longer waiting to be paid."
