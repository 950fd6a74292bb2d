"""Phổ biến GDPL page end to end (pytest-qt, offscreen): create → list → search "nguyen" finds "Nguyễn" → edit →
delete → tombstone kept; the plan, registry, bookcase and import; screenshots under $PBGDPL_SCREENSHOTS."""

from __future__ import annotations

import sqlite3
from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from pbgdpl_desktop.domain.dissemination import DisseminationForm, TargetGroup
from pbgdpl_desktop.exports.dissemination_excel import COLUMNS, SHEET
from pbgdpl_desktop.ui.pages.dissemination import DisseminationPage, create_page
from pbgdpl_desktop.ui.widgets.checklists import set_checked
from tests.helpers.qt import grab, type_text


def _page(qtbot, ui) -> DisseminationPage:
    page = create_page(ui)
    qtbot.addWidget(page)
    ui.subscribe(page.refresh)  # the main window does this for every page
    page.resize(1280, 760)
    page.show()
    return page


def _visible_titles(page) -> list[str]:
    model = page.sessions.model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_session_create_search_edit_delete_keeps_tombstone(qtbot, ui):
    page = _page(qtbot, ui)
    assert page.key == "dissemination" and page.title == "Phổ biến GDPL"
    lst = page.sessions
    dialog = lst.open_dialog(None)
    qtbot.addWidget(dialog)
    f = dialog.form
    f.held_on_edit.set_date(date(2026, 11, 9))
    type_text(f.title_edit, "Phổ biến Luật Đất đai cho bà con tổ 3")
    f.form_combo.setCurrentIndex(f.form_combo.findData(DisseminationForm.CONFERENCE))
    type_text(f.place_edit, "Nhà văn hóa tổ dân phố số 3")
    type_text(f.speakers_extra_edit, "Nguyễn Văn Bình")
    set_checked(f.target_groups_list, [TargetGroup.GENERAL, TargetGroup.DISABLED])
    f.attendance_total_spin.setValue(40)
    f.attendance_women_spin.setValue(55)  # more women than people: refused, nothing lost
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is None and dialog.isVisible()
    assert "Số nữ (55) lớn hơn tổng số người tham dự (40)" in f.error_label.text()
    assert ui.messages.texts("error")[-1] == f.error_label.text()
    assert f.title_edit.text() == "Phổ biến Luật Đất đai cho bà con tổ 3"
    grab(dialog, "dissemination_session_refused")
    f.attendance_women_spin.setValue(25)
    f.law_day_check.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None and not dialog.isVisible()
    assert _visible_titles(page) == ["Phổ biến Luật Đất đai cho bà con tổ 3"]
    assert lst.count_label.text() == "1 buổi"

    type_text(lst.search, "nguyen")
    lst.search.flush()
    assert _visible_titles(page) == ["Phổ biến Luật Đất đai cho bà con tổ 3"]
    assert "Nguyễn Văn Bình" in lst.model.index(0, 7).data()
    lst.search.clear()
    type_text(lst.search, "hoa giai")
    lst.search.flush()
    assert _visible_titles(page) == []
    lst.search.clear()
    lst.search.flush()

    lst.view.selectRow(0)
    edit = lst.open_dialog(lst.current_id())
    qtbot.addWidget(edit)
    assert edit.form.attendance_women_spin.value() == 25 and edit.form.law_day_check.isChecked()
    edit.form.title_edit.clear()
    type_text(edit.form.title_edit, "Hỏi đáp Luật Đất đai năm 2024")
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    assert _visible_titles(page) == ["Hỏi đáp Luật Đất đai năm 2024"]

    lst.view.selectRow(0)
    session_id = lst.current_id()
    lst.delete_current()
    assert "Xóa buổi “Hỏi đáp Luật Đất đai năm 2024” ngày 09/11/2026" in ui.messages.texts("confirm")[-1]
    assert _visible_titles(page) == [] and lst.count_label.text() == "0 buổi"
    with sqlite3.connect(ui.services.ctx.db.path) as con:
        title, deleted_at = con.execute(
            "SELECT title, deleted_at FROM dissemination_session WHERE id=?", (session_id,)
        ).fetchone()
    assert title == "Hỏi đáp Luật Đất đai năm 2024" and deleted_at is not None


def test_delete_needs_confirmation(qtbot, ui_for, services):
    from pbgdpl_desktop.domain.dissemination import SessionInput

    services.dissemination.sessions.save(
        SessionInput(date(2026, 5, 1), "Buổi giữ lại", DisseminationForm.CLUB)
    )
    ui = ui_for(services, answer=False)
    page = _page(qtbot, ui)
    page.sessions.view.selectRow(0)
    page.sessions.delete_current()
    assert _visible_titles(page) == ["Buổi giữ lại"]


