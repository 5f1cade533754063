"""olimp: configurable tie-breaks (less time, more points in the hardest section)

Revision ID: 7b2e9c4d1a60
Revises: 3c1e7a9b5d20
Created: 2026-12-08 01:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "7b2e9c4d1a60"
down_revision: str | None = "3c1e7a9b5d20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("olimp_olympiad", schema=None) as batch_op:
        # Every olympiad so far ranked equal scores by less time: that stays their rule.
        batch_op.add_column(
            sa.Column("tie_breaks", sa.JSON(), nullable=False, server_default='["time"]')
        )
    with op.batch_alter_table("olimp_attempt", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("hard_points", sa.Float(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("public_hard_points", sa.Float(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("olimp_attempt", schema=None) as batch_op:
        batch_op.drop_column("public_hard_points")
        batch_op.drop_column("hard_points")
    with op.batch_alter_table("olimp_olympiad", schema=None) as batch_op:
        batch_op.drop_column("tie_breaks")
