"""Command line: argument parsing and the headless commands (no Qt here; ``selftest`` and the GUI are started
by ``app.py``). Each module of this package registers its subcommands with ``register(subparsers)``."""

from __future__ import annotations

import argparse

from pbgdpl_desktop import __version__
from pbgdpl_desktop.cli import core, report, score, sync, users
from pbgdpl_desktop.cli import office as office_cli
from pbgdpl_desktop.cli import sign as sign_cli

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_KNOWN_PROBLEM, EXIT_BUG = 0, 1, 2, 3, 4


class _VietnameseParser(argparse.ArgumentParser):
    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Cách dùng:")

    def format_help(self) -> str:
        return (
            super()
            .format_help()
            .replace("usage:", "Cách dùng:")
            .replace("positional arguments:", "Tham số:")
            .replace("options:", "Tùy chọn:")
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _VietnameseParser(
        prog="pbgdpl-desktop",
        description="Phần mềm công tác Tư pháp cấp xã: PBGDPL, hòa giải ở cơ sở, kinh phí, chuẩn tiếp cận "
        "pháp luật. Không có lệnh con: mở giao diện.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="hiện trợ giúp này rồi thoát")
    parser.add_argument(
        "--version",
        action="version",
        version=f"pbgdpl-desktop {__version__}",
        help="hiện số phiên bản rồi thoát",
    )
    common = _VietnameseParser(add_help=False)
    common.add_argument("-h", "--help", action="help", help="hiện trợ giúp này rồi thoát")
    # SUPPRESS: a subcommand's --db must not reset a --db given before the subcommand.
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="tệp cơ sở dữ liệu (mặc định: <thư mục dữ liệu>/pbgdpl.db), hoặc cơ sở dữ liệu cấp trên trên máy "
        "chủ PostgreSQL: postgresql://người_dùng@máy_chủ/tên_csdl",
    )
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="thư mục dữ liệu (minh chứng, sao lưu, nhật ký)",
    )
    common.add_argument(
        "--user",
        metavar="TÊN",
        default=argparse.SUPPRESS,
        help="người dùng thực hiện lệnh (mật khẩu: biến môi trường PBGDPL_PASSWORD hoặc hỏi)",
    )
    parser.add_argument(
        "--db", metavar="PATH", help="tệp cơ sở dữ liệu (mặc định: <thư mục dữ liệu>/pbgdpl.db)"
    )
    parser.add_argument("--data-dir", metavar="DIR", help="thư mục dữ liệu (minh chứng, sao lưu, nhật ký)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="mở giao diện trên cơ sở dữ liệu mẫu <thư mục dữ liệu>/demo.db (tạo nếu chưa có)",
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_VietnameseParser)
    # every subparser: add_help=False (the Vietnamese -h comes from ``common``)
    core.register(sub, common)
    score.register(sub, common)
    report.register(sub, common)
    sync.register(sub, common)
    users.register(sub, common)
    sign_cli.register(sub, common)
    office_cli.register(sub, common)
    return parser
