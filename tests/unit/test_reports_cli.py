"""``pbgdpl-desktop report …`` end to end through app.main on a real database file."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from pbgdpl_desktop.app import main
from tests.helpers.pdf import pdf_pages, pdf_text


def _run(paths, *args: str) -> int:
    return main(["--db", str(paths.db_path), "--data-dir", str(paths.data_dir), "report", *args])


def test_periodic_and_statistics(services, paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    services.ctx.db.close()
    assert _run(paths, "periodic", "--year", "2026", "--period", "h1", "--out", str(tmp_path / "bc.pdf")) == 0
    out = capsys.readouterr().out
    assert "Đã tạo Báo cáo định kỳ" in out and "Hồ sơ xã/phường còn thiếu" in out
    assert "6 tháng đầu năm 2026" in pdf_text(tmp_path / "bc.pdf") and pdf_pages(tmp_path / "bc.pdf") >= 1
    # a year report dated 30/11/2026 is a draft until the clerk finalises it
    assert _run(paths, "periodic", "--year", "2026", "--out", str(tmp_path / "nam.pdf")) == 0
    assert "DỰ THẢO" in pdf_text(tmp_path / "nam.pdf")
    assert _run(paths, "periodic", "--year", "2026", "--final", "--out", str(tmp_path / "nam2.pdf")) == 0
    assert "DỰ THẢO" not in pdf_text(tmp_path / "nam2.pdf")
    assert _run(paths, "statistics", "--year", "2026", "--out", str(tmp_path / "tk.xlsx")) == 0
    assert "Hòa giải" in load_workbook(tmp_path / "tk.xlsx").sheetnames


def test_certificates_from_names(services, paths, tmp_path: Path) -> None:
    services.ctx.db.close()
    names = tmp_path / "ds.csv"
    names.write_text("Họ và tên\nTrần Văn An\nLê Thị Hà\nPhạm Minh Đức\n", encoding="utf-8")
    assert (
        _run(
            paths,
            "certificates",
            "--year",
            "2026",
            "--names",
            str(names),
            "--certificate",
            "prize",
            "--first-number",
            "7",
            "--decision",
            "215/QĐ-UBND",
            "--decision-date",
            "2026-11-05",
            "--out",
            str(tmp_path / "gk.pdf"),
        )
        == 0
    )
    text = pdf_text(tmp_path / "gk.pdf")
    assert pdf_pages(tmp_path / "gk.pdf") == 3 and "Số vào sổ: 09/GK-UBND" in text and "GIẤY KHEN" in text
    assert "Quyết định khen thưởng số 215/QĐ-UBND ngày 05/11/2026" in text


def test_known_problems_exit_3_with_vietnamese_message(
    services,
    paths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    services.ctx.db.close()
    assert _run(paths, "certificates", "--year", "2026", "--out", str(tmp_path / "c.pdf")) == 3
    assert "tệp danh sách tên" in capsys.readouterr().err
    assert _run(paths, "dossier", "--year", "2026", "--out", str(tmp_path / "khong" / "co" / "x.pdf")) == 3
    assert "không tồn tại" in capsys.readouterr().err
    assert not (tmp_path / "c.pdf").exists()
