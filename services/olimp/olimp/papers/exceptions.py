from alif.errors import Conflict, NotFound


class AttemptNotFound(NotFound):
    message = "This attempt was not found."


class QuestionNotFound(NotFound):
    message = "This question is not part of your paper."


class NotRegistered(NotFound):
    message = "You are not registered for this olympiad."


class RoundNotOpen(Conflict):
    message = "This round is not open: it has not started yet or it has ended."


class AttemptClosed(Conflict):
    message = "Time is up: the paper no longer accepts answers."
