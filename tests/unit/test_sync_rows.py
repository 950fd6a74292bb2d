"""The row checks of an import (sync.merge): the fast path (our writer's layout, one regular expression, JSON
validity confirmed by SQLite) and the exact path (json.loads) give the same rows and the same reasons; a
line that looks right but is not valid JSON sends the table back to the exact check, through a real import."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing

import pytest

from pbgdpl_desktop.sync import merge
from tests.helpers.bundles import Office, office_rows, resign, small_ward

ID = "0b0e4a7c-5f0e-4b8e-9d7a-2f9c1e3a4b5c"
GOOD = {
    "id": ID,
    "revision": 3,
    "created_at": "2026-11-01T02:03:04.123456Z",
    "updated_at": "2026-11-02T02:03:04Z",
    "deleted_at": None,
    "deleted": False,
    "change_seq": 17,
    "fields": {"title": "Phổ biến pháp luật", "online": 0},
}


def line(row: dict, **kw) -> str:
    return json.dumps(row | kw, ensure_ascii=False, separators=(",", ":"))


def both(lines: list[str]) -> merge.CheckedLines:
    """The fast check as the import uses it (SQLite's json_valid confirms its lines, else the exact check
    decides) gives what the exact check gives."""
    fast, exact = merge.check_lines(lines), merge.check_lines(lines, exact=True)
    assert exact.exact
    text = "".join(line + "\n" for line in lines)  # a whole member, as the import checks it
    whole = merge.check_text(text)
    assert (whole.rows, whole.rejected, whole.exact) == (fast.rows, fast.rejected, fast.exact)
    assert merge.check_text(text, exact=True) == exact
    with closing(sqlite3.connect(":memory:")) as con:
        confirmed = all(con.execute("SELECT json_valid(?)", (r.line,)).fetchone()[0] for r in fast.rows)
    used = fast if fast.exact or confirmed else exact
    assert (used.rows, used.rejected) == (exact.rows, exact.rejected)
    return used


def test_a_line_of_our_writer_takes_the_fast_path_with_the_same_values():
    checked = both(
        [line(GOOD), line(GOOD, id=ID.replace("0b", "1b"), deleted_at="2026-11-03T00:00:00Z", deleted=True)]
    )
    assert not checked.exact  # fast: SQLite confirms the JSON
    first, second = checked.rows
    assert first == merge.Row(ID, 3, GOOD["created_at"], GOOD["updated_at"], None, 17, line(GOOD))
    assert second.deleted_at == "2026-11-03T00:00:00Z"


def test_fast_and_exact_lines_mixed_in_one_member_keep_their_order():
    spaced = json.dumps(GOOD | {"id": ID.replace("0b", "3b")}, ensure_ascii=False)
    lines = [line(GOOD), spaced, "", line(GOOD, revision=9), line(GOOD, id=ID.replace("0b", "4b")) + "\r"]
    checked = both(lines)
    assert [r.row_id[:2] for r in checked.rows] == ["0b", "3b", "4b"]
    assert checked.rejected == {"json": 1, "duplicate": 1}
    broken_copy = line(GOOD).replace('"online":0', '"online":0,')  # our layout, a duplicate id, not JSON
    assert both([line(GOOD), broken_copy]).rejected == {"json": 1}


def test_other_layouts_are_checked_exactly_and_accepted():
    spaced = json.dumps(GOOD, ensure_ascii=False)  # ", " and ": " separators: not our writer's layout
    reordered = json.dumps(dict(reversed(list(GOOD.items()))))
    checked = both([spaced, reordered.replace(ID, ID.replace("0b", "2b"))])
    assert checked.exact and len(checked.rows) == 2


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not json", "json"),
        ("[1, 2]", "json"),
        (line(GOOD)[:-1], "json"),
        (line(GOOD).replace('"online":0', '"online":NaN'), "json"),
        (line(GOOD, id=ID.upper()), "id"),
        (line(GOOD, id=ID + "\n"), "id"),
        (line(GOOD, revision=0), "revision"),
        (line(GOOD, revision=True), "revision"),
        (line(GOOD, revision=1 << 63), "revision"),
        (line(GOOD, change_seq=-1), "revision"),
        (line(GOOD, created_at="01/11/2026"), "time"),
        (line(GOOD, updated_at="2026-11-02T02:03:04.1234567890Z"), "time"),
        (line({k: v for k, v in GOOD.items() if k != "deleted_at"}), "time"),
        (line(GOOD, deleted=True), "deleted"),
        (line(GOOD, deleted_at="2026-11-03T00:00:00Z"), "deleted"),
        (line(GOOD, fields=[1]), "fields"),
    ],
)
def test_each_bad_line_is_rejected_with_its_reason_on_both_paths(text, reason):
    checked = both([text, line(GOOD)])
    assert dict(checked.rejected) == {reason: 1} and len(checked.rows) == 1
    assert reason in merge.REASONS


def test_a_second_copy_of_an_id_is_a_duplicate_and_the_first_valid_copy_counts():
    checked = both([line(GOOD, revision=0), line(GOOD, revision=5), line(GOOD, revision=6)])
    assert checked.rejected == {"revision": 1, "duplicate": 1}
    assert [r.revision for r in checked.rows] == [5]


def test_plan_follows_the_revisions():
    rows = both(
        [
            line(GOOD, id=f"{n:08d}-0000-4000-8000-000000000000", revision=2, **extra)
            for n, extra in enumerate(
                [{}, {}, {}, {}, {"deleted_at": "2026-11-03T00:00:00Z", "deleted": True}]
            )
        ]
    ).rows
    held = {
        rows[1].row_id: (1, False),
        rows[2].row_id: (2, False),
        rows[3].row_id: (9, False),
        rows[4].row_id: (1, False),
    }
    decided = merge.plan(rows, held)
    assert decided.counts == {"inserted": 1, "updated": 1, "unchanged": 2, "deleted": 1, "older": 1}
    assert decided.inserts == [rows[0]] and decided.updates == [rows[1], rows[4]]


@pytest.fixture
def ward(services):
    small_ward(services)
    return services


def test_a_line_that_only_looks_valid_falls_back_to_the_exact_check(ward, tmp_path, _template_db, clock):
    """Our layout, but a broken ``fields`` object: the fast path's insert is undone (savepoint), the table
    is redone exactly, the bad line rejected as not JSON, the others imported."""
    bundle = ward.sync.exporter.export(tmp_path / "out").record.path
    office = Office(tmp_path / "office", _template_db, clock)
    office.register(bundle)

    def spoil(files: dict[str, bytes]) -> None:
        lines = files["data/mediator.jsonl"].splitlines(keepends=True)
        assert merge.check_lines([lines[0].decode().rstrip("\n")]).exact is False  # it took the fast path
        files["data/mediator.jsonl"] = b"".join([lines[0].replace(b'"fields":{', b'"fields":{,'), *lines[1:]])

    bad = resign(bundle, tmp_path / "bad.pbgdpl.zip", ward.sync.key_path, files=spoil)
    (report,) = office.run(bad).reports
    assert report.status == "imported"
    assert report.tables["mediator"]["rejected"] == 1 and report.tables["mediator"]["inserted"] == 2
    assert report.tables["mediator"]["reasons"] == {merge.REASONS["json"]: 1}
    assert report.tables["mediation_case"]["inserted"] == 1
    svc = office.open()
    try:  # the fast path's three inserted rows were undone: only the two valid ones are kept
        assert len(office_rows(svc, "00070", "mediator")) == 2
    finally:
        svc.ctx.db.close()
