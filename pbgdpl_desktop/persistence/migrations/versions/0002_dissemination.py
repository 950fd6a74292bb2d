"""Dissemination (PBGDPL): sessions, yearly plan and tasks, speakers and trainings, legal documents, bookcase.

Revision ID: 0002_dissemination
Revises: 0001_foundation
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from pbgdpl_desktop.persistence.migrations.helpers import sync_columns

revision = "0002_dissemination"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

TABLES = (
    "speaker",
    "legal_document",
    "dissemination_plan",
    "plan_task",
    "dissemination_session",
    "dissemination_session_speaker",
    "dissemination_session_law",
    "speaker_training",
    "bookcase_item",
    "bookcase_loan",
)


# The naming convention's name of this foreign key has 64 characters: SQLite keeps it (files in the field
# hold it), PostgreSQL takes at most 63, so there it is the name SQLAlchemy's convention itself shortens it
# to on that engine (what the models compile to there, so a schema comparison matches).
SESSION_SPEAKER_FK = "fk_dissemination_session_speaker_session_id_dissemination_session"
SESSION_SPEAKER_FK_SHORT = "fk_dissemination_session_speaker_session_id_disseminati_7113"


def upgrade() -> None:
    op.create_table(
        "speaker",
        *sync_columns("speaker"),
        sa.Column("full_name", sa.String(120), nullable=False),
        sa.Column("name_fold", sa.String(120), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("decision_number", sa.String(60), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("unit", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
    )
    op.create_table(
        "legal_document",
        *sync_columns("legal_document"),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("title", sa.String(400), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=True),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("user_added", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "dissemination_plan",
        *sync_columns("dissemination_plan"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(60), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("directive_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
    )
    op.create_table(
        "plan_task",
        *sync_columns("plan_task"),
        sa.Column(
            "plan_id",
            sa.String(36),
            sa.ForeignKey("dissemination_plan.id", name="fk_plan_task_plan_id_dissemination_plan"),
            nullable=False,
        ),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("arising", sa.Boolean(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("funded", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
    )
    op.create_table(
        "dissemination_session",
        *sync_columns("dissemination_session"),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("start_time", sa.String(5), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("form", sa.String(30), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("digital_activity", sa.String(30), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("residential_group", sa.String(120), nullable=False),
        sa.Column("target_groups", sa.String(300), nullable=False),
        sa.Column("attendance_total", sa.Integer(), nullable=False),
        sa.Column("attendance_women", sa.Integer(), nullable=False),
        sa.Column("attendance_special", sa.Integer(), nullable=False),
        sa.Column("materials_count", sa.Integer(), nullable=False),
        sa.Column("law_day", sa.Boolean(), nullable=False),
        sa.Column(
            "plan_task_id",
            sa.String(36),
            sa.ForeignKey("plan_task.id", name="fk_dissemination_session_plan_task_id_plan_task"),
            nullable=True,
        ),
        sa.Column("speakers_text", sa.Text(), nullable=False),
        sa.Column("speakers_extra", sa.Text(), nullable=False),
        sa.Column("laws_text", sa.Text(), nullable=False),
        sa.Column("laws_extra", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("import_key", sa.String(64), nullable=True),
    )
    op.create_table(
        "dissemination_session_speaker",
        *sync_columns("dissemination_session_speaker"),
        sa.Column(
            "session_id",
            sa.String(36),
            sa.ForeignKey(
                "dissemination_session.id",
                name=SESSION_SPEAKER_FK
                if op.get_bind().dialect.name == "sqlite"
                else SESSION_SPEAKER_FK_SHORT,
            ),
            nullable=False,
        ),
        sa.Column(
            "speaker_id",
            sa.String(36),
            sa.ForeignKey("speaker.id", name="fk_dissemination_session_speaker_speaker_id_speaker"),
            nullable=False,
        ),
    )
    op.create_table(
        "dissemination_session_law",
        *sync_columns("dissemination_session_law"),
        sa.Column(
            "session_id",
            sa.String(36),
            sa.ForeignKey(
                "dissemination_session.id",
                name="fk_dissemination_session_law_session_id_dissemination_session",
            ),
            nullable=False,
        ),
        sa.Column(
            "document_id",
            sa.String(36),
            sa.ForeignKey(
                "legal_document.id", name="fk_dissemination_session_law_document_id_legal_document"
            ),
            nullable=False,
        ),
    )
    op.create_table(
        "speaker_training",
        *sync_columns("speaker_training"),
        sa.Column(
            "speaker_id",
            sa.String(36),
            sa.ForeignKey("speaker.id", name="fk_speaker_training_speaker_id_speaker"),
            nullable=False,
        ),
        sa.Column("trained_on", sa.Date(), nullable=False),
        sa.Column("course", sa.String(300), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "bookcase_item",
        *sync_columns("bookcase_item"),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column(
            "document_id",
            sa.String(36),
            sa.ForeignKey("legal_document.id", name="fk_bookcase_item_document_id_legal_document"),
            nullable=True,
        ),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(200), nullable=False),
        sa.Column("acquired_on", sa.Date(), nullable=True),
    )
    op.create_table(
        "bookcase_loan",
        *sync_columns("bookcase_loan"),
        sa.Column(
            "item_id",
            sa.String(36),
            sa.ForeignKey("bookcase_item.id", name="fk_bookcase_loan_item_id_bookcase_item"),
            nullable=False,
        ),
        sa.Column("borrower", sa.String(120), nullable=False),
        sa.Column("loaned_on", sa.Date(), nullable=False),
        sa.Column("returned_on", sa.Date(), nullable=True),
    )
    op.create_index("ix_speaker_name_fold", "speaker", ["name_fold"])
    op.create_index("ix_legal_document_number", "legal_document", ["number"])
    op.create_index("ix_dissemination_plan_year", "dissemination_plan", ["year"])
    op.create_index("ix_plan_task_plan_id", "plan_task", ["plan_id"])
    op.create_index(
        "ix_dissemination_session_live_held_on", "dissemination_session", ["deleted_at", "held_on", "id"]
    )
    op.create_index(
        "ix_dissemination_session_live_search",
        "dissemination_session",
        ["deleted_at", "search_text", "target_groups", "held_on", "id"],
    )
    op.create_index(
        "ix_dissemination_session_live_form", "dissemination_session", ["deleted_at", "form", "held_on", "id"]
    )
    op.create_index(
        "ix_dissemination_session_live_group",
        "dissemination_session",
        ["deleted_at", "residential_group", "held_on", "id"],
    )
    op.create_index(
        "ix_dissemination_session_live_attendance",
        "dissemination_session",
        ["deleted_at", "attendance_total", "held_on", "id"],
    )
    op.create_index("ix_dissemination_session_import_key", "dissemination_session", ["import_key"])
    op.create_index("ix_dissemination_session_plan_task_id", "dissemination_session", ["plan_task_id"])
    op.create_index(
        "ix_dissemination_session_speaker_session_id", "dissemination_session_speaker", ["session_id"]
    )
    op.create_index(
        "ix_dissemination_session_speaker_speaker_id", "dissemination_session_speaker", ["speaker_id"]
    )
    op.create_index("ix_dissemination_session_law_document_id", "dissemination_session_law", ["document_id"])
    op.create_index("ix_dissemination_session_law_session_id", "dissemination_session_law", ["session_id"])
    op.create_index("ix_speaker_training_speaker_id", "speaker_training", ["speaker_id"])
    op.create_index("ix_speaker_training_trained_on", "speaker_training", ["trained_on"])
    op.create_index("ix_bookcase_item_document_id", "bookcase_item", ["document_id"])
    op.create_index("ix_bookcase_loan_item_id", "bookcase_loan", ["item_id"])
    op.create_index("ix_bookcase_loan_loaned_on", "bookcase_loan", ["loaned_on"])
    for table in TABLES:
        op.create_index(f"ix_{table}_change_seq", table, ["change_seq"])


def downgrade() -> None:
    raise NotImplementedError("downgrades are not supported: restore a backup instead")
