"""Tagged PDFs (issue #20 §4): every document the app writes carries a structure tree. Checked on the
documents of the 2026 demo ward with pikepdf (the tree, the ParentTree, the marked contents of every page)
and poppler (``pdfinfo`` says Tagged; the text of the tagged elements, ``pdfinfo -struct-text``, is the text
``pdftotext`` reads, page numbers aside); a signed tagged PDF keeps its tree and its signature is valid."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

import pikepdf
import pytest

from pbgdpl_desktop.reports.layout import build_pdf, para
from pbgdpl_desktop.reports.output import write_atomic
from pbgdpl_desktop.signing.check import check_pdf
from pbgdpl_desktop.signing.keys import P12Key
from pbgdpl_desktop.signing.sign import SignRole, sign_pdf
from tests.helpers import pki
from tests.helpers.pdf import pdf_text
from tests.unit.test_pdf_documents import KINDS, generate

_TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


def _elements(node: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """Every structure element under ``node`` (pre-order)."""
    kids = node.get("/K")
    if kids is None:
        return []
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    found = []
    for kid in items:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/MCR" and "/S" in kid:
            found.append(kid)
            found += _elements(kid)
    return found


def _owned(element: pikepdf.Dictionary) -> list[tuple[tuple[int, int], int]]:
    """(page objgen, MCID) of every marked content the element owns directly."""
    kids = element.get("/K")
    items = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    owned = []
    for kid in items:
        if isinstance(kid, int):
            owned.append((element.Pg.objgen, int(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            owned.append((kid.Pg.objgen, int(kid.MCID)))
    return owned


def _page_marks(page: pikepdf.Page) -> tuple[list[int], int]:
    """The MCIDs on a page and the number of text-showing operators outside any marked content."""
    mcids, depth, loose = [], 0, 0
    for instruction in pikepdf.parse_content_stream(page):
        op = str(instruction.operator)
        if op in ("BDC", "BMC"):
            depth += 1
            props = instruction.operands[1] if op == "BDC" else None
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mcids.append(int(props.MCID))
        elif op == "EMC":
            depth -= 1
        elif op in _TEXT_SHOWING and depth == 0:
            loose += 1
    return mcids, loose


def check_structure(path: Path) -> list[pikepdf.Dictionary]:
    """Assert the tagged-PDF frame and that every MCID of every page is referenced from the ParentTree by the
    element that owns it (and every owned MCID exists); returns the elements."""
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "vi-VN"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert str(pdf.docinfo.Title).strip()
        tree = root.StructTreeRoot
        elements = _elements(tree)
        assert elements and elements[0].S == "/Document"
        nums = list(tree.ParentTree.Nums)
        parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        owned = {mark: element for element in elements for mark in _owned(element)}
        seen = set()
        for page in pdf.pages:
            assert page.obj.Tabs == "/S"
            mcids, loose = _page_marks(page)
            assert loose == 0, "text drawn outside any marked content (neither tagged nor an artifact)"
            assert len(set(mcids)) == len(mcids), "an MCID used twice on a page"
            array = parent_tree[int(page.obj.StructParents)]
            for mcid in mcids:
                mark = (page.obj.objgen, mcid)
                assert mark in owned, f"MCID {mcid} belongs to no element"
                assert array[mcid].objgen == owned[mark].objgen, f"ParentTree misses MCID {mcid}"
                seen.add(mark)
        assert set(owned) == seen, "an element references a marked content that is not on its page"
        return [pikepdf.Dictionary(e) for e in elements]


def tagged_text(path: Path) -> str:
    """The text poppler reads through the structure tree (quoted lines of ``pdfinfo -struct-text``)."""
    out = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return "".join(
        line.strip()[1:-1]
        for line in out.splitlines()
        if line.strip().startswith('"') and line.strip().endswith('"')
    )


def check_text(path: Path) -> None:
    """The tagged text equals pdftotext's text, whitespace aside; only page numbers (artifacts) differ."""
    tagged = Counter(ch for ch in tagged_text(path) if not ch.isspace() and ch != "\u00a0")
    read = Counter(ch for ch in pdf_text(path) if not ch.isspace() and ch != "\u00a0")
    assert tagged - read == Counter()
    assert all(ch.isdigit() for ch in read - tagged), read - tagged


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_document_is_a_tagged_pdf(demo_services, tmp_path: Path, kind: str) -> None:
    pdf = generate(demo_services, kind, tmp_path)
    elements = check_structure(pdf)
    roles = Counter(str(e.S)[1:] for e in elements)
    check_text(pdf)
    if kind == "certificates":
        assert roles["H1"] == len(KINDS[kind]["people"]) and roles["P"] > 5
    else:
        assert roles["H1"] >= 1 and roles["P"] > 5
        assert roles["Table"] >= 1 and roles["TR"] > 1 and roles["TH"] >= 1 and roles["TD"] > 1
    if kind == "dossier":
        assert roles["H2"] >= 3  # I., II., III. of the report


