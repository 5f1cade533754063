"""coins ledger subscriptions payments

Revision ID: 67ebb88950c4
Revises: c64fff6b57cb
Created: 2026-11-27 05:51:36.478374
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "67ebb88950c4"
down_revision: str | None = "c64fff6b57cb"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "payment_callback",
        sa.Column(
            "provider",
            sa.Enum("payme", "click", name="paymentprovider", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("peer_ip", sa.String(length=45), nullable=False),
        sa.Column("provider_tx_id", sa.String(length=64), nullable=True),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("error_code", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_callback")),
    )
    with op.batch_alter_table("payment_callback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payment_callback_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_payment_callback_provider_tx_id"), ["provider_tx_id"], unique=False
        )

    op.create_table(
        "payment_provider_key",
        sa.Column(
            "provider",
            sa.Enum("payme", "click", name="paymentprovider", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("replaces", sa.String(length=64), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("provider", name=op.f("pk_payment_provider_key")),
    )
    op.create_table(
        "shop_item",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("avatar", "frame", "theme", name="itemkind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("price", sa.Integer(), nullable=False),
        sa.Column("image", sa.String(length=200), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("price > 0", name=op.f("ck_shop_item_price_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shop_item")),
        sa.UniqueConstraint("code", name=op.f("uq_shop_item_code")),
    )
    op.create_table(
        "subscription_plan",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "audience",
            sa.Enum("family", "organization", name="planaudience", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("duration_days", sa.Integer(), nullable=False),
        sa.Column("features", sa.JSON(), nullable=False),
        sa.Column("max_children", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "duration_days > 0", name=op.f("ck_subscription_plan_duration_positive")
        ),
        sa.CheckConstraint("max_children > 0", name=op.f("ck_subscription_plan_seats_positive")),
        sa.CheckConstraint("price >= 0", name=op.f("ck_subscription_plan_price_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscription_plan")),
        sa.UniqueConstraint("code", name=op.f("uq_subscription_plan_code")),
    )
    op.create_table(
        "coin_account",
        sa.Column(
            "kind",
            sa.Enum("wallet", "system", name="accountkind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.Column("balance", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "(kind = 'wallet' AND user_id IS NOT NULL AND code IS NULL) OR (kind = 'system' AND code IS NOT NULL AND user_id IS NULL AND balance = 0)",
            name=op.f("ck_coin_account_wallet_or_system"),
        ),
        sa.CheckConstraint("balance >= 0", name=op.f("ck_coin_account_balance_not_negative")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_coin_account_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coin_account")),
        sa.UniqueConstraint("code", name=op.f("uq_coin_account_code")),
        sa.UniqueConstraint("user_id", name=op.f("uq_coin_account_user_id")),
    )
    op.create_table(
        "coin_transaction",
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "reward",
                "spend",
                "refund",
                "adjustment",
                name="transactionkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("requested", sa.BigInteger(), nullable=False),
        sa.Column("balance_after", sa.BigInteger(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("refund_of_id", sa.Uuid(), nullable=True),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["user_account.id"],
            name=op.f("fk_coin_transaction_actor_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["refund_of_id"],
            ["coin_transaction.id"],
            name=op.f("fk_coin_transaction_refund_of_id_coin_transaction"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_coin_transaction_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coin_transaction")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_coin_transaction_idempotency_key")),
        sa.UniqueConstraint("refund_of_id", name=op.f("uq_coin_transaction_refund_of_id")),
    )
    with op.batch_alter_table("coin_transaction", schema=None) as batch_op:
        batch_op.create_index(
            "ix_coin_transaction_daily_cap",
            ["user_id", "source", "kind", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_coin_transaction_user_created", ["user_id", "created_at"], unique=False
        )

    op.create_table(
        "promo_code",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("percent", "free_days", name="promokind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("percent", sa.Integer(), nullable=True),
        sa.Column("free_days", sa.Integer(), nullable=True),
        sa.Column("plan_id", sa.Uuid(), nullable=True),
        sa.Column("max_redemptions", sa.Integer(), nullable=True),
        sa.Column("per_user_limit", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(kind = 'percent' AND percent BETWEEN 1 AND 99 AND free_days IS NULL) OR (kind = 'free_days' AND free_days > 0 AND percent IS NULL AND plan_id IS NOT NULL)",
            name=op.f("ck_promo_code_percent_or_free_days"),
        ),
        sa.CheckConstraint(
            "max_redemptions IS NULL OR max_redemptions > 0",
            name=op.f("ck_promo_code_max_redemptions_positive"),
        ),
        sa.CheckConstraint(
            "per_user_limit > 0", name=op.f("ck_promo_code_per_user_limit_positive")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_promo_code_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["subscription_plan.id"],
            name=op.f("fk_promo_code_plan_id_subscription_plan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promo_code")),
        sa.UniqueConstraint("code", name=op.f("uq_promo_code_code")),
    )
    op.create_table(
        "coin_entry",
        sa.Column("transaction_id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint("amount <> 0", name=op.f("ck_coin_entry_amount_not_zero")),
        sa.ForeignKeyConstraint(
            ["account_id"], ["coin_account.id"], name=op.f("fk_coin_entry_account_id_coin_account")
        ),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["coin_transaction.id"],
            name=op.f("fk_coin_entry_transaction_id_coin_transaction"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coin_entry")),
    )
    with op.batch_alter_table("coin_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coin_entry_account_id"), ["account_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_coin_entry_transaction_id"), ["transaction_id"], unique=False
        )

    op.create_table(
        "inventory_item",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("item_id", sa.Uuid(), nullable=False),
        sa.Column("coin_transaction_id", sa.Uuid(), nullable=False),
        sa.Column("price", sa.Integer(), nullable=False),
        sa.Column("equipped", sa.Boolean(), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["coin_transaction_id"],
            ["coin_transaction.id"],
            name=op.f("fk_inventory_item_coin_transaction_id_coin_transaction"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["shop_item.id"], name=op.f("fk_inventory_item_item_id_shop_item")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_inventory_item_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inventory_item")),
        sa.UniqueConstraint(
            "coin_transaction_id", name=op.f("uq_inventory_item_coin_transaction_id")
        ),
        sa.UniqueConstraint("user_id", "item_id", name=op.f("uq_inventory_item_user_id_item_id")),
    )
    with op.batch_alter_table("inventory_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inventory_item_user_id"), ["user_id"], unique=False)

    op.create_table(
        "payment_order",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("extend", sa.Boolean(), nullable=False),
        sa.Column("duration_days", sa.Integer(), nullable=False),
        sa.Column("base_amount", sa.BigInteger(), nullable=False),
        sa.Column("discount", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("promo_code_id", sa.Uuid(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "paying",
                "paid",
                "cancelled",
                "refunded",
                "expired",
                name="orderstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "provider",
            sa.Enum("payme", "click", name="paymentprovider", native_enum=False, length=20),
            nullable=True,
        ),
        sa.Column("idempotency_key", sa.String(length=100), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fulfilled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("refunded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancel_reason", sa.String(length=60), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "amount = base_amount - discount", name=op.f("ck_payment_order_amount_adds_up")
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payment_order_amount_positive")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_payment_order_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["subscription_plan.id"],
            name=op.f("fk_payment_order_plan_id_subscription_plan"),
        ),
        sa.ForeignKeyConstraint(
            ["promo_code_id"],
            ["promo_code.id"],
            name=op.f("fk_payment_order_promo_code_id_promo_code"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_payment_order_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_order")),
        sa.UniqueConstraint(
            "user_id", "idempotency_key", name=op.f("uq_payment_order_user_id_idempotency_key")
        ),
    )
    with op.batch_alter_table("payment_order", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_order_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_order_user_id"), ["user_id"], unique=False)

    op.create_table(
        "subscription",
        sa.Column("owner_user_id", sa.Uuid(), nullable=True),
        sa.Column("organization_id", sa.Uuid(), nullable=True),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("is_trial", sa.Boolean(), nullable=False),
        sa.Column("trial_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(owner_user_id IS NOT NULL AND organization_id IS NULL) OR (owner_user_id IS NULL AND organization_id IS NOT NULL)",
            name=op.f("ck_subscription_one_owner"),
        ),
        sa.CheckConstraint("ends_at >= starts_at", name=op.f("ck_subscription_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_subscription_organization_id_organization"),
        ),
        sa.ForeignKeyConstraint(
            ["owner_user_id"],
            ["user_account.id"],
            name=op.f("fk_subscription_owner_user_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["subscription_plan.id"],
            name=op.f("fk_subscription_plan_id_subscription_plan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscription")),
        sa.UniqueConstraint("organization_id", name=op.f("uq_subscription_organization_id")),
        sa.UniqueConstraint("owner_user_id", name=op.f("uq_subscription_owner_user_id")),
    )
    with op.batch_alter_table("subscription", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_subscription_ends_at"), ["ends_at"], unique=False)

    op.create_table(
        "payment_transaction",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "provider",
            sa.Enum("payme", "click", name="paymentprovider", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("provider_tx_id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.SmallInteger(), nullable=False),
        sa.Column("reason", sa.SmallInteger(), nullable=True),
        sa.Column("provider_time", sa.BigInteger(), nullable=True),
        sa.Column("click_paydoc_id", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("performed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["payment_order.id"],
            name=op.f("fk_payment_transaction_order_id_payment_order"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_transaction")),
        sa.UniqueConstraint(
            "provider",
            "provider_tx_id",
            name=op.f("uq_payment_transaction_provider_provider_tx_id"),
        ),
    )
    with op.batch_alter_table("payment_transaction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payment_transaction_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_payment_transaction_order_id"), ["order_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_payment_transaction_provider_time"), ["provider_time"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_payment_transaction_state"), ["state"], unique=False)
        batch_op.create_index(
            "uq_payment_transaction_live_order",
            ["order_id"],
            unique=True,
            postgresql_where=sa.text("state = 1"),
            sqlite_where=sa.text("state = 1"),
        )

    op.create_table(
        "promo_redemption",
        sa.Column("promo_code_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["payment_order.id"],
            name=op.f("fk_promo_redemption_order_id_payment_order"),
        ),
        sa.ForeignKeyConstraint(
            ["promo_code_id"],
            ["promo_code.id"],
            name=op.f("fk_promo_redemption_promo_code_id_promo_code"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_promo_redemption_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promo_redemption")),
        sa.UniqueConstraint("order_id", name=op.f("uq_promo_redemption_order_id")),
    )
    with op.batch_alter_table("promo_redemption", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_promo_redemption_promo_code_id"), ["promo_code_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_promo_redemption_user_id"), ["user_id"], unique=False)

    op.create_table(
        "subscription_period",
        sa.Column("subscription_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("trial", "paid", "promo", name="periodkind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("order_id", sa.Uuid(), nullable=True),
        sa.Column("promo_redemption_id", sa.Uuid(), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "ends_at > starts_at", name=op.f("ck_subscription_period_ends_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["payment_order.id"],
            name=op.f("fk_subscription_period_order_id_payment_order"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["subscription_plan.id"],
            name=op.f("fk_subscription_period_plan_id_subscription_plan"),
        ),
        sa.ForeignKeyConstraint(
            ["promo_redemption_id"],
            ["promo_redemption.id"],
            name=op.f("fk_subscription_period_promo_redemption_id_promo_redemption"),
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["subscription.id"],
            name=op.f("fk_subscription_period_subscription_id_subscription"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscription_period")),
        sa.UniqueConstraint("order_id", name=op.f("uq_subscription_period_order_id")),
        sa.UniqueConstraint(
            "promo_redemption_id", name=op.f("uq_subscription_period_promo_redemption_id")
        ),
    )
    with op.batch_alter_table("subscription_period", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_subscription_period_subscription_id"), ["subscription_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("subscription_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subscription_period_subscription_id"))

    op.drop_table("subscription_period")
    with op.batch_alter_table("promo_redemption", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_promo_redemption_user_id"))
        batch_op.drop_index(batch_op.f("ix_promo_redemption_promo_code_id"))

    op.drop_table("promo_redemption")
    with op.batch_alter_table("payment_transaction", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_payment_transaction_live_order",
            postgresql_where=sa.text("state = 1"),
            sqlite_where=sa.text("state = 1"),
        )
        batch_op.drop_index(batch_op.f("ix_payment_transaction_state"))
        batch_op.drop_index(batch_op.f("ix_payment_transaction_provider_time"))
        batch_op.drop_index(batch_op.f("ix_payment_transaction_order_id"))
        batch_op.drop_index(batch_op.f("ix_payment_transaction_created_at"))

    op.drop_table("payment_transaction")
    with op.batch_alter_table("subscription", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subscription_ends_at"))

    op.drop_table("subscription")
    with op.batch_alter_table("payment_order", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_order_user_id"))
        batch_op.drop_index(batch_op.f("ix_payment_order_status"))

    op.drop_table("payment_order")
    with op.batch_alter_table("inventory_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inventory_item_user_id"))

    op.drop_table("inventory_item")
    with op.batch_alter_table("coin_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coin_entry_transaction_id"))
        batch_op.drop_index(batch_op.f("ix_coin_entry_account_id"))

    op.drop_table("coin_entry")
    op.drop_table("promo_code")
    with op.batch_alter_table("coin_transaction", schema=None) as batch_op:
        batch_op.drop_index("ix_coin_transaction_user_created")
        batch_op.drop_index("ix_coin_transaction_daily_cap")

    op.drop_table("coin_transaction")
    op.drop_table("coin_account")
    op.drop_table("subscription_plan")
    op.drop_table("shop_item")
    op.drop_table("payment_provider_key")
    with op.batch_alter_table("payment_callback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_callback_provider_tx_id"))
        batch_op.drop_index(batch_op.f("ix_payment_callback_created_at"))

    op.drop_table("payment_callback")
