"""Local users, the append-only audit trail and the personal values it keeps apart (issue #15).

Revision ID: 0010_users_audit
Revises: 0009_attendees
"""

import sqlalchemy as sa
from alembic import op

from pbgdpl_desktop.persistence.models.base import UTCDateTime

revision = "0010_users_audit"
down_revision = "0009_attendees"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("display_name", sa.String(120), nullable=False, server_default=""),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False, server_default=""),
        sa.Column("failed_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("locked_until", UTCDateTime(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("must_change", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_login_at", UTCDateTime(), nullable=True),
        sa.UniqueConstraint("name", name="uq_app_user_name"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(40), nullable=False),
        sa.Column("role", sa.String(20), nullable=False, server_default=""),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("module", sa.String(20), nullable=False),
        sa.Column("table_name", sa.String(60), nullable=False, server_default=""),
        sa.Column("record_id", sa.String(60), nullable=False, server_default=""),
        sa.Column("changes_json", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("personal_fields", sa.String(300), nullable=False, server_default=""),
        sa.Column("detail", sa.String(500), nullable=False, server_default=""),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_actor", "audit_log", ["actor"])
    op.create_index("ix_audit_log_module", "audit_log", ["module"])
    op.create_index("ix_audit_log_record_id", "audit_log", ["record_id"])
    op.create_table(
        "audit_personal",
        sa.Column(
            "audit_id",
            sa.Integer(),
            sa.ForeignKey("audit_log.id", name="fk_audit_personal_audit_id_audit_log"),
            primary_key=True,
        ),
        sa.Column("record_id", sa.String(60), nullable=False),
        sa.Column("changes_json", sa.Text(), nullable=False),
    )
    op.create_index("ix_audit_personal_record_id", "audit_personal", ["record_id"])
    if op.get_bind().dialect.name == "sqlite":
        for table, verbs in (("audit_log", ("UPDATE", "DELETE")), ("audit_personal", ("UPDATE",))):
            for verb in verbs:
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )


def downgrade() -> None:
    op.drop_table("audit_personal")
    op.drop_table("audit_log")
    op.drop_table("app_user")
