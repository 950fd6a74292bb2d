"""The Reports page certificate source: a names file shows its first names and the column they come from
(chosen from the data, under an unknown header), and the clerk may pick another column."""

from __future__ import annotations

from pathlib import Path

import pytest

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.services.core.names_lists import read_names
from pbgdpl_desktop.ui.reports.options import ReportOptions

FIXTURE = Path(__file__).parents[1] / "data" / "office" / "names_unknown_header.csv"


def test_names_file_preview_and_column_pick(qtbot) -> None:
    options = ReportOptions(2026)
    qtbot.addWidget(options)
    options.kind.setCurrentIndex(options.kind.findData("certificates"))
    options.source.setCurrentIndex(options.source.findData("file"))
    options.names.setText(str(FIXTURE))
    assert options.names_column.currentText() == "Họ tên người nhận"
    assert "3 người" in options.names_preview.text()
    assert "Nguyễn Văn Đông" in options.names_preview.text()
    request = options.request()
    assert request.names_column == 1
    assert read_names(FIXTURE, name_column=request.names_column)[0].name == "Nguyễn Văn Đông"
    options.names_column.setCurrentIndex(0)
    options.names_column.activated.emit(0)
    assert "là số" in options.names_preview.text()  # the serial column: refused before printing
    assert options.request().names_column == 0
    with pytest.raises(ValidationError, match="Dòng 2"):
        read_names(FIXTURE, name_column=0)
