"""A demo ward's bundle for the ward-file tests: signed evidence PDFs attached to an indicator, exported in full
with privacy ``minimal``, its evidence and the year's result and dossier."""

from __future__ import annotations

from pathlib import Path

from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.reports.dossier import render_dossier
from pbgdpl_desktop.scoring import to_json
from pbgdpl_desktop.services.sync.attachments import assessment_attachments
from pbgdpl_desktop.signing.keys import P12Key
from pbgdpl_desktop.signing.sign import SignRole, sign_pdf
from tests.conftest import TEST_NOW
from tests.helpers import pki
from tests.helpers.office import open_ward

ASSESSED = 2026  # the demo ward's QĐ 27 year
OLD = 2024  # its QĐ 25 year (points), with a saved result
PASSWORD = "mat-khau"


def signed_pdfs(base: Path) -> dict[str, Path]:
    """A trusted root, a PDF signed under it, one signed under a foreign root, the unsigned original."""
    from tests.unit.test_reports_dossier import dossier_input

    root, foreign_root = pki.make_root(), pki.make_root("CA lạ")
    unsigned = base / "bien-ban.pdf"
    render_dossier(dossier_input(comments=False, criteria_count=1), str(unsigned))
    out = {"root": base / "root.pem", "unsigned": unsigned}
    out["root"].write_bytes(root.pem)
    for name, who, issuer in (
        ("signed", pki.issue(root, "Trần Thị Mai", "UBND phường Hoàn Kiếm"), root),
        ("foreign", pki.issue(foreign_root, "Người Lạ", "Công ty Lạ"), foreign_root),
    ):
        p12 = pki.write_p12(who, issuer, base / f"{name}.p12", PASSWORD)
        out[name] = base / f"{name}.pdf"
        sign_pdf(unsigned, out[name], P12Key(p12, PASSWORD), role=SignRole.PERSON)
    return out


def demo_bundle(base: Path, demo_db: Path, pdfs: dict[str, Path]) -> tuple[Path, dict[int, dict], str]:
    """(bundle, the ward's own result JSON by year, the indicator the evidence is attached to)."""
    ward = open_ward(demo_db, base / "ward", FixedClock(TEST_NOW))
    try:
        ward.signing.files.import_root(pdfs["root"])
        rs = ward.assessment.records.ruleset_of(ASSESSED)
        code = next((n.code for n in rs.nodes() if n.kind == "deadline"), "TC1.CT1")
        ward.assessment.records.attach_evidence(ASSESSED, code, pdfs["signed"])
        ward.assessment.records.attach_evidence(ASSESSED, code, pdfs["foreign"])
        folder = base / "attach"
        folder.mkdir()
        files = assessment_attachments(ward, ASSESSED, folder)
        record = ward.sync.exporter.export(
            base / "out", full=True, privacy="minimal", evidence=True, attachments=files
        ).record
        assert record is not None
        own = {
            ASSESSED: to_json(ward.assessment.scoring.compute(ASSESSED)),
            OLD: max(ward.assessment.scoring.saved_results(OLD), key=lambda s: s.computed_at).data,
        }
        return record.path, own, code
    finally:
        ward.ctx.db.close()
