"""Compile the Designer sources ``forms/*.ui`` into ``pbgdpl_desktop/ui/forms_generated/ui_<name>.py``.

Run ``python -m pbgdpl_desktop.ui.build_forms`` after editing a form; the generated files are committed and a
test checks that they are current. ``--check`` exits 1 when a generated file is missing or stale."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[2]
FORMS_DIR = ROOT / "forms"
OUT_DIR = Path(__file__).resolve().parent / "forms_generated"


def _uic_command() -> list[str]:
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    libexec = Path(PySide6.__file__).parent / "Qt" / "libexec" / "uic"
    return [str(libexec), "-g", "python"]


def compile_form(ui_file: Path, out_file: Path) -> None:
    subprocess.run([*_uic_command(), str(ui_file), "-o", str(out_file)], check=True)


def generated_name(ui_file: Path) -> str:
    return f"ui_{ui_file.stem}.py"


def stale_forms() -> list[str]:
    """Names of forms whose committed generated module differs from a fresh compile."""
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for ui_file in sorted(FORMS_DIR.glob("*.ui")):
            fresh = Path(tmp) / generated_name(ui_file)
            compile_form(ui_file, fresh)
            current = OUT_DIR / generated_name(ui_file)
            if not current.exists() or current.read_bytes() != fresh.read_bytes():
                stale.append(ui_file.name)
    return stale


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--check" in argv:
        stale = stale_forms()
        for name in stale:
            print(f"stale: {name}")
        return 1 if stale else 0
    OUT_DIR.mkdir(exist_ok=True)
    for ui_file in sorted(FORMS_DIR.glob("*.ui")):
        compile_form(ui_file, OUT_DIR / generated_name(ui_file))
        print(f"compiled {ui_file.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
