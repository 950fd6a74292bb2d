"""Every dialog of the app, opened the way the clerk opens it, for the screen check (``ui/desk_check.py``).

Each opener gets the main window (its pages are built on first use), picks the first record where a dialog
edits one, and returns the dialogs it opened (a dialog opened from another comes last), or None when the
database has nothing to open it on. ``tests/gui/test_desk_dialogs.py`` fails when a QDialog class of the
package is missing here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QTableWidget

if TYPE_CHECKING:
    from pbgdpl_desktop.ui.main_window import MainWindow


@dataclass(frozen=True)
class Opened:
    dialogs: tuple[QDialog, ...]


@dataclass(frozen=True)
class DialogSpec:
    title: str
    open: Callable[[MainWindow], Opened | None]
    kind: str  # the dialog's class name (the coverage test compares these with the package's dialogs)


def _one(dialog: QDialog | None) -> Opened | None:
    return Opened((dialog,)) if dialog is not None else None


class PageNotInModeError(LookupError):
    """The dialog opens from a page the window's navigation does not have (a ward's page on an office
    database): the desk check skips it."""


def _page(window: MainWindow, key: str) -> Any:
    if all(e.key != key for e in window.entries):
        raise PageNotInModeError(key)
    return window.show_page(key)


def _select_first(table: QTableWidget) -> bool:
    if table.rowCount() == 0:
        return False
    table.selectRow(0)
    table.setCurrentCell(0, 0)
    return True


# ---------------------------------------------------------------- Phổ biến GDPL
def _session(window: MainWindow, *, edit: bool) -> Opened | None:
    tab = _page(window, "dissemination").sessions
    session_id = tab.model.row_id(0) if edit and tab.model.rowCount() else None
    if edit and session_id is None:
        return None
    return _one(tab.open_dialog(session_id))


def _attendees(window: MainWindow) -> Opened | None:
    tab = _page(window, "dissemination").sessions
    if not tab.model.rowCount():
        return None
    tab.view.selectRow(0)
    return _one(tab.open_attendees())


def _document(window: MainWindow) -> Opened | None:
    session = _page(window, "dissemination").sessions.open_dialog(None)
    return Opened((session, session.add_document()))


def _import(window: MainWindow) -> Opened | None:
    tab = _page(window, "dissemination").sessions
    path = window.ui.paths.data_dir / "kiem-tra-man-hinh-mau-so.xlsx"
    window.ui.services.dissemination.imports.export_template(path)
    return _one(tab.start_import(path))


def _task(window: MainWindow, *, edit: bool) -> Opened | None:
    tab = _page(window, "dissemination").plan
    for index in range(tab.year_combo.count()):  # the first year that has a plan (with tasks, to edit one)
        if tab.plan_id is not None and (tab.tasks or not edit):
            break
        tab.year_combo.setCurrentIndex(index)
    if tab.plan_id is None or (edit and not tab.tasks):
        return None
    if edit:
        tab.table.setCurrentCell(0, 0)
    return _one(tab.open_task(tab.tasks[0] if edit else None))


def _speaker(window: MainWindow, *, edit: bool) -> Opened | None:
    tab = _page(window, "dissemination").registry
    if edit and not _select_first(tab.table):
        return None
    return _one(tab.open_speaker(tab.current() if edit else None))


def _training(window: MainWindow) -> Opened | None:
    tab = _page(window, "dissemination").registry
    return _one(tab.open_training()) if _select_first(tab.table) else None


# ---------------------------------------------------------------- Hòa giải
def _mediation_tab(window: MainWindow, index: int) -> Any:
    page = _page(window, "mediation")
    page.show_tab(index)
    return page.tabs.widget(index)


def _team(window: MainWindow, *, edit: bool) -> Opened | None:
    tab = _mediation_tab(window, 0)
    if edit and not _select_first(tab.table):
        return None
    from pbgdpl_desktop.ui.widgets.tables import selected_id

    return _one(tab.open_team_dialog(selected_id(tab.table) if edit else None))


def _coordination(window: MainWindow) -> Opened | None:
    tab = _mediation_tab(window, 0)
    return _one(tab.open_coordination_dialog()) if _select_first(tab.table) else None


def _mediator(window: MainWindow, action: str) -> Opened | None:
    tab = _mediation_tab(window, 1)
    if action == "new":
        return _one(tab.open_mediator_dialog(None))
    if not _select_first(tab.table):
        return None
    from pbgdpl_desktop.ui.widgets.tables import selected_id

    openers = {
        "edit": lambda: tab.open_mediator_dialog(selected_id(tab.table)),
        "move": tab.open_move_dialog,
        "release": tab.open_release_dialog,
        "training": tab.open_training_dialog,
    }
    return _one(openers[action]())


def _case(window: MainWindow, *, edit: bool) -> Opened | None:
    tab = _mediation_tab(window, 2)
    tab.year_filter.setCurrentIndex(0)  # every year
    case_id = tab.model.row_id(0) if edit and tab.model.rowCount() else None
    if edit and case_id is None:
        return None
    return _one(tab.open_case(case_id))


def _fee(window: MainWindow, action: str) -> Opened | None:
    tab = _mediation_tab(window, 3)
    if not _select_first(tab.requests):
        return None
    return _one(tab.open_payment_dialog() if action == "pay" else tab.open_refuse_dialog())


# ---------------------------------------------------------------- Kinh phí, Cài đặt
def _expense(window: MainWindow, *, edit: bool) -> Opened | None:
    tab = _page(window, "finance").ledger
    tab.year_combo.setCurrentIndex(0)  # every year
    if not edit:
        return _one(tab.open_dialog(None))
    if tab.model.rowCount() == 0:
        return None
    tab.table.selectRow(0)
    return _one(tab.edit_selected())


def _first_run(window: MainWindow) -> Opened | None:
    from pbgdpl_desktop.ui.dialogs.ward_profile import FirstRunDialog

    dialog = FirstRunDialog(window.ui, window)
    dialog.open()
    return _one(dialog)


def _users_dialog(window: MainWindow, kind: str) -> Opened | None:
    from pbgdpl_desktop.ui.dialogs import users

    dialog: QDialog
    if kind == "login":
        dialog = users.LoginDialog(window.ui.services, window)
    elif kind == "first":
        dialog = users.LoginDialog(window.ui.services, window, first_run=True)
    elif kind == "users":
        dialog = users.UsersDialog(window.ui, window)
    elif kind == "privacy":
        from pbgdpl_desktop.ui.dialogs.privacy import PrivacyDialog

        dialog = PrivacyDialog(window.ui, window)
    else:
        dialog = users.AuditDialog(window.ui, window)
    dialog.open()
    return _one(dialog)


def _restore(window: MainWindow) -> Opened | None:
    from pbgdpl_desktop.ui.dialogs.backups import BackupsDialog

    dialog = BackupsDialog(window.ui, window)
    dialog.open()
    return _one(dialog)


def _deleted(window: MainWindow, module: str) -> Opened | None:
    from pbgdpl_desktop.ui.dialogs.deleted import open_deleted

    return _one(open_deleted(window.ui, module, _page(window, module)))


def _help(window: MainWindow) -> Opened | None:
    from pbgdpl_desktop.ui.dialogs.help import open_help

    return _one(open_help(window))


def _sign(window: MainWindow) -> Opened | None:
    """The sign dialog names the document in the Reports page's preview; it reads the file only to sign."""
    from pbgdpl_desktop.ui.signing.sign_dialog import SignDialog

    page: Any = _page(window, "reports")
    pdf = page.current_path or window.ui.services.ctx.data_dir / "outputs" / "van-ban-mau.pdf"
    dialog = SignDialog(window.ui, pdf, page)
    dialog.open()
    return _one(dialog)


