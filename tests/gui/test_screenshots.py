"""Screenshots are written only when $PBGDPL_SCREENSHOTS asks for them, and then only into that folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from tests.helpers.qt import SCREENSHOTS, grab


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def _label(qtbot) -> QLabel:
    label = QLabel("Phường Hoàn Kiếm")
    qtbot.addWidget(label)
    label.resize(240, 40)
    return label


def test_nothing_is_written_without_the_variable(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(SCREENSHOTS, raising=False)
    monkeypatch.chdir(tmp_path)
    before = _files(tmp_path)
    assert grab(_label(qtbot), "not_asked") is None
    assert _files(tmp_path) == before


def test_the_variable_names_the_folder(qtbot, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "shots"
    monkeypatch.setenv(SCREENSHOTS, str(folder))
    path = grab(_label(qtbot), "asked")
    assert path == folder / "asked.png"
    assert path.read_bytes().startswith(b"\x89PNG") and _files(tmp_path / "shots") == {path}
