"""The signing parts of the window, offscreen: the sign dialog from the Reports page (a .p12, the password
typed and forgotten), the "Kiểm tra chữ ký" tool, and Settings › Chữ ký số (images, trusted roots)."""

from __future__ import annotations

from pathlib import Path

from pbgdpl_desktop.services.reports.service import ReportRequest
from pbgdpl_desktop.signing.check import check_pdf
from pbgdpl_desktop.signing.sign import SignRole
from pbgdpl_desktop.ui.pages.reports import create_page as reports_page
from pbgdpl_desktop.ui.pages.settings import create_page as settings_page
from tests.helpers import pki


def test_sign_from_the_reports_page_then_check(qtbot, demo_ui, tmp_path: Path) -> None:
    root = pki.make_root()
    signer = pki.issue(root, "Nguyễn Văn Thành", "UBND phường Hoàn Kiếm")
    p12 = pki.write_p12(signer, root, tmp_path / "ky.p12", "mk")
    page = reports_page(demo_ui)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    assert not page.sign_button.isEnabled()
    output = demo_ui.services.reports.generate(ReportRequest("dossier", 2026, target=tmp_path / "ho-so.pdf"))
    page.show_output(output)
    assert page.sign_button.isEnabled()
    dialog = page.open_sign_dialog()
    assert dialog is not None
    dialog.p12_radio.setChecked(True)
    dialog.p12_path.setText(str(p12))
    dialog.secret.setText("sai")
    dialog.sign_button.click()
    assert dialog.isVisible() and "sai mật khẩu" in dialog.error.text()
    assert dialog.secret.text() == ""  # never kept, not even after a refusal
    dialog.secret.setText("mk")
    dialog.role.setCurrentIndex(dialog.role.findData(SignRole.PERSON))
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.sign_button.click()
    signed = tmp_path / "ho-so.signed.pdf"
    assert page.current_path == signed and signed.is_file()
    assert [s.signer for s in check_pdf(signed, [root.pem]).signatures] == ["Nguyễn Văn Thành"]
    checker = page.open_check_dialog()
    qtbot.waitUntil(lambda: "Nguyễn Văn Thành" in checker.output.toPlainText(), timeout=30_000)
    assert "Chứng thư tin cậy: KHÔNG" in checker.output.toPlainText()  # no root imported yet
    checker.close()


def test_settings_part_imports_roots_and_images(qtbot, ui, tmp_path: Path) -> None:
    from PIL import Image

    page = settings_page(ui)
    qtbot.addWidget(page)
    box = page.signing_box
    assert box.roots.count() == 0
    root = pki.make_root()
    (tmp_path / "root.pem").write_bytes(root.pem)
    box.import_root(tmp_path / "root.pem")
    assert box.roots.count() == 1 and "CA thử nghiệm" in box.roots.item(0).text()
    (tmp_path / "leaf.cer").write_bytes(pki.issue(root, "Ai Đó", "Đâu Đó").der)
    box.import_root(tmp_path / "leaf.cer")
    assert "không phải chứng thư gốc" in box.message.text() and box.roots.count() == 1
    Image.new("RGBA", (60, 30), (0, 0, 200, 255)).save(tmp_path / "chu-ky.png")
    box.set_image(SignRole.PERSON, tmp_path / "chu-ky.png")
    assert box.image_labels[SignRole.PERSON].text() == "person.png"
    assert box.image_labels[SignRole.AGENCY].text() == "(chưa có)"


def test_evidence_list_shows_the_signature_beside_the_file(qtbot, ui, tmp_path: Path) -> None:
    from datetime import date

    from pbgdpl_desktop.reports.dossier import render_dossier
    from pbgdpl_desktop.signing.keys import P12Key
    from pbgdpl_desktop.signing.sign import sign_pdf
    from pbgdpl_desktop.ui.widgets.evidence_list import EvidenceList
    from tests.unit.test_reports_dossier import dossier_input

    root = pki.make_root()
    signer = pki.issue(root, "Trần Thị Mai", "UBND phường Hoàn Kiếm")
    p12 = pki.write_p12(signer, root, tmp_path / "k.p12", "mk")
    plain = Path(render_dossier(dossier_input(criteria_count=1), str(tmp_path / "a.pdf")))
    signed = tmp_path / "signed.pdf"
    sign_pdf(plain, signed, P12Key(p12, "mk"), role=SignRole.PERSON)
    (tmp_path / "root.pem").write_bytes(root.pem)
    ui.services.signing.files.import_root(tmp_path / "root.pem")
    owner = "00000000-0000-0000-0000-00000000000a"
    ui.services.evidence.attach(signed, "assessment_note", owner)
    ui.services.evidence.attach(plain, "assessment_note", owner)
    widget = EvidenceList(ui, "assessment_note")
    qtbot.addWidget(widget)
    widget.set_owner(owner)
    texts = sorted(widget.list.item(i).text() for i in range(widget.list.count()))
    assert any("✔ đã ký số: Trần Thị Mai" in t for t in texts)
    assert any(t.startswith("a.pdf") and "ký" not in t for t in texts)  # unsigned: no badge
    widget.set_deadline(date(2020, 1, 1))
    assert any("sau hạn 01/01/2020" in widget.list.item(i).text() for i in range(widget.list.count()))


def test_sign_dialog_with_a_softhsm_token(qtbot, ui, tmp_path: Path, monkeypatch) -> None:
    from pbgdpl_desktop.reports.dossier import render_dossier
    from pbgdpl_desktop.ui.signing.sign_dialog import SignDialog
    from tests.unit.test_reports_dossier import dossier_input

    root = pki.make_root()
    agency = pki.issue(root, "Ủy ban nhân dân phường Hoàn Kiếm", "UBND phường Hoàn Kiếm")
    (tmp_path / "hsm").mkdir()
    monkeypatch.setenv("SOFTHSM2_CONF", str(pki.token_conf(tmp_path / "hsm")))
    library = pki.make_token(tmp_path / "hsm", agency)
    pdf = Path(render_dossier(dossier_input(criteria_count=1), str(tmp_path / "vb.pdf")))
    dialog = SignDialog(ui, pdf)
    qtbot.addWidget(dialog)
    dialog.library.setText(str(library))
    dialog.load_tokens()
    assert dialog.token.count() == 1 and "Ủy ban nhân dân phường Hoàn Kiếm" in dialog.token.currentText()
    dialog.role.setCurrentIndex(dialog.role.findData(SignRole.AGENCY))
    dialog.secret.setText("000000")
    dialog.sign_button.click()
    assert "PIN" in dialog.error.text()
    dialog.secret.setText(pki.PIN)
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.sign_button.click()
    result = check_pdf(tmp_path / "vb.signed.pdf", [root.pem])
    assert result.good and result.signatures[0].signer == "Ủy ban nhân dân phường Hoàn Kiếm"
