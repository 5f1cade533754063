"""Every table harf owns, for alembic (the `alif.models` entry point)."""

from harf.items.models import Item

__all__ = ["Item"]
