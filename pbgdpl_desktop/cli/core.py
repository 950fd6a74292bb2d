"""Foundation commands: demo, selftest (declared here, run by app.py), check, backup, restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pbgdpl_desktop.cli import modes
from pbgdpl_desktop.cli.users import prepare_restore, trace_restore
from pbgdpl_desktop.domain.errors import DomainError

if TYPE_CHECKING:  # the database layer is imported when a command runs, not for --help (start-up speed)
    from pbgdpl_desktop.services.core.runtime import RuntimePaths


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo", parents=[common, modes.parent()], add_help=False, help="tạo cơ sở dữ liệu mẫu của một phường"
    )
    p.add_argument("--seed", type=int, default=2026, help="hạt giống ngẫu nhiên (mặc định 2026)")
    p.set_defaults(handler=cmd_demo)
    p = sub.add_parser(
        "selftest",
        parents=[common],
        add_help=False,
        help="mở/nâng cấp CSDL, dựng cửa sổ chính ẩn, mở mọi trang",
    )
    p.add_argument(
        "--screen",
        metavar="RỘNGxCAO",
        help="trên màn hình thật: kiểm tra mọi trang và hộp thoại vừa màn hình này, trừ thanh tác vụ "
        "(ví dụ 1366x768)",
    )
    p.add_argument(
        "--scale",
        type=float,
        metavar="TỈ_LỆ",
        help="tỉ lệ phóng của Qt khi kiểm tra màn hình (ví dụ 1.25 hoặc 1.5, như Windows 125 %%, 150 %%)",
    )
    p.set_defaults(handler=None)
    p = sub.add_parser(
        "check",
        parents=[common, modes.parent()],
        add_help=False,
        help="kiểm tra toàn vẹn và lược đồ của tệp dữ liệu (chỉ đọc)",
    )
    p.set_defaults(handler=cmd_check)
    p = sub.add_parser(
        "backup",
        parents=[common, modes.parent()],
        add_help=False,
        help="sao lưu tệp dữ liệu (an toàn khi đang mở)",
    )
    p.add_argument("--out", required=True, metavar="FILE", help="tệp sao lưu sẽ tạo")
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser(
        "restore", parents=[common], add_help=False, help="khôi phục tệp dữ liệu từ bản sao lưu"
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--from", dest="source", metavar="FILE", help="tệp sao lưu")
    which.add_argument(
        "--latest",
        action="store_true",
        help="bản sao lưu gần nhất còn tốt trong <thư mục dữ liệu>/backups (kiểm tra toàn vẹn và lược đồ)",
    )
    p.set_defaults(handler=cmd_restore)


def _refuse_server(paths: RuntimePaths) -> None:
    """check, backup and restore work on a file: a server database is checked and saved with its own tools."""
    if paths.db_url is not None:
        from pbgdpl_desktop.persistence.db import SERVER_BACKUP_MESSAGE

        raise DomainError(SERVER_BACKUP_MESSAGE)


def cmd_demo(args: argparse.Namespace, paths: RuntimePaths) -> int:
    from pbgdpl_desktop.services.registry import open_services

    if args.mode == modes.OFFICE:
        raise DomainError("Dữ liệu mẫu là của một phường: không tạo trong tệp dữ liệu của cơ quan cấp trên.")
    services = modes.open_in_mode(open_services, paths, args.mode)
    try:
        if services.ward.get() is not None:
            print(f"Cơ sở dữ liệu {paths.db_path} đã có dữ liệu của một xã/phường; không thêm dữ liệu mẫu.")
            return 0
        from pbgdpl_desktop.services.demo import build_demo  # every feature's demo: only for this command

        steps = build_demo(services, seed=args.seed)
    finally:
        services.ctx.db.close()
    print(f"Đã tạo dữ liệu mẫu ({', '.join(steps)}) trong {paths.db_path}")
    return 0


def cmd_check(args: argparse.Namespace, paths: RuntimePaths) -> int:
    _refuse_server(paths)
    from pbgdpl_desktop.persistence.db import check_database

    modes.check_file(paths.db_path, args.mode)
    result = check_database(paths.db_path)
    print(f"Tệp: {paths.db_path}")
    print(f"Lược đồ: {result.revision or '—'} (bản hiện hành: {result.head})")
    if result.ok:
        print("Kết quả: tốt — không phát hiện lỗi.")
        return 0
    for problem in result.problems:
        print(f"  - {problem}")
    print(f"Kết quả: có {len(result.problems)} vấn đề.")
    return 1


def cmd_backup(args: argparse.Namespace, paths: RuntimePaths) -> int:
    _refuse_server(paths)
    from pbgdpl_desktop.persistence.db import backup_database

    if not paths.db_path.exists():
        raise DomainError(f"Không tìm thấy tệp dữ liệu {paths.db_path}.")
    modes.check_file(paths.db_path, args.mode)
    out = Path(args.out).expanduser().absolute()
    backup_database(paths.db_path, out)
    print(f"Đã sao lưu {paths.db_path} vào {out}")
    return 0


def cmd_restore(args: argparse.Namespace, paths: RuntimePaths) -> int:
    _refuse_server(paths)
    from pbgdpl_desktop.persistence.backups import newest_good_backup
    from pbgdpl_desktop.persistence.db import restore_database
    from pbgdpl_desktop.services.core.runtime import ensure_data_dir

    ensure_data_dir(paths)
    if args.latest:
        good = newest_good_backup(paths.backups_dir)
        if good is None:
            raise DomainError(f"Không có bản sao lưu nào dùng được trong {paths.backups_dir}.")
        source = good.path
        print(f"Bản sao lưu gần nhất còn tốt: {good.path.name} ({good.created_text}, {good.reason_label}).")
    else:
        source = Path(args.source)
    plain = prepare_restore(args, paths, source)  # issue #15: administrator only; encrypted copies
    safety = restore_database(plain, paths.db_path, paths.backups_dir)
    trace_restore(args, paths, source)
    if safety:
        print(f"Tệp cũ đã được sao lưu vào {safety}")
    print(f"Đã khôi phục {paths.db_path} từ {source}")
    return 0


def print_error(message: str) -> None:
    print(f"Lỗi: {message}", file=sys.stderr)
