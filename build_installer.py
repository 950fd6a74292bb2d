#!/usr/bin/env python3
"""Build the desktop app so a clerk can install it on Windows without Python.

    python -m pip install -e ".[build]"
    python build_installer.py [--portable] [--skip-smoke-test] [--no-setup] [--display :N] [--noarchive]

1. reads the name and version from pyproject.toml (one place);
2. runs PyInstaller (one-folder build: starts ~5× faster than one-file; stripped on Linux) with every data
   folder listed explicitly: resources/ (fonts + licences, rule files, data tables), the Alembic migrations
   (loaded from files at run time) and the compiled Designer forms; unused Qt modules and Python packages are
   excluded, then unused Qt plugins and translations are pruned with the shared libraries only they needed,
   and on Linux ICU's data is rebuilt with Vietnamese and English only (docs/performance.md §5);
3. smoke-tests the built executable against a throwaway data directory: ``demo`` (opens and migrates a new
   database, loads the rule files), ``selftest`` (builds every page offscreen), ``check``, and — when those
   commands exist — ``score`` and ``report`` writing one PDF and one XLSX; any failure or unexpected stderr
   fails the build;
4. with ``--portable`` writes ``portable.txt`` so the app keeps its data beside itself (USB stick);
5. prints the folder's size and the frozen start-up (first painted window, offscreen or on ``--display``)
   beside the same start from source, medians of 5 alternated runs (targets: ≤ 180 MB on Linux; frozen
   ≤ 1.3× source);
6. always writes the Inno Setup script ``dist/pbgdpl-desktop.iss`` (Vietnamese wizard, per-user install,
   shortcuts, an uninstaller that keeps the data folder) so it can be reviewed anywhere; on Windows, if
   ``iscc`` is on PATH, compiles it into ``dist/pbgdpl-desktop-<version>-setup.exe``; on Linux writes
   ``dist/pbgdpl-desktop-<version>-linux.tar.gz`` of the folder.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
APP = "pbgdpl-desktop"
SEP = ";" if os.name == "nt" else ":"

DATA_DIRS = {
    "resources": "resources",
    "pbgdpl_desktop/persistence/migrations": "pbgdpl_desktop/persistence/migrations",
}
# The Qt modules the app imports (grep "PySide6.Qt" pbgdpl_desktop): every other PySide6 module is excluded
# (Quick, QML, WebEngine, Multimedia, 3D, …), found in the installed PySide6 so a new Qt module is excluded too.
QT_KEEP = {"QtCore", "QtGui", "QtWidgets", "QtCharts", "QtPdf", "QtPdfWidgets", "QtPrintSupport"}
# Python packages the app never imports at run time, yet found by the analysis (build tools pulled in through
# other packages' optional paths). pkg_resources and setuptools matter most: when they are in the graph,
# PyInstaller adds run-time hooks that import them on every start (≈ 0.4 s here). pydantic comes only through
# yarl's optional pydantic support; mypy/ast_serialize through SQLAlchemy's mypy plugin.
OTHER_EXCLUDES = [
    "tkinter",
    "matplotlib",
    "numpy",
    "IPython",
    "pytest",
    "_pytest",
    "hypothesis",
    "mypy",
    "mypyc",
    "ast_serialize",
    "pkg_resources",
    "setuptools",
    "_distutils_hack",
    "distutils",
    "pip",
    "wheel",
    "pydantic",
    "pydantic_core",
    "pygments",
    "rich",
    "jinja2",
    "markdown_it",
    "mdurl",
    "pydoc_data",
    "readline",
    "curses",
    # pillow's optional codecs (and the libraries they bring: libavif, libwebp, freetype, harfbuzz, lcms2):
    # the app reads and writes PNG and JPEG only (signature images, reportlab, pyHanko stamps); pillow's
    # plugin modules import these in a try and report the format unsupported when they are missing
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingft",
    "PIL._imagingcms",
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
    # lxml: openpyxl and pikepdf use lxml.etree only
    "lxml.objectify",
    "lxml.html",
    "lxml.isoschematron",
    # the CJK codecs (the app reads and writes UTF-8; Vietnamese Windows files are cp1258, a pure-Python codec)
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_tw",
    "_codecs_iso2022",
]
# Files of the frozen folder no import needs (pruned after PyInstaller; the smoke test runs after the prune).
# Shared libraries that only the pruned files needed (GTK, cairo, pango … of Qt's gtk3 theme plugin; Wayland,
# EGLFS, Svg of the pruned platforms and image formats) are removed with them: see ``orphans``.
PRUNE = [
    "*/resources/pyinstaller",  # the build's own hooks, copied with resources/
    "**/PySide6/Qt/qml",
    "**/libQt6Quick*",
    "**/libQt6Qml*",
    "**/libQt6WebEngine*",
    "**/libQt63D*",
    "**/libQt6Multimedia*",
    "**/libQt6VirtualKeyboard*",
    "**/Qt6Quick*.dll",
    "**/Qt6Qml*.dll",
    "**/Qt6WebEngine*.dll",
    "**/Qt63D*.dll",
    "**/Qt6Multimedia*.dll",
    "**/Qt6VirtualKeyboard*.dll",
    "**/PySide6/Qt/plugins/platforminputcontexts",
    "**/PySide6/Qt/plugins/qmltooling",
    "**/PySide6/Qt/plugins/multimedia",
    "**/PySide6/Qt/plugins/wayland-*",
    "**/PySide6/Qt/plugins/egldeviceintegrations",
    "**/PySide6/Qt/plugins/generic",  # evdev/tslib input for embedded boards
    "**/PySide6/Qt/plugins/iconengines",  # SVG icons: the app has none
    "**/PySide6/Qt/plugins/tls",
    "**/PySide6/Qt/plugins/networkinformation",
    # the gtk3 theme plugin pulls GTK, GDK, cairo, pango, harfbuzz …; Qt's Fusion style does without it
    "**/PySide6/Qt/plugins/platformthemes/*gtk3*",
    # platforms: xcb (the desktop), offscreen (smoke test, CI) and minimal stay; Windows has its own
    "**/PySide6/Qt/plugins/platforms/*eglfs*",
    "**/PySide6/Qt/plugins/platforms/*minimalegl*",
    "**/PySide6/Qt/plugins/platforms/*vnc*",
    "**/PySide6/Qt/plugins/platforms/*linuxfb*",
    "**/PySide6/Qt/plugins/platforms/*vkkhrdisplay*",
    "**/PySide6/Qt/plugins/platforms/*wayland*",
    "**/PySide6/Qt/plugins/platforms/*direct2d*",
    # CUPS (Linux printing): Qt's cups plugin stays, the library comes from the system — a desktop that prints
    # has CUPS installed, and without it the plugin is skipped (print to PDF still works). Its GnuTLS, nettle,
    # gmp, p11-kit, avahi … (7.6 MB) go with it.
    "**/libcups.so.2",
]
# Folders of which only the named files stay (a name matches the file name without "lib" and suffixes):
KEEP_ONLY = {
    # image formats: PNG is built into QtGui; JPEG (signature images) and ICO (the Windows icon) stay
    "PySide6/Qt/plugins/imageformats": ("qjpeg", "qico"),
    # Qt's own translations (300+): only English and Vietnamese could ever be loaded (the app ships its own
    # qt_vi.qm in resources/i18n; PySide6 has no Vietnamese one)
    "PySide6/Qt/translations": ("qt_en", "qtbase_en", "qt_vi", "qtbase_vi"),
}
# Loaded by Qt with dlopen (not a DT_NEEDED entry): never treated as an orphan.
DLOPENED = ("libdbus-1.so",)


def qt_excludes() -> list[str]:
    import PySide6

    found = {
        p.name.split(".")[0]
        for p in Path(PySide6.__file__).parent.iterdir()
        if p.name.startswith("Qt") and p.suffix in (".so", ".pyd", ".pyi")
    }
    return sorted(f"PySide6.{name}" for name in found - QT_KEEP)


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


# Signing (#18): pyHanko and its certificate validator are imported lazily (start-up never needs them), so they
# are named here; their submodules load plugins by name, their metadata holds the version they report, and
# python-pkcs11's compiled core is found only at run time.
SIGNING_SUBMODULES = ["pyhanko", "pyhanko_certvalidator", "pkcs11", "asn1crypto", "cryptography"]
SIGNING_METADATA = ["pyHanko", "pyhanko-certvalidator", "python-pkcs11", "cryptography"]
SIGNING_HIDDEN = ["pkcs11._pkcs11", "pbgdpl_desktop.signing.keys", "pbgdpl_desktop.services.signing.service"]


def project_meta() -> tuple[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"]["name"], data["project"]["version"]


def run_pyinstaller(version: str, work: Path, *, noarchive: bool = False) -> Path:
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
        "--log-level",
        "WARN",
        # our run-time hook for PySide6 replaces PyInstaller's (which imports QtCore on every start)
        "--additional-hooks-dir",
        str(ROOT / "resources" / "pyinstaller"),
    ]
    if sys.platform.startswith("linux"):
        args.append("--strip")  # debug symbols: libpython alone 23 → 6 MB (strip breaks DLLs on Windows)
    if noarchive:
        args += ["--debug", "noarchive"]  # modules as .pyc files beside the program instead of one archive
    if os.name == "nt":
        args.append("--windowed")  # no console window for the clerk; the CLI still works from cmd
    for src, dest in DATA_DIRS.items():
        args += ["--add-data", f"{ROOT / src}{SEP}{dest}"]
    for module in HIDDEN + SIGNING_HIDDEN:
        args += ["--hidden-import", module]
    for package in SIGNING_SUBMODULES:
        args += ["--collect-submodules", package]
    for dist in SIGNING_METADATA:
        args += ["--copy-metadata", dist]
    args += ["--collect-data", "pyhanko"]
    for module in qt_excludes() + OTHER_EXCLUDES:
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
        pdf = Path(tmp) / "r.pdf"
        if "sign" in help_text and "report" in help_text:  # #18: a .p12 signature and its check, frozen
            p12 = _throwaway_p12(Path(tmp) / "ky-thu.p12", "mat-khau-thu")
            steps.append(["sign", str(pdf), "--p12", str(p12), "--out", str(Path(tmp) / "r.signed.pdf")])
            steps.append(["check-signature", str(Path(tmp) / "r.signed.pdf")])
        for step in steps:
            result = subprocess.run(
                [str(exe), "--data-dir", str(data), *step],
                capture_output=True,
                text=True,
                env=env,
                timeout=600,
                input="mat-khau-thu\n" if step[0] == "sign" else None,
            )
            print(f"smoke: {' '.join(step[:2])} → {result.returncode}")
            # a throwaway certificate is not one the check trusts: "not good" (1) with its report is expected
            allowed = (0, 1) if step[0] == "check-signature" else (0,)
            if (
                step[0] == "check-signature"
                and "Chữ ký" not in result.stdout
                and "chữ ký" not in result.stdout
            ):
                sys.exit(f"smoke test failed at {step}: no signature found\n{result.stdout}\n{result.stderr}")
            if result.returncode not in allowed or result.stderr.strip():
                sys.exit(f"smoke test failed at {step}:\n{result.stdout}\n{result.stderr}")


def _throwaway_p12(path: Path, password: str) -> Path:
    """A self-signed signing certificate in a .p12 file, for the smoke test only (cryptography, build side)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kiểm thử bản đóng gói")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), True)
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        b"signer", key, cert, None, serialization.BestAvailableEncryption(password.encode())
    )
    path.write_bytes(data)
    return path


