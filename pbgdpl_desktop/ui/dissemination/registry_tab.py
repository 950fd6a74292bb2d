"""Báo cáo viên / tuyên truyền viên pháp luật with their trainings; the share trained is computed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import DISSEMINATION, Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.dissemination import SpeakerInput, SpeakerRole, SpeakerStatus
from pbgdpl_desktop.domain.numbers import percent_text
from pbgdpl_desktop.services.dissemination.dto import SpeakerDTO
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets import DateEdit, OptionalDate
from pbgdpl_desktop.ui.widgets.combos import make_combo, select_data
from pbgdpl_desktop.ui.widgets.flow import FlowLayout
from pbgdpl_desktop.ui.widgets.keys import mark_new, needs_selection
from pbgdpl_desktop.ui.widgets.record_dialog import frame_record_dialog, save_and_close
from pbgdpl_desktop.ui.widgets.tables import current_of, fill_rows, make_table

HEADERS = [
    "Họ và tên",
    "Vai trò",
    "Quyết định công nhận",
    "Đơn vị",
    "Điện thoại",
    "Trạng thái",
    "Tập huấn năm nay",
]


class SpeakerDialog(QDialog):
    def __init__(self, ui: UiContext, speaker: SpeakerDTO | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.speaker = ui, speaker
        self.setWindowTitle("Sửa thông tin" if speaker else "Thêm báo cáo viên, tuyên truyền viên")
        self.name_edit = QLineEdit()
        self.role_combo = make_combo([(role.label, role) for role in SpeakerRole], SpeakerRole.PROPAGANDIST)
        self.decision_edit = QLineEdit()
        self.decision_date = OptionalDate("ngày")
        self.unit_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.status_combo = make_combo([(status.label, status) for status in SpeakerStatus])
        self.ended = OptionalDate("thôi từ ngày")
        self.error_label = QLabel()
        form = QFormLayout()
        for text, widget in (
            ("Họ và tên (*)", self.name_edit),
            ("Vai trò", self.role_combo),
            ("Số quyết định công nhận", self.decision_edit),
            ("Ngày quyết định", self.decision_date),
            ("Đơn vị, nơi công tác", self.unit_edit),
            ("Điện thoại", self.phone_edit),
            ("Trạng thái", self.status_combo),
            ("Thôi làm nhiệm vụ", self.ended),
        ):
            form.addRow(text, widget)
        self.save_button = frame_record_dialog(
            self, [form], self.submit, error=self.error_label, close_text="Hủy"
        )
        if speaker is not None:
            d = speaker.data
            self.name_edit.setText(d.full_name)
            select_data(self.role_combo, d.role)
            self.decision_edit.setText(d.decision_number)
            self.decision_date.set_value(d.decision_date)
            self.unit_edit.setText(d.unit)
            self.phone_edit.setText(d.phone)
            select_data(self.status_combo, d.status)
            self.ended.set_value(d.ended_on)
        self.resize(520, 340)

    def submit(self) -> None:
        data = SpeakerInput(
            self.name_edit.text(),
            self.role_combo.currentData(),
            self.decision_edit.text(),
            self.decision_date.value(),
            self.unit_edit.text(),
            self.phone_edit.text(),
            self.status_combo.currentData(),
            self.ended.value(),
        )
        save_and_close(
            self,
            self.ui,
            lambda: self.ui.services.dissemination.speakers.save(
                data, self.speaker.id if self.speaker else None
            )[1],
            self.error_label,
        )


class TrainingDialog(QDialog):
    def __init__(self, ui: UiContext, speaker: SpeakerDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.speaker = ui, speaker
        self.setWindowTitle(f"Thêm lượt tập huấn — {speaker.full_name}")
        self.date_edit = DateEdit(ui.services.ctx.clock.today())
        self.course_edit = QLineEdit()
        self.hours_spin = QSpinBox()
        self.hours_spin.setRange(0, 2000)
        self.hours_spin.setValue(8)
        self.online_check = QCheckBox("Tập huấn, bồi dưỡng trực tuyến")
        self.error_label = QLabel()
        form = QFormLayout()
        form.addRow("Ngày tập huấn", self.date_edit)
        form.addRow("Lớp, nội dung (*)", self.course_edit)
        form.addRow("Số giờ", self.hours_spin)
        form.addRow("", self.online_check)
        self.save_button = frame_record_dialog(
            self, [form], self.submit, error=self.error_label, close_text="Hủy"
        )

    def submit(self) -> None:
        save_and_close(
            self,
            self.ui,
            lambda: self.ui.services.dissemination.speakers.add_training(
                self.speaker.id,
                self.date_edit.value(),
                self.course_edit.text(),
                self.hours_spin.value(),
                online=self.online_check.isChecked(),
            )[1],
            self.error_label,
        )


class RegistryTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.speakers: list[SpeakerDTO] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = make_table(
            None, HEADERS, name="speakers_table", row_numbers=False, widths=(190, 190, 240, 190, 110, 130)
        )
        self.trainings = QLabel()
        self.trainings.setWordWrap(True)
        self.add_button = QPushButton("Thêm người…")
        mark_new(self.add_button)
        self.edit_button = QPushButton("Sửa…")
        self.training_button = QPushButton("Thêm lượt tập huấn…")
        self.delete_button = QPushButton("Xóa")
        buttons = FlowLayout()
        for button in (self.add_button, self.edit_button, self.training_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.trainings)
        self.add_button.clicked.connect(lambda: self.open_speaker(None))
        self.edit_button.clicked.connect(lambda: self.open_speaker(self.current()))
        self.table.doubleClicked.connect(lambda _i: self.open_speaker(self.current()))
        self.training_button.clicked.connect(self.open_training)
        self.delete_button.clicked.connect(self.delete_current)
        needs_selection(self.table, self.edit_button, self.training_button, self.delete_button)
        self.table.currentCellChanged.connect(lambda *_a: self._show_trainings())
        self.reload()

    def reload(self) -> None:
        year = self.ui.services.ctx.clock.today().year
        self.speakers = self.ui.services.dissemination.speakers.all()
        fill_rows(
            self.table,
            [
                [
                    s.data.full_name,
                    s.data.role.label,
                    " ngày ".join(
                        x for x in (s.data.decision_number, format_date(s.data.decision_date)) if x
                    ),
                    s.data.unit,
                    s.data.phone,
                    s.data.status.label,
                    "Có" if s.trained_in(year) else "",
                ]
                for s in self.speakers
            ],
        )
        f = self.ui.services.dissemination.facts(year)
        share = percent_text(f.propagandists_trained, f.propagandists_total)
        self.summary.setText(
            f"Năm {year}: {f.propagandists_total} tuyên truyền viên pháp luật, "
            f"{f.propagandists_trained} người được tập huấn, bồi dưỡng ({share}); "
            f"{f.reporters_total} báo cáo viên pháp luật."
        )
        self._show_trainings()

    def current(self) -> SpeakerDTO | None:
        return current_of(self.table, self.speakers)

    def _show_trainings(self) -> None:
        s = self.current()
        if s is None:
            self.trainings.setText("Chọn một người để xem các lượt tập huấn.")
            return
        lines = [
            f"{format_date(t.trained_on)}: {t.course} ({t.hours} giờ{', trực tuyến' if t.online else ''})"
            for t in s.trainings
        ]
        self.trainings.setText(f"Tập huấn của {s.full_name}: " + ("; ".join(lines) if lines else "chưa có."))

    def open_speaker(self, speaker: SpeakerDTO | None) -> SpeakerDialog:
        dialog = SpeakerDialog(self.ui, speaker, self)
        dialog.open()
        return dialog

    def open_training(self) -> TrainingDialog | None:
        speaker = self.current()
        if speaker is None:
            self.ui.messages.info(self, "Hãy chọn một người trong danh sách.")
            return None
        dialog = TrainingDialog(self.ui, speaker, self)
        dialog.open()
        return dialog

    def delete_current(self) -> None:
        speaker = self.current()
        if speaker is None:
            self.ui.messages.info(self, "Hãy chọn một người trong danh sách.")
            return

        def do_delete() -> None:
            self.ui.run_action(self, lambda: self.ui.services.dissemination.speakers.delete(speaker.id))

        self.ui.messages.confirm(
            self,
            f"Xóa “{speaker.full_name}” khỏi danh sách? Các buổi đã ghi vẫn giữ tên người trình bày. "
            "Nếu người này chỉ thôi làm nhiệm vụ, hãy sửa và ghi ngày thôi thay vì xóa.",
            do_delete,
            yes_text="Xóa",
        )

    def refresh(self, changes: Changes) -> None:
        if DISSEMINATION in changes:
            self.reload()
