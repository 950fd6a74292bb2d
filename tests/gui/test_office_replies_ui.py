"""The ward's side of the office's replies offscreen: the rule files / norm tables offered are listed with
what they change, accepted or declined from the Đồng bộ page; the office's notes beside the indicators on
the assessment page."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pbgdpl_desktop.scoring.loader import dump_data, parse_text
from pbgdpl_desktop.services.assessment.rulesets import RulesetStore
from pbgdpl_desktop.services.office.dto import ReviewStatus
from tests.helpers.bundles import small_ward
from tests.helpers.office import inbox_of, office_of, open_office, signed_decision_pdf

YEAR = 2026


@pytest.fixture
def office(services, _template_db, clock, tmp_path):
    """An office that imported the small ward's bundle; the ward registered the office's key."""
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    office_svc = open_office(tmp_path / "office", _template_db, clock)
    office_svc.sync.register(record.path, registered_by="Chuyên viên A")
    assert office_of(office_svc).import_paths([record.path]).ok
    office_svc.sync.export_public_key(tmp_path / "so.pem")
    inbox_of(services).register_office_key(tmp_path / "so.pem")
    yield office_of(office_svc)
    office_svc.ctx.db.close()


def _files(folder):
    folder.mkdir(parents=True, exist_ok=True)
    rules = parse_text(RulesetStore(folder).get("qd27_2025").source_text)
    rules["version"] = 2
    rules["criteria"][0]["title"] = "Tiêu chí 1 (tỉnh ghi rõ)"
    (folder / "qd27_v2.json").write_text(dump_data(rules), encoding="utf-8")
    norms = {
        "format": 1,
        "kind": "norm_table",
        "id": "stp_01",
        "version": 1,
        "title": "Định mức của tỉnh",
        "norms": [{"category": "HGCS_HO_TRO_TO", "amount": 180_000, "effective_from": "2026-01-01"}],
    }
    (folder / "dinh_muc.json").write_text(json.dumps(norms, ensure_ascii=False), encoding="utf-8")
    return folder / "qd27_v2.json", folder / "dinh_muc.json"


def test_offered_files_are_listed_accepted_and_declined_on_the_sync_page(
    qtbot, ui_for, services, office, tmp_path
):
    from pbgdpl_desktop.ui.pages.sync import SyncPage

    rules, norms = _files(tmp_path / "files")
    reply = office.reply("00070", tmp_path / "replies", rules=[rules], norms=[norms])
    ui = ui_for(services)
    seen = []
    ui.subscribe(lambda changes: seen.append(changes))
    page = SyncPage(ui)
    qtbot.addWidget(page)
    box = page.replies
    box.file.setText(str(reply.path))
    box.import_button.click()
    assert "2 tệp đề nghị" in box.result.text()
    assert box.offers.rowCount() == 2
    rows = {box.offers.item(r, 0).text(): r for r in range(2)}
    r = rows["Bộ tiêu chí"]
    assert box.offers.item(r, 2).text() == "qd27_2025 — phiên bản 2"
    assert box.offers.item(r, 4).text() == "Chờ quyết định"
    assert box.offers.item(r, 5).text().endswith("→ Tiêu chí 1 (tỉnh ghi rõ)")
    assert "150.000 đ → 180.000 đ" in box.offers.item(rows["Bảng định mức"], 5).text()
    assert not box.accept_button.isEnabled()
    box.offers.selectRow(r)
    assert box.accept_button.isEnabled()
    box.accept_button.click()
    assert "phiên bản 2" in box.result.text()
    assert box.offers.item(r, 4).text().startswith("Đã nhận")
    assert RulesetStore(services.ctx.data_dir).for_year(YEAR).version == 2
    assert seen and "assessment" in seen[-1].topics
    box.offers.selectRow(rows["Bảng định mức"])
    box.decline_button.click()  # the fake message service answers yes to the confirmation
    assert box.offers.item(rows["Bảng định mức"], 4).text().startswith("Đã từ chối")
    assert not box.accept_button.isEnabled()
    assert services.finance.catalogue.norm_in_force(
        "HGCS_HO_TRO_TO", "", services.ctx.clock.today()
    ).amount == (150_000)
    assert ui.messages.texts("error") == []


def test_office_notes_beside_the_indicators_on_the_assessment_page(qtbot, ui_for, services, office, tmp_path):
    from pbgdpl_desktop.ui.pages.assessment import create_page
    from pbgdpl_desktop.ui.pages.sync import SyncPage

    office.appraise(
        "00070",
        YEAR,
        "CT2.1.1",
        "Không đạt",
        note="Thiếu danh mục công khai quý IV",
        by="Hội đồng",
        request="more",
    )
    office.appraise("00070", YEAR, "CT1.2", "", note="Đủ hồ sơ", by="Hội đồng")
    office.set_status("00070", YEAR, ReviewStatus.RECEIVED, version=0, by="Chị Lan")
    office.set_status("00070", YEAR, ReviewStatus.PASSED, version=1, by="Chị Lan")
    office.set_status(
        "00070",
        YEAR,
        ReviewStatus.RECOGNISED,
        version=2,
        by="Chị Lan",
        decision_number="15/QĐ-UBND",
        decision_on=date(2027, 1, 20),
    )
    reply = office.reply("00070", tmp_path / "replies", year=YEAR)
    ui = ui_for(services)
    page = create_page(ui)
    qtbot.addWidget(page)
    ui.subscribe(page.refresh)
    page.resize(1360, 800)
    page.show()
    assert page.year() == YEAR
    assert not page.office_line.isVisible() and page.tree.isColumnHidden(6)
    sync = SyncPage(ui)
    qtbot.addWidget(sync)
    sync.replies.file.setText(str(reply.path))
    sync.replies.import_button.click()  # notifies the assessment page
    assert page.office_line.isVisible()
    line = page.office_line.text()
    assert "Đã công nhận, quyết định số 15/QĐ-UBND ngày 20/01/2027" in line
    assert "2 chỉ tiêu có ý kiến của Sở" in line
    assert not page.tree.isColumnHidden(6)
    assert page.tree.office_text("CT2.1.1") == "Yêu cầu bổ sung: Không đạt"
    assert page.tree.office_text("CT1.2") == "Ghi chú"
    assert page.tree.office_text("CT2.1") == ""
    page.tree.select("CT2.1.1")
    assert page.detail.office_note.isVisible()
    assert page.detail.office_note.text() == (
        "Ý kiến của Sở Tư pháp — Yêu cầu bổ sung; điểm/giá trị thẩm định: Không đạt; "
        "Thiếu danh mục công khai quý IV"
    )
    page.tree.select("CT2.1")
    assert not page.detail.office_note.isVisible()
    select = page.year_combo.findData(YEAR - 1)
    page.year_combo.setCurrentIndex(select)
    assert page.year() == YEAR - 1
    assert not page.office_line.isVisible() and page.tree.isColumnHidden(6)
    assert ui.messages.texts("error") == []


def test_decision_pdf_attached_at_the_office_opens_at_the_ward(
    qtbot, ui_for, services, _template_db, clock, tmp_path
):
    """Office: the leader's button attaches the PDF to the recognised review; the reply carries it; ward: the
    Đồng bộ page and the assessment page offer "Mở quyết định", with the signature badge."""
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices

    from pbgdpl_desktop.ui.office.ward_file import OfficeWardFilePage
    from pbgdpl_desktop.ui.pages.assessment import AssessmentPage
    from pbgdpl_desktop.ui.pages.sync import SyncPage

    pdf, root = signed_decision_pdf(tmp_path)
    small_ward(services)
    record = services.sync.exporter.export(tmp_path / "out", full=True).record
    office_svc = open_office(tmp_path / "office", _template_db, clock)
    try:
        office_svc.sync.register(record.path, registered_by="Chuyên viên A")
        office = office_of(office_svc)
        assert office.import_paths([record.path]).ok
        office_svc.sync.export_public_key(tmp_path / "so.pem")
        inbox_of(services).register_office_key(tmp_path / "so.pem")
        services.signing.files.import_root(root)

        page = OfficeWardFilePage(ui_for(office_svc))
        qtbot.addWidget(page)
        page.year.setValue(YEAR)
        assert not page.attach_decision_button.isEnabled()  # not recognised yet
        passed = office.set_status("00070", YEAR, ReviewStatus.PASSED, version=0, by="Thẩm định")
        office.set_status(
            "00070",
            YEAR,
            ReviewStatus.RECOGNISED,
            version=passed.version,
            by="Lãnh đạo",
            decision_number="15/QĐ-UBND",
            decision_on=date(2027, 1, 20),
        )
        page.reload()
        assert page.attach_decision_button.isEnabled()
        page.attach_decision(pdf)
        assert page.decision_pdf.text().startswith(pdf.name) and page.open_decision_button.isEnabled()
        reply = office.reply("00070", tmp_path / "replies", year=YEAR)
    finally:
        office_svc.ctx.db.close()

    class Opened(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.urls: list[QUrl] = []

        @Slot(QUrl)
        def show(self, url: QUrl) -> None:
            self.urls.append(url)

    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "show")
    try:
        ui = ui_for(services)
        sync_page = SyncPage(ui)
        qtbot.addWidget(sync_page)
        box = sync_page.replies
        box.year.setValue(YEAR)
        assert not box.open_decision_button.isEnabled()
        box.file.setText(str(reply.path))
        box.import_button.click()
        assert "1 tệp quyết định (PDF)" in box.result.text()
        assert box.decision_pdf.text().startswith(f"{pdf.name} — ✔ đã ký số: Nguyễn Văn Chủ Tịch, ")
        box.open_decision_button.click()
        assert opened.urls[-1].toLocalFile().endswith(".pdf")
        assert Path(opened.urls[-1].toLocalFile()).read_bytes() == pdf.read_bytes()

        assessment = AssessmentPage(ui)
        qtbot.addWidget(assessment)
        assessment.page_shown()
        qtbot.waitUntil(lambda: assessment.office_pdf_button.isVisibleTo(assessment))
        assert "Tệp quyết định: " + pdf.name in assessment.office_line.text()
        assessment.office_pdf_button.click()
        assert len(opened.urls) == 2
        assert ui.messages.texts("error") == []
    finally:
        QDesktopServices.unsetUrlHandler("file")
