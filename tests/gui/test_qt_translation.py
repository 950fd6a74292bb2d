"""Qt's own texts in Vietnamese (#12 §5) and file dialogs that open in the clerk's folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtPrintSupport import QPageSetupDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit, QMessageBox, QPlainTextEdit

from pbgdpl_desktop.ui import translations
from pbgdpl_desktop.ui.application import get_application
from pbgdpl_desktop.ui.widgets import files


class _Recorder(QTranslator):
    """Installed last, so Qt asks it first: it notes every (context, source) and lets ours answer."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str, str]] = set()

    def translate(self, context, source, disambiguation=None, n=-1):
        self.asked.add((context, source, disambiguation or ""))
        return None  # a null string: "not mine", the next translator answers

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def _plain(text: str) -> str:
    return text.replace("&", "").split("\t")[0]


def test_text_box_menu_and_buttons_are_vietnamese(qapp):
    get_application()
    line = QLineEdit("abc")
    menu = line.createStandardContextMenu()
    texts = [_plain(action.text()) for action in menu.actions() if not action.isSeparator()]
    assert "Dán" in texts
    assert "Sao chép" in texts
    assert "Chọn tất cả" in texts
    menu.deleteLater()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert {_plain(button.text()) for button in box.buttons()} == {"Đồng ý", "Hủy"}
    editor = QPlainTextEdit("x")
    editor_menu = editor.createStandardContextMenu()
    assert "Dán" in [_plain(action.text()) for action in editor_menu.actions()]
    editor_menu.deleteLater()


@pytest.mark.parametrize(
    "build",
    [
        "file",
        "preview",
        # a PDF printer is not a "native" one: Qt says so, and still builds the dialog a clerk meets
        pytest.param("page_setup", marks=pytest.mark.qt_log_ignore("Cannot be used on non-native printers")),
        "message",
    ],
)
def test_every_text_qt_asks_for_in_the_clerks_dialogs_is_translated(qapp, build):
    get_application()
    recorder = _Recorder()
    QCoreApplication.installTranslator(recorder)
    try:
        if build == "file":
            dialog = QFileDialog(None, "", str(Path.home()))
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        elif build == "preview":
            dialog = QPrintPreviewDialog(QPrinter())
        elif build == "page_setup":
            dialog = QPageSetupDialog(QPrinter())
        else:
            dialog = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes)
            dialog.setDetailedText("chi tiết")
    finally:
        QCoreApplication.removeTranslator(recorder)
    dialog.deleteLater()
    # page-size names ("A4", "Letter") and key names stay as printed on the paper and the keyboard
    asked = {item for item in recorder.asked if item[0] not in {"QPageSize", "QShortcut", "QGuiApplication"}}
    assert asked, "the recorder saw nothing: the test would pass without a translation"
    missing = [
        item
        for item in sorted(asked)
        if QCoreApplication.translate(item[0], item[1], item[2] or None) == item[1]
    ]
    # units, shortcuts and number patterns read the same in Vietnamese
    same_in_vietnamese = {"...", "%1%", "mm", "Alt+Left", "Alt+Right", "Alt+Up", "%p%"}
    same_in_vietnamese |= {"Cicero (CC)", "Didot (DD)", "Pica (P̸)"}  # typographic units
    untranslated = [
        f"{context}: {source!r}" for context, source, _ in missing if source not in same_in_vietnamese
    ]
    assert not untranslated, "\n".join(untranslated)


def test_committed_translation_is_compiled_from_its_source():
    assert translations.main(["--check"]) == 0


def test_file_dialogs_start_in_documents_then_in_the_last_folder(qapp, tmp_path):
    get_application()
    documents = Path.home() / "Documents"
    documents.mkdir(parents=True, exist_ok=True)
    QSettings().remove(files.LAST_FOLDER_KEY)
    assert files.start_folder() == documents
    assert Path(files.start_path("so.xlsx")) == documents / "so.xlsx"
    chosen = tmp_path / "usb" / "bao-cao.pdf"
    chosen.parent.mkdir()
    files.remember(chosen)
    assert files.start_folder() == chosen.parent
    chosen.parent.rmdir()  # the USB stick was pulled out
    assert files.start_folder() == documents
    QSettings().remove(files.LAST_FOLDER_KEY)
    assert Path.cwd() not in {files.start_folder(), Path(files.start_path())}
