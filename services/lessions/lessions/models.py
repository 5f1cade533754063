"""Every table lessions owns, for alembic (the `alif.models` entry point)."""

from lessions.items.models import Item

__all__ = ["Item"]
