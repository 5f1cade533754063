"""Every table crm owns, for alembic (the `alif.models` entry point)."""

from crm.items.models import Item

__all__ = ["Item"]
