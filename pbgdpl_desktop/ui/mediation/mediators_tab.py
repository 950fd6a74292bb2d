"""Tab "Hòa giải viên": mediators of a team (or all), election and recognition, move, release, training,
and the membership history of the selected mediator."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.mediation import MediatorInput, ReleaseReason, Sex
from pbgdpl_desktop.services.mediation.dto import MediatorDTO
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.mediation.common import record_table, team_items
from pbgdpl_desktop.ui.widgets import DateEdit
from pbgdpl_desktop.ui.widgets.combos import fill_combo, make_combo
from pbgdpl_desktop.ui.widgets.flow import FlowLayout
from pbgdpl_desktop.ui.widgets.form_dialog import FormDialog, line, optional_int, spin
from pbgdpl_desktop.ui.widgets.keys import mark_new, needs_selection
from pbgdpl_desktop.ui.widgets.tables import cell, fill_rows_with_ids, selected_id

HEADERS = [
    "Họ và tên",
    "Giới tính",
    "Năm sinh",
    "Dân tộc",
    "Tổ hòa giải",
    "Bầu (đồng ý/hộ)",
    "Quyết định công nhận",
    "Tình trạng",
    "Tập huấn",
]


class MediatorsTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.dialog: FormDialog | None = None
        self._rows: dict[str, MediatorDTO] = {}
        self.team_filter = QComboBox(self)
        self.team_filter.setObjectName("mediator_team_filter")
        self.table = record_table(self, HEADERS, "mediator_table")
        self.add_button = QPushButton("Thêm hòa giải viên…", self)
        mark_new(self.add_button)
        self.edit_button = QPushButton("Sửa…", self)
        self.move_button = QPushButton("Chuyển tổ…", self)
        self.release_button = QPushButton("Cho thôi…", self)
        self.training_button = QPushButton("Ghi tập huấn…", self)
        self.delete_button = QPushButton("Xóa (nhập nhầm)", self)
        self.history = QLabel(self)
        self.history.setObjectName("mediator_history")
        self.history.setWordWrap(True)
        self._layout()
        self.team_filter.currentIndexChanged.connect(self.reload_list)
        self.table.itemSelectionChanged.connect(self._show_history)
        self.add_button.clicked.connect(lambda: self.open_mediator_dialog(None))
        self.edit_button.clicked.connect(lambda: self.open_mediator_dialog(selected_id(self.table)))
        self.move_button.clicked.connect(self.open_move_dialog)
        self.release_button.clicked.connect(self.open_release_dialog)
        self.training_button.clicked.connect(self.open_training_dialog)
        self.delete_button.clicked.connect(self.delete_current)
        needs_selection(
            self.table,
            self.edit_button,
            self.move_button,
            self.release_button,
            self.training_button,
            self.delete_button,
        )

    def _layout(self) -> None:
        top = FlowLayout()
        top.add_labelled("Tổ:", self.team_filter)
        for button in (
            self.add_button,
            self.edit_button,
            self.move_button,
            self.release_button,
            self.training_button,
            self.delete_button,
        ):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.history)

    def reload(self) -> None:
        fill_combo(self.team_filter, team_items(self.ui, with_all="Tất cả các tổ"))
        self.reload_list()

    def reload_list(self) -> None:
        team_id = self.team_filter.currentData()
        mediators = self.ui.services.mediation.mediators.all(team_id)
        self._rows = {m.id: m for m in mediators}
        rows = []
        for m in mediators:
            votes = f"{m.election_votes}/{m.election_households}" if m.election_households else ""
            decision = (
                f"{m.recognition_number} ngày {format_date(m.recognition_date)}" if m.recognition_date else ""
            )
            status = f"Đã thôi từ {format_date(m.release_date)}" if m.release_date else m.status_label
            rows.append(
                (
                    m.id,
                    [
                        cell(m.full_name),
                        cell(m.sex.label),
                        cell(m.birth_year),
                        cell(m.ethnicity),
                        cell(m.team_name),
                        cell(votes),
                        cell(decision),
                        cell(status),
                        cell(m.trainings, align_right=True),
                    ],
                )
            )
        fill_rows_with_ids(self.table, rows)
        self._show_history()

    def _selected(self) -> MediatorDTO | None:
        return self._rows.get(selected_id(self.table) or "")

    def _show_history(self) -> None:
        m = self._selected()
        if m is None:
            self.history.setText("Chọn một hòa giải viên để xem quá trình tham gia các tổ.")
            return
        parts = [
            f"{h.team_name}: từ {format_date(h.from_date)}"
            + (f" đến {format_date(h.to_date)}" if h.to_date else "")
            for h in self.ui.services.mediation.mediators.history(m.id)
        ]
        release = (
            f" Thôi làm hòa giải viên ngày {format_date(m.release_date)} ({m.release_reason.label}"
            f"{', QĐ ' + m.release_decision_number if m.release_decision_number else ''})."
            if m.release_date and m.release_reason
            else ""
        )
        trainings = "; ".join(
            f"{format_date(day)} {title}"
            for day, title, _ in self.ui.services.mediation.mediators.trainings(m.id)[-3:]
        )
        self.history.setText(
            f"<b>Quá trình của {m.full_name}</b>: "
            + "; ".join(parts or ["chưa thuộc tổ nào"])
            + "."
            + release
            + (f"<br>Tập huấn gần đây: {trainings}." if trainings else "")
        )

    # ------------------------------------------------------------------ dialogs
    def _open(self, dialog: FormDialog) -> FormDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_mediator_dialog(self, mediator_id: str | None) -> FormDialog | None:
        m = self._rows.get(mediator_id or "")
        if mediator_id is not None and m is None:
            return None
        return self._open(
            FormDialog(
                self.ui,
                "Sửa hòa giải viên" if m else "Thêm hòa giải viên",
                self._mediator_fields(m),
                lambda v: self._save_mediator(m, v),
                self,
                name="mediator_dialog",
                intro="Hòa giải viên phải được trên 50% đại diện hộ gia đình đồng ý.",
            )
        )

    def _mediator_fields(self, m: MediatorDTO | None) -> list[tuple[str, str, QWidget]]:
        today = self.ui.services.ctx.clock.today()
        fields: list[tuple[str, str, QWidget]] = [
            ("full_name", "Họ và tên", line(m.full_name if m else "")),
            ("sex", "Giới tính", make_combo([(s.label, s) for s in Sex], m.sex if m else None)),
            ("birth_year", "Năm sinh", spin(m.birth_year if m else None, 1899, today.year, "—")),
            ("ethnicity", "Dân tộc", line(m.ethnicity if m else "Kinh")),
            ("address", "Địa chỉ", line(m.address if m else "")),
            ("phone", "Điện thoại", line(m.phone if m else "")),
        ]
        if m is None:
            fields.append(
                ("team_id", "Tổ hòa giải", make_combo(team_items(self.ui), self.team_filter.currentData()))
            )
        return [
            *fields,
            ("election_date", "Ngày bầu", DateEdit(m.election_date if m and m.election_date else today)),
            ("election_votes", "Số hộ đồng ý", spin(m.election_votes if m else None, -1, 100_000, "—")),
            (
                "election_households",
                "Tổng số hộ",
                spin(m.election_households if m else None, -1, 100_000, "—"),
            ),
            (
                "recognition_number",
                "Số quyết định công nhận",
                line(m.recognition_number if m else "", "ví dụ 15/QĐ-UBND"),
            ),
            (
                "recognition_date",
                "Ngày công nhận",
                DateEdit(m.recognition_date if m and m.recognition_date else today),
            ),
        ]

    def _save_mediator(self, m: MediatorDTO | None, v: dict[str, Any]) -> Changes:
        recognised = bool(v["recognition_number"].strip())
        return self.ui.services.mediation.mediators.save(
            MediatorInput(
                full_name=v["full_name"],
                sex=v["sex"],
                team_id=v.get("team_id"),
                birth_year=optional_int(v["birth_year"], 1899),
                ethnicity=v["ethnicity"],
                address=v["address"],
                phone=v["phone"],
                election_date=v["election_date"],
                election_votes=optional_int(v["election_votes"], -1),
                election_households=optional_int(v["election_households"], -1),
                recognition_number=v["recognition_number"],
                recognition_date=v["recognition_date"] if recognised else None,
                note=m.note if m else "",
                id=m.id if m else None,
            )
        )[1]

    def _need_selection(self) -> MediatorDTO | None:
        m = self._selected()
        if m is None:
            self.ui.messages.info(self, "Hãy chọn hòa giải viên trước.")
        return m

    def open_move_dialog(self) -> FormDialog | None:
        m = self._need_selection()
        if m is None:
            return None
        fields = [
            (
                "team_id",
                "Chuyển sang tổ",
                make_combo([(t, i) for t, i in team_items(self.ui) if i != m.team_id]),
            ),
            ("on", "Từ ngày", DateEdit(self.ui.services.ctx.clock.today())),
        ]
        return self._open(
            FormDialog(
                self.ui,
                f"Chuyển tổ – {m.full_name}",
                fields,
                lambda v: self.ui.services.mediation.mediators.move(m.id, v["team_id"], v["on"]),
                self,
                name="mediator_move_dialog",
                intro="Quá trình ở tổ cũ được giữ lại.",
            )
        )

    def open_release_dialog(self) -> FormDialog | None:
        m = self._need_selection()
        if m is None:
            return None
        fields = [
            ("on", "Ngày cho thôi", DateEdit(self.ui.services.ctx.clock.today())),
            ("reason", "Lý do", make_combo([(r.label, r) for r in ReleaseReason])),
            ("decision", "Số quyết định cho thôi", line("", "ví dụ 20/QĐ-UBND")),
        ]
        return self._open(
            FormDialog(
                self.ui,
                f"Cho thôi làm hòa giải viên – {m.full_name}",
                fields,
                lambda v: self.ui.services.mediation.mediators.release(
                    m.id, v["on"], v["reason"], v["decision"]
                ),
                self,
                ok_text="Cho thôi",
                name="mediator_release_dialog",
                intro="Hồ sơ và lịch sử của hòa giải viên được giữ lại; người đã thôi không được phân công vụ việc mới.",
            )
        )

    def open_training_dialog(self) -> FormDialog | None:
        m = self._need_selection()
        if m is None:
            return None
        fields = [
            ("held_on", "Ngày", DateEdit(self.ui.services.ctx.clock.today())),
            ("title", "Nội dung tập huấn / tài liệu", line("", "ví dụ Tập huấn kỹ năng hòa giải")),
            (
                "kind",
                "Hình thức",
                make_combo([("Tập huấn, bồi dưỡng", "training"), ("Cấp tài liệu", "materials")]),
            ),
        ]
        return self._open(
            FormDialog(
                self.ui,
                f"Tập huấn – {m.full_name}",
                fields,
                lambda v: self.ui.services.mediation.mediators.add_training(
                    m.id, v["held_on"], v["title"], v["kind"]
                ),
                self,
                name="mediator_training_dialog",
            )
        )

    def delete_current(self) -> None:
        m = self._need_selection()
        if m is None:
            return

        def do_delete() -> None:
            self.ui.run_action(self, lambda: self.ui.services.mediation.mediators.delete(m.id))

        self.ui.messages.confirm(
            self,
            f"Xóa {m.full_name} (chỉ dùng khi nhập nhầm; người đã hòa giải thì dùng “Cho thôi”)?",
            do_delete,
            yes_text="Xóa",
        )
