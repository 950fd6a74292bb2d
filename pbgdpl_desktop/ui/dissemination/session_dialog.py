"""Entering or editing one dissemination session (Designer form: forms/dissemination_session.ui).

The form checks what it can (spin boxes cannot go negative) and the service checks everything; a refusal is
shown in red under the form and as a message, and nothing typed is lost."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.dissemination import DisseminationForm, SessionInput, TargetGroup
from pbgdpl_desktop.domain.facts import DigitalActivity
from pbgdpl_desktop.domain.text import clean, fold, natural_key
from pbgdpl_desktop.services.dissemination.dto import SessionDTO
from pbgdpl_desktop.services.dissemination.sessions import OWNER_TABLE
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.forms_generated.ui_dissemination_session import Ui_SessionForm
from pbgdpl_desktop.ui.widgets import EvidenceList
from pbgdpl_desktop.ui.widgets.checklists import checked_values, fill_checklist, set_checked
from pbgdpl_desktop.ui.widgets.combos import fill_combo, select_data
from pbgdpl_desktop.ui.widgets.fit import two_columns
from pbgdpl_desktop.ui.widgets.record_dialog import frame_record_dialog, place_evidence
from pbgdpl_desktop.ui.widgets.sync_status import add_sync_status


class SessionDialog(QDialog):
    def __init__(
        self, ui: UiContext, session: SessionDTO | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui, self.session = ui, session
        self.saved: SessionDTO | None = None
        self.setWindowTitle("Sửa buổi phổ biến pháp luật" if session else "Thêm buổi phổ biến pháp luật")
        self.setObjectName("dissemination_session_dialog")
        self.body = QWidget(self)
        self.form = Ui_SessionForm()
        self.form.setupUi(self.body)
        self.evidence = EvidenceList(ui, OWNER_TABLE, self.body)
        place_evidence(self.form.main_layout, self.form.evidence_placeholder, self.evidence)
        self.save_button = frame_record_dialog(self, [self.body], self.submit, error=self.form.error_label)
        two_columns(self, self.form.columns_layout)
        self._fill_choices()
        self.form.laws_filter_edit.textChanged.connect(self._filter_laws)
        self.form.add_document_button.clicked.connect(self.add_document)
        if session is not None:
            self._load(session)
            self.evidence.set_owner(session.id)
            add_sync_status(ui, self, OWNER_TABLE, session.id)
        self.resize(1180, 740)

    def _fill_choices(self) -> None:
        f, services = self.form, self.ui.services.dissemination
        f.held_on_edit.set_date(self.ui.services.ctx.clock.today())
        fill_combo(f.form_combo, [(form.label, form) for form in DisseminationForm], keep=False)
        fill_combo(
            f.digital_combo,
            [("Theo hình thức (tự xác định)", ""), *((a.label, a.value) for a in DigitalActivity)],
            keep=False,
        )
        f.residential_group_combo.addItem("")
        f.residential_group_combo.addItems(sorted(services.sessions.residential_groups(), key=natural_key))
        fill_checklist(f.target_groups_list, [(g.display, g) for g in TargetGroup], [TargetGroup.GENERAL])
        fill_checklist(
            f.speakers_list,
            [(f"{s.full_name} — {s.data.role.label}", s.id) for s in services.speakers.all()],
        )
        year = self.ui.services.ctx.clock.today().year
        tasks = [
            (f"{y} – {task.data.title} ({'phát sinh' if task.data.arising else 'kế hoạch'})", task.id)
            for y in (year, year - 1)
            for task in services.plans.tasks_of_year(y)
        ]
        fill_combo(f.plan_task_combo, [("(không gắn nhiệm vụ)", None), *tasks], keep=False)
        self._fill_laws()

    def _fill_laws(self) -> None:
        f, library = self.form, self.ui.services.dissemination.library
        library.ensure_catalog()
        documents = library.documents()
        fill_checklist(f.laws_list, [(d.label, d.id) for d in documents], checked_values(f.laws_list))
        for i, doc in enumerate(documents):
            if not (doc.verified or doc.user_added):  # shipped row whose dates were not checked at the source
                item = f.laws_list.item(i)
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
                item.setForeground(Qt.GlobalColor.darkGray)

    def add_document(self) -> QDialog:
        from pbgdpl_desktop.ui.dissemination.document_dialog import DocumentDialog

        dialog = DocumentDialog(self.ui, self)

        def added() -> None:
            if dialog.saved is not None:
                chosen = [*checked_values(self.form.laws_list), dialog.saved.id]
                self._fill_laws()
                set_checked(self.form.laws_list, chosen)
                self._filter_laws(self.form.laws_filter_edit.text())

        dialog.accepted.connect(added)
        dialog.open()
        return dialog

    def _filter_laws(self, text: str) -> None:
        needle = fold(text)
        for i in range(self.form.laws_list.count()):
            item = self.form.laws_list.item(i)
            item.setHidden(bool(needle) and needle not in fold(item.text()))

    def _load(self, dto: SessionDTO) -> None:
        f, d = self.form, dto.data
        f.held_on_edit.set_date(d.held_on)
        f.start_time_edit.setText(d.start_time)
        f.title_edit.setText(d.title)
        select_data(f.form_combo, d.form, or_first=True)
        f.online_check.setChecked(d.online)
        select_data(f.digital_combo, d.digital_activity, or_first=True)
        f.place_edit.setText(d.place)
        f.residential_group_combo.setCurrentText(d.residential_group)
        set_checked(f.target_groups_list, d.target_groups)
        set_checked(f.speakers_list, d.speaker_ids)
        set_checked(f.laws_list, d.law_ids)
        f.speakers_extra_edit.setText(d.speakers_extra)
        f.laws_extra_edit.setText(d.laws_extra)
        f.attendance_total_spin.setValue(d.attendance_total)
        f.attendance_women_spin.setValue(d.attendance_women)
        f.attendance_special_spin.setValue(d.attendance_special)
        f.materials_spin.setValue(d.materials_count)
        f.law_day_check.setChecked(d.law_day)
        if d.plan_task_id and f.plan_task_combo.findData(d.plan_task_id) < 0:
            f.plan_task_combo.addItem("(nhiệm vụ của năm khác)", d.plan_task_id)
        select_data(f.plan_task_combo, d.plan_task_id, or_first=True)
        f.notes_edit.setPlainText(d.notes)

    def data(self) -> SessionInput:
        f = self.form
        return SessionInput(
            held_on=f.held_on_edit.value(),
            title=f.title_edit.text(),
            form=f.form_combo.currentData(),
            start_time=f.start_time_edit.text(),
            online=f.online_check.isChecked(),
            digital_activity=f.digital_combo.currentData() or "",
            place=f.place_edit.text(),
            residential_group=clean(f.residential_group_combo.currentText()),
            target_groups=tuple(checked_values(f.target_groups_list)),
            attendance_total=f.attendance_total_spin.value(),
            attendance_women=f.attendance_women_spin.value(),
            attendance_special=f.attendance_special_spin.value(),
            materials_count=f.materials_spin.value(),
            law_day=f.law_day_check.isChecked(),
            plan_task_id=f.plan_task_combo.currentData(),
            speaker_ids=tuple(checked_values(f.speakers_list)),
            speakers_extra=f.speakers_extra_edit.text(),
            law_ids=tuple(checked_values(f.laws_list)),
            laws_extra=f.laws_extra_edit.text(),
            notes=f.notes_edit.toPlainText(),
        )

    def submit(self) -> None:
        def save() -> Changes:
            self.saved, changes = self.ui.services.dissemination.sessions.save(
                self.data(), self.session.id if self.session else None
            )
            return changes

        if self.ui.run_action(self, save, self.form.error_label) and self.saved is not None:
            self.evidence.save_pending(self.saved.id)
            self.accept()
