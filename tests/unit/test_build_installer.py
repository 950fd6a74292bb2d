"""build_installer.py's pruning helpers, on real files: the ELF reader on this interpreter's own extension
modules, the orphan walk on a folder of real shared libraries copied from the system."""

from __future__ import annotations

import _ssl
import shutil
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


def test_keep_only_leaves_the_named_image_formats_and_translations(tmp_path: Path) -> None:
    formats = tmp_path / "PySide6/Qt/plugins/imageformats"
    translations = tmp_path / "PySide6/Qt/translations"
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
