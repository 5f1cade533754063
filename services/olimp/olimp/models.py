"""Every table olimp owns, for alembic (the `alif.models` entry point)."""

from olimp.items.models import Item

__all__ = ["Item"]
