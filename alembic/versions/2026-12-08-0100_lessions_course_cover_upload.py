"""lessions: a course's cover may be an uploaded picture

Revision ID: 3c1e7a9b5d20
Revises: a5ce22fd8e05
Created: 2026-12-08 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "3c1e7a9b5d20"
down_revision: str | None = "a5ce22fd8e05"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("lessions_course", sa.Column("cover_key", sa.String(length=200), nullable=True))
    op.add_column(
        "lessions_course",
        sa.Column("cover_variants", sa.JSON(), server_default="[]", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("lessions_course", "cover_variants")
    op.drop_column("lessions_course", "cover_key")
