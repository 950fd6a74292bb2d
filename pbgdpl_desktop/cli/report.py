"""``report`` command (filled by its issue)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the ``report`` subcommand(s) here; set ``handler(args, paths) -> int`` with set_defaults."""
