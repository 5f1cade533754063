from alif.errors import NotFound, Unprocessable


class PaymentNotFound(NotFound):
    message = "This payment was not found."


class RefundTooLarge(Unprocessable):
    message = "A refund cannot be more than what is left of the payment."


class TeacherNotFound(NotFound):
    message = "This person teaches no group of the organization."
