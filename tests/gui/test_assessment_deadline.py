"""An indicator with a deadline (CT2.4.1: the PBGDPL plan within 7 working days of the directing document)
checks the signing day of each signed PDF attached to it against that deadline (issue #18 §2); an indicator
without one shows the signature alone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pbgdpl_desktop.reports.dossier import render_dossier
from pbgdpl_desktop.signing.keys import P12Key
from pbgdpl_desktop.signing.sign import SignRole, sign_pdf
from pbgdpl_desktop.ui.pages.assessment import create_page
from tests.helpers import pki
from tests.unit.test_reports_dossier import dossier_input


def _signed_pdf(tmp_path: Path) -> Path:
    root = pki.make_root()
    signer = pki.issue(root, "Trần Thị Mai", "UBND phường Hoàn Kiếm")
    p12 = pki.write_p12(signer, root, tmp_path / "k.p12", "mk")
    plain = Path(render_dossier(dossier_input(criteria_count=1), str(tmp_path / "plan.pdf")))
    signed = tmp_path / "ke-hoach.pdf"
    sign_pdf(plain, signed, P12Key(p12, "mk"), role=SignRole.PERSON)
    return signed


def _texts(page) -> list[str]:
    items = page.detail.evidence.list
    return [items.item(i).text() for i in range(items.count())]


def test_signed_evidence_is_checked_against_the_indicators_deadline(qtbot, demo_ui, tmp_path: Path) -> None:
    signed = _signed_pdf(tmp_path)
    records = demo_ui.services.assessment.records
    records.attach_evidence(2026, "CT2.4.1", signed)
    records.attach_evidence(2026, "CT2.1.1", signed)
    page = create_page(demo_ui)
    qtbot.addWidget(page)
    page.resize(1360, 800)
    page.show()
    assert page.year() == 2026

    page.tree.select("CT2.4.1")
    due = page.state.result.node("CT2.4.1").due
    assert due is not None  # the demo's directing document is dated: the deadline is known
    deadline = date.fromisoformat(due)
    assert page.detail.evidence.deadline == deadline
    signed_today = date.today() > deadline  # the PDF was signed just now, long after the demo's deadline
    assert signed_today
    assert any(f"⚠ sau hạn {deadline:%d/%m/%Y}" in t for t in _texts(page)), _texts(page)

    page.tree.select("CT2.1.1")  # no deadline: the signature is shown without a verdict on time
    assert page.detail.evidence.deadline is None
    texts = _texts(page)
    assert texts and not any("hạn" in t for t in texts), texts
    assert demo_ui.messages.texts("error") == []