def elf_needed(path: Path) -> list[str] | None:
    """The DT_NEEDED names of an ELF file (the libraries it is linked against), or None if it is not ELF."""
    with path.open("rb") as f:
        ident = f.read(16)
        if len(ident) < 16 or ident[:4] != b"\x7fELF" or ident[4] not in (1, 2) or ident[5] not in (1, 2):
            return None
        is64 = ident[4] == 2
        end = "<" if ident[5] == 1 else ">"
        f.seek(0x28 if is64 else 0x20)
        (shoff,) = struct.unpack(end + ("Q" if is64 else "I"), f.read(8 if is64 else 4))
        f.seek(0x3A if is64 else 0x2E)
        shentsize, shnum = struct.unpack(end + "HH", f.read(4))
        section = struct.Struct(end + ("IIQQQQIIQQ" if is64 else "IIIIIIIIII"))
        sections = []
        for i in range(shnum):
            f.seek(shoff + i * shentsize)
            sections.append(section.unpack(f.read(section.size)))
        names: list[str] = []
        entry = struct.Struct(end + ("qQ" if is64 else "iI"))
        for _n, sh_type, _fl, _a, offset, size, link, *_rest in sections:
            if sh_type != 6:  # SHT_DYNAMIC
                continue
            f.seek(offset)
            table = f.read(size)
            strtab_offset = sections[link][4]
            for tag, value in entry.iter_unpack(table[: size - size % entry.size]):
                if tag == 0:
                    break
                if tag == 1:  # DT_NEEDED
                    f.seek(strtab_offset + value)
                    raw = f.read(256)
                    names.append(raw[: raw.index(b"\0")].decode())
        return names


