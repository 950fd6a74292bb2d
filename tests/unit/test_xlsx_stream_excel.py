"""What Microsoft Excel, stricter than openpyxl and LibreOffice, needs of the streamed workbooks
(``exports.xlsx_stream``) to open them without offering to repair them: every part's elements in the order
of the OOXML schema (ECMA-376 Part 1, transitional ``sml.xsd``) with their required attributes, counts equal
to children, every part typed and related; and whatever a clerk typed or a caller passed — an "_xHHHH_" that
Excel would decode, text past 32,767 UTF-16 units, refused sheet names, numbers a double cannot hold, dates
before 1900 — kept within what Excel accepts. Excel is not here: the checks are the specification's."""

from __future__ import annotations

import math
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from openpyxl import load_workbook

from pbgdpl_desktop.domain.finance import Expenditure, FundingSource
from pbgdpl_desktop.exports.finance_excel import write_ledger
from pbgdpl_desktop.exports.table_excel import write_table
from pbgdpl_desktop.exports.xlsx_stream import CellStyle, StreamBook
from tests.helpers.office_suite import UTF8, OfficeSuite, office_suite  # noqa: F401 - the session fixture

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# The children of each element kind the writer emits, in the schema's sequence (sml.xsd; CT_Font is a
# choice there, checked in the order Excel itself writes). Kinds not listed must have no element children.
ORDER: dict[str, list[str]] = {
    "worksheet": (
        "sheetPr dimension sheetViews sheetFormatPr cols sheetData sheetCalcPr sheetProtection "
        "protectedRanges scenarios autoFilter sortState dataConsolidate customSheetViews mergeCells "
        "phoneticPr conditionalFormatting dataValidations hyperlinks printOptions pageMargins pageSetup "
        "headerFooter rowBreaks colBreaks customProperties cellWatches ignoredErrors smartTags drawing "
        "legacyDrawing legacyDrawingHF picture oleObjects controls webPublishItems tableParts extLst"
    ).split(),
    "sheetPr": ["tabColor", "outlinePr", "pageSetUpPr"],
    "sheetViews": ["sheetView", "extLst"],
    "sheetView": ["pane", "selection", "pivotSelection", "extLst"],
    "cols": ["col"],
    "sheetData": ["row"],
    "row": ["c", "extLst"],
    "c": ["f", "v", "is", "extLst"],
    "is": ["t", "r", "rPh", "phoneticPr"],
    "mergeCells": ["mergeCell"],
    "headerFooter": ["oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"],
    "styleSheet": (
        "numFmts fonts fills borders cellStyleXfs cellXfs cellStyles dxfs tableStyles colors extLst".split()
    ),
    "numFmts": ["numFmt"],
    "fonts": ["font"],
    "font": (
        "b i strike condense extend outline shadow u vertAlign sz color name family charset scheme".split()
    ),
    "fills": ["fill"],
    "fill": ["patternFill", "gradientFill"],
    "patternFill": ["fgColor", "bgColor"],
    "borders": ["border"],
    "border": "start end left right top bottom diagonal vertical horizontal".split(),
    "left": ["color"],
    "right": ["color"],
    "top": ["color"],
    "bottom": ["color"],
    "cellStyleXfs": ["xf"],
    "cellXfs": ["xf"],
    "xf": ["alignment", "protection", "extLst"],
    "cellStyles": ["cellStyle"],
    "workbook": (
        "fileVersion fileSharing workbookPr workbookProtection bookViews sheets functionGroups "
        "externalReferences definedNames calcPr oleSize customWorkbookViews pivotCaches smartTagPr "
        "smartTagTypes webPublishing fileRecoveryPr webPublishObjects extLst"
    ).split(),
    "bookViews": ["workbookView"],
    "sheets": ["sheet"],
    "definedNames": ["definedName"],
    "Types": ["Default", "Override"],  # a choice in the schema; Default first as every writer does
    "Relationships": ["Relationship"],
    "coreProperties": ["creator", "created", "modified"],  # xsd:all: any order, these are ours
    "Properties": ["Application"],
}
ONCE = {"worksheet", "styleSheet", "workbook", "sheetPr", "font", "border", "xf", "fill", "c", "is"}
REQUIRED: dict[str, set[str]] = {  # attributes the schema requires (and, for the pane, Excel's frozen set)
    "sheetView": {"workbookViewId"},
    "pane": {"ySplit", "topLeftCell", "activePane", "state"},
    "selection": {"pane", "activeCell", "sqref"},
    "sheetFormatPr": {"defaultRowHeight"},
    "col": {"min", "max", "width", "customWidth"},
    "row": {"r"},
    "c": {"r"},
    "mergeCell": {"ref"},
    "pageMargins": {"left", "right", "top", "bottom", "header", "footer"},
    "numFmt": {"numFmtId", "formatCode"},
    "sz": {"val"},
    "name": {"val"},
    "xf": {"numFmtId", "fontId", "fillId", "borderId"},
    "cellStyle": {"name", "xfId", "builtinId"},
    "sheet": {"name", "sheetId", f"{{{REL}}}id"},
    "definedName": {"name", "localSheetId"},
    "Relationship": {"Id", "Type", "Target"},
    "Override": {"PartName", "ContentType"},
    "Default": {"Extension", "ContentType"},
}
COUNTED = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "mergeCells")
BUILTIN_FORMATS = set(range(0, 50))


