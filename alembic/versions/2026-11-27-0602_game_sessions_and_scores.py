"""game sessions and scores

Revision ID: a8dcb96297bf
Revises: 67ebb88950c4
Created: 2026-11-27 06:02:03.526210
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "a8dcb96297bf"
down_revision: str | None = "67ebb88950c4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "game_session",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "game",
            sa.Enum("tetris", "2048", name="gamekind", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column("engine_version", sa.SmallInteger(), nullable=False),
        sa.Column("seed", sa.String(length=32), nullable=False),
        sa.Column("ranked", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active", "finished", "rejected", name="sessionstatus", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_tick", sa.Integer(), nullable=True),
        sa.Column("input_count", sa.Integer(), nullable=True),
        sa.Column("input_log", sa.LargeBinary(), nullable=True),
        sa.Column("claimed_score", sa.BigInteger(), nullable=True),
        sa.Column("score", sa.BigInteger(), nullable=True),
        sa.Column("over", sa.Boolean(), nullable=True),
        sa.Column("stats", sa.JSON(), nullable=False),
        sa.Column("flag_reason", sa.String(length=40), nullable=True),
        sa.Column("rejection", sa.String(length=40), nullable=True),
        sa.Column("coins", sa.Integer(), nullable=False),
        sa.Column("coins_paid", sa.Integer(), nullable=True),
        sa.Column("coin_transaction_id", sa.Uuid(), nullable=True),
        sa.Column("xp", sa.Integer(), nullable=False),
        sa.Column("rank_key", sa.BigInteger(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["coin_transaction_id"],
            ["coin_transaction.id"],
            name=op.f("fk_game_session_coin_transaction_id_coin_transaction"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_game_session_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_game_session")),
    )
    with op.batch_alter_table("game_session", schema=None) as batch_op:
        batch_op.create_index(
            "ix_game_session_board", ["game", "finished_at", "rank_key"], unique=False
        )
        batch_op.create_index(
            "ix_game_session_history", ["user_id", "game", "started_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("game_session", schema=None) as batch_op:
        batch_op.drop_index("ix_game_session_history")
        batch_op.drop_index("ix_game_session_board")

    op.drop_table("game_session")
