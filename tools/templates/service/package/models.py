"""Every table $name owns, for alembic (the `alif.models` entry point)."""

from $package.items.models import Item

__all__ = ["Item"]
