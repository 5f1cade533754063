"""pending registrations, class invitations, plan translations, chosen children

Revision ID: af6d04240505
Revises: 5e4c9513cc18
Created: 2026-12-07 18:05:17.486771
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "af6d04240505"
down_revision: str | None = "5e4c9513cc18"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("subscription", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("chosen_child_ids", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
    with op.batch_alter_table("subscription_plan", schema=None) as batch_op:
        # Existing plans have no translations yet: their Uzbek text shows in every language.
        batch_op.add_column(
            sa.Column("translations", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
    op.create_table(
        "pending_registration",
        sa.Column("identifier", sa.String(length=254), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_registration")),
    )
    with op.batch_alter_table("pending_registration", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pending_registration_identifier"), ["identifier"], unique=False
        )

    op.create_table(
        "group_invitation",
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column("student_id", sa.Uuid(), nullable=True),
        sa.Column("invited_by_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                name="invitationstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["user_account.id"],
            name=op.f("fk_group_invitation_decided_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["study_group.id"],
            name=op.f("fk_group_invitation_group_id_study_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["user_account.id"],
            name=op.f("fk_group_invitation_invited_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["user_account.id"],
            name=op.f("fk_group_invitation_student_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_invitation")),
        sa.UniqueConstraint(
            "group_id", "username", name=op.f("uq_group_invitation_group_id_username")
        ),
    )
    with op.batch_alter_table("group_invitation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_group_invitation_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_group_invitation_student_id"), ["student_id"], unique=False
        )

    with op.batch_alter_table("verification_code", schema=None) as batch_op:
        batch_op.add_column(sa.Column("registration_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_verification_code_registration_id_pending_registration"),
            "pending_registration",
            ["registration_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("subscription", schema=None) as batch_op:
        batch_op.drop_column("chosen_child_ids")
    with op.batch_alter_table("subscription_plan", schema=None) as batch_op:
        batch_op.drop_column("translations")
    with op.batch_alter_table("verification_code", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_verification_code_registration_id_pending_registration"),
            type_="foreignkey",
        )
        batch_op.drop_column("registration_id")

    with op.batch_alter_table("group_invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_invitation_student_id"))
        batch_op.drop_index(batch_op.f("ix_group_invitation_group_id"))

    op.drop_table("group_invitation")
    with op.batch_alter_table("pending_registration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_registration_identifier"))

    op.drop_table("pending_registration")
