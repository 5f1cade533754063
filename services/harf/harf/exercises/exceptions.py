from alif.errors import Conflict, NotFound, Unprocessable


class ExerciseNotFound(NotFound):
    message = "This exercise was not found."


class ExerciseAnswered(Conflict):
    message = "This exercise has been answered already."


class ExerciseKindNotAvailable(Unprocessable):
    message = "This letter has no exercise of that kind."


class ChildNotFound(NotFound):
    message = "This child was not found in your family."


class ExerciseIsTrace(Unprocessable):
    message = "This exercise is answered by tracing the letter."


class ExerciseNotTrace(Unprocessable):
    message = "Only a tracing exercise is answered with strokes."
