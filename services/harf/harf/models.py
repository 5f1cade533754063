"""Every table harf owns, for alembic (the `alif.models` entry point)."""

__all__: list[str] = []