def _doomed(folder: Path) -> set[Path]:
    """The files (and symbolic links) that PRUNE and KEEP_ONLY remove."""
    doomed: set[Path] = set()
    for pattern in _both_layouts(PRUNE):
        for path in folder.glob(pattern):
            doomed |= set(path.rglob("*")) | {path} if path.is_dir() and not path.is_symlink() else {path}
    windows = {relative.replace("PySide6/Qt/", "PySide6/"): keep for relative, keep in KEEP_ONLY.items()}
    for relative, keep in {**KEEP_ONLY, **windows}.items():
        for base in folder.glob(f"**/{relative}"):
            doomed |= {p for p in base.iterdir() if p.name.split(".")[0].removeprefix("lib") not in keep}
    return doomed


def _both_layouts(patterns: Iterable[str]) -> list[str]:
    """Qt's files are under PySide6/Qt/ on Linux and macOS but right under PySide6/ on Windows."""
    patterns = list(patterns)
    return patterns + [p.replace("PySide6/Qt/", "PySide6/") for p in patterns if "PySide6/Qt/" in p]


def orphans(folder: Path, doomed: set[Path]) -> set[Path]:
    """Shared libraries that only ``doomed`` files need, directly or through one another: what the gtk3 theme
    plugin pulled in (GTK, cairo, pango …) goes with it. Libraries Qt opens by name (DLOPENED) stay."""
    by_name: dict[str, list[Path]] = {}
    for path in folder.rglob("*"):
        if path.is_file() or path.is_symlink():
            by_name.setdefault(path.name, []).append(path)
    cache: dict[Path, list[str]] = {}

    def needed(path: Path) -> list[str]:
        real = path.resolve()
        if real not in cache:
            cache[real] = (elf_needed(real) or []) if real.is_file() else []
        return cache[real]

    def closure(start: list[Path], gone: frozenset[str] = frozenset()) -> set[str]:
        seen: set[str] = set()
        todo = [name for path in start for name in needed(path)]
        while todo:
            name = todo.pop()
            if name in seen or name not in by_name or name in gone:
                continue
            seen.add(name)
            todo += needed(by_name[name][0])
        return seen

    candidates = closure(sorted(doomed))
    # a kept file linked against a removed library (Qt's cups plugin against libcups) does not keep what that
    # library needs: the system's copy brings its own
    gone = frozenset(name for name, paths in by_name.items() if all(p in doomed for p in paths))
    roots = [p for name, paths in by_name.items() if name not in candidates for p in paths if p not in doomed]
    kept = closure(roots, gone) | {name for name in candidates if name.startswith(DLOPENED)}
    return {path for name in candidates - kept for path in by_name[name]}


