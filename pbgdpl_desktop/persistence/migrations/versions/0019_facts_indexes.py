"""Covering indexes for the year's facts (#17 §4): the scoring's aggregates over a year of cases, sessions and
team-support payments read these indexes alone instead of visiting the table once per row (30,000 cases
of a year are spread over the whole file). Each index holds exactly the columns its statement reads:

* ``mediation_case``: the case counts and fee ceilings (``persistence/repos/facts_sql.mediation_case_facts``),
  per outcome and received date: the year's cases of each outcome are one range of the index, read in
  outcome order, so the sums per outcome need no sort (``outcome`` first: with ``deleted_at`` first SQLite
  took this index for the case list's "all live cases" and sorted them all instead of walking its order);
* ``dissemination_session``: the sessions of a year per form, month, target groups and digital activity
  (``dissemination_session_repo.groups_between``), and the sessions of the plan's tasks
  (``facts_sql.task_sessions``);
* ``expenditure``: team support paid per team in a year (``finance_ledger_repo.team_support_paid``);
* ``ward_legal_document``, ``info_request``: the registers' counts of a year (``assessment_repo``).

Revision ID: 0019_facts_indexes
Revises: 0018_speed_keys
"""

from alembic import op

revision = "0019_facts_indexes"
down_revision = "0018_speed_keys"
branch_labels = None
depends_on = None

INDEXES: tuple[tuple[str, str, list[str]], ...] = (
    (
        "ix_mediation_case_facts",
        "mediation_case",
        [
            "outcome",
            "deleted_at",
            "received_on",
            "started_on",
            "assigned_on",
            "start_exception",
            "start_agreed_on",
            "result_date",
            "id",
        ],
    ),
    (
        "ix_dissemination_session_facts",
        "dissemination_session",
        [
            "deleted_at",
            "held_on",
            "form",
            "target_groups",
            "online",
            "digital_activity",
            "attendance_total",
            "attendance_women",
            "attendance_special",
            "law_day",
            "materials_count",
        ],
    ),
    (
        "ix_dissemination_session_task_held",
        "dissemination_session",
        ["plan_task_id", "deleted_at", "held_on"],
    ),
    (
        "ix_expenditure_category_spent",
        "expenditure",
        ["category_id", "spent_on", "deleted_at", "team_id", "amount"],
    ),
    (
        "ix_ward_legal_document_facts",
        "ward_legal_document",
        [
            "year",
            "deleted_at",
            "issue_date",
            "deadline",
            "handled_unlawful",
            "draft_required",
            "draft_communicated",
            "self_inspected",
            "disclosed",
            "id",
        ],
    ),
    ("ix_info_request_facts", "info_request", ["year", "deleted_at", "answered_on", "due_on", "id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
