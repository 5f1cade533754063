"""Every table olimp owns, for alembic (the `alif.models` entry point)."""

from olimp.olympiads.models import Olympiad, Question, Registration, Round, Section
from olimp.papers.models import Answer, Attempt, Signal

__all__ = [
    "Answer",
    "Attempt",
    "Olympiad",
    "Question",
    "Registration",
    "Round",
    "Section",
    "Signal",
]
