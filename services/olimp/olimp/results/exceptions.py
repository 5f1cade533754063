from alif.errors import Conflict, Forbidden, NotFound, Unprocessable


class AppealNotFound(NotFound):
    message = "This appeal was not found."


class AppealsClosed(Conflict):
    message = "Appeals are taken after your paper closes, until the appeals window ends."


class AppealAlreadyDecided(Conflict):
    message = "This appeal has already been decided."


class CorrectionDoesNotFit(Unprocessable):
    message = "The corrected answer does not fit the question."


class ResultsNotReady(Conflict):
    message = "Results can be published once every round and its appeals window have ended."


class AppealsPending(Conflict):
    message = "Some appeals are still waiting for a decision."


class ResultsNotPublished(NotFound):
    message = "The results of this olympiad have not been published yet."


class ReviewNotAllowed(Forbidden):
    message = "This olympiad does not show answers and correct ones to participants."


class NotQualified(Forbidden):
    message = "Only participants who qualified in the previous round take part in this one."
