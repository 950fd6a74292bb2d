"""File dialogs that open where the clerk works: the last folder used, else the Documents folder — never
the program's own folder (on Windows, Qt's default for an empty start directory is the working directory,
which for an installed app is ``C:\\Program Files\\…``). The last folder is remembered per user (QSettings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "files/last_folder"


def documents_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def start_folder() -> Path:
    """The folder a file dialog opens in: the last one used if it still exists, else Documents."""
    last = QSettings().value(LAST_FOLDER_KEY, "")
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember(chosen: str | Path) -> None:
    """Remember the folder of a chosen file (or a chosen folder) for the next dialog."""
    if not chosen:
        return
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    QSettings().setValue(LAST_FOLDER_KEY, str(folder))


def start_path(suggested_name: str = "") -> str:
    """Where a dialog starts: ``suggested_name`` inside :func:`start_folder` (kept as is when absolute)."""
    if suggested_name and Path(suggested_name).is_absolute():
        return suggested_name
    folder = start_folder()
    return str(folder / suggested_name) if suggested_name else str(folder)


def open_file_name(parent: QWidget | None, title: str, name_filter: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, start_path(), name_filter)
    remember(path)
    return path


def open_file_names(parent: QWidget | None, title: str, name_filter: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, start_path(), name_filter)
    if paths:
        remember(paths[0])
    return paths


def save_file_name(parent: QWidget | None, title: str, suggested_name: str, name_filter: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, start_path(suggested_name), name_filter)
    remember(path)
    return path


def existing_directory(parent: QWidget | None, title: str, current: str = "") -> str:
    start = current if current and Path(current).is_dir() else start_path()
    folder = QFileDialog.getExistingDirectory(parent, title, start)
    remember(folder)
    return folder
