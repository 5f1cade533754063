from alif.errors import Conflict, Forbidden, NotFound, Unprocessable


class OlympiadNotFound(NotFound):
    message = "This olympiad was not found."


class RoundNotFound(NotFound):
    message = "This round was not found."


class SectionNotFound(NotFound):
    message = "This section is not part of the round."


class StudentNotFound(NotFound):
    message = "This student was not found."


class RegistrationNotFound(NotFound):
    message = "This registration was not found."


class NotAnOrganizer(Forbidden):
    message = "Only moderators, admins and organizations organize olympiads."


class OlympiadAlreadyPublished(Conflict):
    message = "The olympiad is published: its rounds and paper can no longer change."


class PaperIncomplete(Unprocessable):
    message = "Every round needs questions, each with its answer, before publishing."


class RegistrationClosed(Conflict):
    message = "Registration for this olympiad is not open."


class NotEligible(Unprocessable):
    message = "This student cannot take part in this olympiad."


class OlympiadFull(Conflict):
    message = "The olympiad has no places left."


class AlreadyRegistered(Conflict):
    message = "This student is already registered."
