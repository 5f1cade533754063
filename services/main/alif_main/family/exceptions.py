from alif.errors import Conflict, NotFound, TooManyRequests, Unprocessable


class ChildNotFound(NotFound):
    message = "Child not found."


class UsernameTaken(Conflict):
    message = "This username is taken. Please choose another one."


class TooManyChildren(Unprocessable):
    message = "A family can have at most 10 children on ALIF24."


class InvitationNotValid(NotFound):
    message = "This code is wrong, used or expired. Ask your parent for a new one."


class AlreadyLinked(Conflict):
    message = "You are already linked to this parent."


class TooManyCodeGuesses(TooManyRequests):
    message = "Too many wrong codes. Please wait a little and try again."


class TooManyTakenUsernames(TooManyRequests):
    message = "Too many usernames that are taken. Please wait a little and try again."


class ChildKeyReused(Conflict):
    message = "This request key was already used to add a different child."
