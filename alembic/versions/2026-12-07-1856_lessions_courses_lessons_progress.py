"""lessions: courses, lessons, progress

Revision ID: ed9497e2b871
Revises: af6d04240505
Created: 2026-12-07 18:56:45
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "ed9497e2b871"
down_revision: str | None = "af6d04240505"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lessions_progress_write",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["user_account.id"],
            name=op.f("fk_lessions_progress_write_learner_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lessions_progress_write")),
        sa.UniqueConstraint("key", name=op.f("uq_lessions_progress_write_key")),
    )
    with op.batch_alter_table("lessions_progress_write", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lessions_progress_write_learner_id"), ["learner_id"], unique=False
        )

    op.create_table(
        "lessions_course",
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("catalogue", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("subject", sa.String(length=60), nullable=False),
        sa.Column("grades", sa.JSON(), nullable=False),
        sa.Column(
            "language",
            sa.Enum("uz", "ru", "en", name="language", native_enum=False),
            nullable=False,
        ),
        sa.Column("cover_url", sa.String(length=500), nullable=True),
        sa.Column(
            "visibility",
            sa.Enum(
                "public", "organization", "groups", name="visibility", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft", "published", "archived", name="coursestatus", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column(
            "access",
            sa.Enum("free", "premium", name="access", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("reward_coins", sa.SmallInteger(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_lessions_course_organization_id_organization"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["user_account.id"],
            name=op.f("fk_lessions_course_owner_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lessions_course")),
    )
    with op.batch_alter_table("lessions_course", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lessions_course_organization_id"), ["organization_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_lessions_course_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lessions_course_status"), ["status"], unique=False)

    op.create_table(
        "lessions_course_completion",
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("coins", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lessions_course.id"],
            name=op.f("fk_lessions_course_completion_course_id_lessions_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["user_account.id"],
            name=op.f("fk_lessions_course_completion_learner_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lessions_course_completion")),
        sa.UniqueConstraint("key", name=op.f("uq_lessions_course_completion_key")),
    )
    with op.batch_alter_table("lessions_course_completion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lessions_course_completion_course_id"), ["course_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_lessions_course_completion_learner_id"), ["learner_id"], unique=False
        )

    op.create_table(
        "lessions_course_group",
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lessions_course.id"],
            name=op.f("fk_lessions_course_group_course_id_lessions_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["study_group.id"],
            name=op.f("fk_lessions_course_group_group_id_study_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("course_id", "group_id", name=op.f("pk_lessions_course_group")),
    )
    with op.batch_alter_table("lessions_course_group", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lessions_course_group_group_id"), ["group_id"], unique=False
        )

    op.create_table(
        "lessions_module",
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lessions_course.id"],
            name=op.f("fk_lessions_module_course_id_lessions_course"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lessions_module")),
    )
    with op.batch_alter_table("lessions_module", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lessions_module_course_id"), ["course_id"], unique=False
        )

    op.create_table(
        "lessions_lesson",
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("module_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("free_preview", sa.Boolean(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column(
            "completion",
            sa.Enum("opened", "end", "quiz", name="completionrule", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("pass_mark", sa.SmallInteger(), nullable=False),
        sa.Column("available_from", sa.DateTime(timezone=True), nullable=True),
        sa.Column("after_previous", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lessions_course.id"],
            name=op.f("fk_lessions_lesson_course_id_lessions_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["module_id"],
            ["lessions_module.id"],
            name=op.f("fk_lessions_lesson_module_id_lessions_module"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lessions_lesson")),
    )
    with op.batch_alter_table("lessions_lesson", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lessions_lesson_course_id"), ["course_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_lessions_lesson_module_id"), ["module_id"], unique=False
        )

    op.create_table(
        "lessions_lesson_version",
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("blocks", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessions_lesson.id"],
            name=op.f("fk_lessions_lesson_version_lesson_id_lessions_lesson"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lessions_lesson_version")),
        sa.UniqueConstraint(
            "lesson_id", "number", name=op.f("uq_lessions_lesson_version_lesson_id_number")
        ),
    )
    with op.batch_alter_table("lessions_lesson_version", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lessions_lesson_version_lesson_id"), ["lesson_id"], unique=False
        )

    op.create_table(
        "lessions_progress",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("learner_id", sa.Uuid(), nullable=False),
        sa.Column("lesson_id", sa.Uuid(), nullable=False),
        sa.Column("course_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("reached_end", sa.Boolean(), nullable=False),
        sa.Column("seconds_spent", sa.Integer(), nullable=False),
        sa.Column("quiz_score", sa.SmallInteger(), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["lessions_course.id"],
            name=op.f("fk_lessions_progress_course_id_lessions_course"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["user_account.id"],
            name=op.f("fk_lessions_progress_learner_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessions_lesson.id"],
            name=op.f("fk_lessions_progress_lesson_id_lessions_lesson"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lessions_progress")),
        sa.UniqueConstraint("key", name=op.f("uq_lessions_progress_key")),
    )
    with op.batch_alter_table("lessions_progress", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lessions_progress_course_id"), ["course_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_lessions_progress_learner_id"), ["learner_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_lessions_progress_lesson_id"), ["lesson_id"], unique=False
        )

    op.create_table(
        "lessions_question",
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("block", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "single",
                "multiple",
                "true_false",
                "short_answer",
                "numeric",
                name="questiontype",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("answer_key", sa.JSON(), nullable=True),
        sa.Column("points", sa.SmallInteger(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("image_url", sa.String(length=500), nullable=True),
        sa.Column(
            "language",
            sa.Enum("uz", "ru", "en", name="language", native_enum=False),
            nullable=False,
        ),
        sa.Column("topic", sa.String(length=120), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("difficulty", sa.SmallInteger(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "manual", "imported", "ai", name="questionsource", native_enum=False, length=20
            ),
            nullable=False,
        ),
        sa.Column("source_excerpt", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["lessions_lesson_version.id"],
            name=op.f("fk_lessions_question_version_id_lessions_lesson_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lessions_question")),
    )
    with op.batch_alter_table("lessions_question", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lessions_question_version_id"), ["version_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("lessions_question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessions_question_version_id"))

    op.drop_table("lessions_question")
    with op.batch_alter_table("lessions_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessions_progress_lesson_id"))
        batch_op.drop_index(batch_op.f("ix_lessions_progress_learner_id"))
        batch_op.drop_index(batch_op.f("ix_lessions_progress_course_id"))

    op.drop_table("lessions_progress")
    with op.batch_alter_table("lessions_lesson_version", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessions_lesson_version_lesson_id"))

    op.drop_table("lessions_lesson_version")
    with op.batch_alter_table("lessions_lesson", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessions_lesson_module_id"))
        batch_op.drop_index(batch_op.f("ix_lessions_lesson_course_id"))

    op.drop_table("lessions_lesson")
    with op.batch_alter_table("lessions_module", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessions_module_course_id"))

    op.drop_table("lessions_module")
    with op.batch_alter_table("lessions_course_group", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessions_course_group_group_id"))

    op.drop_table("lessions_course_group")
    with op.batch_alter_table("lessions_course_completion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessions_course_completion_learner_id"))
        batch_op.drop_index(batch_op.f("ix_lessions_course_completion_course_id"))

    op.drop_table("lessions_course_completion")
    with op.batch_alter_table("lessions_course", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessions_course_status"))
        batch_op.drop_index(batch_op.f("ix_lessions_course_owner_id"))
        batch_op.drop_index(batch_op.f("ix_lessions_course_organization_id"))

    op.drop_table("lessions_course")
    with op.batch_alter_table("lessions_progress_write", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lessions_progress_write_learner_id"))

    op.drop_table("lessions_progress_write")
