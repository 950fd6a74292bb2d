"""``report KIND --year YYYY [--period h1|year] --out FILE [--names FILE]``: official PDFs and Excel statistics.

KIND: dossier, periodic, case-book, fee-request, certificates (needs ``--names``), statistics (.xlsx).
A known problem (bad names file, unwritable output, no fee request in the year) prints a Vietnamese message
and exits 3 through app.main; nothing half-written is left behind."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pbgdpl_desktop.cli import modes
from pbgdpl_desktop.services.reports.kinds import CERTIFICATE_LABELS, KINDS

if TYPE_CHECKING:  # the services are imported when the command runs, not for --help (start-up speed)
    from pbgdpl_desktop.services.core.runtime import RuntimePaths

_PERIODS = {"h1": "h1", "year": "year", "year-provisional": "year_provisional"}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "report",
        parents=[common, modes.parent()],
        add_help=False,
        help="in văn bản (PDF theo Nghị định 30/2020) hoặc thống kê Excel của một năm",
    )
    p.add_argument(
        "kind",
        choices=list(KINDS),
        metavar="LOẠI",
        help="; ".join(f"{k}: {label}" for k, (label, _) in KINDS.items()),
    )
    p.add_argument("--year", type=int, required=True, metavar="YYYY", help="năm của văn bản")
    p.add_argument(
        "--period",
        choices=list(_PERIODS),
        default="year",
        help="kỳ báo cáo (periodic, statistics): h1 = 6 tháng đầu năm, year = cả năm (mặc định)",
    )
    p.add_argument("--out", required=True, metavar="FILE", help="tệp sẽ tạo (.pdf; .xlsx cho statistics)")
    p.add_argument(
        "--team", metavar="TÊN", help="case-book: chỉ in sổ của tổ hòa giải này (mặc định: mọi tổ)"
    )
    p.add_argument(
        "--names",
        metavar="FILE",
        help="certificates: danh sách tên (.xlsx, .ods hoặc .csv, mỗi dòng một người)",
    )
    p.add_argument(
        "--certificate",
        choices=list(CERTIFICATE_LABELS),
        default="attendance",
        help="certificates: " + "; ".join(f"{k} = {v}" for k, v in CERTIFICATE_LABELS.items()),
    )
    p.add_argument("--reason", default="", help="certificates: dòng nội dung dưới tên người nhận")
    p.add_argument(
        "--first-number", type=int, default=1, metavar="N", help="certificates: số của giấy đầu tiên"
    )
    p.add_argument(
        "--final",
        action="store_true",
        help="bản chính thức: không in chữ “DỰ THẢO” dù văn bản ghi ngày trước khi hết kỳ",
    )
    p.add_argument("--decision", default="", metavar="SỐ", help="giấy khen: số quyết định khen thưởng")
    p.add_argument(
        "--decision-date",
        type=date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="giấy khen: ngày quyết định khen thưởng",
    )
    p.set_defaults(handler=handler)


def handler(args: argparse.Namespace, paths: RuntimePaths) -> int:
    from pbgdpl_desktop.services.registry import open_services_for_reading
    from pbgdpl_desktop.services.reports.service import ReportRequest

    request = ReportRequest(
        kind=args.kind,
        year=args.year,
        period=_PERIODS[args.period],
        target=Path(args.out).expanduser().absolute(),
        names_file=Path(args.names).expanduser() if args.names else None,
        certificate_kind=args.certificate,
        reason=args.reason,
        first_number=args.first_number,
        final=args.final,
        decision_number=args.decision,
        decision_date=args.decision_date,
    )
    services = modes.open_in_mode(open_services_for_reading, paths, args.mode)
    try:
        if args.team:
            request = replace(request, team_id=services.reports.team_id(args.team))
        output = services.reports.generate(request)
    finally:
        services.ctx.db.close()
    print(f"Đã tạo {output.title}: {output.path}")
    if output.missing_fields:
        print(output.missing_message)
    return 0
