#!/usr/bin/env python3
"""Build the desktop app so a clerk can install it on Windows without Python.

    python -m pip install -e ".[build]"
    python build_installer.py [--portable] [--skip-smoke-test] [--no-setup]

1. reads the name and version from pyproject.toml (one place);
2. runs PyInstaller (one-folder build: starts ~5× faster than one-file) with every data folder listed
   explicitly: resources/ (fonts + licences, rule files, data tables), the Alembic migrations (loaded from
   files at run time) and the compiled Designer forms; unused Qt parts are excluded;
3. smoke-tests the built executable against a throwaway data directory: ``demo`` (opens and migrates a new
   database, loads the rule files), ``selftest`` (builds every page offscreen), ``check``, and — when those
   commands exist — ``score`` and ``report`` writing one PDF and one XLSX; any failure or unexpected stderr
   fails the build;
4. with ``--portable`` writes ``portable.txt`` so the app keeps its data beside itself (USB stick);
5. on Windows, if Inno Setup's ``iscc`` is on PATH, wraps the folder into ``dist/pbgdpl-desktop-<version>-setup.exe``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
APP = "pbgdpl-desktop"
SEP = ";" if os.name == "nt" else ":"

DATA_DIRS = {
    "resources": "resources",
    "pbgdpl_desktop/persistence/migrations": "pbgdpl_desktop/persistence/migrations",
}
EXCLUDES = [
    "PySide6.QtQuick",
    "PySide6.QtQml",
    "PySide6.QtQuickWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.Qt3DCore",
    "PySide6.QtMultimedia",
    "PySide6.QtBluetooth",
    "PySide6.QtNetworkAuth",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtVirtualKeyboard",
    "tkinter",
    "matplotlib",
    "numpy",
    "IPython",
    "pytest",
    "hypothesis",
]
HIDDEN = [
    "pbgdpl_desktop.ui.pages." + name
    for name in (
        "overview",
        "dissemination",
        "mediation",
        "finance",
        "assessment",
        "reports",
        "sync",
        "settings",
    )
]


def project_meta() -> tuple[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"]["name"], data["project"]["version"]


def run_pyinstaller(version: str, work: Path) -> Path:
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        sys.exit('PyInstaller is missing: python -m pip install -e ".[build]"')
    entry = work / "pbgdpl_desktop_entry.py"
    entry.write_text("import sys\nfrom pbgdpl_desktop.app import main\nsys.exit(main())\n", encoding="utf-8")
    args = [
        str(entry),
        "--name",
        APP,
        "--noconfirm",
        "--clean",
        "--onedir",
        "--distpath",
        str(ROOT / "dist"),
        "--workpath",
        str(work / "build"),
        "--specpath",
        str(work),
        "--paths",
        str(ROOT),
        "--collect-submodules",
        "pbgdpl_desktop",
    ]
    if os.name == "nt":
        args.append("--windowed")  # no console window for the clerk; the CLI still works from cmd
    for src, dest in DATA_DIRS.items():
        args += ["--add-data", f"{ROOT / src}{SEP}{dest}"]
    for module in HIDDEN:
        args += ["--hidden-import", module]
    for module in EXCLUDES:
        args += ["--exclude-module", module]
    print(f"building {APP} {version} …")
    pyinstaller.run(args)
    exe = ROOT / "dist" / APP / (APP + (".exe" if os.name == "nt" else ""))
    if not exe.exists():
        sys.exit(f"build failed: {exe} not found")
    return exe


def smoke_test(exe: Path) -> None:
    """Run the frozen executable like a clerk and a script would; fail on any error or stray stderr."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        db = data / "smoke.db"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        env.pop("PBGDPL_DATA_DIR", None)
        steps = [["demo", "--db", str(db)], ["selftest", "--db", str(db)], ["check", "--db", str(db)]]
        help_text = subprocess.run([str(exe), "--help"], capture_output=True, text=True, env=env).stdout
        if "score" in help_text:
            steps.append(["score", "--db", str(db), "--year", "2026", "--json"])
        if "report" in help_text:
            steps.append(
                ["report", "periodic", "--db", str(db), "--year", "2026", "--out", str(Path(tmp) / "r.pdf")]
            )
            steps.append(
                [
                    "report",
                    "statistics",
                    "--db",
                    str(db),
                    "--year",
                    "2026",
                    "--out",
                    str(Path(tmp) / "s.xlsx"),
                ]
            )
        for step in steps:
            result = subprocess.run(
                [str(exe), "--data-dir", str(data), *step],
                capture_output=True,
                text=True,
                env=env,
                timeout=600,
            )
            print(f"smoke: {' '.join(step[:2])} → {result.returncode}")
            if result.returncode != 0 or result.stderr.strip():
                sys.exit(f"smoke test failed at {step}:\n{result.stdout}\n{result.stderr}")


def write_inno_script(version: str, folder: Path) -> Path:
    iss = ROOT / "dist" / f"{APP}.iss"
    iss.write_text(
        f"""[Setup]
AppName=Phần mềm Tư pháp cấp xã
AppVersion={version}
DefaultDirName={{autopf}}\\{APP}
DefaultGroupName=Tư pháp cấp xã
OutputDir={ROOT / "dist"}
OutputBaseFilename={APP}-{version}-setup
PrivilegesRequired=lowest
Compression=lzma2
SolidCompression=yes

[Files]
Source: "{folder}\\*"; DestDir: "{{app}}"; Flags: recursesubdirs

[Icons]
Name: "{{group}}\\Tư pháp cấp xã"; Filename: "{{app}}\\{APP}.exe"
Name: "{{userdesktop}}\\Tư pháp cấp xã"; Filename: "{{app}}\\{APP}.exe"
""",
        encoding="utf-8-sig",
    )
    return iss


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--portable", action="store_true", help="keep data beside the program (portable.txt)")
    parser.add_argument("--skip-smoke-test", action="store_true")
    parser.add_argument("--no-setup", action="store_true", help="do not build the Inno Setup installer")
    args = parser.parse_args()
    name, version = project_meta()
    print(f"{name} {version}")
    subprocess.run([sys.executable, "-m", "pbgdpl_desktop.ui.build_forms", "--check"], check=True, cwd=ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        exe = run_pyinstaller(version, Path(tmp))
    if not args.skip_smoke_test:
        smoke_test(exe)
    if args.portable:
        (exe.parent / "portable.txt").write_text(
            "Dữ liệu được lưu trong thư mục data bên cạnh chương trình.\n", encoding="utf-8"
        )
    iscc = shutil.which("iscc")
    if os.name == "nt" and iscc and not args.no_setup:
        subprocess.run([iscc, str(write_inno_script(version, exe.parent))], check=True)
    print(f"done: {exe.parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
