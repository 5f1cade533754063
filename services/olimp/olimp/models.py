"""Every table olimp owns, for alembic (the `alif.models` entry point)."""

from olimp.olympiads.models import Olympiad, Question, Registration, Round, Section
from olimp.papers.models import Answer, Attempt, Signal
from olimp.results.models import Appeal, Certificate, Result

__all__ = [
    "Answer",
    "Appeal",
    "Attempt",
    "Certificate",
    "Olympiad",
    "Question",
    "Registration",
    "Result",
    "Round",
    "Section",
    "Signal",
]
