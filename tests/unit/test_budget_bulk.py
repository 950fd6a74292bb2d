"""``budget.set_lines`` (the demo ward's budget, #17 §5) sets each line as ``set_line`` does — a new line
created, an existing one or one set earlier in the batch changed with its own audit entry — and refuses
what ``set_line`` refuses, with the same message, keeping none of the batch."""

from __future__ import annotations

import pytest

from pbgdpl_desktop.domain.changes import FINANCE
from pbgdpl_desktop.domain.finance import FundingSource
from pbgdpl_desktop.services.finance.budget import LineDraft
from tests.helpers.bulk_twin import open_twin, refused_alike, rows, stamps, written

C, S = FundingSource.COMMUNE, FundingSource.SPONSOR
TABLES = ("budget_line",)


@pytest.fixture
def twin(tmp_path, clock, _template_db):
    """A second ward, the same as ``services`` at start: one is written one by one, the other in bulk."""
    svc = open_twin(tmp_path / "twin", clock, _template_db)
    yield svc
    svc.ctx.db.close()


def _codes(services) -> dict[str, str]:
    return {c.code: c.id for c in services.finance.catalogue.categories()}


def test_lines_in_bulk_equal_one_by_one_new_changed_and_set_twice(services, twin):
    code = _codes(services)
    assert code == _codes(twin)  # the shipped catalogue: the same ids in both wards
    for ward in (services, twin):  # a line of the year before the batch
        ward.finance.budget.set_line(2026, code["KHAC"], C, 5_000_000, "Dự toán đầu năm")
    drafts = [
        LineDraft(2026, code["IN_AN_TRUYEN_THONG"], C, 2_000_000, " Quyết định giao dự toán "),
        LineDraft(2026, code["KHAC"], C, 6_000_000, "Điều chỉnh"),  # exists: changed
        LineDraft(2026, code["IN_AN_TRUYEN_THONG"], S, 1_000_000),
        LineDraft(2025, code["KHAC"], C, 9_000_000),
        LineDraft(2026, code["IN_AN_TRUYEN_THONG"], C, 2_500_000, "Bổ sung"),  # set earlier in the batch
    ]
    one_by_one = [services.finance.budget.set_line(*d)[0] for d in drafts]
    ids, changes = twin.finance.budget.set_lines(drafts)
    assert FINANCE in changes and twin.finance.budget.set_lines([])[0] == []
    assert written(twin, TABLES) == written(services, TABLES)
    assert stamps(twin, "budget_line") == stamps(services, "budget_line")
    assert (ids[0] == ids[4]) and (one_by_one[0] == one_by_one[4]) and len(set(ids)) == 4
    for year in (2025, 2026):
        assert [
            (b.category_code, b.source, b.planned_amount, b.note) for b in twin.finance.budget.lines(year)
        ] == [
            (b.category_code, b.source, b.planned_amount, b.note) for b in services.finance.budget.lines(year)
        ]


def test_lines_in_bulk_refused_as_one_by_one_and_none_kept(services, twin):
    code = _codes(services)
    good = LineDraft(2026, code["KHAC"], C, 5_000_000)
    for draft in (
        LineDraft(1999, code["KHAC"], C, 1),
        LineDraft(2026, code["KHAC"], C, -1),
        LineDraft(2026, "no-such-category", C, 1),
    ):
        refused_alike(
            lambda d=draft: services.finance.budget.set_line(*d),
            lambda d=draft: twin.finance.budget.set_lines([good, d]),
        )
    assert rows(twin, "SELECT count(*) FROM budget_line") == [(0,)]
