"""The ward file page with a real demo ward's bundle (privacy ``minimal``, signed evidence, the year's result
and dossier): the re-computed assessment beside the ward's own result, a difference highlighted, an
appraisal shown in its line, the documents with both signature checks and a saved copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from pbgdpl_desktop.services.office.ward_file import WardFileService
from pbgdpl_desktop.ui.office.ward_file import DIFF_COLOUR, OfficeWardFilePage
from tests.helpers.office import office_of, open_office, open_ward
from tests.helpers.ward_file import ASSESSED, demo_bundle, signed_pdfs


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> dict[str, Path]:
    return signed_pdfs(tmp_path_factory.mktemp("gui-ward-file-pdfs"))


@pytest.fixture(scope="module")
def sent(tmp_path_factory, _demo_template_db, signed):
    return demo_bundle(tmp_path_factory.mktemp("gui-ward-file-ward"), _demo_template_db, signed)


@pytest.fixture
def page(qtbot, ui_for, sent, signed, _template_db, clock, tmp_path):
    bundle, _own, _code = sent
    office = open_office(tmp_path / "office", _template_db, clock)
    office.sync.register(bundle, registered_by="Chuyên viên A")
    assert office_of(office).import_paths([bundle]).ok
    office.signing.files.import_root(signed["root"])
    ui = ui_for(office)
    page = OfficeWardFilePage(ui)
    qtbot.addWidget(page)
    page.year.setValue(ASSESSED)
    yield page
    office.ctx.db.close()


def _column(table, col: int) -> list[str]:
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_recomputed_beside_the_wards_result(page):
    assert page.recomputed is not None and not page.recomputed.differences
    assert "khớp hoàn toàn" in page.own.text() and "tệp kèm" in page.own.text()
    assert "tối giản" in page.privacy.text()
    assert page.compare.rowCount() == len(page.recomputed.lines) > 10
    assert _column(page.compare, 3) == _column(page.compare, 5)  # ward's verdicts == office's
    page.only_differences.setChecked(True)
    assert page.compare.rowCount() == 0
    page.only_differences.setChecked(False)
    # picking a line fills the appraisal form; the appraisal then shows in that line
    page.compare.setCurrentCell(2, 0)
    code = page.code.text()
    assert code == page.recomputed.lines[2].code
    page.value.setText("0")
    page.note.setText("Thiếu biên bản")
    page.by.setText("Hội đồng")
    page.appraise_button.click()
    row = next(r for r in range(page.compare.rowCount()) if page.compare.item(r, 0).text().strip() == code)
    assert (page.compare.item(row, 6).text(), page.compare.item(row, 7).text()) == ("0", "Thiếu biên bản")
    assert page.ui.messages.texts("error") == []


def test_a_difference_is_highlighted(page):
    """The ward's copy at the office changed under it (a manual value flipped): the line differs and is coloured."""
    code = page.ward.currentData()
    service = WardFileService(page.ui.services.ctx)
    db = service.folder / code / "ward.db"
    ward = open_ward(db, db.parent, page.ui.services.ctx.clock)
    try:
        manual = ward.assessment.records.manual_values(ASSESSED)
        key = next(k for k in sorted(manual) if isinstance(manual[k], bool))  # a fixed choice
        ward.assessment.records.set_value(ASSESSED, key, not manual[key])
    finally:
        ward.ctx.db.close()
    (service.folder / code / f"result-{ASSESSED}.json").unlink()
    page.reload()
    assert page.recomputed is not None and page.recomputed.differences
    page.only_differences.setChecked(True)
    assert 0 < page.compare.rowCount() < len(page.recomputed.lines)
    assert page.compare.item(0, 0).background().color() == DIFF_COLOUR
    assert "khác ở" in page.own.text()


def test_documents_tab_lists_both_checks_and_saves_a_copy(page, signed, tmp_path):
    docs = page.documents
    assert sorted(_column(docs.table, 0)) == sorted(
        ["Minh chứng", "Minh chứng", "Hồ sơ đề nghị", "Kết quả tự đánh giá"]
    )
    assert "1 chứng thư gốc" in docs.roots.text()
    names = _column(docs.table, 1)
    row = next(
        r for r, d in enumerate(docs.documents) if d.ward_check and d.ward_check.signer == "Trần Thị Mai"
    )
    assert docs.table.item(row, 4).text() == "Đã ký, nguyên vẹn, chứng thư tin cậy"
    docs.table.setCurrentCell(row, 0)
    text = docs.detail.toPlainText()
    assert "Trần Thị Mai — UBND phường Hoàn Kiếm" in text and "Ký trước hạn: KHÔNG" in text
    foreign = next(
        r for r, d in enumerate(docs.documents) if d.ward_check and d.ward_check.signer == "Người Lạ"
    )
    assert "không thuộc gốc tin cậy" in docs.table.item(foreign, 4).text()
    docs.table.setCurrentCell(row, 0)
    copy = docs.save_to(tmp_path / "ban-sao.pdf")
    assert copy is not None and copy.read_bytes() == signed["signed"].read_bytes()
    assert names


def test_the_office_settings_hold_its_trusted_roots(qtbot, page):
    """The roots the office's own check uses are the ones its Cài đặt › Chữ ký số lists (like a ward's)."""
    from pbgdpl_desktop.ui.pages.settings import SettingsPage

    settings = SettingsPage(page.ui)
    qtbot.addWidget(settings)
    settings.signing_box.reload()
    assert settings.signing_box.roots.count() == 1
