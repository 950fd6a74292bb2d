"""One case of the Sổ theo dõi hoạt động hòa giải (Designer form: forms/mediation_case.ui).

Refusals (dates out of order, duplicate number, a released mediator on a new case…) come back from the
service as Vietnamese messages and the dialog keeps everything typed. The start-deadline warning is shown
on the form, not blocking."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHeaderView,
    QWidget,
)

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.mediation import (
    CaseCategory,
    CaseInput,
    CaseOrigin,
    CaseOutcome,
    PartyInput,
    PartyRole,
    StartException,
    started_late,
)
from pbgdpl_desktop.services.mediation.dto import CaseDTO
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.forms_generated.ui_mediation_case import Ui_CaseForm
from pbgdpl_desktop.ui.mediation.common import team_items
from pbgdpl_desktop.ui.widgets import EvidenceList
from pbgdpl_desktop.ui.widgets.checklists import checked_values, fill_checklist
from pbgdpl_desktop.ui.widgets.combos import current_member, fill_combo, make_combo, select_data
from pbgdpl_desktop.ui.widgets.fit import two_columns
from pbgdpl_desktop.ui.widgets.record_dialog import frame_record_dialog, place_evidence
from pbgdpl_desktop.ui.widgets.sync_status import add_sync_status
from pbgdpl_desktop.ui.widgets.tables import cell


class CaseDialog(QDialog):
    saved = Signal(object)

    def __init__(
        self,
        ui: UiContext,
        case: CaseDTO | None = None,
        parent: QWidget | None = None,
        team_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui, self.case = ui, case
        self._assigned_follows = case is None or case.assigned_on in (None, case.received_on)
        self.setWindowTitle(
            f"Vụ việc số {case.number_text} – {case.team_name}" if case else "Tiếp nhận vụ việc mới"
        )
        self.setObjectName("mediation_case_dialog")
        self.body = QWidget(self)
        self.form = Ui_CaseForm()
        self.form.setupUi(self.body)
        self.evidence = EvidenceList(ui, "mediation_case", self.body)
        place_evidence(self.form.result_layout, self.form.evidence_placeholder, self.evidence)
        self.save_button = frame_record_dialog(self, [self.body], self.submit)
        two_columns(self, self.form.main_layout)
        self._setup(team_id)
        if case is not None:
            self._load(case)
            add_sync_status(ui, self, "mediation_case", case.id)
        self._outcome_changed()
        self.resize(1060, 700)

    # ------------------------------------------------------------------ setup
    def _setup(self, team_id: str | None) -> None:
        f = self.form
        today = self.ui.services.ctx.clock.today()
        fill_combo(f.team_combo, team_items(self.ui), keep=False)
        if team_id:
            select_data(f.team_combo, team_id)
        fill_combo(f.origin_combo, [(o.label, o) for o in CaseOrigin], keep=False)
        fill_combo(f.category_combo, [(c.label, c) for c in CaseCategory], keep=False)
        fill_combo(f.outcome_combo, [(o.label, o) for o in CaseOutcome], keep=False)
        # Luật HGCS Art. 20.2: a start later than 03 days is lawful when immediate or at the parties' time
        self.exception_combo = f.exception_combo
        fill_combo(self.exception_combo, [(e.label, e) for e in StartException], keep=False)
        select_data(self.exception_combo, StartException.NONE)
        self.agreed_edit = f.agreed_edit
        self.agreed_edit.check.setText("ngày các bên thỏa thuận")
        self.exception_combo.currentIndexChanged.connect(lambda _i: self._show_deadline())
        self.agreed_edit.check.toggled.connect(lambda _b: self._show_deadline())
        self.agreed_edit.edit.dateChanged.connect(lambda _d: self._show_deadline())
        for edit in (f.received_edit, f.assigned_edit, f.started_edit, f.result_edit):
            edit.set_date(today)
        # the header texts live here, not in the .ui: uic's code for them does not type-check
        f.parties_table.setHorizontalHeaderLabels(["Vai trò", "Họ và tên", "Năm sinh", "Địa chỉ"])
        header = f.parties_table.horizontalHeader()
        f.parties_table.setColumnWidth(0, 150)
        f.parties_table.setColumnWidth(2, 70)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        f.parties_table.verticalHeader().setVisible(False)
        self._fill_mediators(set())
        f.add_party_button.clicked.connect(lambda: self.add_party(PartyInput("")))
        f.remove_party_button.clicked.connect(self._remove_party)
        f.outcome_combo.currentIndexChanged.connect(self._outcome_changed)
        f.team_combo.currentIndexChanged.connect(
            lambda _i: self._fill_mediators(set(checked_values(self.form.mediators_list)))
        )
        f.started_check.toggled.connect(self._outcome_changed)
        f.received_edit.dateChanged.connect(self._received_changed)
        f.assigned_edit.dateChanged.connect(self._assigned_changed)
        f.started_edit.dateChanged.connect(self._show_deadline)
        if self.case is None:
            self.add_party(PartyInput(""))
            self.add_party(PartyInput(""))

    def _fill_mediators(self, checked: set[str]) -> None:
        """Active mediators (any team: a team may invite another's mediator) plus those already on the case;
        the ticked ones first, then the mediators of the chosen team."""
        team_id = self.form.team_combo.currentData()
        mediators = [
            m for m in self.ui.services.mediation.mediators.all() if not m.is_released or m.id in checked
        ]
        mediators.sort(key=lambda m: (m.id not in checked, m.team_id != team_id))
        fill_checklist(
            self.form.mediators_list,
            [(f"{m.full_name} ({m.team_name or 'đã thôi'})", m.id) for m in mediators],
            checked,
        )

    def _load(self, c: CaseDTO) -> None:
        f = self.form
        select_data(f.team_combo, c.team_id)
        f.number_spin.setValue(c.case_number)
        f.received_edit.set_date(c.received_on)
        f.assigned_edit.set_date(c.assigned_on or c.received_on)
        select_data(f.origin_combo, c.origin)
        select_data(f.category_combo, c.category)
        for party in c.parties:
            self.add_party(party)
        f.summary_edit.setPlainText(c.summary)
        self._fill_mediators(set(c.mediator_ids))
        f.invited_edit.setText(c.invited_persons)
        f.started_check.setChecked(c.started_on is not None)
        f.started_edit.set_date(c.started_on or c.received_on)
        f.sessions_spin.setValue(c.sessions_held)
        select_data(f.outcome_combo, c.outcome)
        f.result_edit.set_date(c.result_date or self.ui.services.ctx.clock.today())
        f.note_edit.setText(c.outcome_note)
        f.agreement_edit.setPlainText(c.agreement_text)
        f.follow_up_edit.setPlainText(c.follow_up)
        select_data(self.exception_combo, c.start_exception)
        self.agreed_edit.set_value(c.start_agreed_on)
        self.evidence.set_owner(c.id)

    # ------------------------------------------------------------------ parties
    def add_party(self, party: PartyInput) -> None:
        table = self.form.parties_table
        row = table.rowCount()
        table.insertRow(row)
        table.setCellWidget(row, 0, make_combo([(r.label, r) for r in PartyRole], party.role, table))
        for column, value in ((1, party.full_name), (2, party.birth_year), (3, party.address)):
            table.setItem(row, column, cell(value, editable=True))

    def set_party(self, row: int, name: str, birth_year: str = "", address: str = "") -> None:
        table = self.form.parties_table
        while table.rowCount() <= row:
            self.add_party(PartyInput(""))
        for column, text in ((1, name), (2, birth_year), (3, address)):
            table.setItem(row, column, cell(text, editable=True))

    def _remove_party(self) -> None:
        table = self.form.parties_table
        row = table.currentRow() if table.currentRow() >= 0 else table.rowCount() - 1
        if row >= 0:
            table.removeRow(row)

    def _party_text(self, row: int, column: int) -> str:
        item = self.form.parties_table.item(row, column)
        return item.text() if item is not None else ""

    def _party_role(self, row: int) -> PartyRole:
        combo = self.form.parties_table.cellWidget(row, 0)
        assert isinstance(combo, QComboBox)  # add_party puts the role combo in column 0
        return current_member(combo, PartyRole)

    def _parties(self) -> tuple[PartyInput, ...]:
        out = []
        for row in range(self.form.parties_table.rowCount()):
            year_text = self._party_text(row, 2).strip()
            if year_text and not year_text.isdigit():
                raise ValidationError(
                    f"Năm sinh “{year_text}” không hợp lệ (nhập 4 chữ số, ví dụ 1975).", field="parties"
                )
            out.append(
                PartyInput(
                    self._party_text(row, 1),
                    self._party_role(row),
                    int(year_text) if year_text else None,
                    self._party_text(row, 3),
                )
            )
        return tuple(out)

    # ------------------------------------------------------------------ behaviour
    def _received_changed(self) -> None:
        """The assignment date follows the received date until the clerk sets it."""
        f = self.form
        if self._assigned_follows or f.assigned_edit.value() < f.received_edit.value():
            f.assigned_edit.blockSignals(True)
            f.assigned_edit.set_date(f.received_edit.value())
            f.assigned_edit.blockSignals(False)
        self._show_deadline()

    def _assigned_changed(self) -> None:
        self._assigned_follows = False
        self._show_deadline()

    def _outcome_changed(self) -> None:
        f = self.form
        outcome = current_member(f.outcome_combo, CaseOutcome)
        final = outcome.is_final
        f.result_edit.setEnabled(final)
        f.result_caption.setEnabled(final)
        f.started_edit.setEnabled(f.started_check.isChecked())
        needs_note = outcome in (CaseOutcome.REFUSED, CaseOutcome.REFERRED)
        f.note_edit.setPlaceholderText(
            "Bắt buộc: lý do từ chối / cơ quan đã chuyển đến" if needs_note else ""
        )
        self._show_deadline()

    def _show_deadline(self) -> None:
        f = self.form
        deadline = int(self.ui.services.settings.get("mediation.start_deadline_days"))
        started = f.started_edit.value() if f.started_check.isChecked() else None
        exception = current_member(self.exception_combo, StartException)
        late = started_late(f.assigned_edit.value(), started, deadline, exception, self.agreed_edit.value())
        f.warning_label.setText(
            f"Lưu ý: bắt đầu hòa giải sau hơn {deadline} ngày kể từ ngày phân công (Điều 20 Luật Hòa giải ở cơ sở)."
            if late
            else ""
        )

    def case_input(self) -> CaseInput:
        f = self.form
        outcome = current_member(f.outcome_combo, CaseOutcome)
        mediators = tuple(checked_values(f.mediators_list))
        result: date | None = f.result_edit.value() if outcome.is_final else None
        return CaseInput(
            team_id=f.team_combo.currentData(),
            received_on=f.received_edit.value(),
            category=current_member(f.category_combo, CaseCategory),
            origin=current_member(f.origin_combo, CaseOrigin),
            case_number=f.number_spin.value() or None,
            assigned_on=f.assigned_edit.value(),
            summary=f.summary_edit.toPlainText(),
            parties=self._parties(),
            mediator_ids=mediators,
            invited_persons=f.invited_edit.text(),
            started_on=f.started_edit.value() if f.started_check.isChecked() else None,
            sessions_held=f.sessions_spin.value(),
            outcome=outcome,
            result_date=result,
            outcome_note=f.note_edit.text(),
            agreement_text=f.agreement_edit.toPlainText(),
            follow_up=f.follow_up_edit.toPlainText(),
            id=self.case.id if self.case else None,
            start_exception=current_member(self.exception_combo, StartException),
            start_agreed_on=self.agreed_edit.value(),
        )

    def _save(self) -> Changes:
        if self.form.team_combo.currentData() is None:
            raise ValidationError(
                "Chưa có tổ hòa giải: hãy thêm tổ ở thẻ “Tổ hòa giải” trước.", field="team_id"
            )
        self.case, changes = self.ui.services.mediation.cases.save(self.case_input())
        return changes

    def submit(self) -> bool:
        if not self.ui.run_action(self, self._save):
            return False
        dto = self.case
        assert dto is not None  # just saved
        self.evidence.save_pending(dto.id)
        if dto.warnings:
            self.ui.messages.warn(self, "\n".join(dto.warnings))
        self.saved.emit(dto)
        self.accept()
        return True
