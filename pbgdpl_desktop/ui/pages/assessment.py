"""Chuẩn tiếp cận pháp luật: the yearly self-assessment workspace.

Top: year, ruleset, overall verdict, progress, "what if" mode, save result. Tabs: the result tree with the
detail panel (values computed from the records or typed with evidence), what to fix, the procedure
checklist, the two registers, the ruleset (versions, thresholds and points, days off), saved results.
When the office's replies brought notes for the year (``ReplyInbox``), each noted indicator shows it in the
tree and in the detail panel, and a line under the top shows the office's decision of the year."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
)

from pbgdpl_desktop.domain.assessment import SavedResult
from pbgdpl_desktop.domain.changes import ASSESSMENT, DISSEMINATION, FINANCE, MEDIATION, SETTINGS, Changes
from pbgdpl_desktop.domain.dates import format_date, format_datetime
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.scoring import Verdict
from pbgdpl_desktop.scoring.fmt import points as fmt_points
from pbgdpl_desktop.services.assessment.scoring import Workspace
from pbgdpl_desktop.services.office.dto import REQUESTS, DecisionFileDTO, ReplyNoteDTO
from pbgdpl_desktop.services.office.inbox import ReplyInbox
from pbgdpl_desktop.ui.assessment.checklist import Checklist
from pbgdpl_desktop.ui.assessment.common import ruleset_name, short_title, verdict_style
from pbgdpl_desktop.ui.assessment.detail import DetailPanel, YearState
from pbgdpl_desktop.ui.assessment.fixes import FixList
from pbgdpl_desktop.ui.assessment.registers import Registers
from pbgdpl_desktop.ui.assessment.rules import RulesTab
from pbgdpl_desktop.ui.assessment.tree import ResultTree
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.office.common import decision_badge, open_decision
from pbgdpl_desktop.ui.pages.base import Page
from pbgdpl_desktop.ui.widgets.combos import fill_combo, select_data
from pbgdpl_desktop.ui.widgets.fit import scaled
from pbgdpl_desktop.ui.widgets.flow import FitTabs, FlowLayout

TOPICS = (ASSESSMENT, DISSEMINATION, MEDIATION, FINANCE, SETTINGS)


class AssessmentPage(Page):
    key = "assessment"
    title = "Chuẩn tiếp cận pháp luật"

    def __init__(self, ui: UiContext) -> None:
        super().__init__(ui)
        self.state: YearState | None = None
        self.inbox = ReplyInbox(ui.services.ctx)
        self.office_notes: dict[str, ReplyNoteDTO] = {}
        self._computed_for: tuple[Any, ...] | None = None  # the inputs of the last computation (page_shown)
        self._build_top()
        self.tree = ResultTree(self)
        self.detail = DetailPanel(ui, self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setSizes([760, 480])
        self.fixes = FixList(self)
        self.checklist = Checklist(ui, self.year, self)
        self.registers = Registers(ui, self.year, self)
        self.rules = RulesTab(ui, self.year, self.recompute, self)
        self.saved = QListWidget(self)
        self.tabs = FitTabs(self)
        for widget, label in (
            (split, "Đánh giá"),
            (self.fixes, "Cần khắc phục"),
            (self.checklist, "Quy trình"),
            (self.registers, "Sổ VBQPPL và yêu cầu thông tin"),
            (self.rules, "Bộ tiêu chí"),
            (self.saved, "Kết quả đã lưu"),
        ):
            self.tabs.addTab(widget, label)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Chuẩn tiếp cận pháp luật</h2>", self))
        layout.addLayout(self.top)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.office_line)
        layout.addWidget(self.office_pdf_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.tabs, 1)
        self.tree.node_selected.connect(self._show_node)
        self.fixes.code_chosen.connect(self._goto)
        self.detail.apply_requested.connect(self.apply_values)
        self.detail.open_source.connect(self._open_source)
        self._fill_years()

    def _build_top(self) -> None:
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("assessment_year")
        self.ruleset_label = QLabel(self)
        self.verdict_label = QLabel(self)
        self.verdict_label.setObjectName("assessment_verdict")
        self.progress = QProgressBar(self)
        self.progress.setFormat("%v/%m mục có kết quả")
        self.progress.setMinimumWidth(scaled(230))
        self.progress.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.what_if = QCheckBox("Chế độ giả định", self)
        self.what_if.setToolTip("Thay đổi giá trị để xem kết quả mà không lưu")
        self.save_button = QPushButton("Lưu kết quả", self)
        self.top = FlowLayout()
        self.top.add_labelled("Năm đánh giá:", self.year_combo)
        for widget in (self.ruleset_label, self.verdict_label, self.progress, self.what_if, self.save_button):
            self.top.addWidget(widget)
        self.banner = QLabel(
            "Đang ở chế độ giả định: giá trị thay đổi chỉ để xem kết quả, KHÔNG được lưu. "
            "Bỏ chọn “Chế độ giả định” để trở về số liệu đã lưu.",
            self,
            wordWrap=True,
        )
        self.banner.setStyleSheet("background:#fff4c2; color:#5c4400; padding:6px;")
        self.banner.hide()
        self.notice = QLabel(self, wordWrap=True)
        self.notice.setObjectName("assessment_notice")
        self.notice.setStyleSheet("background:#ececec; color:#303030; padding:6px; font-weight:bold;")
        self.notice.hide()
        self.office_line = QLabel(self, wordWrap=True)
        self.office_line.setObjectName("assessment_office")
        self.office_line.setStyleSheet("background:#fdebd9; color:#5c2500; padding:6px;")
        self.office_line.hide()
        self.office_pdf: DecisionFileDTO | None = None  # the decision's PDF the office sent, if any
        self.office_pdf_button = QPushButton("Mở quyết định", self)
        self.office_pdf_button.setObjectName("assessment_open_decision")
        self.office_pdf_button.clicked.connect(lambda: open_decision(self.ui, self, self.office_pdf))
        self.office_pdf_button.hide()
        self.year_combo.currentIndexChanged.connect(lambda _i: self._year_changed())
        self.what_if.toggled.connect(self._what_if_toggled)
        self.save_button.clicked.connect(self.save_result)

    # ------------------------------------------------------------------ years
    def _fill_years(self) -> None:
        today = self.ui.services.ctx.clock.today()
        saved = set(self.ui.services.assessment.records.years())
        years = sorted(saved | set(range(2022, today.year + 1)), reverse=True)
        fill_combo(
            self.year_combo,
            [(f"{y}" + ("" if y in saved else " (chưa đánh giá)"), y) for y in years],
            keep=False,
        )
        self.select_year(max(saved) if saved else years[0])

    def select_year(self, year: int) -> None:
        if self.year_combo.currentData() == year:
            self._year_changed()
        else:
            select_data(self.year_combo, year)  # the combo's signal recomputes

    def year(self) -> int:
        data = self.year_combo.currentData()
        return int(data) if data is not None else self.ui.services.ctx.clock.today().year

    def _year_changed(self) -> None:
        self.what_if.setChecked(False)
        self.recompute()
        self.checklist.reload()
        self.registers.reload()

    # ------------------------------------------------------------------ computing
    def _inputs_key(self) -> tuple[Any, ...]:
        """What the shown result depends on besides the page's own choices: the records and today."""
        return (self.year(), self.ui.services.ctx.data_version(), self.ui.services.ctx.clock.today())

    def recompute(self) -> None:
        year = self.year()
        what_if = dict(self.state.what_if) if self.state and self.state.year == year else {}
        self._computed_for = self._inputs_key()
        self.ui.tasks.run(
            lambda _p: self.ui.services.assessment.scoring.workspace(year, what_if),
            on_done=lambda ws: self._show(ws, what_if),
            on_error=self._no_ruleset,
            label=f"Đang tính kết quả năm {year}…",
            parent=self,
            cancellable=False,
        )

    def _no_ruleset(self, exc: BaseException) -> None:
        if not isinstance(exc, DomainError):
            self._computed_for = None  # failed: try again on the next show
            self.ui.messages.error(self, exc)
            return
        self.state = None
        self.tree.clear_result()
        self._show_office(self.year(), None)
        self.fixes.fixes.clear()
        self.fixes.blocking.clear()
        self.rules.show_without_ruleset(exc.message)
        self.ruleset_label.setText("")
        self.verdict_label.setText("CHƯA CÓ BỘ TIÊU CHÍ")
        self.verdict_label.setStyleSheet(verdict_style(Verdict.PENDING))
        self.notice.setText(f"{exc.message} Chọn ở thẻ “Bộ tiêu chí”.")
        self.notice.show()
        self.progress.setMaximum(1)
        self.progress.setValue(0)
        self.detail.hide()
        self.save_button.setEnabled(False)

    def _show(self, ws: Workspace, what_if: dict[str, Any]) -> None:
        self.state = YearState(ws.year, ws.ruleset, ws.result, ws.facts, ws.manual, what_if)
        self.detail.show()
        self.notice.hide()
        self.save_button.setEnabled(not self.what_if.isChecked())
        result = ws.result
        self.ruleset_label.setText(
            f"Bộ tiêu chí: {short_title(ws.ruleset.title)}, phiên bản {ws.ruleset.version}"
        )
        self.ruleset_label.setToolTip(f"{ws.ruleset.title}\nMã tệp: {ws.ruleset.id}")
        total = (
            f" — {fmt_points(result.total)}/{fmt_points(result.max_total)} điểm"
            if result.total is not None
            else ""
        )
        prefix = "Giả định: " if what_if else ""
        self.verdict_label.setText(f"{prefix}{result.verdict.label.upper()}{total}")
        self.verdict_label.setStyleSheet(verdict_style(result.verdict))
        done, count = result.progress()
        self.progress.setMaximum(count)
        self.progress.setValue(done)
        self.tree.show_result(result)
        self._show_office(ws.year, result)
        self.fixes.show_result(result)
        self.rules.reload(ws.ruleset)
        self.saved.clear()

        def names(ruleset_id: str, version: int) -> str:
            return ruleset_name(self.ui.services, ruleset_id, version)

        for r in self.ui.services.assessment.scoring.saved_results(ws.year):
            total_text = f", {r.total} điểm" if r.total else ""
            self.saved.addItem(
                f"{format_datetime(r.computed_at)} — {names(r.ruleset_id, r.ruleset_version)}: "
                f"{Verdict.label_of(r.verdict)}{total_text}"
            )
        code = self.tree.current_code()
        if code:
            self._show_node(code)
        elif result.criteria:
            self.tree.select(result.criteria[0].code)

    def _show_node(self, code: str) -> None:
        if self.state is None:
            return
        notes = self.ui.services.assessment.records.notes(self.state.year)
        note_id = None
        if code in notes:
            note_id = self.ui.services.assessment.records.note_id(self.state.year, code)
        office = self.office_notes.get(code)
        self.detail.show_node(
            self.state,
            code,
            notes.get(code, ""),
            note_id,
            "" if office is None else _office_text(office, True),
        )

    def _show_office(self, year: int, result: Any) -> None:
        """The office's notes of ``year`` beside the indicators, and its decision on the line under the top."""
        self.office_notes = {n.code: n for n in self.inbox.notes(year)}
        self.tree.show_office_notes(
            {code: (_office_text(n, False), _office_text(n, True)) for code, n in self.office_notes.items()}
        )
        parts = []
        decision = self.inbox.decision(year)
        if decision is not None:
            number = (
                f", quyết định số {decision.number} ngày {format_date(decision.decided_on)}"
                if decision.number
                else ""
            )
            parts.append(f"Sở Tư pháp: hồ sơ năm {year} — {decision.status.label}{number}.")
            if decision.pdf is not None:
                parts.append(
                    f"Tệp quyết định: {decision.pdf.name} ({decision_badge(self.ui, decision.pdf)})."
                )
            if decision.note:
                parts.append(decision.note)
        if self.office_notes:
            known = {c for c in self.office_notes if result is not None and result.node(c) is not None}
            parts.append(
                f"{len(self.office_notes)} chỉ tiêu có ý kiến của Sở (cột “Ý kiến của Sở”)."
                + (
                    f" Không thấy trong bộ tiêu chí đang dùng: {', '.join(sorted(set(self.office_notes) - known))}."
                    if len(known) < len(self.office_notes)
                    else ""
                )
            )
        self.office_line.setText(" ".join(parts))
        self.office_line.setVisible(bool(parts))
        self.office_pdf = None if decision is None else decision.pdf
        self.office_pdf_button.setVisible(self.office_pdf is not None)

    def _goto(self, code: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.tree.select(code)

    # ------------------------------------------------------------------ actions
    def apply_values(self, values: dict, note: str) -> None:
        if self.state is None:
            return
        year, code = self.state.year, self.detail.code
        if self.what_if.isChecked():
            self.state.what_if.update(values)
            self.recompute()
            return
        records = self.ui.services.assessment.records

        def save() -> Changes:
            changes = records.set_values(year, values) if values else Changes()
            if code and note != records.notes(year).get(code, ""):
                changes |= records.set_note(year, code, note)
            if code and self.detail.evidence.pending:
                self.detail.evidence.save_pending(records.note_id(year, code))
            return changes

        if self.ui.run_action(self, save):
            self._mark_saved(year)

    def _mark_saved(self, year: int) -> None:
        index = self.year_combo.findData(year)
        if index >= 0:
            self.year_combo.setItemText(index, str(year))

    def _what_if_toggled(self, on: bool) -> None:
        self.banner.setVisible(on)
        self.detail.set_what_if(on)
        self.save_button.setEnabled(not on)
        if not on and self.state is not None and self.state.what_if:
            self.state.what_if.clear()
            self.recompute()

    def save_result(self) -> None:
        saved: SavedResult | None = None

        def save() -> Changes:
            nonlocal saved
            saved, changes = self.ui.services.assessment.scoring.save_result(self.year())
            return changes

        if not self.ui.run_action(self, save) or saved is None:
            return
        self._mark_saved(saved.year)
        self.ui.messages.info(
            self,
            f"Đã lưu kết quả năm {saved.year} ({Verdict.label_of(saved.verdict)}) theo bộ "
            f"tiêu chí {ruleset_name(self.ui.services, saved.ruleset_id, saved.ruleset_version)}.",
        )

    def _open_source(self, key: str) -> None:
        if key == self.key:
            self.tabs.setCurrentWidget(self.registers)
            return
        window = self.window()
        show = getattr(window, "show_page", None)
        if callable(show):
            show(key)

    # ------------------------------------------------------------------ page protocol
    def refresh(self, changes: Changes) -> None:
        if any(topic in changes for topic in TOPICS):
            self.recompute()
            self.checklist.reload()
            self.registers.reload()

    def page_shown(self) -> None:
        """Recompute only when something changed since the result shown (a record, the year, the day):
        switching back to the page is instant otherwise."""
        if self._computed_for is not None and self._computed_for == self._inputs_key():
            return
        self.recompute()


def _office_text(note: ReplyNoteDTO, full: bool) -> str:
    """The office's note as a line: the request ("Yêu cầu bổ sung", "Trả lại" or a plain note), the
    appraised value, and (``full``) the council's text."""
    head = REQUESTS.get(note.request, note.request)
    value = f"điểm/giá trị thẩm định: {note.value}" if note.value else ""
    if not full:
        return f"{head}: {note.value}" if note.value else head
    return "Ý kiến của Sở Tư pháp — " + "; ".join(p for p in (head, value, note.note) if p)


def create_page(ui: UiContext) -> Page:
    return AssessmentPage(ui)
