"""Composition root: parse arguments, resolve paths, open and migrate the database, build the services,
then either run a headless command or start Qt. Qt is imported only when a window is needed."""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pbgdpl_desktop.cli import EXIT_BUG, EXIT_FAILED, EXIT_KNOWN_PROBLEM, build_parser
from pbgdpl_desktop.cli.core import print_error
from pbgdpl_desktop.domain.errors import DomainError

if TYPE_CHECKING:  # the runtime paths are resolved once the arguments are parsed: --help needs no service
    from pbgdpl_desktop.services.core.runtime import RuntimePaths

log = logging.getLogger("pbgdpl_desktop")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from pbgdpl_desktop.services.core.runtime import resolve_paths, setup_logging

    db_arg = args.db
    paths = resolve_paths(args.data_dir, db_arg)
    if getattr(args, "demo", False) and not args.command:
        paths = resolve_paths(args.data_dir, db_arg or (paths.data_dir / "demo.db"))
    log_file = setup_logging(paths)
    try:
        if args.command is None:
            return _run_gui(paths, demo=bool(args.demo))
        if args.command == "selftest":
            return _run_selftest(paths, args.screen, args.scale)
        return args.handler(args, paths)
    except DomainError as exc:
        # the message may name citizens: the log keeps only what kind of refusal it was
        log.warning("command %s refused: %s (field %s)", args.command, type(exc).__name__, exc.field)
        print_error(exc.message)
        return EXIT_KNOWN_PROBLEM
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # ``pbgdpl-desktop score … | head``: the reader left; not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except Exception:
        log.exception("unexpected error in command %s", args.command)
        where = f" Chi tiết đã được ghi vào {log_file}." if log_file else ""
        print_error(f"Đã xảy ra lỗi không mong muốn.{where}")
        return EXIT_BUG


def _run_gui(paths: RuntimePaths, *, demo: bool) -> int:
    problem = display_problem()
    if problem:  # before Qt: its own message is a platform-plugin trace, then an abort
        print_error(problem)
        return EXIT_KNOWN_PROBLEM
    from pbgdpl_desktop.services.core.runtime import pause_cyclic_gc

    # Qt, SQLAlchemy, the models and the services are imported and the first results built without the cyclic
    # collector; the launcher gives it back once the start has settled (#17)
    resume_gc = pause_cyclic_gc()
    try:
        from pbgdpl_desktop.ui.launcher import run_gui

        return run_gui(paths, demo=demo, on_settled=resume_gc)
    finally:
        resume_gc()


XCB_CURSOR = "libxcb-cursor.so.0"  # Qt ≥ 6.5's xcb plugin needs it; stock desktops have it, minimal ones not


def display_problem(environ: Mapping[str, str] | None = None) -> str:
    """Why a window cannot open on this Linux machine (no screen, a missing X library), in Vietnamese;
    "" when it can (and always on Windows and macOS)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM", "").split(":")[0] in (
        "offscreen",
        "minimal",
        "vnc",
    ):
        return ""
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return (
            "Không tìm thấy màn hình: máy này không có phiên đồ họa (biến DISPLAY trống), nên không mở được cửa "
            "sổ phần mềm. Hãy chạy lệnh trong một phiên đồ họa (màn hình máy, hoặc ssh -X), hoặc trên màn hình "
            'ảo: xvfb-run -s "-screen 0 1366x768x24" pbgdpl-desktop --demo. Các lệnh không cần màn hình '
            "vẫn dùng được: pbgdpl-desktop --help."
        )
    if not env.get("WAYLAND_DISPLAY") and not _library_present(XCB_CURSOR):
        return (
            f"Thiếu thư viện {XCB_CURSOR} mà Qt cần để mở cửa sổ. Hãy cài: sudo apt-get install -y "
            "libxcb-cursor0 (Debian/Ubuntu), rồi chạy lại."
        )
    return ""


def _library_present(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def _run_selftest(paths: RuntimePaths, screen: str | None, scale: float | None) -> int:
    from pbgdpl_desktop.ui.selftest import run_selftest

    return run_selftest(paths, screen, scale)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
