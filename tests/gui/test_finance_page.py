"""Kinh phí page: entering an expenditure linked to a mediator fee request, warnings and refusals in the
form, the budget, norms and summary tabs (screenshots under $PBGDPL_SCREENSHOTS)."""

from __future__ import annotations

from datetime import date

import pytest

from pbgdpl_desktop.domain.finance import FundingSource, LedgerQuery
from pbgdpl_desktop.ui.pages.finance import FinancePage, create_page
from pbgdpl_desktop.ui.widgets.combos import select_data
from tests.builders import fee_request
from tests.helpers.qt import grab, type_text


@pytest.fixture
def page(qtbot, ui):
    page = create_page(ui)
    qtbot.addWidget(page)
    ui.subscribe(page.refresh)  # the main window does this for every page
    page.resize(1280, 760)
    page.show()
    return page


def test_entering_an_expenditure_linked_to_a_fee_request(qtbot, ui, page, tmp_path):
    _, request = fee_request(  # Trần Thị Lan's, for a case settled in October
        ui.services,
        mediator=1,
        received=date(2026, 10, 2),
        started=date(2026, 10, 3),
        settled=date(2026, 10, 12),
        requested=date(2026, 10, 15),
    )
    voucher_scan = tmp_path / "phieu-chi-PC115.pdf"
    voucher_scan.write_bytes(b"%PDF-1.4 phieu chi")
    assert isinstance(page, FinancePage) and page.key == "finance" and page.title == "Kinh phí"
    dialog = page.ledger.open_dialog(None)
    qtbot.addWidget(dialog)
    f = dialog.form
    f.spent_on_edit.set_date(date(2026, 11, 20))
    select_data(f.link_kind_combo, "fee_request")
    assert f.category_combo.currentText().startswith("HGCS_THU_LAO")
    labels = [f.link_target_combo.itemText(i) for i in range(f.link_target_combo.count())]
    assert any("Trần Thị Lan" in text and "400.000 đ" in text for text in labels)
    select_data(f.link_target_combo, request.id)
    dialog._link_target_chosen()  # what choosing an item in the combo does (signal "activated")
    assert (f.amount_edit.text(), f.quantity_edit.value(), f.payee_edit.text()) == (
        "400.000",
        1,
        "Trần Thị Lan",
    )
    select_data(f.variant_combo, "settled")
    assert "400.000 đ/vụ việc × 1 = 400.000 đ" in f.norm_label.text()
    type_text(f.voucher_number_edit, "PC 115")
    dialog.evidence.add_file(voucher_scan)  # kept until the expenditure exists, then attached
    grab(dialog, "finance_expense_dialog_fee_request")
    dialog.submit()
    confirms = ui.messages.texts("confirm")
    assert len(confirms) == 1 and "Chưa có dự toán cho “Thù lao hòa giải viên theo vụ việc”" in confirms[0]
    assert ui.messages.texts("error") == []
    assert dialog.saved is not None
    paid = ui.services.mediation.fees.get(request.id)
    assert (paid.paid_on, paid.paid_amount, paid.expenditure_id) == (
        date(2026, 11, 20),
        400_000,
        dialog.saved.id,
    )
    assert page.ledger.model.rowCount() == 1
    attached = ui.services.evidence.list_for("expenditure", dialog.saved.id)
    assert [e.original_name for e in attached] == ["phieu-chi-PC115.pdf"]
    assert "1 khoản chi — tổng cộng 400.000 đ" in page.ledger.total_label.text()
    grab(page, "finance_ledger_after_fee_payment")


def test_bad_amounts_are_refused_and_ceilings_warned(qtbot, ui, page):
    dialog = page.ledger.open_dialog(None)
    qtbot.addWidget(dialog)
    f = dialog.form
    select_data(f.category_combo, ui.services.finance.catalogue.category_by_code("TAI_LIEU_DAC_THU").id)
    select_data(f.variant_combo, "leaflet")
    type_text(f.amount_edit, "1,5")
    dialog.submit()
    assert "không phải số tiền hợp lệ" in ui.messages.texts("error")[-1]
    f.amount_edit.clear()
    type_text(f.amount_edit, "3.000.001 đ")
    dialog.submit()
    assert "phải nhập số lượng (sản phẩm)" in ui.messages.texts("error")[-1]
    f.quantity_edit.setValue(2)
    type_text(f.description_edit, "Biên soạn 2 tờ gấp pháp luật về đất đai")
    ui.messages.answer = False
    dialog.submit()
    assert "vượt định mức 3.000.000 đ" in ui.messages.texts("confirm")[-1]
    assert "⚠ Số tiền 3.000.001 đ vượt định mức" in f.warnings_label.text()
    assert ui.services.finance.ledger.count(LedgerQuery()) == 0  # not confirmed: nothing saved
    grab(dialog, "finance_expense_dialog_warning")


def test_model_is_sound(qtmodeltester, demo_ui):
    page = create_page(demo_ui)
    qtmodeltester.check(page.ledger.model)
    assert page.ledger.model.rowCount() > 50