def _check_signature(window: MainWindow) -> Opened | None:
    return _one(window.open_check_signature())


def _annex(window: MainWindow) -> Opened | None:
    """The recognition annex of the office's roll-up page; on a ward's database the same dialog, which then
    says it needs the office's database."""
    if any(e.key == "office_rollup" for e in window.entries):
        page: Any = window.show_page("office_rollup")
        return _one(page.open_annex())
    from pbgdpl_desktop.ui.office.rollup import AnnexDialog
    from pbgdpl_desktop.ui.widgets.record_dialog import delete_when_closed

    dialog = AnnexDialog(window.ui, window.ui.services.ctx.clock.today().year, window)
    delete_when_closed(dialog)
    dialog.open()
    return _one(dialog)


DIALOGS: tuple[DialogSpec, ...] = (
    DialogSpec("Thêm buổi phổ biến pháp luật", lambda w: _session(w, edit=False), "SessionDialog"),
    DialogSpec("Sửa buổi phổ biến pháp luật", lambda w: _session(w, edit=True), "SessionDialog"),
    DialogSpec("Thêm văn bản vào danh mục", _document, "DocumentDialog"),
    DialogSpec("Người tham dự buổi phổ biến", _attendees, "AttendeesDialog"),
    DialogSpec("Nhập sổ PBGDPL từ Excel", _import, "ImportDialog"),
    DialogSpec("Thêm nhiệm vụ", lambda w: _task(w, edit=False), "TaskDialog"),
    DialogSpec("Sửa nhiệm vụ", lambda w: _task(w, edit=True), "TaskDialog"),
    DialogSpec("Thêm báo cáo viên, tuyên truyền viên", lambda w: _speaker(w, edit=False), "SpeakerDialog"),
    DialogSpec("Sửa báo cáo viên, tuyên truyền viên", lambda w: _speaker(w, edit=True), "SpeakerDialog"),
    DialogSpec("Thêm lượt tập huấn", _training, "TrainingDialog"),
    DialogSpec("Thêm tổ hòa giải", lambda w: _team(w, edit=False), "FormDialog"),
    DialogSpec("Sửa tổ hòa giải", lambda w: _team(w, edit=True), "FormDialog"),
    DialogSpec("Hoạt động phối hợp", _coordination, "FormDialog"),
    DialogSpec("Thêm hòa giải viên", lambda w: _mediator(w, "new"), "FormDialog"),
    DialogSpec("Sửa hòa giải viên", lambda w: _mediator(w, "edit"), "FormDialog"),
    DialogSpec("Chuyển tổ", lambda w: _mediator(w, "move"), "FormDialog"),
    DialogSpec("Cho thôi làm hòa giải viên", lambda w: _mediator(w, "release"), "FormDialog"),
    DialogSpec("Tập huấn hòa giải viên", lambda w: _mediator(w, "training"), "FormDialog"),
    DialogSpec("Tiếp nhận vụ việc mới", lambda w: _case(w, edit=False), "CaseDialog"),
    DialogSpec("Sửa vụ việc", lambda w: _case(w, edit=True), "CaseDialog"),
    DialogSpec("Ghi đã chi thù lao", lambda w: _fee(w, "pay"), "FormDialog"),
    DialogSpec("Từ chối đề nghị chi thù lao", lambda w: _fee(w, "refuse"), "FormDialog"),
    DialogSpec("Thêm khoản chi", lambda w: _expense(w, edit=False), "ExpenseDialog"),
    DialogSpec("Sửa khoản chi", lambda w: _expense(w, edit=True), "ExpenseDialog"),
    DialogSpec("Thiết lập ban đầu", _first_run, "FirstRunDialog"),
    DialogSpec("Khôi phục từ bản sao lưu", _restore, "BackupsDialog"),
    DialogSpec("Đăng nhập", lambda w: _users_dialog(w, "login"), "LoginDialog"),
    DialogSpec("Tạo tài khoản quản trị", lambda w: _users_dialog(w, "first"), "LoginDialog"),
    DialogSpec("Người dùng và vai trò", lambda w: _users_dialog(w, "users"), "UsersDialog"),
    DialogSpec("Nhật ký: ai đã làm gì", lambda w: _users_dialog(w, "audit"), "AuditDialog"),
    DialogSpec("Dữ liệu cá nhân", lambda w: _users_dialog(w, "privacy"), "PrivacyDialog"),
    DialogSpec("Hướng dẫn sử dụng", _help, "HelpDialog"),
    DialogSpec("Ký số văn bản", _sign, "SignDialog"),
    DialogSpec("Kiểm tra chữ ký số", _check_signature, "CheckSignatureDialog"),
    DialogSpec("Đã xóa — Phổ biến GDPL", lambda w: _deleted(w, "dissemination"), "DeletedDialog"),
    DialogSpec("Đã xóa — Hòa giải", lambda w: _deleted(w, "mediation"), "DeletedDialog"),
    DialogSpec("Đã xóa — Kinh phí", lambda w: _deleted(w, "finance"), "DeletedDialog"),
    DialogSpec("Phụ lục quyết định công nhận", _annex, "AnnexDialog"),
)