def prune(folder: Path) -> int:
    """Remove PRUNE, what KEEP_ONLY leaves out and the libraries only those needed; returns the files removed."""
    doomed = _doomed(folder)
    doomed |= orphans(folder, doomed)
    for path in sorted(doomed, key=lambda p: len(p.parts), reverse=True):
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path)
    for path in folder.rglob("*"):  # links left pointing at a removed file
        if path.is_symlink() and not path.exists():
            path.unlink()
    return len(doomed)


# ICU's data (libicudata, 32 MB: every locale, collation, converter and dictionary of ICU 73) is linked by
# QtCore. Qt uses it for collation, case mapping, text boundaries, time zones and codecs; the app runs in
# Vietnamese (English is Qt's fallback), so the data of the other locales is left out, and so are the
# transliterators and the legacy codepage converters (UTF-8/16/32, Latin-1 and ASCII are built into ICU's code;
# Windows-1258/1252 stay). The word-break dictionaries (Chinese, Thai …) stay: the root break rules name them
# and icupkg refuses to leave out an item another one names.
ICU_KEEP_LOCALES = ("root", "en", "vi")
ICU_KEEP_CONVERTERS = ("ibm-5354_", "ibm-1258_", "ibm-5348_", "ibm-1252_")
_ICU_LOCALE_ITEM = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]*)*\.res")


