from alif.errors import Conflict, NotFound, Unprocessable


class SmsBatchNotFound(NotFound):
    message = "This SMS batch was not found."


class SmsAlreadySent(Conflict):
    message = "These SMS were already confirmed and sent."


class NoRecipients(Unprocessable):
    message = "Nobody to send to: no one chosen has a phone."


class RecipientsChanged(Unprocessable):
    message = "The recipients confirmed are not among the prepared ones."


class SmsTemplateInvalid(Unprocessable):
    message = "The text uses a placeholder that does not exist."