def test_tabs_on_the_demo_ward(qtbot, demo_ui, tmp_path):
    page = create_page(demo_ui)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    ledger = page.ledger
    ledger.search.setText("to gap")
    ledger.search.flush()
    assert ledger.model.rowCount() >= 2
    assert all("tờ gấp" in ledger.model.row_at(i).description.lower() for i in range(ledger.model.rowCount()))
    warning_column = 4
    texts = [ledger.model.index(i, warning_column).data() for i in range(ledger.model.rowCount())]
    assert texts[0] == "⚠ Vượt định mức; Vượt dự toán"  # 20/10: 3.200.000 đ for 2 leaflets
    dialog = ledger.open_dialog(demo_ui.services.finance.ledger.get(ledger.model.row_id(0)))
    qtbot.addWidget(dialog)
    assert "⚠ Số tiền 3.200.000 đ vượt định mức 3.000.000 đ" in dialog.form.warnings_label.text()
    grab(dialog, "finance_expense_dialog_edit")
    dialog.reject()
    grab(page, "finance_ledger_demo_search")
    ledger.search.setText("")
    ledger.search.flush()
    grab(page, "finance_ledger_demo")
    for index, name in ((1, "finance_budget_demo"), (2, "finance_summary_demo"), (3, "finance_norms_demo")):
        page.tabs.setCurrentIndex(index)
        grab(page, name)
    summary = page.summary
    assert summary.table.rowCount() == len(summary.summary.rows) + 1
    assert summary.table.item(summary.table.rowCount() - 1, 0).text() == "Tổng cộng"
    assert len(summary.chart.series()) == 1
    assert "Mức tối thiểu 20.000.000 đ: dự toán đạt" in summary.status_label.text()
    ledger.export_to(tmp_path / "so-chi.xlsx")  # the task runner is synchronous in tests
    summary.export_to(tmp_path / "tong-hop.xlsx")
    assert [t.split(":")[0] for t in demo_ui.messages.texts("info")] == [
        "Đã xuất sổ theo dõi chi ra tệp",
        "Đã xuất tổng hợp kinh phí ra tệp",
    ]
    assert (tmp_path / "so-chi.xlsx").stat().st_size > 0 and (tmp_path / "tong-hop.xlsx").stat().st_size > 0


def test_budget_tab_lines_adjustments_and_minimum(qtbot, ui, page):
    budget = page.budget
    select_data(budget.category_combo, ui.services.finance.catalogue.category_by_code("TAP_HUAN").id)
    type_text(budget.planned_edit, "6.000.000")
    budget.save_line()
    assert budget.table.rowCount() == 1 and budget.table.item(0, 2).text() == "6.000.000 đ"
    budget.table.selectRow(0)
    type_text(budget.adjust_amount, "-1.500.000")
    type_text(budget.adjust_reason, "Điều chuyển sang nội dung in ấn")
    budget.adjust_selected()
    assert ui.messages.texts("error") == []
    assert (budget.table.item(0, 3).text(), budget.table.item(0, 4).text()) == ("-1.500.000 đ", "4.500.000 đ")
    budget.minimum_edit.clear()
    type_text(budget.minimum_edit, "20.000.000")
    budget.save_minimum()
    assert "Mức tối thiểu 20.000.000 đ: CHƯA ĐẠT" in budget.status_label.text()
    budget.table.selectRow(0)
    type_text(budget.adjust_amount, "-9.000.000")
    type_text(budget.adjust_reason, "Giảm quá mức")
    budget.adjust_selected()
    assert "không được âm" in ui.messages.texts("error")[-1]
    page.tabs.setCurrentIndex(1)
    grab(page, "finance_budget_edit")


def test_norms_tab_override_and_category_in_use(qtbot, ui, page):
    norms = page.norms
    select_data(norms.code_combo, "HGCS_HO_TRO_TO")
    norms.effective_edit.set_date(date(2026, 1, 1))
    norms.resolution_date_edit.set_date(date(2025, 12, 10))
    type_text(norms.amount_edit, "200.000")
    type_text(norms.resolution_edit, "Nghị quyết 30/2025/NQ-HĐND")
    norms.add_override()
    assert ui.messages.texts("error") == []
    assert (
        ui.services.finance.catalogue.norm_in_force("HGCS_HO_TRO_TO", "", date(2026, 1, 1)).amount == 200_000
    )
    sources = [norms.norm_table.item(r, 5).text() for r in range(norms.norm_table.rowCount())]
    assert "Nghị quyết 30/2025/NQ-HĐND" in sources
    used = ui.services.finance.catalogue.category_by_code("KHAC")
    ui.services.finance.budget.set_line(2026, used.id, FundingSource.COMMUNE, 1_000_000)
    norms.reload()
    norms.category_table.selectRow(next(i for i, c in enumerate(norms.categories) if c.code == "KHAC"))
    norms.delete_category()
    assert "đã có khoản chi hoặc dự toán" in ui.messages.texts("error")[-1]
    assert norms.new_code.text() == "KHAC"  # selecting a row fills the form for editing
    norms.new_name.clear()
    type_text(norms.new_name, "Chi khác phục vụ trực tiếp PBGDPL và hòa giải")
    norms.update_category()
    assert (
        ui.services.finance.catalogue.category(used.id).name
        == "Chi khác phục vụ trực tiếp PBGDPL và hòa giải"
    )
    page.tabs.setCurrentIndex(3)
    grab(page, "finance_norms_override")
