"""Names lists written by a real office suite (LibreOffice headless): .xlsx, .ods and .csv in the encodings a
suite writes, read through the names service — the right names, or a clear refusal; never "STT" or "1"."""

from __future__ import annotations

from pathlib import Path

import pytest

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.services.core.names_lists import preview_names, read_names
from tests.helpers.office_suite import (
    CSV_FILTER,
    UTF8,
    UTF16,
    WINDOWS_1258,
    OfficeSuite,
    csv_options,
    office_suite,  # noqa: F401 - the session fixture
)

FIXTURE = Path(__file__).parents[1] / "data" / "office" / "names_unknown_header.csv"
EXPECTED = ["Nguyễn Văn Đông", "Trần Thị Bích Ngọc", "Lê Hoàng"]
IN_UTF8 = f"{CSV_FILTER}:{csv_options(UTF8)}"


@pytest.fixture(scope="module")
def written(office_suite: OfficeSuite, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:  # noqa: F811
    out = tmp_path_factory.mktemp("suite-names")
    files = {
        "xlsx": office_suite.convert([FIXTURE], "xlsx", out / "xlsx", infilter=IN_UTF8)[0],
        "ods": office_suite.convert([FIXTURE], "ods", out / "ods", infilter=IN_UTF8)[0],
    }
    for label, encoding in (("utf8", UTF8), ("utf16", UTF16), ("cp1258", WINDOWS_1258)):
        target = f"csv:{CSV_FILTER}:{csv_options(encoding, ';')}"
        files[label] = office_suite.convert([files["ods"]], target, out / label)[0]
    files["default"] = office_suite.convert([files["ods"]], "csv", out / "default")[0]
    return files


@pytest.mark.parametrize("kind", ["xlsx", "ods", "utf8", "utf16", "cp1258"])
def test_office_suite_names_lists_are_read_right(written: dict[str, Path], kind: str) -> None:
    people = read_names(written[kind])
    assert [p.name for p in people] == EXPECTED
    assert people[1].unit == "Tổ dân phố số 2"
    preview = preview_names(written[kind])
    assert preview.labels[1] == "Họ tên người nhận" and preview.columns.name == 1


def test_office_suite_default_csv_is_right_or_refused(written: dict[str, Path]) -> None:
    """The suite's default CSV encoding depends on the machine: the names come out right or are refused
    with the row number, never printed as "Nguy?n V?n ??ng"."""
    try:
        names = [p.name for p in read_names(written["default"])]
    except ValidationError as exc:
        assert "Dòng 2" in exc.message
    else:
        assert names == EXPECTED


def test_encodings_really_differ(written: dict[str, Path]) -> None:
    """The fixture files are what they claim to be (a test that cannot fail is a defect)."""
    assert written["utf16"].read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    raw = written["cp1258"].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert written["utf8"].read_bytes().decode("utf-8").startswith("STT;")
