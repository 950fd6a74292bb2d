#!/usr/bin/env python3
"""The finance ledger at size: the Excel export and list pages deep in the rows, each beside a floor doing
the same work, alternated in the same process (``--repeat`` ≥ 5, medians).

- export: ``services.finance.exports.ledger`` (one streaming query, warnings, the sheet streamed as XML by
  ``exports.xlsx_stream``) vs an openpyxl write-only floor that reads the same rows in the same order with
  raw sqlite3 and writes the same 13 styled cells per row (one shared style per column) plus the same
  heading rows. Targets: ≤ 1.5× the floor; 100k rows ≤ 15 s. Two more lines split the app's time: the
  writer alone on rows read beforehand (no database), and reading the rows alone (the service's stream).
- pages: the list's page of 200 rows (``LedgerSource.page``, what the table asks) at the top, the middle and
  the end, vs the first page. Target: any depth ≤ 2× the first page.

The rows are inserted with raw sqlite3 into a database made by the app (real migrations).

    python bench/ledger.py [--rows 14700 100000] [--repeat 5] [--pages-rows 1000000]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from pbgdpl_desktop.domain.finance import LedgerQuery
from pbgdpl_desktop.exports import finance_excel
from pbgdpl_desktop.services.core.listing import ListQuery
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.registry import open_services

PAYEES = ["Nguyễn Thị Hằng", "Trần Văn Bình", "Lê Thị Mai", "Phạm Quốc Toàn", "Hoàng Văn Nam", ""]
WORDS = [
    "nước uống hội nghị",
    "in tờ gấp pháp luật",
    "bồi dưỡng báo cáo viên",
    "thuê hội trường",
    "văn phòng phẩm",
]


def fill(db: Path, rows: int, seed: int = 17) -> None:
    """``rows`` live expenditures over 2024–2026 with vouchers (some reused), quantities and payees."""
    rnd = random.Random(seed)
    with closing(sqlite3.connect(db)) as con:
        cats = con.execute("SELECT id, code, name FROM finance_category").fetchall()
        seq = con.execute("SELECT coalesce(max(change_seq), 0) FROM expenditure").fetchone()[0]
        start = date(2024, 1, 1)
        now = datetime(2026, 11, 30, 10, 0)
        batch = []
        for i in range(rows):
            cat_id, code, name = rnd.choice(cats)
            spent = start + timedelta(days=rnd.randrange(0, 3 * 365 - 35))
            words = rnd.choice(WORDS)
            voucher = f"PC{rnd.randrange(rows // 2 + 1):06d}"
            qty = rnd.choice([None, None, 1, 2, 50])
            payee = rnd.choice(PAYEES)
            created = f"{now - timedelta(seconds=rnd.randrange(10**8)):%Y-%m-%d %H:%M:%S.%f}"  # as SQLAlchemy
            batch.append(
                (
                    str(uuid.UUID(int=rnd.getrandbits(128))),
                    created,
                    created,
                    1,
                    seq + i + 1,
                    spent.isoformat(),
                    cat_id,
                    rnd.choice(["commune", "sponsor"]),
                    rnd.randrange(50, 5000) * 1000,
                    qty,
                    "người" if qty else "",
                    voucher,
                    voucher.lower(),
                    spent.isoformat(),
                    payee,
                    f"Khoản chi {i}: {words}",
                    f"khoan chi {i} {words} {code.lower()} {name.lower()}",
                )
            )
        con.executemany(
            "INSERT INTO expenditure (id, created_at, updated_at, deleted_at, revision, change_seq, spent_on, "
            "category_id, source, amount, quantity, unit, norm_variant, voucher_number, voucher_key, "
            "voucher_date, payee, description, search_folded, session_id, plan_task_id, fee_request_id, "
            "team_id, support_month, contest_name) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, "
            "?, ?, ?, NULL, NULL, NULL, NULL, NULL, '')",
            batch,
        )
        con.commit()


FLOOR_SQL = (
    "SELECT e.spent_on, c.code, c.name, e.source, e.description, e.quantity, e.unit, e.amount, "
    "e.voucher_number, e.voucher_date, e.payee FROM expenditure e JOIN finance_category c ON c.id = e.category_id "
    "WHERE e.deleted_at IS NULL ORDER BY e.spent_on DESC, e.created_at DESC, e.id"
)
COLUMN_WIDTHS = (6, 12, 20, 36, 22, 40, 9, 12, 16, 14, 13, 24, 50)


def floor_export(db: Path, target: Path) -> int:
    """Raw sqlite3 rows → openpyxl write-only, the same styled cells (shared style objects) and headings."""
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sổ theo dõi chi")
    for title in ("ỦY BAN NHÂN DÂN", "SỔ THEO DÕI CHI", "Tất cả các khoản chi"):
        cell = WriteOnlyCell(ws, value=title)
        cell.font = Font(bold=True)
        ws.append([cell])
    header = []
    for width in COLUMN_WIDTHS:
        cell = WriteOnlyCell(ws, value=f"cột {width}")
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        header.append(cell)
    ws.append(header)

    def style(fmt: str | None = None, wrap: bool = False):  # one registered style, shared by the column
        cell = WriteOnlyCell(ws)
        cell.border = border
        if fmt:
            cell.number_format = fmt
        if wrap:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        return cell._style  # noqa: SLF001 - openpyxl's style handle, shared

    plain, wrap, when, money = style(), style(wrap=True), style("DD/MM/YYYY"), style("#,##0")
    styles = (plain, when, plain, wrap, plain, wrap, plain, wrap, money, plain, when, wrap, wrap)
    n = total = 0
    with closing(sqlite3.connect(db)) as con:
        for n, r in enumerate(con.execute(FLOOR_SQL), start=1):
            spent = date.fromisoformat(r[0])
            voucher_date = date.fromisoformat(r[9]) if r[9] else None
            total += r[7]
            values = (n, spent, r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], voucher_date, r[10], "")
            cells = []
            for value, st in zip(values, styles, strict=True):
                cell = WriteOnlyCell(ws, value=value)
                cell._style = st  # noqa: SLF001
                cells.append(cell)
            ws.append(cells)
    ws.append([WriteOnlyCell(ws, value=total)])
    wb.save(target)
    return n


def alternate(repeat: int, app: Callable[[], object], floor: Callable[[], object]) -> tuple[float, float]:
    times: dict[str, list[float]] = {"app": [], "floor": []}
    for i in range(repeat):
        order = [("app", app), ("floor", floor)]
        for name, fn in order if i % 2 == 0 else reversed(order):
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return statistics.median(times["app"]), statistics.median(times["floor"])


def timed(repeat: int, fn: Callable[[], object]) -> float:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return statistics.median(out)


def export_figures(data: Path, rows: int, repeat: int) -> list[tuple[str, float, float, str]]:
    paths = RuntimePaths(data, data / "w.db")
    open_services(paths).ctx.db.close()
    fill(paths.db_path, rows)
    services = open_services(paths)
    exports = services.finance.exports
    try:
        app_s, floor_s = alternate(
            repeat,
            lambda: exports.ledger(LedgerQuery(), data / "app.xlsx"),
            lambda: floor_export(paths.db_path, data / "floor.xlsx"),
        )
        # the bare write: the same rows read once (the service's stream, warnings included), then our writer
        # alone, beside the same openpyxl floor figure
        ready = list(exports._rows(LedgerQuery()))  # noqa: SLF001 - the export's own row source
        subtitle = exports.describe(LedgerQuery())
        bare_s = timed(
            repeat,
            lambda: finance_excel.write_ledger(ready, data / "bare.xlsx", ward="UBND", subtitle=subtitle),
        )
        read_s = timed(repeat, lambda: sum(1 for _ in exports._rows(LedgerQuery())))  # noqa: SLF001
    finally:
        services.ctx.db.close()
    return [
        (f"ledger export, {rows:,} rows", app_s, floor_s, "≤ 1.5× (100k ≤ 15 s)"),
        (f"  of which: the writer alone, {rows:,} rows", bare_s, floor_s, "—"),
        (f"  of which: reading the rows (stream), {rows:,} rows", read_s, floor_s, "—"),
    ]


def _print(line: tuple[str, float, float, str]) -> None:
    label, app_s, floor_s, target = line
    print(f"{label:52} {app_s:8.3f}s {floor_s:8.3f}s {app_s / floor_s:5.2f}×  {target}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[14_700, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--pages-rows", type=int, default=1_000_000, help="rows for the paging figures (0: skip)"
    )
    args = parser.parse_args()
    lines = []
    print(f"{'what':52} {'app':>9} {'floor':>9} {'ratio':>6}  target", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for rows in [r for r in args.rows if r > 0]:  # --rows 0: paging figures only
            figures = export_figures(Path(tmp) / f"r{rows}", rows, args.repeat)
            lines.extend(figures)
            for line in figures:
                _print(line)
        if args.pages_rows:
            data = Path(tmp) / "pages"
            paths = RuntimePaths(data, data / "w.db")
            open_services(paths).ctx.db.close()
            fill(paths.db_path, args.pages_rows)
            services = open_services(paths)
            try:
                source = services.finance.ledger.list_source()
                query = ListQuery()
                total = source.count(query)
                first = timed(args.repeat, lambda: source.page(query, 0, 200))
                middle = (total // 2 // 200) * 200
                t0 = time.perf_counter()
                source.page(query, middle, 200)  # no key yet: one row_number() pass lists the block keys
                jump = time.perf_counter() - t0
                lines.append(
                    (f"first jump deep into {total:,} (keys of every block, once)", jump, first, "—")
                )
                for label, offset in (
                    ("next page (200)", 200),
                    ("middle", middle),
                    ("last page", (total - 1) // 200 * 200),
                ):
                    deep = timed(args.repeat, lambda offset=offset: source.page(query, offset, 200))
                    lines.append((f"ledger page {label} of {total:,} vs first page", deep, first, "≤ 2×"))
                old = timed(args.repeat, lambda: services.finance.ledger.page(LedgerQuery(), middle, 200))
                lines.append(("the same middle page by OFFSET (before) vs first page", old, first, "—"))
            finally:
                services.ctx.db.close()
    for line in lines[3 * len([r for r in args.rows if r > 0]) :]:
        _print(line)
    print(
        f"medians of {args.repeat} alternated runs, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d %H:%M')}"
    )


if __name__ == "__main__":
    main()
