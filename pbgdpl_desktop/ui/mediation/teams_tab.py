"""Tab "Tổ hòa giải": teams with their composition check (flagged, not blocked), head, members, coordination."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.mediation import CoordinationKind, TeamInput
from pbgdpl_desktop.services.mediation.dto import TeamDTO
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.mediation.common import record_table
from pbgdpl_desktop.ui.widgets import DateEdit
from pbgdpl_desktop.ui.widgets.combos import make_combo
from pbgdpl_desktop.ui.widgets.flow import FlowLayout
from pbgdpl_desktop.ui.widgets.form_dialog import FormDialog, line
from pbgdpl_desktop.ui.widgets.keys import mark_new, needs_selection
from pbgdpl_desktop.ui.widgets.tables import cell, fill_rows_with_ids, selected_id

WARN = QColor("#b3261e")


class TeamsTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.dialog: FormDialog | None = None
        self._teams: dict[str, TeamDTO] = {}
        self.table = record_table(
            self,
            ["Tên tổ", "Địa bàn", "Tổ trưởng", "Số HGV", "Nữ", "DTTS", "Thành phần"],
            "mediation_team_table",
        )
        self.add_button = QPushButton("Thêm tổ hòa giải…", self)
        mark_new(self.add_button)
        self.edit_button = QPushButton("Sửa…", self)
        self.coordination_button = QPushButton("Ghi hoạt động phối hợp…", self)
        self.delete_button = QPushButton("Xóa tổ lập nhầm", self)
        self.detail = QLabel(self)
        self.detail.setObjectName("mediation_team_detail")
        self.detail.setWordWrap(True)
        self.members = record_table(
            self, ["Hòa giải viên", "Giới tính", "Dân tộc", "Điện thoại"], "team_members"
        )
        self.coordination = record_table(
            self, ["Ngày", "Hoạt động phối hợp", "Người, cơ quan tham gia"], "team_coordination"
        )
        self._layout()
        self.add_button.clicked.connect(lambda: self.open_team_dialog(None))
        self.edit_button.clicked.connect(lambda: self.open_team_dialog(selected_id(self.table)))
        self.coordination_button.clicked.connect(self.open_coordination_dialog)
        self.delete_button.clicked.connect(self.delete_current)
        needs_selection(self.table, self.edit_button, self.coordination_button, self.delete_button)
        self.table.itemSelectionChanged.connect(self._show_detail)

    def _layout(self) -> None:
        buttons = FlowLayout()
        for button in (self.add_button, self.edit_button, self.coordination_button, self.delete_button):
            buttons.addWidget(button)
        lower = QSplitter(self)
        lower.addWidget(self.members)
        lower.addWidget(self.coordination)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.detail)
        layout.addWidget(lower, 2)

    def reload(self) -> None:
        teams = self.ui.services.mediation.teams.all()
        self._teams = {t.id: t for t in teams}
        rows = []
        for t in teams:
            status = cell(t.composition_text if t.composition_ok else "Chưa đạt")
            if not t.composition_ok:
                status.setForeground(WARN)
                status.setToolTip("\n".join(t.composition_problems))
            rows.append(
                (
                    t.id,
                    [
                        cell(t.name),
                        cell(t.area),
                        cell(t.head_name or "(chưa có)"),
                        cell(t.members_count, align_right=True),
                        cell(t.women_count, align_right=True),
                        cell(t.minority_count, align_right=True),
                        status,
                    ],
                )
            )
        fill_rows_with_ids(self.table, rows)
        self._show_detail()

    def _show_detail(self) -> None:
        team = self._teams.get(selected_id(self.table) or "")
        if team is None:
            self.detail.setText("Chọn một tổ để xem hòa giải viên và hoạt động phối hợp.")
            fill_rows_with_ids(self.members, [])
            fill_rows_with_ids(self.coordination, [])
            return
        decision = (
            f"Quyết định {team.decision_number} ngày {format_date(team.decision_date)}"
            if team.decision_number
            else "chưa ghi quyết định thành lập"
        )
        check = (
            "Thành phần đạt yêu cầu."
            if team.composition_ok
            else "Cảnh báo: " + " ".join(team.composition_problems)
        )
        self.detail.setText(f"<b>{team.name}</b> — {decision}. {check}")
        members = self.ui.services.mediation.mediators.all(team.id, include_released=False)
        fill_rows_with_ids(
            self.members,
            [
                (m.id, [cell(m.full_name), cell(m.sex.label), cell(m.ethnicity), cell(m.phone)])
                for m in members
            ],
        )
        year = self.ui.services.ctx.clock.today().year
        acts = self.ui.services.mediation.teams.coordination(year, team.id)
        fill_rows_with_ids(
            self.coordination, [(a.id, [cell(a.held_on), cell(a.kind_label), cell(a.partner)]) for a in acts]
        )

    # ------------------------------------------------------------------ dialogs
    def open_team_dialog(self, team_id: str | None) -> FormDialog | None:
        team = self._teams.get(team_id or "")
        if team_id is not None and team is None:
            return None
        self.dialog = FormDialog(
            self.ui,
            "Sửa tổ hòa giải" if team else "Thêm tổ hòa giải",
            self._team_fields(team),
            lambda v: self._save_team(team, v),
            self,
            name="mediation_team_dialog",
        )
        self.dialog.open()
        return self.dialog

    def _team_fields(self, team: TeamDTO | None) -> list[tuple[str, str, QWidget]]:
        members: list[tuple[str, Any]] = [("(chưa chọn)", None)]
        if team is not None:
            members += [
                (m.full_name, m.id)
                for m in self.ui.services.mediation.mediators.all(team.id, include_released=False)
            ]
        today = self.ui.services.ctx.clock.today()
        minority = QCheckBox("Địa bàn có đông đồng bào dân tộc thiểu số (cần hòa giải viên người DTTS)")
        minority.setChecked(bool(team and team.needs_minority))
        return [
            ("name", "Tên tổ", line(team.name if team else "", "ví dụ Tổ hòa giải tổ dân phố số 3")),
            ("area", "Địa bàn (thôn, tổ dân phố)", line(team.area if team else "")),
            ("decision_number", "Số quyết định thành lập", line(team.decision_number if team else "")),
            (
                "decision_date",
                "Ngày quyết định",
                DateEdit(team.decision_date if team and team.decision_date else today),
            ),
            ("head_mediator_id", "Tổ trưởng", make_combo(members, team.head_mediator_id if team else None)),
            ("needs_minority", "", minority),
        ]

    def _save_team(self, team: TeamDTO | None, v: dict[str, Any]) -> Changes:
        return self.ui.services.mediation.teams.save(
            TeamInput(
                name=v["name"],
                area=v["area"],
                decision_number=v["decision_number"],
                decision_date=v["decision_date"],
                established_on=team.established_on if team and team.established_on else v["decision_date"],
                head_mediator_id=v["head_mediator_id"],
                needs_minority=v["needs_minority"],
                note=team.note if team else "",
                id=team.id if team else None,
            )
        )[1]

    def open_coordination_dialog(self) -> FormDialog | None:
        team = self._teams.get(selected_id(self.table) or "")
        if team is None:
            self.ui.messages.info(self, "Hãy chọn tổ hòa giải trước.")
            return None
        fields = [
            ("held_on", "Ngày", DateEdit(self.ui.services.ctx.clock.today())),
            ("kind", "Hoạt động", make_combo([(k.label, k) for k in CoordinationKind])),
            ("partner", "Người, cơ quan tham gia", line("", "ví dụ Luật sư Trần Văn Khải; Công an phường")),
            ("description", "Nội dung", line()),
        ]

        def save(v: dict[str, Any]) -> Changes:
            return self.ui.services.mediation.teams.add_coordination(
                team.id, v["held_on"], v["kind"], v["partner"], v["description"]
            )

        self.dialog = FormDialog(
            self.ui,
            f"Hoạt động phối hợp – {team.name}",
            fields,
            save,
            self,
            name="mediation_coordination_dialog",
        )
        self.dialog.open()
        return self.dialog

    def delete_current(self) -> None:
        team = self._teams.get(selected_id(self.table) or "")
        if team is None:
            self.ui.messages.info(self, "Hãy chọn tổ hòa giải cần xóa.")
            return

        def do_delete() -> None:
            self.ui.run_action(self, lambda: self.ui.services.mediation.teams.delete(team.id))

        self.ui.messages.confirm(
            self, f"Xóa “{team.name}” (chỉ dùng khi lập nhầm)?", do_delete, yes_text="Xóa"
        )
