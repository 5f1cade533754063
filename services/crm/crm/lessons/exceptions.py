from alif.errors import Conflict, NotFound, Unprocessable


class LessonNotFound(NotFound):
    message = "This lesson was not found."


class HolidayExists(Conflict):
    message = "This day is already a holiday."


class LessonCancelled(Conflict):
    message = "This lesson is cancelled."


class LessonConflict(Conflict):
    message = "The room or the teacher has another lesson at this time."


class NotOnRoster(Unprocessable):
    message = "This student is not on the lesson's list."


class PeriodTooLong(Unprocessable):
    message = "The period is too long."
