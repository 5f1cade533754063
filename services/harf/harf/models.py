"""Every table harf owns, for alembic (the `alif.models` entry point)."""

from harf.exercises.models import Exercise, Mastery

__all__ = ["Exercise", "Mastery"]
