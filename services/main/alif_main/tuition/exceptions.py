from alif.errors import Conflict, NotFound


class TuitionLinkNotFound(NotFound):
    message = "This payment link was not found."


class TuitionLinkClosed(Conflict):
    message = "The centre withdrew this payment link. Please ask the centre for a new one."


class TuitionLinkPaid(Conflict):
    message = "This payment link has already been paid."
