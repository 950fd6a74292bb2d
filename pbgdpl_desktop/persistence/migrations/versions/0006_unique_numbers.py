"""Unique numbers: change_seq unique in every syncable table, case numbers unique per team and year among live
cases. Values already shared (two copies of the app writing at once, or the catalogue seeded with 0) are
renumbered first; every renumbered case is listed in app_meta ``renumbered_cases`` for the clerk.

Revision ID: 0006_unique_numbers
Revises: 0005_assessment
"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0006_unique_numbers"
down_revision = "0005_assessment"
branch_labels = None
depends_on = None


def _syncable_tables(bind: sa.Connection) -> list[str]:
    inspector = sa.inspect(bind)  # the tables at this revision (both engines)
    out = []
    for table in sorted(inspector.get_table_names()):
        columns = {c["name"] for c in inspector.get_columns(table)}
        if "change_seq" in columns:
            out.append(table)
    return out


class _Counter:
    def __init__(self, bind: sa.Connection, tables: list[str]) -> None:
        self.bind = bind
        last = bind.exec_driver_sql("SELECT last_change_seq FROM sync_state WHERE id = 1").scalar() or 0
        highest = max(
            [last]
            + [bind.exec_driver_sql(f"SELECT coalesce(max(change_seq), 0) FROM {t}").scalar() for t in tables]
        )
        self.value = int(highest)

    def next(self) -> int:
        self.value += 1
        return self.value

    def save(self) -> None:
        self.bind.exec_driver_sql(  # a new database has no counter row yet
            _sql(
                self.bind,
                "INSERT INTO sync_state(id, last_change_seq) VALUES (1, ?) "
                "ON CONFLICT(id) DO UPDATE SET last_change_seq = excluded.last_change_seq",
            ),
            (self.value,),
        )


def _sql(bind: sa.Connection, statement: str) -> str:
    """``?`` placeholders as the driver wants them (pysqlite: ``?``, psycopg: ``%s``)."""
    return statement if bind.dialect.paramstyle == "qmark" else statement.replace("?", "%s")


def _renumber_change_seqs(bind: sa.Connection, tables: list[str], counter: _Counter) -> int:
    union = " UNION ALL ".join(f"SELECT '{t}' AS t, id, change_seq, created_at FROM {t}" for t in tables)
    rows = bind.exec_driver_sql(
        f"SELECT t, id, change_seq FROM ({union}) AS seqs ORDER BY change_seq, created_at, t, id"
    )
    seen: set[int] = set()
    moved = 0
    for table, row_id, seq in rows.fetchall():
        if seq in seen:
            bind.exec_driver_sql(
                _sql(bind, f"UPDATE {table} SET change_seq = ? WHERE id = ?"), (counter.next(), row_id)
            )
            moved += 1
        seen.add(seq)
    return moved


def _renumber_cases(bind: sa.Connection, counter: _Counter) -> list[dict]:
    """A case number used twice in a team's year: the case entered first keeps it, the others get the next
    free numbers (the search column starts with "<number>/<year> ", so it follows)."""
    dups = bind.exec_driver_sql(
        "SELECT team_id, case_year, case_number FROM mediation_case WHERE deleted_at IS NULL "
        "GROUP BY team_id, case_year, case_number HAVING count(*) > 1"
    ).fetchall()
    now = datetime.now(UTC).replace(tzinfo=None)
    changes = []
    for team_id, year, number in dups:
        rows = bind.exec_driver_sql(
            _sql(
                bind,
                "SELECT id, search_folded FROM mediation_case WHERE deleted_at IS NULL AND team_id = ? "
                "AND case_year = ? AND case_number = ? ORDER BY created_at, id",
            ),
            (team_id, year, number),
        ).fetchall()
        for case_id, search in rows[1:]:
            top = bind.exec_driver_sql(
                _sql(bind, "SELECT max(case_number) FROM mediation_case WHERE team_id = ? AND case_year = ?"),
                (team_id, year),
            ).scalar()
            new = int(top or 0) + 1
            old_prefix = f"{number}/{year} "
            search = f"{new}/{year} " + search[len(old_prefix) :] if search.startswith(old_prefix) else search
            bind.exec_driver_sql(
                _sql(
                    bind,
                    "UPDATE mediation_case SET case_number = ?, search_folded = ?, revision = revision + 1, "
                    "updated_at = ?, change_seq = ? WHERE id = ?",
                ),
                (new, search, now, counter.next(), case_id),
            )
            changes.append({"id": case_id, "year": year, "from": number, "to": new})
    return changes


def upgrade() -> None:
    bind = op.get_bind()
    tables = _syncable_tables(bind)
    counter = _Counter(bind, tables)
    _renumber_change_seqs(bind, tables, counter)
    changes = _renumber_cases(bind, counter)
    counter.save()
    if changes:
        bind.exec_driver_sql(
            _sql(
                bind,
                "INSERT INTO app_meta(key, value) VALUES ('renumbered_cases', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ),
            (json.dumps(changes),),
        )
    for table in tables:
        op.drop_index(f"ix_{table}_change_seq", table_name=table)
        op.create_index(f"ix_{table}_change_seq", table, ["change_seq"], unique=True)
    op.create_index(
        "ux_mediation_case_number_live",
        "mediation_case",
        ["team_id", "case_year", "case_number"],
        unique=True,
        sqlite_where=sa.text("deleted_at IS NULL"),
        postgresql_where=sa.text("deleted_at IS NULL"),
    )


def downgrade() -> None:  # pragma: no cover - the app never downgrades
    raise NotImplementedError
