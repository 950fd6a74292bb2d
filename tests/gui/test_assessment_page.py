"""The assessment workspace: open the demo year, change a manual value, see the verdict change; what-if
mode changes the verdict without saving; the registers and the checklist (screenshots under
$PBGDPL_SCREENSHOTS)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from pbgdpl_desktop.domain.finance import ExpenditureDraft, FundingSource
from pbgdpl_desktop.ui.pages.assessment import AssessmentPage, create_page
from tests.helpers.qt import grab, type_text

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot, demo_ui):
    page = create_page(demo_ui)
    qtbot.addWidget(page)
    demo_ui.subscribe(page.refresh)
    page.resize(1360, 800)
    page.show()
    return page


def _choose_bool(page, ref, text):
    combo = page.detail.editor_for(ref).widget
    combo.setCurrentIndex(combo.findText(text))


def test_open_demo_year_change_a_manual_value_and_see_the_verdict_change(qtbot, demo_ui, page):
    assert isinstance(page, AssessmentPage) and page.key == "assessment"
    assert page.title == "Chuẩn tiếp cận pháp luật"
    assert page.year() == 2026
    assert page.verdict_label.text() == "KHÔNG ĐẠT"
    page.tree.select("CT2.1.1")
    assert page.tree.verdict_text("CT2.1.1") == "Đạt"
    assert "chưa xác nhận — cần đối chiếu văn bản" in page.detail.unconfirmed.text()
    grab(page, "assessment_2026")
    _choose_bool(page, "input.disclosure_list_made", "Không")
    page.detail.note.moveCursor(QTextCursor.MoveOperation.End)
    type_text(page.detail.note, " Chưa cập nhật danh mục quý IV.")
    qtbot.mouseClick(page.detail.apply_button, LEFT)
    assert page.tree.verdict_text("CT2.1.1") == "Không đạt"
    assert page.tree.verdict_text("CT2.1") == "Không đạt"
    assert demo_ui.services.assessment.records.manual_values(2026)["input.disclosure_list_made"] is False
    assert demo_ui.services.assessment.records.notes(2026)["CT2.1.1"].endswith(
        "Chưa cập nhật danh mục quý IV."
    )
    assert demo_ui.messages.texts("error") == []
    page.tree.select("CT2.4.1")  # computed from the dissemination plan: read-only unless "Nhập tay"
    editor = page.detail.editor_for("dissemination.plan_directive_date")
    assert editor.widget.text() == "03/01/2026" and not editor.widget.isEnabled()
    assert page.tree.currentItem().text(5) == "Tự tính"
    grab(page, "assessment_computed")
    _fixes_and_checklist(qtbot, page)
    _register_entry_updates_the_tree(qtbot, demo_ui, page)


def test_demo_2024_passes_what_if_and_bad_values(qtbot, demo_ui, page):
    page.select_year(2024)
    assert page.verdict_label.text().startswith("ĐẠT — ")
    assert "/100 điểm" in page.verdict_label.text()
    page.tree.select("TC4.CT2")
    editor = page.detail.editor_for("input.tc4_ct2_points")
    assert editor.widget.text() == "4,5"
    grab(page, "assessment_2024")
    _what_if(qtbot, demo_ui, page)
    _bad_value(qtbot, demo_ui, page)


def _what_if(qtbot, demo_ui, page):
    page.what_if.setChecked(True)
    assert page.banner.isVisibleTo(page) and not page.save_button.isEnabled()
    page.tree.select("DQ1")
    _choose_bool(page, "input.leader_disciplined", "Có")
    qtbot.mouseClick(page.detail.apply_button, LEFT)
    assert page.verdict_label.text().startswith("Giả định: KHÔNG ĐẠT")
    assert demo_ui.services.assessment.records.manual_values(2024)["input.leader_disciplined"] is False
    grab(page, "assessment_what_if")
    page.what_if.setChecked(False)
    assert page.verdict_label.text().startswith("ĐẠT")


def _bad_value(qtbot, demo_ui, page):
    page.tree.select("TC4.CT1")
    editor = page.detail.editor_for("input.tc4_ct1_points")
    editor.widget.setText("9")
    qtbot.mouseClick(page.detail.apply_button, LEFT)
    assert any("ngoài khoảng cho phép" in t for t in demo_ui.messages.texts("error"))
    assert demo_ui.services.assessment.records.manual_values(2024)["input.tc4_ct1_points"] == "5"


def _fixes_and_checklist(qtbot, page):
    assert page.fixes.fixes.count() > 0
    first = page.fixes.fixes.item(0).text()
    assert "thiếu 1" in first
    page.tabs.setCurrentWidget(page.fixes)
    grab(page, "assessment_fixes")
    page.tabs.setCurrentWidget(page.checklist)
    steps = [page.checklist.table.item(r, 0).text() for r in range(page.checklist.table.rowCount())]
    assert any(s.startswith("Gửi hồ sơ") for s in steps)
    row = next(r for r, s in enumerate(steps) if s.startswith("Công khai"))
    page.checklist.table.selectRow(row)
    page.checklist.start.setText("01/12/2026")
    page.checklist.end.setText("03/12/2026")
    qtbot.mouseClick(page.checklist.save, LEFT)
    assert "cần ít nhất 05 ngày" in page.checklist.table.item(row, 4).text()
    # TT 09/2021 Điều 3.1.c: office 5 days + 3 loudspeaker announcements within 5 days
    page.checklist.table.selectRow(row)
    page.checklist.end.setText("05/12/2026")
    page.checklist.speaker_start.setText("01/12/2026")
    page.checklist.speaker_end.setText("05/12/2026")
    page.checklist.speaker_count.setValue(3)
    qtbot.mouseClick(page.checklist.save, LEFT)
    assert "đúng Điều 3.1.c" in page.checklist.table.item(row, 4).text()
    grab(page, "assessment_checklist")


def _register_entry_updates_the_tree(qtbot, demo_ui, page):
    page.tabs.setCurrentWidget(page.registers)
    reqs = page.registers.requests
    qtbot.mouseClick(reqs.new_button, LEFT)
    reqs.received.setText("02/11/2026")
    reqs.due.setText("16/11/2026")
    reqs.answered.setText("10/11/2026")
    type_text(reqs.requester, "Võ Thị Ánh")
    qtbot.mouseClick(reqs.save_button, LEFT)
    assert demo_ui.messages.texts("error") == []
    assert reqs.table.rowCount() == 5
    assert page.state.result.node("CT2.3").display == "4/5 (80 %)"
    grab(page, "assessment_registers")
    assert date(2026, 11, 2) in [r.received_on for r in demo_ui.services.assessment.registers.requests(2026)]


def test_rules_tab_saves_a_new_version_and_refuses_bad_values(qtbot, ui, tmp_path):
    page = create_page(ui)
    qtbot.addWidget(page)
    ui.subscribe(page.refresh)
    page.resize(1360, 800)
    page.show()
    assert page.year() == 2026 and page.verdict_label.text() == "KHÔNG ĐẠT"
    page.tabs.setCurrentWidget(page.rules)
    table = page.rules.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "CT3.2.2")
    table.item(row, 3).setText("120")
    qtbot.mouseClick(page.rules.save_button, LEFT)
    assert any("120 %" in t and "0–100 %" in t for t in ui.messages.texts("error"))
    table.item(row, 3).setText("70")
    qtbot.mouseClick(page.rules.save_button, LEFT)
    assert any("phiên bản 2" in t for t in ui.messages.texts("info"))
    assert ui.services.assessment.rulesets.get("qd27_2025", 2).node("CT3.2.2").threshold == 70
    page.rules.versions.setCurrentIndex(page.rules.versions.findData("qd27_2025@2"))
    qtbot.mouseClick(page.rules.use_button, LEFT)
    assert page.ruleset_label.text() == "Bộ tiêu chí: QĐ 27/2025/QĐ-TTg + TT 15/2025/TT-BTP, phiên bản 2"
    bad = tmp_path / "so_gui.json"
    bad.write_text('{"format": 1, "id": "qd27_2025"}', encoding="utf-8")
    page.rules.import_path(bad)
    assert any("so_gui.json" in t and "thiếu khóa" in t for t in ui.messages.texts("error"))
    page.rules.day_edit.setText("31/12/2026")
    type_text(page.rules.day_name, "Nghỉ theo thông báo của tỉnh")
    qtbot.mouseClick(page.rules.add_day, LEFT)
    assert page.rules.days.count() == 1 and "31/12/2026" in page.rules.days.item(0).text()
    assert not ui.services.holidays.calendar().is_working_day(date(2026, 12, 31))
    grab(page, "assessment_rules")


def test_2025_says_there_is_no_ruleset_and_lets_the_user_choose(qtbot, ui):
    page = create_page(ui)
    qtbot.addWidget(page)
    ui.subscribe(page.refresh)
    page.resize(1360, 800)
    page.show()
    page.select_year(2025)
    assert page.verdict_label.text() == "CHƯA CÓ BỘ TIÊU CHÍ" and not page.save_button.isEnabled()
    assert "Năm 2025 không có bộ tiêu chí áp dụng" in page.notice.text()
    assert page.tree.topLevelItemCount() == 0 and ui.messages.texts("error") == []
    grab(page, "assessment_2025")
    page.tabs.setCurrentWidget(page.rules)
    page.rules.versions.setCurrentIndex(page.rules.versions.findData("qd27_2025@1"))
    qtbot.mouseClick(page.rules.use_button, LEFT)
    assert page.ruleset_label.text() == "Bộ tiêu chí: QĐ 27/2025/QĐ-TTg + TT 15/2025/TT-BTP, phiên bản 1"
    assert ui.services.assessment.records.get(2025).ruleset_id == "qd27_2025"
    assert page.notice.isHidden() and page.save_button.isEnabled()


def test_showing_the_page_again_recomputes_only_after_a_change(qtbot, demo_ui, page):
    """#17: switching back to the page reuses the result shown unless a record changed since."""
    shown = page.state
    assert shown is not None
    page.page_shown()
    qtbot.waitUntil(lambda: demo_ui.tasks.pending == 0)
    assert page.state is shown  # nothing changed: not computed again
    finance = demo_ui.services.finance
    finance.ledger.save(  # a change made elsewhere (not announced to the page): the records' version moves
        ExpenditureDraft(
            date(2026, 3, 2),
            finance.catalogue.category_by_code("KHAC").id,
            FundingSource.COMMUNE,
            1000,
            "Nước",
        )
    )
    page.page_shown()
    qtbot.waitUntil(lambda: page.state is not shown)
    assert page.state is not None and page.state.year == 2026