def test_demo_page_filters_plan_registry_and_bookcase(qtbot, demo_ui):
    page = _page(qtbot, demo_ui)
    lst = page.sessions
    total = lst.model.rowCount()
    assert total > 250
    lst.year_combo.setCurrentIndex(lst.year_combo.findData(2025))
    assert lst.model.rowCount() == demo_ui.services.dissemination.facts(2025).sessions_total
    lst.form_combo.setCurrentIndex(lst.form_combo.findData(DisseminationForm.LOUDSPEAKER.value))
    assert 0 < lst.model.rowCount() < 60
    assert all(lst.model.index(r, 2).data() == "Loa truyền thanh" for r in range(lst.model.rowCount()))
    grab(page, "dissemination_list_filtered")
    lst.form_combo.setCurrentIndex(0)
    lst.year_combo.setCurrentIndex(0)
    assert lst.model.rowCount() == total
    grab(page, "dissemination_list")
    lst.view.selectRow(0)
    dialog = lst.open_dialog(lst.current_id())
    qtbot.addWidget(dialog)
    assert dialog.form.speakers_list.count() == 10 and dialog.form.laws_list.count() == 60
    type_text(dialog.form.laws_filter_edit, "dat dai")
    visible = [
        dialog.form.laws_list.item(i).text()
        for i in range(60)
        if not dialog.form.laws_list.item(i).isHidden()
    ]
    assert visible and all("Đất đai" in text for text in visible)
    grab(dialog, "dissemination_session_dialog")
    dialog.reject()

    page.tabs.setCurrentWidget(page.plan)
    plan = page.plan
    assert plan.table.rowCount() == 13 and "Nhiệm vụ trong kế hoạch: đã hoàn thành" in plan.summary.text()
    grab(page, "dissemination_plan")
    task_dialog = plan.open_task(None)
    qtbot.addWidget(task_dialog)
    type_text(task_dialog.title_edit, "Tuyên truyền Luật Dữ liệu")
    task_dialog.arising_check.setChecked(True)
    task_dialog.submit()
    assert plan.table.rowCount() == 14

    page.tabs.setCurrentWidget(page.registry)
    reg = page.registry
    assert reg.table.rowCount() == 10 and "tuyên truyền viên pháp luật" in reg.summary.text()
    reg.table.selectRow(0)
    assert "Tập huấn của" in reg.trainings.text()
    grab(page, "dissemination_registry")
    speaker = reg.open_speaker(None)
    qtbot.addWidget(speaker)
    type_text(speaker.name_edit, "Đỗ Thị Quỳnh")
    type_text(speaker.phone_edit, "0912 345 678")
    speaker.submit()
    assert reg.table.rowCount() == 11

    page.tabs.setCurrentWidget(page.bookcase)
    book = page.bookcase
    type_text(book.title_edit, "Hỏi đáp Luật Trẻ em")
    book.add_item()
    assert any(i.title == "Hỏi đáp Luật Trẻ em" for i in book.items)
    grab(page, "dissemination_bookcase")


def test_import_dialog_previews_and_imports(qtbot, ui, tmp_path):
    page = _page(qtbot, ui)
    path = tmp_path / "so.xlsx"
    page.sessions.export_template(path)
    assert ui.messages.texts("info")[-1].startswith("Đã lưu tệp mẫu")
    wb = load_workbook(path)
    ws = wb[SHEET]
    keys = [k for k, _, _ in COLUMNS]
    for row_no, values in enumerate(
        (
            {"held_on": "05/03/2026", "title": "Luật Cư trú", "form": "Loa truyền thanh"},
            {"held_on": "06/03/2026", "title": "", "form": "Loa truyền thanh"},
        ),
        start=2,
    ):
        for key, value in values.items():
            ws.cell(row_no, keys.index(key) + 1, value)
    wb.save(path)
    dialog = page.sessions.start_import(path)
    qtbot.addWidget(dialog)
    assert dialog.errors.rowCount() == 1 and dialog.errors.item(0, 0).text() == "3"
    assert "chưa nhập" in dialog.errors.item(0, 1).text()
    assert dialog.import_button.text() == "Nhập 1 dòng mới"
    assert dialog.rows.item(0, 1).text() == "05/03/2026 — ngày 5 tháng 3"  # a swapped day/month shows
    grab(dialog, "dissemination_import")
    dialog.commit()
    assert _visible_titles(page) == ["Luật Cư trú"]


