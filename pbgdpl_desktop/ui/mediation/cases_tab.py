"""Tab "Sổ vụ việc": the case list over SQL (PagedTableModel: filters by team, year, result, category and a
diacritic-free search), deadline reminders, and the case dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.mediation import CaseCategory, CaseOutcome
from pbgdpl_desktop.services.core.listing import ListQuery
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.mediation.case_dialog import CaseDialog
from pbgdpl_desktop.ui.mediation.common import team_items
from pbgdpl_desktop.ui.models.paged_table import Column, PagedTableModel, configure_table_view
from pbgdpl_desktop.ui.widgets import SearchBox
from pbgdpl_desktop.ui.widgets.combos import fill_combo
from pbgdpl_desktop.ui.widgets.flow import FlowLayout
from pbgdpl_desktop.ui.widgets.keys import mark_new, needs_selection
from pbgdpl_desktop.ui.widgets.record_dialog import offer_add_another


def case_columns() -> list[Column]:
    return [
        Column("number_text", "Số", sortable=False, width=70),
        Column("received_on", "Ngày tiếp nhận", "date", width=105),
        Column("team_name", "Tổ hòa giải", sortable=False, width=180),
        Column("category_label", "Lĩnh vực", width=235),
        Column("parties", "Các bên", sortable=False, width=255),
        Column("outcome_label", "Kết quả", width=250),
        Column("result_date", "Ngày kết thúc", "date", sortable=False),
    ]


class CasesTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.dialog: CaseDialog | None = None
        self.reminders = QLabel(self)
        self.reminders.setObjectName("mediation_reminders")
        self.reminders.setWordWrap(True)
        self.team_filter, self.year_filter = QComboBox(self), QComboBox(self)
        self.outcome_filter, self.category_filter = QComboBox(self), QComboBox(self)
        self.search = SearchBox(parent=self)
        self.search.setObjectName("mediation_case_search")
        self.add_button = QPushButton("Tiếp nhận vụ việc…", self)
        mark_new(self.add_button)
        self.open_button = QPushButton("Mở / cập nhật kết quả…", self)
        self.delete_button = QPushButton("Xóa", self)
        self.count_label = QLabel(self)
        self.view = QTableView(self)
        self.view.setObjectName("mediation_case_table")
        self.model = PagedTableModel(
            ui.services.mediation.cases.list_source(), case_columns(), ListQuery(), self
        )
        configure_table_view(self.view, self.model)
        self._layout()
        self._fill_filters()
        for box in (self.team_filter, self.year_filter, self.outcome_filter, self.category_filter):
            box.currentIndexChanged.connect(self.apply_filters)
        self.search.searchChanged.connect(lambda _t: self.apply_filters())
        self.add_button.clicked.connect(lambda: self.open_case(None))
        self.open_button.clicked.connect(lambda: self.open_case(self.current_id()))
        self.view.doubleClicked.connect(lambda index: self.open_case(self.model.row_id(index.row())))
        self.delete_button.clicked.connect(self.delete_current)
        needs_selection(self.view, self.open_button, self.delete_button)

    def _layout(self) -> None:
        filters = FlowLayout()
        for label, box in (
            ("Tổ:", self.team_filter),
            ("Năm:", self.year_filter),
            ("Kết quả:", self.outcome_filter),
            ("Lĩnh vực:", self.category_filter),
        ):
            filters.add_labelled(label, box)
        filters.addWidget(self.search)
        buttons = FlowLayout()
        for button in (self.add_button, self.open_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reminders)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

    def _fill_filters(self) -> None:
        this_year = self.ui.services.ctx.clock.today().year
        fill_combo(
            self.year_filter, [("Tất cả", None)] + [(str(y), y) for y in range(this_year, this_year - 8, -1)]
        )
        fill_combo(self.outcome_filter, [("Tất cả", None)] + [(o.label, o.value) for o in CaseOutcome])
        fill_combo(self.category_filter, [("Tất cả", None)] + [(c.label, c.value) for c in CaseCategory])
        self.year_filter.setCurrentIndex(1)  # the current year

    def reload(self) -> None:
        fill_combo(self.team_filter, team_items(self.ui, with_all="Tất cả các tổ"))
        self.apply_filters()
        self._show_reminders()

    def apply_filters(self) -> None:
        query = ListQuery(
            search=self.search.text(),
            sort_key=self.model.query.sort_key,
            descending=self.model.query.descending,
        )
        for key, box in (
            ("team_id", self.team_filter),
            ("year", self.year_filter),
            ("outcome", self.outcome_filter),
            ("category", self.category_filter),
        ):
            query = query.with_filter(key, box.currentData())
        self.model.set_query(query)
        count = self.model.rowCount()
        self.count_label.setText(f"{count:,} vụ việc".replace(",", "."))

    def _show_reminders(self) -> None:
        items = self.ui.services.mediation.reminders()
        if not items:
            self.reminders.setText("Không có vụ việc nào quá hạn bắt đầu hoặc kéo dài.")
            self.reminders.setStyleSheet("")
            return
        self.reminders.setStyleSheet("color: #8a4b00;")
        shown = "<br>".join(f"• {r.text}" for r in items[:5])
        more = f"<br>… và {len(items) - 5} vụ việc khác." if len(items) > 5 else ""
        self.reminders.setText(f"<b>Cần đôn đốc ({len(items)}):</b><br>{shown}{more}")

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def open_case(self, case_id: str | None) -> CaseDialog | None:
        case = None
        if case_id is not None:
            try:
                case = self.ui.services.mediation.cases.get(case_id)
            except DomainError as exc:
                self.ui.messages.error(self, exc)
                return None
        self.dialog = CaseDialog(self.ui, case, self, team_id=self.team_filter.currentData())
        if case is None:
            offer_add_another(self.dialog, lambda: self.open_case(None))
        self.dialog.open()
        return self.dialog

    def delete_current(self) -> None:
        index = self.view.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            self.ui.messages.info(self, "Hãy chọn vụ việc cần xóa.")
            return

        def do_delete() -> None:
            self.ui.run_action(self, lambda: self.ui.services.mediation.cases.delete(row.id))

        self.ui.messages.confirm(
            self,
            f"Xóa vụ việc số {row.number_text} ({row.parties}) khỏi sổ theo dõi?",
            do_delete,
            yes_text="Xóa",
        )
