"""The "Bộ tiêu chí" tab: which ruleset and version the year uses, editing thresholds and points (saved as
a new local version), importing a rule file, and the days off added to the holiday calendar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.assessment import USER_HOLIDAY_KINDS
from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.dates import format_date, parse_date
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.users import Action
from pbgdpl_desktop.scoring import Ruleset
from pbgdpl_desktop.scoring.fmt import points as fmt_points
from pbgdpl_desktop.ui.assessment.common import UNCONFIRMED, short_title
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets import files
from pbgdpl_desktop.ui.widgets.combos import fill_combo, make_combo, select_data
from pbgdpl_desktop.ui.widgets.fit import scrolling
from pbgdpl_desktop.ui.widgets.flow import FlowLayout
from pbgdpl_desktop.ui.widgets.tables import cell, fill_rows, make_table

EDIT_COLUMNS = {2: "points", 3: "threshold_percent", 4: "n", 5: "days"}


class RulesTab(QWidget):
    def __init__(
        self,
        ui: UiContext,
        year_of: Callable[[], int],
        on_changed: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui, self.year_of, self.on_changed = ui, year_of, on_changed
        self.info = QLabel(self, wordWrap=True)
        self.versions = QComboBox(self)
        self.use_button = QPushButton("Dùng phiên bản này cho năm đang xem", self)
        self.import_button = QPushButton("Nhập tệp bộ tiêu chí…", self)
        self.table = make_table(
            self,
            ["Mã", "Nội dung", "Điểm", "Ngưỡng (%)", "n (n trong m)", "Số ngày", "Xác nhận"],
            name="assessment_rules",
            editable=True,
            select_rows=False,
            stretch=(1,),
        )
        self.save_button = QPushButton("Lưu thành phiên bản mới", self)
        actor = ui.services.ctx.actor  # rule files are the administrator's (the store refuses the others)
        if actor is not None and not actor.may(Action.RULES):
            for button in (self.import_button, self.save_button):
                button.setEnabled(False)
                button.setToolTip(actor.refusal_of(Action.RULES).message)
        self._layout()
        self.ruleset: Ruleset | None = None
        self.use_button.clicked.connect(self._use)
        self.import_button.clicked.connect(self._import)
        self.save_button.clicked.connect(self._save)

    def _layout(self) -> None:
        top = FlowLayout()
        top.add_labelled("Phiên bản:", self.versions)
        for w in (self.use_button, self.import_button):
            top.addWidget(w)
        bottom = QHBoxLayout()
        bottom.addWidget(
            QLabel(
                "Sửa ô Điểm / Ngưỡng / n / Số ngày rồi lưu: phần mềm giữ phiên bản cũ cho các "
                "kết quả đã lưu.",
                self,
                wordWrap=True,
            ),
            1,
        )
        bottom.addWidget(self.save_button)
        content = QWidget(self)  # the version, the table and the days off scroll together when low
        layout = QVBoxLayout(content)
        layout.addWidget(self.info)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self._holidays_box())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(content, self))

    def _holidays_box(self) -> QGroupBox:
        box = QGroupBox("Ngày nghỉ bổ sung (tính ngày làm việc cho các thời hạn)", self)
        self.days = QListWidget(box)
        self.days.setMaximumHeight(90)
        self.day_edit, self.day_name = QLineEdit(box), QLineEdit(box)
        self.day_edit.setPlaceholderText("dd/mm/yyyy")
        self.day_name.setPlaceholderText("Tên ngày nghỉ, ví dụ nghỉ bù theo thông báo của tỉnh")
        self.day_kind = make_combo([(label, key) for key, label in USER_HOLIDAY_KINDS.items()], parent=box)
        self.add_day, self.remove_day = QPushButton("Thêm", box), QPushButton("Xóa ngày đang chọn", box)
        row = FlowLayout()
        for w in (self.day_edit, self.day_name, self.day_kind, self.add_day, self.remove_day):
            row.addWidget(w)
        layout = QVBoxLayout(box)
        layout.addWidget(self.days)
        layout.addLayout(row)
        self.add_day.clicked.connect(self._add_day)
        self.remove_day.clicked.connect(self._remove_day)
        return box

    # ------------------------------------------------------------------ showing
    def reload(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset
        flags = (
            [f"⚠ {len(ruleset.unconfirmed_codes())} giá trị {UNCONFIRMED}"]
            if ruleset.unconfirmed_codes()
            else []
        )
        self.info.setText(
            f"<b>{ruleset.title}</b> — phiên bản {ruleset.version}<br>"
            + "<br>".join(ruleset.legal_basis + tuple(flags))
        )
        self.reload_versions(ruleset)
        rows = []
        for n in ruleset.nodes():
            cells = [
                (n.code, False),
                ("  " * n.path.count(".items") + n.title, False),
                (fmt_points(n.points) if n.points is not None else "", n.points is not None),
                (
                    str(float(n.threshold)).removesuffix(".0") if n.threshold is not None else "",
                    n.threshold is not None,
                ),
                (str(n.n) if n.n is not None else "", n.n is not None),
                (str(n.days) if n.days is not None else "", n.days is not None),
                ("chưa xác nhận" if n.unconfirmed else "đã xác nhận", False),
            ]
            rows.append([cell(text, editable=editable) for text, editable in cells])
        fill_rows(self.table, rows)
        self._reload_days()

    def reload_versions(self, current: Ruleset | None = None) -> None:
        fill_combo(
            self.versions,
            [
                (
                    f"{short_title(info.title)}, phiên bản {info.version}"
                    + (" (bản sửa/nhập tại máy)" if info.local else ""),
                    f"{info.id}@{info.version}",
                )
                for info in self.ui.services.assessment.rulesets.catalog()
            ],
            keep=False,
        )
        if current is not None:
            select_data(self.versions, f"{current.id}@{current.version}")

    def show_without_ruleset(self, message: str) -> None:
        """A year no ruleset covers (2025): say so and let the user pick one."""
        self.ruleset = None
        self.info.setText(
            f"<b>{message}</b><br>Chọn một bộ tiêu chí rồi bấm “Dùng phiên bản này cho năm đang xem”."
        )
        self.table.setRowCount(0)
        self.reload_versions()
        self._reload_days()

    def _reload_days(self) -> None:
        self.days.clear()
        for row in self.ui.services.holidays.days_off_added():
            self.days.addItem(
                f"{format_date(row.day)} — {row.name} ({USER_HOLIDAY_KINDS.get(row.kind, row.kind)})"
            )

    # ------------------------------------------------------------------ actions
    def edits(self) -> dict[str, dict[str, object]]:
        assert self.ruleset is not None
        out: dict[str, dict[str, object]] = {}
        for row, node in enumerate(self.ruleset.nodes()):
            for col, key in EDIT_COLUMNS.items():
                item = self.table.item(row, col)
                if item is None or not item.flags() & Qt.ItemFlag.ItemIsEditable:
                    continue
                old = {
                    "points": node.points,
                    "threshold_percent": node.threshold,
                    "n": node.n,
                    "days": node.days,
                }[key]
                text = item.text().strip().replace(",", ".")
                try:
                    value = float(text) if key in ("points", "threshold_percent") else int(text)
                except ValueError:
                    raise DomainError(f"{node.code}: “{item.text()}” không phải là số.") from None
                if old is None or float(old) != float(value):
                    out.setdefault(node.code, {})[key] = (
                        text if key in ("points", "threshold_percent") else value
                    )
        return out

    def _save(self) -> None:
        try:
            edits = self.edits()
            if not edits:
                self.ui.messages.info(self, "Chưa có giá trị nào thay đổi.")
                return
            assert self.ruleset is not None
            new = self.ui.services.assessment.rulesets.save_edits(
                self.ruleset.id, self.ruleset.version, edits
            )
        except DomainError as exc:
            self.ui.messages.error(self, exc)
            return
        self.ui.messages.info(
            self,
            f"Đã lưu {short_title(new.title)}, phiên bản {new.version}. Chọn phiên bản đó rồi bấm "
            "“Dùng phiên bản này cho năm đang xem” để chấm theo giá trị mới.",
        )
        self.reload(self.ruleset)

    def _use(self) -> None:
        data = self.versions.currentData()
        if not data:
            return
        ruleset_id, version = data.split("@")
        records = self.ui.services.assessment.records

        def use() -> Changes:
            records.open(self.year_of(), ruleset_id)
            return records.use_ruleset(self.year_of(), ruleset_id, int(version))

        if self.ui.run_action(self, use):
            self.on_changed()

    def _import(self) -> None:
        path = files.open_file_name(self, "Chọn tệp bộ tiêu chí", "Bộ tiêu chí (*.json)")
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        try:
            rs = self.ui.services.assessment.rulesets.import_file(path)
        except DomainError as exc:
            self.ui.messages.error(self, exc)
            return
        self.ui.messages.info(self, f"Đã nhập {rs.title}, phiên bản {rs.version}.")
        if self.ruleset is not None:
            self.reload(self.ruleset)

    def _add_day(self) -> None:
        def add() -> Changes:
            day = parse_date(self.day_edit.text(), label="Ngày nghỉ")
            return self.ui.services.holidays.add_day_off(
                day, self.day_name.text(), self.day_kind.currentData()
            )

        if self.ui.run_action(self, add):
            self._reload_days()
            self.on_changed()

    def _remove_day(self) -> None:
        item = self.days.currentItem()
        if item is None:
            return
        if self.ui.run_action(
            self, lambda: self.ui.services.holidays.remove_day_off(parse_date(item.text()[:10]))
        ):
            self._reload_days()
            self.on_changed()