def _local(el: Any) -> str:
    return str(etree.QName(el).localname)


def _check_order(el: Any, part: str, problems: list[str]) -> None:
    kind = _local(el)
    children = [c for c in el if isinstance(c.tag, str)]
    missing = REQUIRED.get(kind, set()) - set(el.attrib)
    if missing:
        problems.append(f"{part}: <{kind}> without {sorted(missing)}")
    if kind in COUNTED and el.get("count") != str(len(children)):
        problems.append(f"{part}: <{kind} count={el.get('count')}> has {len(children)} children")
    order = ORDER.get(kind)
    if order is None:
        if children:
            problems.append(f"{part}: <{kind}> has children {[_local(c) for c in children]}")
        return
    positions = []
    for child in children:
        name = _local(child)
        if name not in order:
            problems.append(f"{part}: <{name}> is no child of <{kind}>")
            continue
        positions.append(order.index(name))
    if positions != sorted(positions):
        problems.append(f"{part}: children of <{kind}> out of order: {[_local(c) for c in children]}")
    if kind in ONCE:
        names = [_local(c) for c in children]
        repeated = {n for n in names if names.count(n) > 1 and n not in ("selection", "Override")}
        if repeated:
            problems.append(f"{part}: <{kind}> repeats {sorted(repeated)}")
    for child in children:
        _check_order(child, part, problems)


def _cell_column(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref)
    assert letters is not None
    number = 0
    for ch in letters.group(0):
        number = number * 26 + ord(ch) - 64
    return number


