"""Vietnamese for Qt's own texts: the text-box context menu ("Dán"), standard dialog buttons ("Hủy"), Qt's
file, print, page-setup and print-preview dialogs, message boxes and scroll bars.

Qt ships no Vietnamese translation, so ours lives in ``resources/i18n/qt_vi.ts`` (the source, edited by hand
or in Qt Linguist) and ``qt_vi.qm`` (compiled with the ``lrelease`` that comes with PySide6; both are
committed, so the app needs no tool at run time). After editing the ``.ts`` run
``python -m pbgdpl_desktop.ui.translations``; ``--check`` exits 1 when the committed ``.qm`` is stale.
Strings Qt asks for and we do not list fall back to Qt's English."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QTranslator

from pbgdpl_desktop.domain.resources import resource

TS_NAME = "qt_vi.ts"
QM_NAME = "qt_vi.qm"


def install_qt_translation(app: QCoreApplication) -> QTranslator | None:
    """Load the compiled Vietnamese translation into ``app`` (kept alive as the app's child)."""
    translator = QTranslator(app)
    if not translator.load(str(resource("i18n", QM_NAME))):
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    return translator


def _lrelease() -> list[str]:
    package = Path(PySide6.__file__).parent
    for candidate in (package / "lrelease", package / "lrelease.exe", package / "Qt" / "bin" / "lrelease"):
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    raise FileNotFoundError("không tìm thấy lrelease của PySide6")


def compile_translation(ts_file: Path, qm_file: Path) -> None:
    subprocess.run([*_lrelease(), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ts_file, qm_file = resource("i18n", TS_NAME), resource("i18n", QM_NAME)
    if "--check" in argv:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / QM_NAME
            compile_translation(ts_file, fresh)
            if not qm_file.exists() or qm_file.read_bytes() != fresh.read_bytes():
                print(f"stale: {qm_file.name} (run python -m pbgdpl_desktop.ui.translations)")
                return 1
        return 0
    compile_translation(ts_file, qm_file)
    print(f"compiled {qm_file.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
