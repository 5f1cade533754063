"""games' table takes its service's prefix: game_session becomes games_session

Every service but main prefixes its tables with its name (docs/conventions.md); games was the
one service whose table said `game_`.

Revision ID: 5c1e0b7d9a42
Revises: a8dcb96297bf
Created: 2026-12-07 18:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5c1e0b7d9a42"
down_revision: str | None = "a8dcb96297bf"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = {
    "history": ["user_id", "game", "started_at"],
    "board": ["game", "finished_at", "rank_key"],
}
# SQLite keeps constraint names inside the table's own definition, where nothing reads them;
# PostgreSQL has them as objects, renamed so that they follow the table's name.
_CONSTRAINTS = [
    "pk_{}",
    "fk_{}_user_id_user_account",
    "fk_{}_coin_transaction_id_coin_transaction",
]


def _rename(old: str, new: str) -> None:
    op.rename_table(old, new)
    with op.batch_alter_table(new) as batch_op:
        for name, columns in _INDEXES.items():
            batch_op.drop_index(f"ix_{old}_{name}")
            batch_op.create_index(f"ix_{new}_{name}", columns, unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for constraint in _CONSTRAINTS:
            op.execute(
                f"ALTER TABLE {new} RENAME CONSTRAINT {constraint.format(old)} "
                f"TO {constraint.format(new)}"
            )


def upgrade() -> None:
    _rename("game_session", "games_session")


def downgrade() -> None:
    _rename("games_session", "game_session")