def package_problems(path: Path) -> list[str]:
    """Everything in the package at ``path`` that breaks the schema or the package's own references."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as zf:
        trees = {name: etree.fromstring(zf.read(name)) for name in zf.namelist()}
    for name, root in trees.items():
        if name != "xl/theme/theme1.xml":  # openpyxl's default Office theme, as Excel writes it
            _check_order(root, name, problems)
    problems += _package_links(trees)
    problems += _style_problems(trees["xl/styles.xml"])
    xf_count = len(trees["xl/styles.xml"].find(f"{{{MAIN}}}cellXfs"))
    rel_ids = {rel.get("Id"): rel.get("Target") for rel in trees["xl/_rels/workbook.xml.rels"]}
    sheets = list(trees["xl/workbook.xml"].find(f"{{{MAIN}}}sheets"))
    problems += _workbook_problems(trees["xl/workbook.xml"], [s.get("name") for s in sheets])
    for sheet in sheets:
        part = "xl/" + rel_ids[sheet.get(f"{{{REL}}}id")]
        problems += _sheet_problems(part, trees[part], xf_count)
    return problems


def _package_links(trees: dict[str, Any]) -> list[str]:
    """Content types: rels and xml by extension, every other part by its own override; relations to parts
    that are there."""
    problems = []
    names = set(trees)
    types = trees["[Content_Types].xml"]
    defaults = {d.get("Extension") for d in types if _local(d) == "Default"}
    overrides = {o.get("PartName") for o in types if _local(o) == "Override"}
    if not {"rels", "xml"} <= defaults:
        problems.append(f"content types: defaults {defaults}")
    for name in names - {"[Content_Types].xml"}:
        if not name.endswith(".rels") and f"/{name}" not in overrides:
            problems.append(f"{name}: no content type")
    problems += [f"{part}: typed but absent" for part in overrides if part.lstrip("/") not in names]
    for rels, base in (("_rels/.rels", ""), ("xl/_rels/workbook.xml.rels", "xl/")):
        problems += [
            f"{rels}: {r.get('Target')} absent" for r in trees[rels] if base + r.get("Target") not in names
        ]
    return problems


def _style_problems(styles: Any) -> list[str]:
    """The two fills Excel reserves first, custom formats from 164, every index of an xf in range."""
    problems = []
    section = {_local(c): c for c in styles}
    fills = [f[0].get("patternType") for f in section["fills"]]
    if fills[:2] != ["none", "gray125"]:
        problems.append(f"styles: first fills {fills[:2]}")
    custom = {int(n.get("numFmtId")) for n in section.get("numFmts", [])}
    if any(i < 164 for i in custom):
        problems.append(f"styles: custom number formats {sorted(custom)} below 164")
    for xf in section["cellXfs"]:
        for attr, kind in (("fontId", "fonts"), ("fillId", "fills"), ("borderId", "borders")):
            if int(xf.get(attr)) >= len(section[kind]):
                problems.append(f"styles: xf {attr}={xf.get(attr)} out of range")
        if int(xf.get("numFmtId")) not in BUILTIN_FORMATS | custom:
            problems.append(f"styles: xf numFmtId={xf.get('numFmtId')} undefined")
    return problems


def _workbook_problems(workbook: Any, titles: list[str]) -> list[str]:
    """Sheet names Excel accepts, unique; defined names local to a sheet, quoting its name."""
    problems = []
    if len({t.casefold() for t in titles}) != len(titles):
        problems.append(f"workbook: sheet names not unique {titles}")
    for title in titles:
        if not title.strip() or len(title.encode("utf-16-le")) > 62 or re.search(r"[\[\]:*?/\\]", title):
            problems.append(f"workbook: sheet name {title!r} refused by Excel")
        if title.startswith("'") or title.endswith("'") or title.casefold() == "history":
            problems.append(f"workbook: sheet name {title!r} refused by Excel")
    for defined in workbook.find(f"{{{MAIN}}}definedNames"):
        index = int(defined.get("localSheetId"))
        quoted = "'" + titles[index].replace("'", "''") + "'!"
        if defined.get("name") not in ("_xlnm.Print_Titles", "_xlnm.Print_Area"):
            problems.append(f"workbook: defined name {defined.get('name')}")
        if not (defined.text or "").startswith(quoted):
            problems.append(f"workbook: {defined.get('name')} of sheet {index} is {defined.text!r}")
    return problems


def _sheet_problems(part: str, root: Any, xf_count: int) -> list[str]:
    """Rows and cells ascending, heights, widths and styles in range, values Excel reads, the frozen
    pane's selection inside the pane."""
    problems = []
    last_row = 0
    for row in root.iter(f"{{{MAIN}}}row"):
        number = int(row.get("r"))
        if number <= last_row or number > 1_048_576:
            problems.append(f"{part}: row {number} after {last_row}")
        last_row = number
        if row.get("ht") is not None and not 0 <= float(row.get("ht")) <= 409:
            problems.append(f"{part}: row {number} ht={row.get('ht')}")
        last_column = 0
        for cell in row:
            ref = cell.get("r")
            if not ref.endswith(str(number)) or _cell_column(ref) <= last_column:
                problems.append(f"{part}: cell {ref} in row {number}")
            last_column = _cell_column(ref)
            if int(cell.get("s", "0")) >= xf_count:
                problems.append(f"{part}: cell {ref} style {cell.get('s')}")
            problems += _value_problems(part, cell)
    problems += [
        f"{part}: column width {col.get('width')}"
        for col in root.iter(f"{{{MAIN}}}col")
        if not 0 <= float(col.get("width")) <= 255
    ]
    for pane in root.iter(f"{{{MAIN}}}pane"):
        top = int(pane.get("topLeftCell")[1:])
        if pane.get("state") != "frozen" or top != int(pane.get("ySplit")) + 1:
            problems.append(f"{part}: pane {dict(pane.attrib)}")
        for selection in root.iter(f"{{{MAIN}}}selection"):
            active = selection.get("activeCell")
            if selection.get("pane") != pane.get("activePane") or int(active[1:]) < top:
                problems.append(f"{part}: selection {dict(selection.attrib)} outside {dict(pane.attrib)}")
    return problems