def test_bad_import_file_shows_message(qtbot, ui, tmp_path):
    page = _page(qtbot, ui)
    bad = tmp_path / "so.xlsx"
    bad.write_text("không phải Excel", encoding="utf-8")
    dialog = page.sessions.start_import(bad)
    qtbot.addWidget(dialog)
    assert "không phải tệp Excel .xlsx" in ui.messages.texts("error")[-1]
    assert not dialog.import_button.isEnabled()


def test_form_adds_a_document_to_the_catalogue_and_keeps_evidence(qtbot, ui, tmp_path):
    page = _page(qtbot, ui)
    dialog = page.sessions.open_dialog(None)
    qtbot.addWidget(dialog)
    f = dialog.form
    type_text(f.title_edit, "Nghị quyết về mức chi")
    add = dialog.add_document()
    qtbot.addWidget(add)
    add.submit()  # no title yet: refused, dialog stays
    assert "Tên văn bản: chưa nhập" in add.error_label.text() and add.isVisible()
    type_text(add.number_edit, "05/2026/NQ-HĐND")
    type_text(add.title_edit, "Nghị quyết quy định mức chi cho công tác PBGDPL")
    add.submit()
    checked = [
        f.laws_list.item(i).text()
        for i in range(f.laws_list.count())
        if f.laws_list.item(i).checkState() == Qt.CheckState.Checked
    ]
    assert checked == ["05/2026/NQ-HĐND – Nghị quyết quy định mức chi cho công tác PBGDPL"]
    photo = tmp_path / "danh sách tham dự.jpg"
    photo.write_bytes(b"\xff\xd8 attendance sheet")
    dialog.evidence.add_file(photo)  # before the session exists: kept, saved with it
    assert "sẽ lưu cùng bản ghi" in dialog.evidence.list.item(0).text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None and "05/2026/NQ-HĐND" in dialog.saved.laws_text
    (evidence,) = ui.services.evidence.list_for("dissemination_session", dialog.saved.id)
    assert evidence.original_name == "danh sách tham dự.jpg"


def test_registry_delete_asks_and_tombstones(qtbot, ui):
    from pbgdpl_desktop.domain.dissemination import SpeakerInput

    ui.services.dissemination.speakers.save(SpeakerInput("Lý Thị Mận"))
    page = _page(qtbot, ui)
    page.registry.table.selectRow(0)
    page.registry.delete_current()
    assert "Xóa “Lý Thị Mận”" in ui.messages.texts("confirm")[-1]
    assert page.registry.table.rowCount() == 0


def test_training_dialog_records_an_online_training(qtbot, ui):
    from pbgdpl_desktop.domain.dissemination import SpeakerInput

    ui.services.dissemination.speakers.save(SpeakerInput("Lò Văn Páo"))
    page = _page(qtbot, ui)
    reg = page.registry
    assert "0 người được tập huấn" in reg.summary.text()
    reg.table.selectRow(0)
    dialog = reg.open_training()
    qtbot.addWidget(dialog)
    dialog.submit()  # no course name: refused
    assert "chưa nhập" in dialog.error_label.text()
    type_text(dialog.course_edit, "Bồi dưỡng kỹ năng truyền thông pháp luật")
    dialog.online_check.setChecked(True)
    dialog.submit()
    assert "1 người được tập huấn, bồi dưỡng (100 %)" in reg.summary.text()
    assert "trực tuyến" in reg.trainings.text()
    assert "online_training" in ui.services.dissemination.facts(2026).digital_activities


def test_save_and_add_another_opens_a_fresh_dialog(qtbot, ui):
    page = _page(qtbot, ui)
    dialog = page.sessions.open_dialog(None)
    qtbot.addWidget(dialog)
    again = dialog.findChild(QPushButton, "save_and_add_another")
    assert again is not None and again.text() == "Lưu và thêm tiếp"
    f = dialog.form
    f.held_on_edit.set_date(date(2026, 11, 9))
    type_text(f.title_edit, "Buổi thứ nhất")
    f.form_combo.setCurrentIndex(f.form_combo.findData(DisseminationForm.CONFERENCE))
    type_text(f.place_edit, "Nhà văn hóa")
    set_checked(f.target_groups_list, [TargetGroup.GENERAL])
    f.attendance_total_spin.setValue(30)
    f.attendance_women_spin.setValue(40)  # refused: no new dialog, nothing lost
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.saved is None
    f.attendance_women_spin.setValue(10)
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None and not dialog.isVisible()

    def fresh() -> object:
        found = [d for d in page.findChildren(type(dialog)) if d is not dialog and d.isVisible()]
        assert found
        return found[0]

    qtbot.waitUntil(lambda: bool(fresh()))
    second = fresh()
    assert second.form.title_edit.text() == ""
    assert second.findChild(QPushButton, "save_and_add_another") is not None
    assert _visible_titles(page) == ["Buổi thứ nhất"]
    second.reject()


