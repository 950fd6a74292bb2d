"""The Hòa giải page driven like a clerk: team → mediators → case → outcome → fee request → payment.
Screenshots of every tab and dialog go to $PBGDPL_SCREENSHOTS when it is set."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from pbgdpl_desktop.domain.mediation import CaseOutcome, Sex
from pbgdpl_desktop.services.core.listing import ListQuery
from pbgdpl_desktop.ui.pages.mediation import create_page
from pbgdpl_desktop.ui.widgets.combos import select_data
from pbgdpl_desktop.ui.widgets.tables import select_id
from tests.helpers.qt import grab, type_text

MEDIATORS = [("Nguyễn Văn Hùng", Sex.MALE), ("Trần Thị Lan", Sex.FEMALE), ("Lò Văn Pâng", Sex.MALE)]


def make_page(ui, qtbot):
    page = create_page(ui)
    qtbot.addWidget(page)
    ui.subscribe(page.refresh)
    page.resize(1280, 800)
    page.show()
    page.page_shown()
    return page


def add_team(page) -> str:
    dialog = page.teams.open_team_dialog(None)
    type_text(dialog.widgets["name"], "Tổ hòa giải thôn Đông")
    type_text(dialog.widgets["area"], "Thôn Đông")
    type_text(dialog.widgets["decision_number"], "12/QĐ-UBND")
    grab(dialog, "mediation_team_dialog")
    assert dialog.submit()
    assert page.teams.table.rowCount() == 1
    return page.teams.table.item(0, 0).data(Qt.ItemDataRole.UserRole + 1)


def add_mediator(page, name: str, sex: Sex, votes: int = 91) -> bool:
    dialog = page.mediators.open_mediator_dialog(None)
    type_text(dialog.widgets["full_name"], name)
    select_data(dialog.widgets["sex"], sex)
    if name.startswith("Lò"):
        dialog.widgets["ethnicity"].setText("")
        type_text(dialog.widgets["ethnicity"], "Thái")
    dialog.widgets["election_votes"].setValue(votes)
    dialog.widgets["election_households"].setValue(180)
    dialog.widgets["election_date"].set_date(date(2025, 3, 10))
    dialog.widgets["recognition_date"].set_date(date(2025, 3, 20))
    type_text(dialog.widgets["recognition_number"], "15/QĐ-UBND")
    page.mediators.last = dialog
    return dialog.submit()


def test_team_mediators_case_outcome_fee_request(ui, qtbot):
    page = make_page(ui, qtbot)
    team_id = add_team(page)
    assert "Chưa đạt" in page.teams.table.item(0, 6).text()  # flagged, not blocked
    page.show_tab(1)
    # exactly 50 % of the households is refused; the dialog stays open with what was typed
    assert not add_mediator(page, "Nguyễn Văn Hùng", Sex.MALE, votes=90)
    assert "phải trên 50%" in ui.messages.texts("error")[-1]
    dialog = page.mediators.last
    assert dialog.isVisible() and dialog.widgets["full_name"].text() == "Nguyễn Văn Hùng"
    dialog.widgets["election_votes"].setValue(91)
    grab(dialog, "mediation_mediator_dialog")
    assert dialog.submit()
    for name, sex in MEDIATORS[1:]:
        assert add_mediator(page, name, sex)
    assert page.mediators.table.rowCount() == 3
    grab(page, "mediation_mediators_tab")
    # the head must be a member: choose Trần Thị Lan
    page.show_tab(0)
    select_id(page.teams.table, team_id)
    dialog = page.teams.open_team_dialog(team_id)
    lan = next(m.id for m in ui.services.mediation.mediators.all() if m.full_name == "Trần Thị Lan")
    select_data(dialog.widgets["head_mediator_id"], lan)
    assert dialog.submit()
    assert page.teams.table.item(0, 2).text() == "Trần Thị Lan"
    assert page.teams.table.item(0, 6).text() == "Đạt"
    select_id(page.teams.table, team_id)
    grab(page, "mediation_teams_tab")

    # a case, received on 20/11/2026
    page.show_tab(2)
    case_dialog = page.cases.open_case(None)
    f = case_dialog.form
    f.received_edit.set_date(date(2026, 11, 20))
    case_dialog.set_party(0, "Phạm Văn Đức", "1965", "Số 5 ngõ 12, thôn Đông")
    case_dialog.set_party(1, "Đặng Thị Hoa", "1970", "Số 7 ngõ 12, thôn Đông")
    type_text(f.summary_edit, "Tranh chấp lối đi chung giữa hai hộ liền kề.")
    hung = next(
        i for i in range(f.mediators_list.count()) if f.mediators_list.item(i).text().startswith("Nguyễn")
    )
    f.mediators_list.item(hung).setCheckState(Qt.CheckState.Checked)
    f.started_check.setChecked(True)
    f.started_edit.set_date(date(2026, 11, 25))  # 5 days after the assignment: warned, not blocked
    assert "sau hơn 3 ngày" in f.warning_label.text()
    grab(case_dialog, "mediation_case_dialog_new")
    assert case_dialog.submit()
    assert "sau 5 ngày" in ui.messages.texts("warn")[-1]
    assert page.cases.model.rowCount() == 1
    type_text(page.cases.search, "dang thi hoa")
    page.cases.search.flush()
    assert page.cases.model.rowCount() == 1
    page.cases.search.clear()
    type_text(page.cases.search, "khong ai")
    page.cases.search.flush()
    assert page.cases.model.rowCount() == 0
    page.cases.search.clear()
    page.cases.search.flush()

    # the outcome: a result date before the received date is refused, nothing lost
    case_id = page.cases.model.row_id(0)
    case_dialog = page.cases.open_case(case_id)
    f = case_dialog.form
    select_data(f.outcome_combo, CaseOutcome.SETTLED)
    f.result_edit.set_date(date(2026, 11, 19))
    assert not case_dialog.submit()
    assert "trước ngày tiếp nhận" in ui.messages.texts("error")[-1]
    assert f.parties_table.item(1, 1).text() == "Đặng Thị Hoa"
    f.result_edit.set_date(date(2026, 11, 27))
    type_text(f.agreement_edit, "Hai bên thống nhất mở lối đi rộng 1,2 m.")
    grab(case_dialog, "mediation_case_dialog_outcome")
    assert case_dialog.submit()
    row = page.cases.model.row_at(0)
    assert (row.outcome_label, row.result_date) == ("Hòa giải thành", date(2026, 11, 27))
    grab(page, "mediation_cases_tab")

    # the fee request of Nguyễn Văn Hùng, then the payment
    page.show_tab(3)
    fees = page.fees
    select_data(
        fees.mediator_combo,
        next(m.id for m in ui.services.mediation.mediators.all() if m.full_name == "Nguyễn Văn Hùng"),
    )
    assert fees.eligible.rowCount() == 1 and fees.eligible.item(0, 4).text() == "400.000 đ"
    assert "400.000 đ" in fees.total_label.text()
    request = fees.create_request()
    assert request is not None and request.total_amount == 400_000
    assert request.due_on == date(2026, 12, 7)  # 5 working days after Mon 30/11
    assert fees.eligible.rowCount() == 0 and fees.requests.item(0, 8).text() == "Chờ chi"
    select_id(fees.requests, request.id)
    dialog = fees.open_payment_dialog()
    grab(dialog, "mediation_fee_payment_dialog")
    assert dialog.submit()
    assert fees.requests.item(0, 8).text() == "Đã chi" and fees.requests.item(0, 6).text() == "400.000 đ"
    grab(page, "mediation_fees_tab")
    assert ui.services.mediation.facts(2026).cases_fee_paid_lawful == 1


def test_released_mediator_and_duplicate_number_are_refused_in_the_dialog(ui, qtbot):
    page = make_page(ui, qtbot)
    add_team(page)
    page.show_tab(1)
    for name, sex in MEDIATORS:
        assert add_mediator(page, name, sex)
    first = page.cases.open_case(None)
    first.set_party(0, "Phạm Văn Đức")
    assert first.submit()
    second = page.cases.open_case(None)
    second.set_party(0, "Bùi Văn Long")
    second.form.number_spin.setValue(1)
    assert not second.submit()
    assert "Tổ đã có vụ việc số 1/2026" in ui.messages.texts("error")[-1]
    assert second.isVisible()


def test_demo_ward_pages_look_right(demo_ui, qtbot):
    page = make_page(demo_ui, qtbot)
    grab(page, "mediation_demo_teams")
    assert page.teams.table.rowCount() == 8
    page.show_tab(1)
    page.mediators.table.selectRow(0)
    grab(page, "mediation_demo_mediators")
    page.show_tab(2)
    reminders = demo_ui.services.mediation.reminders()
    assert f"Cần đôn đốc ({len(reminders)})" in page.cases.reminders.text()
    assert "chưa bắt đầu hòa giải" in page.cases.reminders.text()
    total = demo_ui.services.mediation.cases.list_source().count(ListQuery(filters={"year": 2026}))
    assert page.cases.model.rowCount() == total > 0
    grab(page, "mediation_demo_cases")
    dialog = page.cases.open_case(page.cases.model.row_id(3))
    grab(dialog, "mediation_demo_case_dialog")
    dialog.reject()
    page.show_tab(3)
    grab(page, "mediation_demo_fees")
    assert page.fees.requests.rowCount() > 0


def test_move_release_training_coordination_dialogs(ui, qtbot):
    page = make_page(ui, qtbot)
    first = add_team(page)
    dialog = page.teams.open_team_dialog(None)
    type_text(dialog.widgets["name"], "Tổ hòa giải thôn Tây")
    assert dialog.submit()
    page.show_tab(1)
    for name, sex in MEDIATORS:
        assert add_mediator(page, name, sex)
    hung = next(m.id for m in ui.services.mediation.mediators.all() if m.full_name == "Nguyễn Văn Hùng")
    assert select_id(page.mediators.table, hung)
    dialog = page.mediators.open_move_dialog()
    dialog.widgets["on"].set_date(date(2026, 6, 1))
    assert dialog.widgets["team_id"].count() == 1  # only the other team
    grab(dialog, "mediation_move_dialog")
    assert dialog.submit()
    assert select_id(page.mediators.table, hung)
    assert (
        "Tổ hòa giải thôn Đông: từ 20/03/2025 đến 31/05/2026; Tổ hòa giải thôn Tây: từ 01/06/2026"
        in page.mediators.history.text()
    )
    dialog = page.mediators.open_training_dialog()
    type_text(dialog.widgets["title"], "Tập huấn kỹ năng hòa giải năm 2026")
    assert dialog.submit()
    assert select_id(page.mediators.table, hung)
    assert "Tập huấn gần đây: 30/11/2026 Tập huấn kỹ năng hòa giải năm 2026." in page.mediators.history.text()
    dialog = page.mediators.open_release_dialog()
    type_text(dialog.widgets["decision"], "20/QĐ-UBND")
    grab(dialog, "mediation_release_dialog")
    assert dialog.submit()
    released = ui.services.mediation.mediators.get(hung)
    assert (
        released.is_released and released.trainings == 1 and released.release_decision_number == "20/QĐ-UBND"
    )
    page.show_tab(0)
    assert select_id(page.teams.table, first)
    dialog = page.teams.open_coordination_dialog()
    type_text(dialog.widgets["partner"], "Luật sư Trần Văn Khải")
    assert dialog.submit()
    assert select_id(page.teams.table, first)
    assert page.teams.coordination.rowCount() == 1
    assert page.teams.coordination.item(0, 2).text() == "Luật sư Trần Văn Khải"
    assert page.teams.members.rowCount() == 2  # Hùng left the team
    page.show_tab(1)
    assert select_id(page.mediators.table, hung)
    page.mediators.delete_current()  # confirmed by the fake message service; Hùng has no case: deleted
    assert hung not in {m.id for m in ui.services.mediation.mediators.all()}
    assert page.mediators.table.rowCount() == 2
    page.show_tab(0)
    assert select_id(page.teams.table, first)
    page.teams.delete_current()  # still has mediators: refused with the reason
    assert "còn hòa giải viên" in ui.messages.texts("error")[-1]


def test_case_list_model_passes_the_model_tester(demo_ui, qtbot, qtmodeltester):
    page = make_page(demo_ui, qtbot)
    page.show_tab(2)
    qtmodeltester.check(page.cases.model)
    page.cases.model.sort(5)  # by result (an indexed sort)
    assert page.cases.model.row_at(0).outcome_label == "Đang hòa giải"


def test_article_20_2_exception_is_entered_in_the_designer_form(ui, qtbot):
    """The late-start exception (Luật HGCS Art. 20.2) and the agreed date are fields of the .ui form and are
    saved with the case."""
    from pbgdpl_desktop.domain.mediation import StartException

    page = make_page(ui, qtbot)
    add_team(page)
    page.show_tab(1)
    for name, sex in MEDIATORS:
        assert add_mediator(page, name, sex)
    dialog = page.cases.open_case(None)
    assert dialog.exception_combo is dialog.form.exception_combo
    assert dialog.agreed_edit is dialog.form.agreed_edit
    dialog.set_party(0, "Phạm Văn Đức")
    dialog.form.received_edit.set_date(date(2026, 3, 2))
    dialog.form.assigned_edit.set_date(date(2026, 3, 2))
    dialog.form.started_check.setChecked(True)
    dialog.form.started_edit.set_date(date(2026, 3, 12))
    select_data(dialog.form.exception_combo, StartException.AGREED_TIME)
    dialog.form.agreed_edit.set_value(date(2026, 3, 12))
    assert dialog.submit(), ui.messages.texts("error")
    (case,) = ui.services.mediation.cases.list_source().page(ListQuery(), 0, 10)
    saved = ui.services.mediation.cases.get(case.id)
    assert saved.start_exception is StartException.AGREED_TIME
    assert saved.start_agreed_on == date(2026, 3, 12)
