"""add-child idempotency keys

Revision ID: 3c1f0e7a9b21
Revises: 6a9ebec4f98b
Created: 2026-12-07 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "3c1f0e7a9b21"
down_revision: str | None = "6a9ebec4f98b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "family_child_creation",
        sa.Column("parent_id", sa.Uuid(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("child_id", sa.Uuid(), nullable=False),
        sa.Column("request_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["user_account.id"],
            name=op.f("fk_family_child_creation_child_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["user_account.id"],
            name=op.f("fk_family_child_creation_parent_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_child_creation")),
        sa.UniqueConstraint(
            "parent_id",
            "idempotency_key",
            name=op.f("uq_family_child_creation_parent_id_idempotency_key"),
        ),
    )
    with op.batch_alter_table("family_child_creation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_family_child_creation_child_id"), ["child_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("family_child_creation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_child_creation_child_id"))
    op.drop_table("family_child_creation")
