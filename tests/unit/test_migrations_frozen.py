"""Released migrations must do the same thing forever: no revision reads the (changing) domain catalogue."""

import ast
import sqlite3
from contextlib import closing
from pathlib import Path

from pbgdpl_desktop.domain.finance import TT56_CATEGORIES
from pbgdpl_desktop.domain.norms import TT56_DEFAULTS, TT56_EXTRA_DEFAULTS
from pbgdpl_desktop.persistence.db import open_database

VERSIONS = Path(__file__).parents[2] / "pbgdpl_desktop" / "persistence" / "migrations" / "versions"


def test_no_revision_imports_the_domain_or_services():
    for path in VERSIONS.glob("0*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("pbgdpl_desktop.domain", "pbgdpl_desktop.services")), (
                    f"{path.name} imports {node.module}: freeze the data as literals in the revision"
                )


def test_fresh_database_holds_the_domain_catalogue(tmp_path):
    # When the catalogue changes, a new revision must bring existing databases along: this test says when.
    open_database(tmp_path / "x.db").close()
    with closing(sqlite3.connect(tmp_path / "x.db")) as con:
        categories = {r[0]: r[1] for r in con.execute("SELECT code, name FROM finance_category")}
        norms = {
            (r[0], r[1], r[2]) for r in con.execute("SELECT category_code, variant, amount FROM finance_norm")
        }
    assert categories == {c.code: c.name for c in TT56_CATEGORIES}
    assert norms == {(n.category, n.variant, n.amount) for n in TT56_DEFAULTS + TT56_EXTRA_DEFAULTS}