def icu_items_to_drop(items: list[str]) -> list[str]:
    """The items of ICU's data package (``icupkg -l`` names such as ``coll/de.res``) the app does without."""
    drop = []
    for item in items:
        tree, _, name = item.rpartition("/")
        locale = name.split(".")[0].split("_")[0]
        if tree == "translit":
            drop.append(item)
        elif name.endswith(".cnv") and not name.startswith(ICU_KEEP_CONVERTERS):
            drop.append(item)
        elif _ICU_LOCALE_ITEM.fullmatch(name) and name != "res_index.res" and locale not in ICU_KEEP_LOCALES:
            drop.append(item)
    return drop


def _icu_data(lib: Path) -> tuple[str, bytes]:
    """The ``icudtNN_dat`` symbol of libicudata and the data package it holds (read through readelf)."""
    symbols = subprocess.run(["readelf", "--dyn-syms", "-W", str(lib)], capture_output=True, text=True).stdout
    found = [line.split() for line in symbols.splitlines() if re.search(r"\bicudt\d+_dat$", line)]
    if not found:
        raise ValueError(f"{lib.name}: no icudt*_dat symbol")
    name, address, size = found[0][7], int(found[0][1], 16), int(found[0][2], 16)
    segments = subprocess.run(["readelf", "-lW", str(lib)], capture_output=True, text=True).stdout
    for line in segments.splitlines():
        parts = line.split()
        if parts[:1] == ["LOAD"]:
            offset, vaddr, filesz = int(parts[1], 16), int(parts[2], 16), int(parts[4], 16)
            if vaddr <= address < vaddr + filesz:
                with lib.open("rb") as f:
                    f.seek(address - vaddr + offset)
                    return name, f.read(size)
    raise ValueError(f"{lib.name}: {name} is in no loaded segment")


def find_tool(name: str) -> str | None:
    """A build tool on PATH, or in /usr/sbin and /sbin, where Debian puts icupkg (not on a user's PATH)."""
    found = shutil.which(name)
    if found:
        return found
    return next((str(p) for d in ("/usr/sbin", "/sbin") if (p := Path(d) / name).is_file()), None)


