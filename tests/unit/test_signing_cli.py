"""The signature commands end to end in a subprocess: sign with a .p12 (password read from standard input,
never an argument), check the signature, verify a certificate PDF."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pbgdpl_desktop.reports.dossier import render_dossier
from pbgdpl_desktop.services.reports.service import ReportRequest
from tests.builders import ward_profile
from tests.helpers import pki
from tests.unit.test_reports_dossier import dossier_input


def run(*args: str, data_dir: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PBGDPL_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "pbgdpl_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=300,
    )


def test_sign_then_check_signature(data_dir: Path, tmp_path: Path) -> None:
    root = pki.make_root()
    signer = pki.issue(root, "Nguyễn Văn Thành", "UBND phường Hoàn Kiếm")
    p12 = pki.write_p12(signer, root, tmp_path / "ky.p12", "mk")
    pdf = Path(render_dossier(dossier_input(criteria_count=1), str(tmp_path / "ho-so.pdf")))
    wrong = run("sign", str(pdf), "--p12", str(p12), data_dir=data_dir, stdin="sai\n")
    assert wrong.returncode == 3 and "sai mật khẩu" in wrong.stdout + wrong.stderr
    signed = run("sign", str(pdf), "--p12", str(p12), data_dir=data_dir, stdin="mk\n")
    assert signed.returncode == 0, signed.stderr
    out = tmp_path / "ho-so.signed.pdf"
    assert "Đã ký" in signed.stdout and out.is_file()
    untrusted = run("check-signature", str(out), data_dir=data_dir)
    assert untrusted.returncode == 1 and "Nguyễn Văn Thành" in untrusted.stdout
    assert "Chứng thư tin cậy: KHÔNG" in untrusted.stdout
    (data_dir / "signing" / "roots").mkdir(parents=True)
    (data_dir / "signing" / "roots" / "root.cer").write_bytes(root.der)
    good = run("check-signature", str(out), "--deadline", "31/12/2099", data_dir=data_dir)
    assert good.returncode == 0, good.stdout
    assert "Ký trước hạn: có" in good.stdout and "Nguyên vẹn: có" in good.stdout


def test_verify_certificate_pdf_and_text(services, data_dir: Path, tmp_path: Path) -> None:
    services.ward.save(ward_profile())
    request = ReportRequest("certificates", 2026, target=tmp_path / "gcn.pdf", people=(("Trần Văn An", ""),))
    pdf = services.reports.generate(request).path
    (text,) = services.signing.certificates.seals_in_pdf(pdf)
    services.ctx.db.close()
    ok = run("verify-certificate", str(pdf), data_dir=data_dir)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Hợp lệ: giấy số 01/GCN-UBND cấp cho Trần Văn An" in ok.stdout
    bad = run(
        "verify-certificate", text[:-2] + ("AA" if not text.endswith("AA") else "BB"), data_dir=data_dir
    )
    assert bad.returncode == 1 and "Hợp lệ" not in bad.stdout
