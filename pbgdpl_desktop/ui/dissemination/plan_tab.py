"""The yearly PBGDPL plan and its tasks; completion shown as the facts compute it (never typed)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.changes import DISSEMINATION, Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.dissemination import (
    PLAN_PERIODS,
    TargetGroup,
    TaskCategory,
    TaskInput,
    TaskStatus,
)
from pbgdpl_desktop.services.dissemination.dto import TaskDTO
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets import MoneyEdit, OptionalDate
from pbgdpl_desktop.ui.widgets.checklists import checked_values, fill_checklist
from pbgdpl_desktop.ui.widgets.combos import make_combo, select_data
from pbgdpl_desktop.ui.widgets.fit import scaled
from pbgdpl_desktop.ui.widgets.flow import FlowLayout
from pbgdpl_desktop.ui.widgets.keys import mark_new
from pbgdpl_desktop.ui.widgets.record_dialog import frame_record_dialog, save_and_close
from pbgdpl_desktop.ui.widgets.tables import current_of, fill_rows, make_table

TASK_HEADERS = [
    "Nhiệm vụ",
    "Loại",
    "Kế hoạch/phát sinh",
    "Thời hạn",
    "Trạng thái",
    "Buổi liên kết",
    "Ngày hoàn thành",
    "Có kinh phí",
]
TASK_WIDTHS = (340, 250, 130, 90, 230, 95, 110)


def status_text(task: TaskDTO) -> str:
    if task.done and task.data.status is not TaskStatus.DONE:
        return "Đã hoàn thành (theo buổi liên kết)"
    return task.data.status.label


class TaskDialog(QDialog):
    def __init__(
        self, ui: UiContext, plan_id: str, task: TaskDTO | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui, self.plan_id, self.task = ui, plan_id, task
        self.setWindowTitle("Sửa nhiệm vụ" if task else "Thêm nhiệm vụ")
        self.title_edit = QLineEdit()
        self.category_combo = make_combo([(c.label, c) for c in TaskCategory])
        self.arising_check = QCheckBox("Nhiệm vụ phát sinh ngoài kế hoạch")
        self.due = OptionalDate("có thời hạn")
        self.status_combo = make_combo([(s.label, s) for s in TaskStatus])
        self.completed = OptionalDate("đã hoàn thành ngày")
        self.funded_check = QCheckBox("Được bố trí kinh phí")
        self.funded_amount = MoneyEdit()
        self.lead_edit = QLineEdit()
        self.coordinating_edit = QLineEdit()
        self.period_combo = QComboBox()
        self.period_combo.setEditable(True)
        self.period_combo.addItems(["", *PLAN_PERIODS])
        self.topics_edit = QLineEdit()
        self.groups_list = QListWidget()
        self.groups_list.setMaximumHeight(90)
        fill_checklist(self.groups_list, [(g.label, g.value) for g in TargetGroup], set())
        self.notes_edit = QLineEdit()
        self.error_label = QLabel()
        form = QFormLayout()
        for text, widget in (
            ("Tên nhiệm vụ (*)", self.title_edit),
            ("Loại", self.category_combo),
            ("", self.arising_check),
            ("Thời hạn", self.due),
            ("Trạng thái", self.status_combo),
            ("Ngày hoàn thành", self.completed),
            ("", self.funded_check),
            ("Kinh phí (đồng)", self.funded_amount),
            ("Cơ quan chủ trì", self.lead_edit),
            ("Cơ quan phối hợp", self.coordinating_edit),
            ("Thời gian thực hiện", self.period_combo),
            ("Nội dung, chủ đề", self.topics_edit),
            ("Đối tượng", self.groups_list),
            ("Ghi chú", self.notes_edit),
        ):
            form.addRow(text, widget)
        self.save_button = frame_record_dialog(
            self, [form], self.submit, error=self.error_label, close_text="Hủy"
        )
        if task is not None:
            self._load(task)
        self.resize(600, 560)

    def _load(self, task: TaskDTO) -> None:
        d = task.data
        self.title_edit.setText(d.title)
        select_data(self.category_combo, d.category)
        self.arising_check.setChecked(d.arising)
        self.due.set_value(d.due_on)
        select_data(self.status_combo, d.status)
        self.completed.set_value(d.completed_on)
        self.funded_check.setChecked(d.funded)
        self.funded_amount.set_amount(d.funded_amount or None)
        self.lead_edit.setText(d.lead_unit)
        self.coordinating_edit.setText(d.coordinating_units)
        self.period_combo.setCurrentText(d.period)
        self.topics_edit.setText(d.topics)
        fill_checklist(
            self.groups_list, [(g.label, g.value) for g in TargetGroup], {g.value for g in d.target_groups}
        )
        self.notes_edit.setText(d.notes)

    def _data(self) -> TaskInput:
        amount = self.funded_amount.amount("Kinh phí") if self.funded_amount.text().strip() else 0
        return TaskInput(
            self.title_edit.text(),
            self.category_combo.currentData(),
            self.arising_check.isChecked(),
            self.due.value(),
            self.status_combo.currentData(),
            self.completed.value(),
            self.funded_check.isChecked(),
            self.notes_edit.text(),
            lead_unit=self.lead_edit.text(),
            coordinating_units=self.coordinating_edit.text(),
            period=self.period_combo.currentText(),
            topics=self.topics_edit.text(),
            target_groups=tuple(TargetGroup(v) for v in checked_values(self.groups_list)),
            funded_amount=amount,
        )

    def submit(self) -> None:
        save_and_close(
            self,
            self.ui,
            lambda: self.ui.services.dissemination.plans.save_task(
                self.plan_id, self._data(), self.task.id if self.task else None
            )[1],
            self.error_label,
        )


class PlanTab(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.tasks: list[TaskDTO] = []
        today = ui.services.ctx.clock.today()
        self.year_combo = make_combo(
            [(f"Năm {y}", y) for y in range(today.year + 1, today.year - 6, -1)], today.year
        )
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText("ví dụ 15/KH-UBND")
        self.issued = OptionalDate("đã ban hành ngày")
        self.directive = OptionalDate("văn bản chỉ đạo ngày")
        self.directive_number = QLineEdit()
        self.directive_number.setObjectName("plan_directive_number")
        self.directive_number.setPlaceholderText("ví dụ 12/KH-UBND của UBND quận")
        self.funded = MoneyEdit()
        self.funded.setObjectName("plan_funded_amount")
        self.legal_bases = QPlainTextEdit()
        self.legal_bases.setObjectName("plan_legal_bases")
        self.legal_bases.setPlaceholderText(
            "Căn cứ ban hành kế hoạch, mỗi dòng một văn bản (ví dụ: Luật Phổ biến, giáo dục pháp luật năm 2012)"
        )
        self.legal_bases.setFixedHeight(scaled(64))
        self.save_plan_button = QPushButton("Lưu kế hoạch")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = make_table(
            None, TASK_HEADERS, name="plan_tasks_table", row_numbers=False, widths=TASK_WIDTHS
        )
        self.add_task_button = QPushButton("Thêm nhiệm vụ…")
        mark_new(self.add_task_button)
        self.edit_task_button = QPushButton("Sửa…")
        self.delete_task_button = QPushButton("Xóa")
        self._layout()
        self.year_combo.currentIndexChanged.connect(self.reload)
        self.save_plan_button.clicked.connect(self.save_plan)
        self.add_task_button.clicked.connect(lambda: self.open_task(None))
        self.edit_task_button.clicked.connect(lambda: self.open_task(self._current()))
        self.table.doubleClicked.connect(lambda _i: self.open_task(self._current()))
        self.delete_task_button.clicked.connect(self.delete_task)
        self.reload()

    def _layout(self) -> None:
        top = FlowLayout()
        top.add_labelled("Kế hoạch PBGDPL", self.year_combo)
        top.add_labelled("Số", self.number_edit)
        for widget in (self.issued, self.directive):
            top.addWidget(widget)
        top.add_labelled("Văn bản chỉ đạo số", self.directive_number)
        top.add_labelled("Kinh phí (đ)", self.funded)
        top.addWidget(self.save_plan_button)
        buttons = FlowLayout()
        for button in (self.add_task_button, self.edit_task_button, self.delete_task_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.legal_bases)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    @property
    def year(self) -> int:
        return int(self.year_combo.currentData())

    def reload(self) -> None:
        plans = self.ui.services.dissemination.plans
        plan = plans.plan(self.year)
        self.plan_id = plan.id if plan else None
        self.number_edit.setText(plan.number if plan else "")
        self.issued.set_value(plan.issued_on if plan else None)
        self.directive.set_value(plan.directive_on if plan else None)
        self.directive_number.setText(plan.directive_number if plan else "")
        self.funded.set_amount(plan.funded_amount if plan and plan.funded_amount else None)
        self.legal_bases.setPlainText("\n".join(plan.legal_bases) if plan else "")
        self.tasks = plans.tasks(plan.id) if plan else []
        for button in (self.add_task_button, self.edit_task_button, self.delete_task_button):
            button.setEnabled(plan is not None)
        self._fill_table()
        f = self.ui.services.dissemination.facts(self.year)
        self.summary.setText(
            "Chưa có kế hoạch cho năm này: nhập số, ngày ban hành rồi bấm “Lưu kế hoạch”."
            if plan is None
            else f"Nhiệm vụ trong kế hoạch: đã hoàn thành {f.plan_tasks_done}/{f.plan_tasks_set}; "
            f"phát sinh ngoài kế hoạch: {f.arising_tasks_done}/{f.arising_tasks}; "
            f"được bố trí kinh phí: {f.planned_tasks_funded}/{f.plan_tasks_set}; "
            f"thông tin về trợ giúp pháp lý: {f.legal_aid_tasks_done}/{f.legal_aid_tasks_set}. "
            "Nhiệm vụ có buổi phổ biến liên kết đã diễn ra được tính là hoàn thành."
            + "".join(f"\n⚠ {w}" for w in plan.warnings)
        )

    def _fill_table(self) -> None:
        fill_rows(
            self.table,
            [
                [
                    t.data.title,
                    t.data.category.label,
                    "Phát sinh" if t.data.arising else "Trong kế hoạch",
                    format_date(t.data.due_on),
                    status_text(t),
                    str(t.linked_sessions),
                    format_date(t.done_on) if t.done else "",
                    "Có" if t.data.funded else "",
                ]
                for t in self.tasks
            ],
        )

    def _current(self) -> TaskDTO | None:
        return current_of(self.table, self.tasks)

    def save_plan(self) -> None:
        def save() -> Changes:
            funded = self.funded.amount("Kinh phí của kế hoạch") if self.funded.text().strip() else 0
            return self.ui.services.dissemination.plans.save_plan(
                self.year,
                self.number_edit.text(),
                self.issued.value(),
                self.directive.value(),
                directive_number=self.directive_number.text(),
                legal_bases=tuple(self.legal_bases.toPlainText().splitlines()),
                funded_amount=funded,
            )[1]

        self.ui.run_action(self, save)

    def open_task(self, task: TaskDTO | None) -> TaskDialog | None:
        if self.plan_id is None:
            return None
        dialog = TaskDialog(self.ui, self.plan_id, task, self)
        dialog.open()
        return dialog

    def delete_task(self) -> None:
        task = self._current()
        if task is None:
            return

        def do_delete() -> None:
            self.ui.run_action(self, lambda: self.ui.services.dissemination.plans.delete_task(task.id))

        self.ui.messages.confirm(self, f"Xóa nhiệm vụ “{task.data.title}”?", do_delete, yes_text="Xóa")

    def refresh(self, changes: Changes) -> None:
        if DISSEMINATION in changes:
            self.reload()