def _value_problems(part: str, cell: Any) -> list[str]:
    kind = cell.get("t", "n")
    value = cell.find(f"{{{MAIN}}}v")
    if kind == "n" and value is not None:
        try:
            number = float(value.text)
        except ValueError:
            return [f"{part}: cell {cell.get('r')} number {value.text!r}"]
        if not math.isfinite(number) or (number != 0 and abs(number) < 2.2250738585072014e-308):
            return [f"{part}: cell {cell.get('r')} number {value.text!r} Excel cannot hold"]
        if value.text.startswith("-0") and number == 0:
            return [f"{part}: cell {cell.get('r')} negative zero"]
    if kind == "b" and value is not None and value.text not in ("0", "1"):
        return [f"{part}: cell {cell.get('r')} boolean {value.text!r}"]
    if kind == "inlineStr":
        text = cell.find(f"{{{MAIN}}}is/{{{MAIN}}}t")
        if text is None or not text.text:
            return [f"{part}: cell {cell.get('r')} empty inline text"]
        decoded = excel_text(text.text)
        if len(decoded.encode("utf-16-le")) // 2 > 32_767:
            return [f"{part}: cell {cell.get('r')} text over 32,767 UTF-16 units"]
        if (
            decoded != decoded.strip()
            and text.get("{http://www.w3.org/XML/1998/namespace}space") != "preserve"
        ):
            return [f"{part}: cell {cell.get('r')} spaces at its ends without xml:space"]
    return []


def excel_text(stored: str) -> str:
    """The text Excel shows for a stored string: every "_xHHHH_" decoded, left to right (ECMA-376 §22.4.2.4)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), stored)


def _stored_texts(path: Path, sheet: int = 1) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read(f"xl/worksheets/sheet{sheet}.xml"))
    return [t.text for t in root.iter(f"{{{MAIN}}}t")]


def _expenditure(i: int, text: str) -> Expenditure:
    return Expenditure(
        id=str(i),
        spent_on=date(2026, 3, 1),
        category_id="c",
        category_code=text,
        category_name="Hội nghị",
        source=list(FundingSource)[0],
        amount=1_234_567,
        description=text,
        quantity=2,
        unit="cuộc",
        norm_variant="",
        voucher_number="PC-01",
        voucher_date=date(2026, 3, 2),
        payee=" Nguyễn Văn A ",
        warnings=(),
    )


HOSTILE = (
    "_x0041_",
    "SKU_x0041_x0042_",
    "a_X00e9_b and _x005F_",
    "_x000D_\n",
    " leading and trailing ",
    "😀" * 20_000,
    "a\x00b\ufffe\uffff\ud800c",
    "=1+1",
    "x" * 40_000,
)


def test_every_part_follows_the_schema(tmp_path: Path) -> None:
    """A ledger (title rows merged, header frozen, money and date formats, fills) and a two-sheet table:
    every element kind in schema order with its required attributes, counts, types, relations, names."""
    ledger, _, _ = write_ledger(
        [_expenditure(i, t) for i, t in enumerate(HOSTILE)], tmp_path / "so.xlsx", ward="UBND", subtitle=" "
    )
    table = write_table(
        tmp_path / "bang.xlsx",
        [
            (
                "Nhật ký",
                ("Lúc", "Nội dung", "Số"),
                [(datetime(2026, 1, 2, 3, 4), t, i) for i, t in enumerate(HOSTILE)],
            ),
            ("Trống", ("A",), []),
        ],
    )
    with StreamBook(tmp_path / "empty.xlsx"):
        pass
    for path in (ledger, table, tmp_path / "empty.xlsx"):
        assert package_problems(path) == [], path
    with zipfile.ZipFile(ledger) as zf:  # the walk above saw the kinds it checks
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    for kind in ("<pane ", "<selection ", "<mergeCells ", "<cols>", "<headerFooter>", 'ht="409"'):
        assert kind in sheet


def test_text_that_looks_like_an_escape_stays_literal(tmp_path: Path) -> None:
    """Excel decodes "_xHHHH_" in a string: a clerk's "_x0041_" showed as "A" (the file kept it as typed)."""
    texts = ["_x0041_", "SKU_x0041_x0042_", "a_X00e9_b", "_x005F_", "_x12_ _xZZZZ_", "_x000D_"]
    target = tmp_path / "t.xlsx"
    with StreamBook(target) as book:
        sheet = book.sheet("S", [10] * len(texts))
        sheet.append(texts, [0] * len(texts))
    stored = _stored_texts(target)
    assert [excel_text(t) for t in stored] == texts
    assert stored[0] == "_x005F_x0041_" and stored[4] == "_x12_ _xZZZZ_"  # only real escapes are touched


