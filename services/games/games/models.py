"""Every table games owns, for alembic (the `alif.models` entry point)."""

from games.sessions.models import GameSession

__all__ = ["GameSession"]
