"""The panel beside the tree: what the selected item is, why its verdict, where its numbers come from
(computed → link to the page of the records; manual → an editor), its note and evidence files, and the
office's note on it when a reply brought one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.scoring import AssessmentResult, Ruleset
from pbgdpl_desktop.scoring.catalogue import SET
from pbgdpl_desktop.scoring.model import INPUT_PREFIX
from pbgdpl_desktop.scoring.values import kind_of
from pbgdpl_desktop.services.assessment.facts import source_of
from pbgdpl_desktop.ui.assessment.common import UNCONFIRMED, verdict_style
from pbgdpl_desktop.ui.assessment.editors import ValueEditor
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets.evidence_list import EvidenceList


@dataclass
class YearState:
    year: int
    ruleset: Ruleset
    result: AssessmentResult
    facts: dict[str, Any]
    manual: dict[str, Any]  # saved manual values (JSON form)
    what_if: dict[str, Any] = field(default_factory=dict)  # unsaved values of the what-if mode

    def value(self, ref: str) -> Any:
        for source in (self.what_if, self.manual, self.facts):
            if ref in source:
                return source[ref]
        return None

    def is_manual(self, ref: str) -> bool:
        return ref.startswith(INPUT_PREFIX) or ref in self.manual or ref in self.what_if


@dataclass
class _Row:
    ref: str
    editor: ValueEditor
    override: QCheckBox | None


class DetailPanel(QScrollArea):
    apply_requested = Signal(dict, str)  # values by ref, note
    open_source = Signal(str)  # page key

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setWidgetResizable(True)
        body = QWidget(self)
        self.setWidget(body)
        self.title = QLabel(body, wordWrap=True)
        self.title.setStyleSheet("font-weight:bold; font-size:12pt;")
        self.unconfirmed = QLabel(f"⚠ Giá trị {UNCONFIRMED}", body, wordWrap=True)
        self.unconfirmed.setStyleSheet("color:#8a4b00;")
        self.verdict = QLabel(body)
        self.reason = QLabel(body, wordWrap=True)
        self.rule_note = QLabel(body, wordWrap=True)
        self.rule_note.setStyleSheet("color:#555;")
        self.office_note = QLabel(body, wordWrap=True)
        self.office_note.setObjectName("assessment_office_note")
        self.office_note.setStyleSheet("background:#fdebd9; color:#5c2500; padding:6px;")
        self.office_note.hide()
        self.values_box = QGroupBox("Số liệu", body)
        self.values_form = QFormLayout(self.values_box)
        self.note_box = self._note_box(body)
        self.apply_button = QPushButton("Lưu", body)
        self.apply_button.setObjectName("assessment_apply")
        self.apply_button.clicked.connect(self._apply)
        self._layout(body)
        self.rows: list[_Row] = []
        self.code: str | None = None
        self.state: YearState | None = None
        self.what_if = False

    def _note_box(self, body: QWidget) -> QGroupBox:
        box = QGroupBox("Ghi chú và minh chứng", body)
        self.note = QPlainTextEdit(box)
        self.note.setPlaceholderText("Ghi chú cho chỉ tiêu này (nguồn số liệu, văn bản, người chấm…)")
        self.note.setMaximumHeight(80)
        self.evidence = EvidenceList(self.ui, "assessment_note", box)
        self.evidence.list.setMaximumHeight(110)
        note_layout = QVBoxLayout(box)
        note_layout.addWidget(self.note)
        note_layout.addWidget(self.evidence)
        return box

    def _layout(self, body: QWidget) -> None:
        layout = QVBoxLayout(body)
        for widget in (
            self.title,
            self.unconfirmed,
            self.verdict,
            self.reason,
            self.rule_note,
            self.office_note,
            self.values_box,
            self.note_box,
        ):
            layout.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        layout.addLayout(buttons)
        layout.addStretch(1)

    # ------------------------------------------------------------------ showing
    def show_node(
        self, state: YearState, code: str, note: str, note_id: str | None, office_note: str = ""
    ) -> None:
        self.state, self.code = state, code
        self.office_note.setText(office_note)
        self.office_note.setVisible(bool(office_note))
        node = state.ruleset.node(code)
        res = state.result.node(code) or next((d for d in state.result.disqualifiers if d.code == code), None)
        if res is None:
            return
        self.title.setText(f"{res.code} — {res.title}")
        self.unconfirmed.setVisible(res.unconfirmed)
        self.verdict.setText(res.verdict.label)
        self.verdict.setStyleSheet(verdict_style(res.verdict))
        self.reason.setText(res.reason + (f"\nCần khắc phục: {res.fix}" if res.fix else ""))
        notes = [node.note] if node is not None and node.note else []
        if node is not None and node.local_choice:
            notes.append(
                "Ngưỡng này không có trong văn bản pháp luật: là lựa chọn của tỉnh (hoặc xã) trong bộ tiêu chí "
                "cài đặt; tỉnh có thể thay đổi bằng tệp bộ tiêu chí."
            )
        self.rule_note.setText("\n".join(notes))
        self.rule_note.setVisible(bool(notes))
        refs = node.refs() if node is not None else res.refs
        self._build_rows(state, refs)
        self.note.setPlainText(note)
        self.evidence.pending = []
        due = getattr(res, "due", None)  # a deadline item: a signed PDF is checked against its last day
        self.evidence.deadline = date.fromisoformat(due) if due else None
        self.evidence.set_owner(note_id)
        self.set_what_if(self.what_if)

    def _build_rows(self, state: YearState, refs: tuple[str, ...]) -> None:
        while self.values_form.rowCount():
            self.values_form.removeRow(0)
        self.rows = []
        for ref in dict.fromkeys(refs):
            spec = state.ruleset.input(ref) if ref.startswith(INPUT_PREFIX) else None
            options = spec.options if spec else ()
            node = state.ruleset.node(self.code or "")
            if not options and node is not None and node.fact == ref:
                options = node.options
            label = spec.label if spec else self._fact_label(ref)
            editor = ValueEditor(kind_of(state.ruleset, ref), label, options, self.values_box)
            editor.set_value(state.value(ref))
            container = QWidget(self.values_box)
            line = QHBoxLayout(container)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(editor.widget, 1)
            override = None if ref.startswith(INPUT_PREFIX) else self._override(state, ref, editor, line)
            editor.widget.setMinimumWidth(120)
            text = QLabel(
                label + ("" if override is None else " — tự tính từ sổ sách"), self.values_box, wordWrap=True
            )
            if override is None and editor.kind != SET:
                self.values_form.addRow(text, container)
            else:  # long label on its own line, the editor and its links below it
                self.values_form.addRow(text)
                self.values_form.addRow(container)
            self.rows.append(_Row(ref, editor, override))

    def _override(self, state: YearState, ref: str, editor: ValueEditor, line: QHBoxLayout) -> QCheckBox:
        """A computed fact: the "Nhập tay" box that lets the clerk type it, and a link to its records."""
        container = line.parentWidget()
        override = QCheckBox("Nhập tay", container)
        override.setChecked(ref in state.manual or ref in state.what_if)
        override.toggled.connect(editor.set_enabled)
        editor.set_enabled(override.isChecked())
        line.addWidget(override)
        source = source_of(ref)
        if source is not None:
            link = QPushButton(f"Xem {source[0]}", container)
            link.setFlat(True)
            link.setStyleSheet("color:#0b57a4; text-decoration:underline;")
            link.clicked.connect(lambda _=False, key=source[1]: self.open_source.emit(key))
            line.addWidget(link)
        return override

    @staticmethod
    def _fact_label(ref: str) -> str:
        from pbgdpl_desktop.scoring.catalogue import fact_label

        return fact_label(ref)

    def set_what_if(self, on: bool) -> None:
        self.what_if = on
        self.apply_button.setText("Thử với giá trị này (không lưu)" if on else "Lưu giá trị và ghi chú")
        self.note_box.setEnabled(not on)

    # ------------------------------------------------------------------ applying
    def collect(self) -> dict[str, Any]:
        """Values the clerk set, by ref; a computed fact whose "Nhập tay" is unticked → None (use computed)."""
        out: dict[str, Any] = {}
        for row in self.rows:
            if row.override is not None and not row.override.isChecked():
                if self.state is not None and (row.ref in self.state.manual or row.ref in self.state.what_if):
                    out[row.ref] = None
                continue
            out[row.ref] = row.editor.value()
        return out

    def editor_for(self, ref: str) -> ValueEditor | None:
        return next((r.editor for r in self.rows if r.ref == ref), None)

    def _apply(self) -> None:
        try:
            values = self.collect()
        except ValidationError as exc:
            self.ui.messages.error(self, exc)
            return
        self.apply_requested.emit(values, self.note.toPlainText())
