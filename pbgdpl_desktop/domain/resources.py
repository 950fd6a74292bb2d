"""Where the shipped resources (fonts, rule files, data tables, icons) are.

Order: ``PBGDPL_RESOURCES`` env var; a frozen build's bundle dir (PyInstaller ``_MEIPASS``/resources);
the source tree's top-level ``resources/`` (development and editable installs).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    env = os.environ.get("PBGDPL_RESOURCES")
    candidates = [Path(env)] if env else []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parents[2] / "resources")
    for candidate in candidates:
        if (candidate / "data").is_dir():
            return candidate
    raise FileNotFoundError("resources/ not found: set PBGDPL_RESOURCES or reinstall the application")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
