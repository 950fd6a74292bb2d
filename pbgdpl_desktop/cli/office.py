"""Commands of the office above (docs/office.md): ``wards``, ``rollup``, ``reply`` (with ``--rules`` /
``--norms`` files offered to the ward), ``annex`` (the recognition decision's list as PDF); and on the ward side
``reply-import`` (with ``--office-key`` to register the office's key first)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from pbgdpl_desktop.domain.dates import format_datetime

if TYPE_CHECKING:  # the services load when a command runs, not for --help (start-up speed)
    from pbgdpl_desktop.services.core.runtime import RuntimePaths
    from pbgdpl_desktop.services.office.service import OfficeService
    from pbgdpl_desktop.services.registry import Services


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "wards", parents=[common], add_help=False, help="danh sách xã/phường của tỉnh (cơ quan cấp trên)"
    )
    p.add_argument("--missing", action="store_true", help="chỉ các xã/phường chưa gửi số liệu của kỳ")
    p.add_argument("--year", type=int, metavar="NĂM", help="năm (mặc định: năm nay)")
    p.add_argument("--period", choices=("h1", "year"), default="year", help="kỳ: h1 (6 tháng) hoặc year")
    p.set_defaults(handler=cmd_wards)
    p = sub.add_parser(
        "rollup", parents=[common], add_help=False, help="tổng hợp số liệu toàn tỉnh ra tệp Excel"
    )
    p.add_argument("--year", type=int, required=True, metavar="NĂM")
    p.add_argument("--period", choices=("h1", "year"), default="year", help="kỳ: h1 (6 tháng) hoặc year")
    p.add_argument("--out", required=True, metavar="TỆP.xlsx")
    p.set_defaults(handler=cmd_rollup)
    p = sub.add_parser(
        "reply", parents=[common], add_help=False, help="ghi gói trả lời có ký gửi một xã/phường"
    )
    p.add_argument("--ward", required=True, metavar="MÃ")
    p.add_argument("--out", required=True, metavar="THƯ_MỤC")
    p.add_argument("--year", type=int, metavar="NĂM", help="chỉ năm này (mặc định: mọi năm)")
    p.add_argument("--by", default="", metavar="NGƯỜI", help="người gửi (ghi vào sổ)")
    p.add_argument("--rules", nargs="+", default=[], metavar="TỆP", help="gửi kèm bộ tiêu chí (tệp .json)")
    p.add_argument("--norms", nargs="+", default=[], metavar="TỆP", help="gửi kèm bảng định mức (tệp .json)")
    p.set_defaults(handler=cmd_reply)
    p = sub.add_parser(
        "decision",
        parents=[common],
        add_help=False,
        help="đính kèm tệp quyết định công nhận (PDF) vào hồ sơ đã công nhận của một xã/phường",
    )
    p.add_argument("--ward", required=True, metavar="MÃ")
    p.add_argument("--year", type=int, required=True, metavar="NĂM")
    p.add_argument(
        "--pdf", required=True, metavar="TỆP.pdf", help="bản quyết định đã ký (bản chụp hoặc PDF ký số)"
    )
    p.set_defaults(handler=cmd_decision)
    p = sub.add_parser(
        "annex",
        parents=[common],
        add_help=False,
        help="phụ lục quyết định công nhận: danh sách xã, phường, đặc khu đạt chuẩn (PDF)",
    )
    p.add_argument("--year", type=int, required=True, metavar="NĂM")
    p.add_argument("--out", required=True, metavar="TỆP.pdf")
    p.add_argument("--number", metavar="SỐ", help="số quyết định, ví dụ 15/QĐ-UBND")
    p.add_argument("--date", metavar="dd/mm/yyyy", help="ngày quyết định")
    p.set_defaults(handler=cmd_annex)
    p = sub.add_parser(
        "reply-import",
        parents=[common],
        add_help=False,
        help="xã/phường nhận gói trả lời của cơ quan cấp trên",
    )
    p.add_argument("--office-key", metavar="TỆP", help="đăng ký khóa công khai của cơ quan cấp trên trước")
    p.add_argument("files", nargs="*", metavar="GÓI")
    p.set_defaults(handler=cmd_reply_import)
    p = sub.add_parser(
        "reply-offers",
        parents=[common],
        add_help=False,
        help="xã/phường xem, nhận hoặc không nhận bộ tiêu chí, bảng định mức Sở gửi",
    )
    what = p.add_mutually_exclusive_group()
    what.add_argument("--accept", metavar="MÃ", help="nhận và cài tệp có mã này (cột đầu của danh sách)")
    what.add_argument("--decline", metavar="MÃ", help="không nhận tệp có mã này")
    p.set_defaults(handler=cmd_reply_offers)


def _office(paths: RuntimePaths, writes: argparse.Namespace | None = None) -> tuple[Services, OfficeService]:
    """The office's services; ``writes``: the arguments of a command that changes data, whose ``--user`` signs
    in (the office's services check the role, issue #15)."""
    from pbgdpl_desktop.cli.users import sign_in
    from pbgdpl_desktop.services.office.service import OfficeService
    from pbgdpl_desktop.services.registry import open_services

    services = open_services(paths)
    if writes is not None:
        try:
            sign_in(services, writes)
        except BaseException:
            services.ctx.db.close()
            raise
    return services, OfficeService(services.ctx, services.sync)


def cmd_wards(args: argparse.Namespace, paths: RuntimePaths) -> int:
    services, office = _office(paths)
    try:
        year = args.year or services.ctx.clock.today().year
        rows = office.missing(year, args.period) if args.missing else office.wards(year)
    finally:
        services.ctx.db.close()
    for w in rows:
        sent = (
            f"{w.bundles} gói, gần nhất {format_datetime(w.last_import)} ({w.last_file})"
            if w.bundles
            else "chưa gửi"
        )
        key = w.fingerprint if w.registered else "chưa đăng ký"
        print(f"{w.ward_code}  {w.name:<32} {w.status.label:<16} {sent}; khóa: {key}")
    what = "chưa gửi số liệu" if args.missing else "trong danh sách"
    print(f"Tổng: {len(rows)} xã/phường {what}.")
    return 0


def cmd_rollup(args: argparse.Namespace, paths: RuntimePaths) -> int:
    services, office = _office(paths)
    try:
        target = office.export_rollup(args.year, args.period, Path(args.out))
        rollup = office.rollup(args.year, args.period)
    finally:
        services.ctx.db.close()
    share = rollup.settled_share
    print(f"Đã ghi {target}")
    print(
        f"{len(rollup.wards_reporting)}/{rollup.wards_total} xã/phường có số liệu; "
        f"{rollup.total('sessions_by_form')} cuộc PBGDPL, {rollup.total('participants_by_form')} lượt người; "
        f"{rollup.cases_received} vụ việc hòa giải"
        + (f", hòa giải thành {share:.1%}".replace(".", ",") if share is not None else "")
        + "."
    )
    return 0


def cmd_reply(args: argparse.Namespace, paths: RuntimePaths) -> int:
    services, office = _office(paths, args)
    try:
        outcome = office.reply(
            args.ward,
            Path(args.out),
            year=args.year,
            by=args.by,
            rules=[Path(f) for f in args.rules],
            norms=[Path(f) for f in args.norms],
        )
    finally:
        services.ctx.db.close()
    print(outcome.message)
    print(f"Tệp: {outcome.path}")
    return 0


def cmd_decision(args: argparse.Namespace, paths: RuntimePaths) -> int:
    services, office = _office(paths, args)
    try:
        pdf = office.attach_decision_pdf(args.ward, args.year, Path(args.pdf))
    finally:
        services.ctx.db.close()
    size = f"{pdf.size:,}".replace(",", ".")
    print(
        f"Đã đính kèm quyết định {pdf.name} ({size} byte, SHA-256 {pdf.sha256[:16]}…) vào hồ sơ năm {pdf.year} "
        f"của xã/phường {args.ward}; gói trả lời tiếp theo sẽ mang tệp này."
    )
    return 0


def cmd_annex(args: argparse.Namespace, paths: RuntimePaths) -> int:
    from pbgdpl_desktop.domain.dates import parse_date
    from pbgdpl_desktop.services.office.annex import RecognitionAnnex

    decided_on = parse_date(args.date, field="date", label="Ngày quyết định") if args.date else None
    services, office = _office(paths)
    try:
        annex = RecognitionAnnex(office)
        rows = annex.proposed(args.year)
        target = annex.write_pdf(args.year, Path(args.out), number=args.number, decided_on=decided_on)
    finally:
        services.ctx.db.close()
    print(f"Đã ghi {target}")
    print(f"Phụ lục năm {args.year}: {len(rows)} xã, phường, đặc khu đạt chuẩn.")
    return 0


def cmd_reply_import(args: argparse.Namespace, paths: RuntimePaths) -> int:
    from pbgdpl_desktop.services.office.inbox import ReplyInbox
    from pbgdpl_desktop.services.registry import open_services

    services = open_services(paths)
    inbox = ReplyInbox(services.ctx)
    try:
        if args.office_key:
            print(
                f"Đã đăng ký khóa của cơ quan cấp trên; mã khóa: {inbox.register_office_key(Path(args.office_key))}"
            )
            print("Hãy đối chiếu mã khóa này với Sở Tư pháp qua điện thoại.")
        for name in args.files:
            print(inbox.import_reply(Path(name)))
    finally:
        services.ctx.db.close()
    return 0


def cmd_reply_offers(args: argparse.Namespace, paths: RuntimePaths) -> int:
    from pbgdpl_desktop.services.office.inbox import ReplyInbox
    from pbgdpl_desktop.services.registry import open_services

    services = open_services(paths)
    inbox = ReplyInbox(services.ctx)
    try:
        if args.accept or args.decline:
            wanted = args.accept or args.decline
            found = [o for o in inbox.offers(with_changes=False) if o.id.startswith(wanted)]
            if len(found) != 1:
                print(f"Không có (hoặc có nhiều hơn một) tệp Sở gửi mã “{wanted}”.")
                return 1
            if args.accept:
                print(inbox.accept_offer(found[0].id)[0])
            else:
                print(inbox.decline_offer(found[0].id))
            return 0
        offers = inbox.offers()
        for o in offers:
            print(
                f"{o.id[:8]}  {o.kind_label}: {o.name} ({o.offer_key} phiên bản {o.version}), gói trả lời số "
                f"{o.reply_seq} — {o.status_label}"
            )
            for line in o.changes:
                print(f"          {line}")
        print(f"Tổng: {len(offers)} tệp Sở gửi, {sum(o.status == 'pending' for o in offers)} chờ quyết định.")
    finally:
        services.ctx.db.close()
    return 0
