"""The ledger sheet as openpyxl's write-only writer made it before the streamed writer (``exports.xlsx_stream``)
took over: the reference the tests compare the streamed file with, cell by cell. It uses the same openpyxl
helpers the year summary still uses (``finance_excel._prepare_sheet``, ``_cell``, ``_append``, ``_save``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook

from pbgdpl_desktop.domain.finance import Expenditure
from pbgdpl_desktop.exports.finance_excel import (
    DATE,
    LEDGER_COLUMNS,
    LEDGER_TITLE,
    MONEY,
    _append,
    _cell,
    _ledger_values,
    _prepare_sheet,
    _save,
)

# per column: the style keys ``write_ledger`` gave it (every text column wraps)
_KINDS: tuple[dict[str, object], ...] = (
    {},
    {"fmt": DATE},
    *({"wrap": True},) * 4,
    {},
    {"wrap": True},
    {"fmt": MONEY},
    {"wrap": True},
    {"fmt": DATE},
    {"wrap": True},
    {"wrap": True},
)


def write_ledger_openpyxl(
    rows: Iterable[Expenditure], target: Path, *, ward: str, subtitle: str
) -> tuple[Path, int, int]:
    wb = Workbook(write_only=True)
    ws = _prepare_sheet(wb, "Sổ theo dõi chi", LEDGER_COLUMNS, (ward, LEDGER_TITLE, subtitle))
    count = total = 0
    for count, e in enumerate(rows, start=1):
        total += e.amount
        values = _ledger_values(count, e)
        _append(ws, [_cell(ws, v, **kind) for v, kind in zip(values, _KINDS, strict=True)])  # type: ignore[arg-type]
    _append(
        ws,
        [
            _cell(ws, None),
            _cell(ws, "Tổng cộng", bold=True),
            *[_cell(ws, None) for _ in range(6)],
            _cell(ws, total, bold=True, fmt=MONEY),
            *[_cell(ws, None) for _ in range(4)],
        ],
    )
    return _save(wb, target), count, total