def test_libreoffice_shows_escape_like_text_as_typed(office_suite: OfficeSuite, tmp_path: Path) -> None:  # noqa: F811
    """LibreOffice decodes "_x005F_" too (openpyxl's reader does not decode inline strings at all)."""
    texts = ["_x0041_", "SKU_x0041_x0042_", "a_x00e9_b", "_x005F_"]
    target = tmp_path / "t.xlsx"
    with StreamBook(target) as book:
        book.sheet("S", [10] * len(texts)).append(texts, [0] * len(texts))
    csv = office_suite.to_csv([target], tmp_path / "csv", UTF8)[0].read_text(encoding="utf-8")
    assert csv.strip() == ",".join(texts)


def test_text_is_cut_at_32767_utf16_units(tmp_path: Path) -> None:
    """Excel counts UTF-16 units: 20,000 emoji are 40,000 of them (cut at 32,767 characters before)."""
    target = tmp_path / "t.xlsx"
    with StreamBook(target) as book:
        sheet = book.sheet("S", [10, 10, 10])
        sheet.append(["😀" * 20_000, "a" + "😀" * 16_383 + "b", "x" * 40_000], [0, 0, 0])
    emoji, odd, plain = _stored_texts(target)
    assert emoji == "😀" * 16_383  # 32,766 units: a 16,384th would split across the limit
    assert odd == "a" + "😀" * 16_383  # 32,767 units exactly
    assert plain == "x" * 32_767


def test_rows_stay_within_excel_height(tmp_path: Path) -> None:
    """A long wrapped text asked for a row taller than Excel's 409 points (33,652 pt in the ledger test)."""
    target = tmp_path / "t.xlsx"
    with StreamBook(target) as book:
        sheet = book.sheet("S", [12, 300])
        sheet.title("x " * 5_000, 0)
        sheet.append(["dòng\n" * 400, "ngắn"], [0, 0])
    ws = load_workbook(target).active
    assert [ws.row_dimensions[r].height for r in (1, 2)] == [409.0, 409.0]
    assert ws.column_dimensions["B"].width == 255


def test_sheet_names_are_what_excel_accepts(tmp_path: Path) -> None:
    """Names are passed through: Excel refuses [ ] : * ? / \\, blank names, names over 31, apostrophes at the
    ends, "History" and duplicates regardless of case (the file opened only after a repair)."""
    names = [
        "Nhật ký [2026]: a/b*c?d\\e",
        "",
        "   ",
        "'trích'",
        "NHẬT KÝ [2026]: A/B*C?D\\E",  # the first but for case
        "history",
        "Nguye\u0302\u0303n " + "y" * 40,  # NFD, over 31
        "😀" * 20,
        "a_x0041_b",
        "tab\there",
    ]
    target = tmp_path / "t.xlsx"
    write_table(target, [(name, ("A",), [(1,)]) for name in names])
    assert package_problems(target) == []
    got = load_workbook(target).sheetnames
    assert got[:6] == [
        "Nhật ký  2026   a b c d e",
        "Sheet2",
        "Sheet3",
        "trích",
        "NHẬT KÝ  2026   A B C D E (2)",
        "Sheet6",
    ]
    assert got[6] == "Nguyễn " + "y" * 24 and len(got[7].encode("utf-16-le")) == 60
    assert got[8] == "a x0041_b" and got[9] == "tab here"


class Kind(str, Enum):  # noqa: UP042 - the mixin whose str() is "Kind.TRIP"
    TRIP = "công tác"


