"""Every table harf owns, for alembic (the `alif.models` entry point)."""

from harf.audio.models import AudioFile
from harf.exercises.models import Exercise, Mastery

__all__ = ["AudioFile", "Exercise", "Mastery"]