def trim_icu(folder: Path) -> int:
    """Rebuild libicudata with only the data the app can use (see ICU_KEEP_LOCALES); Linux only, needs
    ``icupkg`` (Debian: icu-devtools), a C compiler and readelf. Returns the bytes saved (0: left as it was)."""
    libs = [p for p in folder.rglob("libicudata.so.*") if p.is_file() and not p.is_symlink()]
    tools = {tool: find_tool(tool) for tool in ("icupkg", "cc", "readelf")}
    if not sys.platform.startswith("linux") or not libs:
        return 0
    if not all(tools.values()):
        missing = ", ".join(tool for tool, path in tools.items() if not path)
        print(f"ICU data kept whole ({missing} not found: apt install icu-devtools gcc binutils)")
        return 0
    lib = libs[0]
    before = lib.stat().st_size
    symbol, data = _icu_data(lib)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        package = symbol.removesuffix("_dat") + "l"  # icupkg wants the file named after the package: icudt73l
        full, trimmed = work / "full" / f"{package}.dat", work / f"{package}.dat"
        full.parent.mkdir()
        full.write_bytes(data)
        listing = subprocess.run(
            [str(tools["icupkg"]), "-l", str(full)], capture_output=True, text=True, check=True
        ).stdout
        (work / "drop.txt").write_text("\n".join(icu_items_to_drop(listing.split())) + "\n", encoding="ascii")
        subprocess.run(
            [str(tools["icupkg"]), "-r", str(work / "drop.txt"), str(full), str(trimmed)],
            check=True,
            capture_output=True,
        )
        (work / "data.S").write_text(
            f".section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n{symbol}:\n"
            f'.incbin "{trimmed}"\n.size {symbol}, . - {symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        built = work / lib.name
        subprocess.run(
            [
                "cc",
                "-shared",
                "-nostdlib",
                "-s",
                f"-Wl,-soname,{lib.name}",
                "-o",
                str(built),
                str(work / "data.S"),
            ],
            check=True,
        )
        shutil.copymode(lib, built)
        tmp_lib = lib.with_name(lib.name + ".new")
        shutil.copyfile(built, tmp_lib)
        shutil.copymode(lib, tmp_lib)
        os.replace(tmp_lib, lib)
    return before - lib.stat().st_size


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _start_to_paint(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    elapsed = None
    for line in proc.stdout:
        if "PBGDPL_PAINTED" in line:
            elapsed = time.perf_counter() - t0
            break
    proc.communicate(timeout=300)
    if elapsed is None:
        sys.exit(f"start-up probe failed: {' '.join(cmd[:3])} (exit {proc.returncode})")
    return elapsed


def start_up_figures(exe: Path, runs: int = 5, display: str | None = None) -> tuple[float, float]:
    """Medians of (frozen, source) launch → first painted main window on the demo, alternated; offscreen, or
    on the X server ``display`` (e.g. an Xvfb) with the xcb platform plugin the clerk's desktop uses."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": tmp, "PBGDPL_PAINT_PROBE": "paint"}
        if display:
            env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
        env.pop("PBGDPL_DATA_DIR", None)
        db = ["--data-dir", str(data), "--db", str(data / "demo.db")]
        subprocess.run([str(exe), *db, "demo"], env=env, check=True, capture_output=True)
        frozen: list[float] = []
        source: list[float] = []
        for i in range(runs):
            pair = [
                (frozen, [str(exe), *db]),
                (source, [sys.executable, "-m", "pbgdpl_desktop", *db]),
            ]
            for out, cmd in pair if i % 2 == 0 else reversed(pair):
                out.append(_start_to_paint(cmd, {**env, "PYTHONPATH": str(ROOT)}))
    return statistics.median(frozen), statistics.median(source)


# Vietnamese wizard texts (Inno Setup ships no Vietnamese.isl among its official languages)
INNO_MESSAGES = {
    "SetupAppTitle": "Cài đặt",
    "SetupWindowTitle": "Cài đặt - %1",
    "WelcomeLabel1": "Chào mừng bạn đến với trình cài đặt [name]",
    "WelcomeLabel2": "Trình cài đặt sẽ cài [name/ver] vào máy tính của bạn.%n%n"
    "Nên đóng các chương trình khác trước khi tiếp tục.",
    "ButtonBack": "< &Quay lại",
    "ButtonNext": "&Tiếp >",
    "ButtonInstall": "&Cài đặt",
    "ButtonOK": "Đồng ý",
    "ButtonCancel": "Hủy",
    "ButtonYes": "&Có",
    "ButtonNo": "&Không",
    "ButtonFinish": "&Hoàn tất",
    "ButtonBrowse": "&Chọn...",
    "WizardSelectDir": "Chọn thư mục cài đặt",
    "SelectDirDesc": "Cài [name] vào đâu?",
    "SelectDirLabel3": "Trình cài đặt sẽ cài [name] vào thư mục sau.",
    "SelectDirBrowseLabel": "Bấm Tiếp để tiếp tục. Muốn chọn thư mục khác, bấm Chọn.",
    "WizardSelectTasks": "Chọn việc cần làm thêm",
    "SelectTasksDesc": "Trình cài đặt cần làm thêm những việc nào?",
    "WizardReady": "Sẵn sàng cài đặt",
    "ReadyLabel1": "Trình cài đặt đã sẵn sàng cài [name] vào máy tính.",
    "ReadyLabel2a": "Bấm Cài đặt để bắt đầu, hoặc Quay lại để xem hay sửa các lựa chọn.",
    "WizardInstalling": "Đang cài đặt",
    "InstallingLabel": "Xin chờ trong khi [name] được cài vào máy tính.",
    "FinishedHeadingLabel": "Đã cài xong [name]",
    "FinishedLabel": "[name] đã được cài vào máy tính. Mở chương trình từ biểu tượng vừa tạo.",
    "ExitSetupTitle": "Thoát cài đặt",
    "ExitSetupMessage": "Chưa cài xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nThoát cài đặt?",
    "ConfirmUninstall": "Gỡ bỏ hoàn toàn %1? Dữ liệu của xã/phường (thư mục dữ liệu) được giữ lại.",
    "UninstalledAll": "Đã gỡ %1 khỏi máy tính. Dữ liệu của xã/phường vẫn được giữ lại.",
}


def write_inno_script(version: str, folder: Path) -> Path:
    """The Inno Setup script: per-user install (no administrator rights), Start-menu and desktop shortcuts,
    Vietnamese wizard texts; the uninstaller removes only the installed files, so the data folder (under the
    user's AppData, or ``data`` beside the program in portable mode) is kept."""
    iss = ROOT / "dist" / f"{APP}.iss"
    iss.parent.mkdir(parents=True, exist_ok=True)
    messages = "\n".join(f"{key}={value}" for key, value in INNO_MESSAGES.items())
    iss.write_text(
        rf"""; made by build_installer.py — compile on Windows with: iscc {APP}.iss
[Setup]
AppId=pbgdpl-desktop
AppName=Phần mềm Tư pháp cấp xã
AppVersion={version}
AppPublisher=Công tác Tư pháp cấp xã
DefaultDirName={{localappdata}}\Programs\{APP}
DefaultGroupName=Tư pháp cấp xã
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir={ROOT / "dist"}
OutputBaseFilename={APP}-{version}-setup
Compression=lzma2
SolidCompression=yes
UninstallDisplayName=Phần mềm Tư pháp cấp xã {version}
UninstallDisplayIcon={{app}}\{APP}.exe

[Messages]
{messages}

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình nền"; GroupDescription: "Biểu tượng:"

[Files]
Source: "{folder}\*"; DestDir: "{{app}}"; Flags: recursesubdirs ignoreversion

[Dirs]
; portable mode keeps the data beside the program: never removed by the uninstaller
Name: "{{app}}\data"; Flags: uninsneveruninstall

[Icons]
Name: "{{group}}\Tư pháp cấp xã"; Filename: "{{app}}\{APP}.exe"
Name: "{{group}}\Gỡ bỏ Tư pháp cấp xã"; Filename: "{{uninstallexe}}"
Name: "{{userdesktop}}\Tư pháp cấp xã"; Filename: "{{app}}\{APP}.exe"; Tasks: desktopicon

[Run]
Filename: "{{app}}\{APP}.exe"; Description: "Mở Phần mềm Tư pháp cấp xã"; Flags: nowait postinstall skipifsilent
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
    parser.add_argument("--noarchive", action="store_true", help="modules as .pyc files, not one archive")
    parser.add_argument("--display", help="measure the start-up on this X server (e.g. :155 of an Xvfb)")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs of each (alternated)")
    args = parser.parse_args()
    name, version = project_meta()
    print(f"{name} {version}")
    subprocess.run([sys.executable, "-m", "pbgdpl_desktop.ui.build_forms", "--check"], check=True, cwd=ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        exe = run_pyinstaller(version, Path(tmp), noarchive=args.noarchive)
    print(f"pruned {prune(exe.parent)} files Qt and the app do not need")
    saved = trim_icu(exe.parent)
    if saved:
        print(f"ICU data: {saved / 1e6:.0f} MB of other languages' data left out")
    if not args.skip_smoke_test:
        smoke_test(exe)
    if args.portable:
        (exe.parent / "portable.txt").write_text(
            "Dữ liệu được lưu trong thư mục data bên cạnh chương trình.\n", encoding="utf-8"
        )
    size = folder_size(exe.parent)
    print(f"folder: {exe.parent} — {size / 1e6:.0f} MB (target ≤ 180 MB on Linux)")
    if not args.skip_smoke_test:
        frozen, source = start_up_figures(exe, args.runs, args.display)
        print(
            f"start to first painted window: frozen {frozen:.2f} s, source {source:.2f} s, "
            f"{frozen / source:.2f}× (target ≤ 1.3×; medians of {args.runs} alternated runs, "
            f"{'offscreen' if not args.display else 'X server ' + args.display})"
        )
    iss = write_inno_script(version, exe.parent)
    print(f"Inno Setup script: {iss}")
    iscc = shutil.which("iscc")
    if os.name == "nt" and iscc and not args.no_setup:
        subprocess.run([iscc, str(iss)], check=True)
    if sys.platform.startswith("linux"):
        archive = shutil.make_archive(
            str(ROOT / "dist" / f"{APP}-{version}-linux"), "gztar", exe.parent.parent, exe.parent.name
        )
        print(f"archive: {archive}")
    print(f"done: {exe.parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
