"""The log of dissemination sessions: filters + one search box over a PagedTableModel (SQL paging, 1M rows)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import DISSEMINATION, Changes
from pbgdpl_desktop.domain.dissemination import DisseminationForm, TargetGroup
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.text import natural_key
from pbgdpl_desktop.services.core.listing import ListQuery
from pbgdpl_desktop.services.dissemination.sessions import SEARCH_CAP
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.dissemination.attendees_dialog import AttendeesDialog
from pbgdpl_desktop.ui.models.paged_table import Column, PagedTableModel, configure_table_view
from pbgdpl_desktop.ui.widgets import SearchBox, files
from pbgdpl_desktop.ui.widgets.combos import fill_combo, make_combo
from pbgdpl_desktop.ui.widgets.flow import FlowLayout
from pbgdpl_desktop.ui.widgets.keys import mark_new, needs_selection
from pbgdpl_desktop.ui.widgets.record_dialog import offer_add_another


def _form(value: DisseminationForm | None) -> str:
    return value.label if value else ""


def _groups(value: tuple[TargetGroup, ...]) -> str:
    return ", ".join(g.label for g in value or ())


def session_columns() -> list[Column]:
    return [
        Column("held_on", "Ngày", "date", width=90),
        Column("title", "Tiêu đề, nội dung", sortable=False, width=300),  # found by search, not sorted
        Column("form", "Hình thức", formatter=_form, width=190),
        Column("place", "Địa điểm", sortable=False, width=170),
        Column("residential_group", "Tổ dân phố/thôn", sortable=False, width=110),
        Column("target_groups", "Đối tượng", sortable=False, formatter=_groups, width=170),
        Column("attendance_total", "Số người", "int", width=70),
        Column("speakers_text", "Người trình bày", sortable=False, width=170),
        Column("laws_text", "Văn bản pháp luật", sortable=False),
    ]


class SessionListTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.source = ui.services.dissemination.sessions.list_source()
        year = ui.services.ctx.clock.today().year
        self.year_combo = make_combo(
            [("Mọi năm", None)] + [(f"Năm {y}", y) for y in range(year, year - 8, -1)]
        )
        self.month_combo = make_combo([("Cả năm", None)] + [(f"Tháng {m}", m) for m in range(1, 13)])
        self.form_combo = make_combo(
            [("Mọi hình thức", None)] + [(f.label, f.value) for f in DisseminationForm]
        )
        self.group_combo = make_combo([("Mọi đối tượng", None)] + [(g.display, g.value) for g in TargetGroup])
        self.residential_combo = make_combo([("Mọi tổ dân phố/thôn", None)])
        self.task_combo = make_combo([("Mọi nhiệm vụ", None)])
        self.search = SearchBox("Tìm theo tiêu đề, địa điểm, người trình bày, văn bản (không cần dấu)…")
        self.count_label = QLabel()
        self.add_button = QPushButton("Thêm buổi…")
        mark_new(self.add_button)
        self.edit_button = QPushButton("Sửa…")
        self.delete_button = QPushButton("Xóa")
        self.attendees_button = QPushButton("Người tham dự…")
        self.attendees_button.setToolTip("Danh sách người tham dự buổi đang chọn (để in giấy chứng nhận)")
        self.template_button = QPushButton("Xuất tệp mẫu Excel…")
        self.import_button = QPushButton("Nhập từ Excel…")
        self.model = PagedTableModel(self.source, session_columns(), ListQuery(), self)
        self.view = QTableView(self)
        self.view.setObjectName("dissemination_sessions_view")
        configure_table_view(self.view, self.model)
        self._layout()
        self._connect()
        self.reload_choices()
        self._update_count()

    def _layout(self) -> None:
        filters = FlowLayout()
        for widget in (
            self.year_combo,
            self.month_combo,
            self.form_combo,
            self.group_combo,
            self.residential_combo,
            self.task_combo,
        ):
            filters.addWidget(widget)
        actions = FlowLayout()
        actions.addWidget(self.search)
        for button in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.attendees_button,
            self.template_button,
            self.import_button,
        ):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

    def _connect(self) -> None:
        for key, combo in (
            ("year", self.year_combo),
            ("month", self.month_combo),
            ("form", self.form_combo),
            ("target_group", self.group_combo),
            ("residential_group", self.residential_combo),
            ("plan_task_id", self.task_combo),
        ):
            combo.currentIndexChanged.connect(lambda _i, k=key, c=combo: self.set_filter(k, c.currentData()))
        self.search.searchChanged.connect(self.set_search)
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.attendees_button.clicked.connect(self.open_attendees)
        needs_selection(self.view, self.edit_button, self.delete_button, self.attendees_button)
        self.view.doubleClicked.connect(lambda index: self.open_dialog(self.model.row_id(index.row())))
        self.template_button.clicked.connect(self._choose_template_path)
        self.import_button.clicked.connect(self._choose_import_file)

    # ------------------------------------------------------------------ query
    def set_filter(self, key: str, value: Any) -> None:
        self.model.set_query(self.model.query.with_filter(key, value))
        self._update_count()

    def set_search(self, text: str) -> None:
        self.model.set_query(self.model.query.with_search(text))
        self._update_count()

    def _update_count(self) -> None:
        if self.model.error:
            self.count_label.setText(f"Không đọc được danh sách: {self.model.error}")
            return
        n = self.model.rowCount()
        text = f"{n:,} buổi".replace(",", ".")
        if self.source.capped(self.model.query):
            text = (
                f"Hơn {SEARCH_CAP:,} buổi khớp; đang hiển thị {SEARCH_CAP:,} buổi mới nhất — "
                "gõ thêm từ để thu hẹp."
            ).replace(",", ".")
        self.count_label.setText(text)

    def reload_choices(self) -> None:
        services = self.ui.services.dissemination
        groups = sorted(services.sessions.residential_groups(), key=natural_key)
        fill_combo(
            self.residential_combo, [("Mọi tổ dân phố/thôn", None), *((name, name) for name in groups)]
        )
        tasks = services.plans.tasks_of_year(self.ui.services.ctx.clock.today().year)
        fill_combo(self.task_combo, [("Mọi nhiệm vụ", None), *((task.data.title, task.id) for task in tasks)])

    def refresh(self, changes: Changes) -> None:
        if DISSEMINATION in changes:
            self.model.invalidate()
            self.reload_choices()
            self._update_count()

    # ------------------------------------------------------------------ actions
    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def open_dialog(self, session_id: str | None) -> Any:
        from pbgdpl_desktop.ui.dissemination.session_dialog import SessionDialog

        try:
            dto = self.ui.services.dissemination.sessions.get(session_id) if session_id else None
        except DomainError as exc:
            self.ui.messages.error(self, exc)
            return None
        dialog = SessionDialog(self.ui, dto, self)
        if dto is None:
            offer_add_another(dialog, lambda: self.open_dialog(None))
        dialog.open()
        return dialog

    def open_attendees(self) -> AttendeesDialog | None:
        session_id = self.current_id()
        if session_id is None:
            return None
        try:
            session = self.ui.services.dissemination.sessions.get(session_id)
        except DomainError as exc:
            self.ui.messages.error(self, exc)
            return None
        dialog = AttendeesDialog(self.ui, session, self)
        dialog.open()
        return dialog

    def edit_current(self) -> None:
        session_id = self.current_id()
        if session_id is None:
            self.ui.messages.info(self, "Hãy chọn một buổi trong danh sách.")
            return
        self.open_dialog(session_id)

    def delete_current(self) -> None:
        index = self.view.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            self.ui.messages.info(self, "Hãy chọn một buổi trong danh sách.")
            return

        def do_delete() -> None:
            self.ui.run_action(self, lambda: self.ui.services.dissemination.sessions.delete(row.id))

        self.ui.messages.confirm(
            self,
            f"Xóa buổi “{row.title}” ngày {row.held_on:%d/%m/%Y}? Bản ghi được giữ lại trong lịch sử "
            "đồng bộ nhưng không còn trong sổ và thống kê.",
            do_delete,
            yes_text="Xóa",
        )

    def _choose_template_path(self) -> None:
        path = files.save_file_name(self, "Lưu tệp mẫu", "mau_so_PBGDPL.xlsx", "Tệp Excel (*.xlsx)")
        if path:
            self.export_template(Path(path))

    def export_template(self, path: Path) -> None:
        try:
            saved = self.ui.services.dissemination.imports.export_template(path)
        except DomainError as exc:
            self.ui.messages.error(self, exc)
            return
        self.ui.messages.info(self, f"Đã lưu tệp mẫu: {saved}")

    def _choose_import_file(self) -> None:
        path = files.open_file_name(
            self, "Chọn sổ PBGDPL (Excel, LibreOffice)", "Sổ PBGDPL (*.xlsx *.ods *.csv)"
        )
        if path:
            self.start_import(Path(path))

    def start_import(self, path: Path) -> Any:
        from pbgdpl_desktop.ui.dissemination.import_dialog import ImportDialog

        dialog = ImportDialog(self.ui, self)
        dialog.load(path)
        dialog.open()
        return dialog
