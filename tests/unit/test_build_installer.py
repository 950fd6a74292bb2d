"""build_installer.py's pruning helpers, on real files: the ELF reader on this interpreter's own extension
modules, the orphan walk on a folder of real shared libraries copied from the system."""

from __future__ import annotations

import _ssl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import build_installer

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files: Linux only")


@linux
def test_elf_needed_reads_the_libraries_an_extension_is_linked_against() -> None:
    needed = build_installer.elf_needed(Path(_ssl.__file__))
    assert needed is not None
    assert any(name.startswith("libssl.so") for name in needed)
    assert any(name.startswith("libcrypto.so") for name in needed)


def test_elf_needed_is_none_for_a_file_that_is_not_elf(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("không phải thư viện", encoding="utf-8")
    empty = tmp_path / "empty.so"
    empty.write_bytes(b"")
    assert build_installer.elf_needed(text) is None
    assert build_installer.elf_needed(empty) is None


def _system_lib(name: str) -> Path:
    for folder in ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/usr/lib"):
        path = Path(folder) / name
        if path.exists():
            return path.resolve()
    pytest.skip(f"{name} is not installed here")


@linux
@pytest.mark.parametrize("also_needed_by_a_kept_file", [False, True])
def test_prune_takes_the_libraries_only_a_pruned_plugin_needed(
    tmp_path: Path, also_needed_by_a_kept_file: bool
) -> None:
    """A "gtk3 theme plugin" (a copy of libssl) needs libcrypto: libcrypto goes with it, unless a kept file
    (another copy of libssl) needs it too."""
    folder = tmp_path / "app"
    themes = folder / "PySide6/Qt/plugins/platformthemes"
    themes.mkdir(parents=True)
    shutil.copy(_system_lib("libssl.so.3"), themes / "libqgtk3.so")
    (folder / "lib").mkdir()
    shutil.copy(_system_lib("libcrypto.so.3"), folder / "lib/libcrypto.so.3")
    (folder / "libcrypto.so.3").symlink_to(folder / "lib/libcrypto.so.3")  # as PyInstaller links Qt's
    shutil.copy(_system_lib("libz.so.1"), folder / "libz.so.1")  # needed by nobody pruned: untouched
    if also_needed_by_a_kept_file:
        shutil.copy(_system_lib("libssl.so.3"), folder / "_ssl_kept.so")

    removed = build_installer.prune(folder)

    assert not (themes / "libqgtk3.so").exists()
    assert (folder / "libz.so.1").exists()
    assert (folder / "lib/libcrypto.so.3").exists() is also_needed_by_a_kept_file
    assert (folder / "libcrypto.so.3").is_symlink() is also_needed_by_a_kept_file
    assert removed == (1 if also_needed_by_a_kept_file else 3)


@pytest.mark.parametrize("qt", ["PySide6/Qt", "PySide6"])  # Linux/macOS, Windows
def test_keep_only_leaves_the_named_image_formats_and_translations(tmp_path: Path, qt: str) -> None:
    formats = tmp_path / qt / "plugins/imageformats"
    translations = tmp_path / qt / "translations"
    formats.mkdir(parents=True)
    translations.mkdir(parents=True)
    for name in ("libqjpeg.so", "libqico.so", "libqsvg.so", "libqwebp.so", "libqtiff.so", "qjpeg.dll"):
        (formats / name).write_bytes(b"x")
    for name in ("qt_en.qm", "qtbase_en.qm", "qt_de.qm", "qtbase_fr.qm", "qtwebengine_en.qm"):
        (translations / name).write_bytes(b"x")

    build_installer.prune(tmp_path)

    assert sorted(p.name for p in formats.iterdir()) == ["libqico.so", "libqjpeg.so", "qjpeg.dll"]
    assert sorted(p.name for p in translations.iterdir()) == ["qt_en.qm", "qtbase_en.qm"]


@linux
def test_libraries_qt_opens_by_name_are_never_orphans(tmp_path: Path) -> None:
    """libavahi-client (as a pruned plugin) needs libavahi-common and libdbus-1: the first goes, libdbus-1 stays
    (Qt's D-Bus module opens it by name)."""
    themes = tmp_path / "PySide6/Qt/plugins/platformthemes"
    themes.mkdir(parents=True)
    shutil.copy(_system_lib("libavahi-client.so.3"), themes / "libqgtk3.so")
    shutil.copy(_system_lib("libavahi-common.so.3"), tmp_path / "libavahi-common.so.3")
    shutil.copy(_system_lib("libdbus-1.so.3"), tmp_path / "libdbus-1.so.3")
    doomed = build_installer._doomed(tmp_path)
    assert doomed == {themes / "libqgtk3.so"}
    assert build_installer.orphans(tmp_path, doomed) == {tmp_path / "libavahi-common.so.3"}


def test_icu_items_to_drop_keeps_vietnamese_english_root_and_shared_data() -> None:
    items = [
        "vi.res",
        "vi_VN.res",
        "en.res",
        "en_US_POSIX.res",
        "root.res",
        "de.res",
        "zh_Hant_TW.res",
        "res_index.res",
        "pool.res",
        "supplementalData.res",
        "coll/vi.res",
        "coll/ucadata.icu",
        "coll/de.res",
        "coll/de_.res",
        "coll/res_index.res",
        "curr/fr_CA.res",
        "brkitr/cjdict.dict",
        "brkitr/line.brk",
        "translit/root.res",
        "ibm-5354_P100-1998.cnv",
        "gb18030.cnv",
        "cnvalias.icu",
        "zoneinfo64.res",
        "zone/tzdbNames.res",
    ]
    assert build_installer.icu_items_to_drop(items) == [
        "de.res",
        "zh_Hant_TW.res",
        "coll/de.res",
        "coll/de_.res",
        "curr/fr_CA.res",
        "translit/root.res",
        "gb18030.cnv",
    ]


def _icu_lib() -> Path:
    import PySide6

    libs = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not libs or not all(build_installer.find_tool(t) for t in ("icupkg", "cc", "readelf")):
        pytest.skip("PySide6's ICU data or icupkg/cc/readelf are not here")
    return libs[0].resolve()


@linux
def test_trimmed_icu_data_still_sorts_and_capitalises_vietnamese(tmp_path: Path) -> None:
    """The rebuilt libicudata (a fraction of the size) loaded in place of PySide6's own: Qt's Vietnamese
    collation, case mapping and time-zone names give what the whole data gives."""
    lib = _icu_lib()
    folder = tmp_path / "app"
    folder.mkdir()
    shutil.copy(lib, folder / lib.name)
    saved = build_installer.trim_icu(folder)
    assert saved > lib.stat().st_size / 2
    probe = (
        "from PySide6.QtCore import QCollator, QLocale, QTimeZone\n"
        "vi = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)\n"
        "words = ['Đào', 'Anh', 'Ân', 'Ăn', 'Bình', 'Dũng', 'Zê', 'ơi', 'Ô', 'Ó']\n"
        "print(sorted(words, key=QCollator(vi).sortKey))\n"
        "print(vi.toUpper('đường phố ước mơ'))\n"
        "tz = QTimeZone(b'Asia/Ho_Chi_Minh')\n"
        "print(tz.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, vi))\n"
        "print([line.split()[-1] for line in open('/proc/self/maps') if 'libicudata' in line][:1])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    whole = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    env["LD_PRELOAD"] = str(folder / lib.name)
    trimmed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    assert trimmed.stdout.splitlines()[:3] == whole.stdout.splitlines()[:3]
    assert "['Anh', 'Ăn', 'Ân', 'Bình', 'Dũng', 'Đào', 'Ó', 'Ô', 'ơi', 'Zê']" in trimmed.stdout
    assert str(folder / lib.name) in trimmed.stdout  # the trimmed data was the one loaded
    assert trimmed.stderr == ""


@linux
def test_the_cups_plugin_stays_but_libcups_and_what_only_it_needs_go(tmp_path: Path) -> None:
    """libcups comes from the system: Qt's cups plugin (kept, linked against it) does not keep GnuTLS."""
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt/plugins/printsupport/libcupsprintersupport.so"
    if not plugin.exists():
        pytest.skip("PySide6 has no cups plugin here")
    printsupport = tmp_path / "PySide6/Qt/plugins/printsupport"
    printsupport.mkdir(parents=True)
    shutil.copy(plugin, printsupport / plugin.name)
    shutil.copy(_system_lib("libcups.so.2"), tmp_path / "libcups.so.2")
    shutil.copy(_system_lib("libgnutls.so.30"), tmp_path / "libgnutls.so.30")

    build_installer.prune(tmp_path)

    assert (printsupport / plugin.name).exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == []


def test_our_pyside6_run_time_hook_replaces_pyinstallers_and_imports_no_qt(tmp_path: Path) -> None:
    """PyInstaller takes the first run-time hook it finds for a module: ours is named for PySide6; run as the
    frozen app runs it, it points Qt at the bundled plugins and imports nothing of Qt."""
    import ast

    hooks = build_installer.ROOT / "resources" / "pyinstaller"
    table = ast.literal_eval((hooks / "rthooks.dat").read_text(encoding="utf-8"))
    (name,) = table["PySide6"]
    probe = (
        "import runpy, sys, os\n"
        f"sys._MEIPASS = {str(tmp_path)!r}\n"
        f"runpy.run_path({str(hooks / 'rthooks' / name)!r})\n"
        "print(os.environ['QT_PLUGIN_PATH'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_PLUGIN_PATH"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    plugins, modules = out.stdout.splitlines()
    qt = tmp_path / "PySide6" if sys.platform.startswith("win") else tmp_path / "PySide6" / "Qt"
    assert plugins == str(qt / "plugins")
    assert modules == "[]"