def test_attendee_list_of_a_session_typed_and_imported(qtbot, ui, tmp_path):
    from pbgdpl_desktop.services.dissemination.attendees import Person
    from tests.builders import session_input

    session, _ = ui.services.dissemination.sessions.save(session_input(title="Hội nghị tuyên truyền"))
    page = _page(qtbot, ui)
    lst = page.sessions
    assert not lst.attendees_button.isEnabled()  # no session selected
    lst.view.selectRow(0)
    dialog = lst.open_attendees()
    qtbot.addWidget(dialog)
    table = dialog.table
    table.setCurrentCell(0, 0)
    assert table.paste_text("Trần Văn An\tTổ 5") == 1
    listing = tmp_path / "ds.csv"
    listing.write_text("STT,Họ và tên,Đơn vị\n1,Lê Thị Hà,Trường THCS\n", encoding="utf-8")
    dialog.import_file(listing)
    assert dialog.count.text() == "2 người"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert ui.services.dissemination.attendees.of(session.id) == [
        Person("Trần Văn An", "Tổ 5"),
        Person("Lê Thị Hà", "Trường THCS"),
    ]


def test_task_dialog_takes_the_fields_of_a_real_plan(qtbot, ui):
    """Lead and coordinating units, period, topics, target groups and funding (issue #16); saving the plan
    from the tab keeps the legal bases entered elsewhere."""
    diss = ui.services.dissemination
    diss.plans.save_plan(2026, "16/KH-UBND", None, None, legal_bases=("Luật Phổ biến, giáo dục pháp luật",))
    page = _page(qtbot, ui)
    page.tabs.setCurrentWidget(page.plan)
    plan = page.plan
    plan.save_plan()
    assert diss.plans.plan(2026).legal_bases == ("Luật Phổ biến, giáo dục pháp luật",)
    dialog = plan.open_task(None)
    qtbot.addWidget(dialog)
    type_text(dialog.title_edit, "Hưởng ứng Ngày Pháp luật")
    type_text(dialog.lead_edit, "UBND phường")
    type_text(dialog.coordinating_edit, "Ủy ban MTTQ phường")
    dialog.period_combo.setCurrentText("Quý IV")
    type_text(dialog.topics_edit, "Luật Đất đai 2024")
    type_text(dialog.funded_amount, "2.000.000")
    set_checked(dialog.groups_list, [TargetGroup.STUDENTS.value])
    dialog.submit()
    task = diss.plans.tasks_of_year(2026)[-1].data
    assert (task.lead_unit, task.coordinating_units, task.period, task.topics) == (
        "UBND phường",
        "Ủy ban MTTQ phường",
        "Quý IV",
        "Luật Đất đai 2024",
    )
    assert task.target_groups == (TargetGroup.STUDENTS,) and task.funded_amount == 2_000_000 and task.funded


def test_plan_header_takes_directive_number_legal_bases_and_funding(qtbot, ui):
    page = _page(qtbot, ui)
    plan_tab = page.plan
    type_text(plan_tab.number_edit, "15/KH-UBND")
    type_text(plan_tab.directive_number, "12/KH-UBND của UBND quận")
    type_text(plan_tab.funded, "20.000.000")
    plan_tab.legal_bases.setPlainText(
        "Luật Phổ biến, giáo dục pháp luật năm 2012\nKế hoạch số 12/KH-UBND\n\n"
    )
    plan_tab.save_plan()
    plan = ui.services.dissemination.plans.plan(plan_tab.year)
    assert plan is not None and plan.number == "15/KH-UBND"
    assert plan.directive_number == "12/KH-UBND của UBND quận"
    assert plan.funded_amount == 20_000_000
    assert plan.legal_bases == ("Luật Phổ biến, giáo dục pháp luật năm 2012", "Kế hoạch số 12/KH-UBND")
    plan_tab.reload()
    assert plan_tab.funded.text() == "20.000.000"
    assert plan_tab.legal_bases.toPlainText().splitlines()[0] == "Luật Phổ biến, giáo dục pháp luật năm 2012"
    type_text(plan_tab.funded, "abc")
    plan_tab.save_plan()
    assert "Kinh phí của kế hoạch" in ui.messages.texts("error")[-1]
    assert ui.services.dissemination.plans.plan(plan_tab.year).funded_amount == 20_000_000
