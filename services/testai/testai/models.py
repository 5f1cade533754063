"""Every table testai owns, for alembic (the `alif.models` entry point)."""

from testai.attempts.models import Answer, Attempt
from testai.generation.models import Generation
from testai.live.models import LiveGame, LivePlayer
from testai.questions.models import Question
from testai.quizzes.models import Assignment, ExtraTime, Quiz

__all__ = [
    "Answer",
    "Assignment",
    "Attempt",
    "ExtraTime",
    "Generation",
    "LiveGame",
    "LivePlayer",
    "Question",
    "Quiz",
]
