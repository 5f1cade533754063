"""olimp: its first table (the sample items)

Revision ID: 508ea757ab2f
Revises: 5e4c9513cc18
Created: 2026-12-07 18:50:57
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "508ea757ab2f"
down_revision: str | None = "5e4c9513cc18"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "olimp_item",
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("title_key", sa.String(length=120), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["user_account.id"],
            name=op.f("fk_olimp_item_owner_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_olimp_item")),
        sa.UniqueConstraint(
            "owner_id",
            "title_key",
            name=op.f("uq_olimp_item_owner_id_title_key"),
        ),
    )
    with op.batch_alter_table("olimp_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_olimp_item_owner_id"),
            ["owner_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("olimp_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_olimp_item_owner_id"))

    op.drop_table("olimp_item")