def test_numbers_excel_can_hold(tmp_path: Path) -> None:
    """NaN, infinities and out-of-range Decimals made "<v>NaN</v>", "<v>Infinity</v>", "<v>1E+400</v>":
    no number Excel reads. Negative zero, subnormal doubles, a str enum's member (written as "Kind.TRIP")."""
    values: list[Any] = [
        2**63 - 1,
        -(2**60),
        10**400,
        Decimal("NaN"),
        Decimal("-Infinity"),
        Decimal("1E+400"),
        Decimal("-0"),
        Decimal("12.25"),
        -0.0,
        5e-324,
        float("nan"),
        float("-inf"),
        True,
        False,
        Kind.TRIP,
    ]
    target = tmp_path / "t.xlsx"
    with StreamBook(target) as book:
        book.sheet("S", [10] * len(values)).append(values, [0] * len(values))
    assert package_problems(target) == []
    got = [c.value for c in load_workbook(target).active[1]]
    assert got == [
        2**63 - 1,
        -(2**60),
        "1" + "0" * 400,
        None,
        None,
        "1E+400",
        0,
        12.25,
        0,
        0,
        None,
        None,
        True,
        False,
        "công tác",
    ]


def test_dates_as_excel_counts_them(tmp_path: Path) -> None:
    """Excel's 1900 system counts a 29/02/1900 that never was: 01/01/1900 is serial 1, 28/02/1900 is 59,
    01/03/1900 is 61 (serials were one too many before March 1900). Before 1900 there is no serial: the
    date's text (it was a negative serial, shown as ####)."""
    values = [
        date(1900, 1, 1),
        date(1900, 2, 28),
        date(1900, 3, 1),
        datetime(1900, 1, 1, 12),
        date(1899, 12, 31),
        datetime(1850, 6, 7, 8, 9, 10),
        date(9999, 12, 31),
    ]
    target = tmp_path / "t.xlsx"
    with StreamBook(target) as book:
        day = book.style(CellStyle(number_format="DD/MM/YYYY"))
        book.sheet("S", [10] * len(values)).append(values, [day] * len(values))
    with zipfile.ZipFile(target) as zf:
        root = etree.fromstring(zf.read("xl/worksheets/sheet1.xml"))
    stored = [v.text for v in root.iter(f"{{{MAIN}}}v")] + [t.text for t in root.iter(f"{{{MAIN}}}t")]
    assert stored == ["1", "59", "61", "1.5", "2958465", "31/12/1899", "07/06/1850 08:09:10"]
    got = [c.value for c in load_workbook(target).active[1]]
    assert got[:4] == [
        datetime(1900, 1, 1),
        datetime(1900, 2, 28),
        datetime(1900, 3, 1),
        datetime(1900, 1, 1, 12),
    ]


def test_a_table_past_the_rows_of_a_sheet_goes_on_to_a_new_sheet(tmp_path: Path) -> None:
    """The audit trail grows with the data: past Excel's rows a sheet (1,048,576, here 3) its rows go on to
    "Nhật ký (2)", header repeated (they ran past the limit: Excel drops them after a repair prompt)."""
    target = write_table(
        tmp_path / "t.xlsx",
        [("Nhật ký", ("Số", "Nội dung"), [(i, f"dòng {i}") for i in range(1, 6)]), ("Khác", ("A",), [(1,)])],
        max_rows=3,
    )
    assert package_problems(target) == []
    book = load_workbook(target)
    assert book.sheetnames == ["Nhật ký", "Nhật ký (2)", "Nhật ký (3)", "Khác"]
    rows = [list(ws.iter_rows(values_only=True)) for ws in book.worksheets]
    assert rows[:3] == [
        [("Số", "Nội dung"), (1, "dòng 1"), (2, "dòng 2")],
        [("Số", "Nội dung"), (3, "dòng 3"), (4, "dòng 4")],
        [("Số", "Nội dung"), (5, "dòng 5")],
    ]
    assert [ws.print_title_rows for ws in book.worksheets] == ["$1:$1"] * 4


def test_a_sheet_refuses_a_row_past_excel_last(tmp_path: Path) -> None:
    """Row 1,048,577 is an error (no file), not a sheet Excel opens cut short after a repair prompt."""
    target = tmp_path / "out" / "t.xlsx"
    with pytest.raises(ValueError, match="1,048,576"), StreamBook(target) as book:
        sheet = book.sheet("S", columns=1)
        for _ in range(1_048_576):
            sheet.append((), ())
        sheet.append((), ())
    assert list(target.parent.iterdir()) == []
