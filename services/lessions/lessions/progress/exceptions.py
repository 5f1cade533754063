from alif.errors import Forbidden, NotFound


class LessonNotAvailable(Forbidden):
    # Neutral on purpose: a child is told the lesson is closed, never offered a plan.
    message = "This lesson is not open for you."


class LessonLocked(Forbidden):
    message = "This lesson opens later: finish the one before it, or come back on its date."


class ChildNotFound(NotFound):
    message = "This child was not found in your family."