def test_a_table_keeps_rows_and_cells(tmp_path: Path) -> None:
    from reportlab.lib.units import mm

    from pbgdpl_desktop.reports.layout import grid_style, head_cells
    from pbgdpl_desktop.reports.tagging import Table

    rows = [head_cells(["STT", "Nội dung", "Số liệu"])] + [
        [str(i), para(f"Hòa giải thành {i}", "cell"), para(f"{i} vụ", "cell_center")] for i in range(1, 4)
    ]
    table = Table(rows, colWidths=[12 * mm, 80 * mm, 30 * mm], repeatRows=1)
    table.setStyle(grid_style())
    pdf = Path(build_pdf(str(tmp_path / "t.pdf"), [para("Bảng", "heading"), table], title="Bảng thử"))
    check_structure(pdf)
    check_text(pdf)
    with pikepdf.open(pdf) as doc:
        (tab,) = [e for e in _elements(doc.Root.StructTreeRoot) if e.S == "/Table"]
        rows_s = list(tab.K)
        assert [r.S for r in rows_s] == ["/TR"] * 4
        assert [c.S for c in rows_s[0].K] == ["/TH"] * 3 and [c.S for c in rows_s[1].K] == ["/TD"] * 3
        assert all(c.A.Scope == "/Column" for c in rows_s[0].K)
    struct = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], check=True, capture_output=True, text=True)
    assert '"Hòa giải thành 2"' in struct.stdout and "H2" in struct.stdout


def test_a_pdf_drawn_on_a_plain_canvas_is_tagged_too(tmp_path: Path) -> None:
    """output.write_atomic tags any PDF (certificates; a future document written by other code): text
    objects become P, a hinted drawing a Figure with its alternate text, the rest artifacts."""
    from reportlab.pdfgen.canvas import Canvas

    from pbgdpl_desktop.reports.fonts import SERIF, register_fonts
    from pbgdpl_desktop.reports.tagging import hint

    register_fonts()

    def build(temp: str) -> None:
        canvas = Canvas(temp)
        canvas.setTitle("Phụ lục thử")
        canvas.setAuthor("pbgdpl-desktop")
        canvas.setKeywords("seal-1 seal-2")
        canvas.setFont(SERIF, 12)
        canvas.drawString(72, 700, "Dòng thứ nhất")
        canvas.line(72, 690, 300, 690)
        with hint(canvas, "Figure", alt="Mã QR của phụ lục"):
            canvas.rect(72, 600, 50, 50, fill=1)
        canvas.drawString(72, 580, "Dòng thứ hai")
        canvas.showPage()
        canvas.save()

    pdf = write_atomic(tmp_path / "phu-luc.pdf", build)
    elements = check_structure(pdf)
    check_text(pdf)
    assert [str(e.S) for e in elements] == ["/Document", "/P", "/Figure", "/P"]
    assert str(elements[2].Alt) == "Mã QR của phụ lục"
    with pikepdf.open(pdf) as doc:  # the document information is kept (the certificates' seals live there)
        assert str(doc.docinfo.Keywords) == "seal-1 seal-2" and str(doc.docinfo.Author) == "pbgdpl-desktop"
        with doc.open_metadata() as meta:
            assert meta["dc:title"] == "Phụ lục thử"


def test_a_file_named_pdf_that_is_not_one_is_written_as_given(tmp_path: Path) -> None:
    target = write_atomic(tmp_path / "ghi-chu.pdf", lambda temp: Path(temp).write_bytes(b"not a pdf"))
    assert target.read_bytes() == b"not a pdf"


def test_an_untagged_pdf_fails_the_check(tmp_path: Path) -> None:
    """The control: a reportlab PDF written without our finish is not tagged and the check says so."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "raw.pdf"))
    canvas.drawString(72, 700, "Plain")
    canvas.save()
    with pytest.raises(AssertionError):
        check_structure(tmp_path / "raw.pdf")


def test_a_signed_tagged_pdf_keeps_its_tree_and_validates(demo_services, tmp_path: Path) -> None:
    """Tagging is done when the document is written, so the signature (an incremental update) covers the
    tagged file and leaves its tree as it is."""
    pdf = generate(demo_services, "dossier", tmp_path)
    root = pki.make_root()
    chairman = pki.issue(root, "Nguyễn Văn Thành", "UBND phường Hoàn Kiếm")
    p12 = pki.write_p12(chairman, root, tmp_path / "ky.p12", "mat-khau")
    signed = tmp_path / "ho-so-da-ky.pdf"
    sign_pdf(pdf, signed, P12Key(p12, "mat-khau"), role=SignRole.PERSON)
    result = check_pdf(signed, [root.pem])
    assert result.signed and result.good and result.signatures[0].intact
    check_structure(signed)
    # the same tree and text (the signature's widget is an annotation outside the tree: docs/pdf.md)
    assert tagged_text(signed) == tagged_text(pdf)


def test_a_signature_image_is_a_figure_with_its_alternate_text(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from PIL import Image

    from pbgdpl_desktop.reports.signature_stamp import render_signature_stamp

    image = tmp_path / "chu-ky.png"
    Image.new("RGB", (120, 60), (20, 40, 160)).save(image)
    stamp = Path(
        render_signature_stamp(
            str(tmp_path / "stamp.pdf"),
            width=160,
            height=70,
            image=image,
            signer="Nguyễn Văn Thành",
            organisation="UBND phường Hoàn Kiếm",
            when=datetime(2026, 12, 1, 8, 30, tzinfo=UTC),
            agency=False,
        )
    )
    elements = check_structure(stamp)
    figures = [e for e in elements if e.S == "/Figure"]
    assert [str(f.Alt) for f in figures] == ["Chữ ký của Nguyễn Văn Thành"]
    assert sum(e.S == "/P" for e in elements) >= 2
