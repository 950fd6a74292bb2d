"""Composition root: parse arguments, resolve paths, open and migrate the database, build the services,
then either run a headless command or start Qt. Qt is imported only when a window is needed."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

from pbgdpl_desktop.cli import EXIT_BUG, EXIT_FAILED, EXIT_KNOWN_PROBLEM, build_parser
from pbgdpl_desktop.cli.core import print_error
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.services.core.runtime import RuntimePaths, resolve_paths, setup_logging

log = logging.getLogger("pbgdpl_desktop")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
        log.warning("command %s refused: %s", args.command, exc.message)
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
    from pbgdpl_desktop.ui.launcher import run_gui

    return run_gui(paths, demo=demo)


def _run_selftest(paths: RuntimePaths, screen: str | None, scale: float | None) -> int:
    from pbgdpl_desktop.ui.selftest import run_selftest

    return run_selftest(paths, screen, scale)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
