"""Tagged PDFs: a document structure for screen readers and text extraction (issue #20 §4).

reportlab writes no structure tree, so tagging is done in two steps (docs/pdf.md):

1. **While drawing**, our flowables mark what they draw. A ``Tagger`` is attached to the canvas
   (``TaggingCanvas``); ``Paragraph`` wraps its text in ``/P <</MCID n>> BDC … EMC`` (``/H1``, ``/H2`` for
   titles and headings) and ``Table`` — through reportlab's table render callback — opens ``Table``, ``TR``,
   ``TH``/``TD`` elements around its cells. The tagger records the tree of elements and, for each, the marked
   contents (page, MCID) it owns.
2. **After the build** (``finish``), pikepdf writes the tree into the file: ``StructTreeRoot`` with its
   ``ParentTree``, one ``StructElem`` per element, ``StructParents`` and ``/Tabs /S`` on every page,
   ``/MarkInfo << /Marked true >>``, ``/Lang``, ``/ViewerPreferences << /DisplayDocTitle true >>`` and the
   title. Everything drawn outside a marked content (rules, grid lines, borders, page numbers) is wrapped in
   ``/Artifact BMC … EMC``.

Documents drawn straight on a canvas (certificates, or a PDF written by any other code through
``output.write_atomic``) get the same finish without a tagger: each text object becomes a ``P``, a sequence
the drawing code marked with ``hint(canvas, "Figure", alt=…)`` (the QR code) becomes that element with its
``/Alt``, the rest is an artifact. Tagging happens before any digital signature: the signature is an
incremental update that leaves the tree as it is."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus import Table as _Table

LANG = "vi-VN"
TAGGER_ATTR = "pbgdpl_tagger"
# paragraph style name → structure type (every other style is a P)
ROLES = {"title": "H1", "subtitle": "H1", "heading": "H2"}
_TEXT_SHOWING = {"Tj", "TJ", "'", '"'}
_STANDARD = {"P", "H1", "H2", "H3", "Figure", "Table", "TR", "TH", "TD", "Span", "Caption", "Note"}


@dataclass
class Element:
    """A structure element being recorded: its type, alternate text (figures) and kids — elements or the
    marked contents (page index, MCID) it owns, in reading order."""

    role: str
    alt: str = ""
    kids: list[Element | tuple[int, int]] = field(default_factory=list)


class Tagger:
    """Records the structure while a document is drawn. ``open``/``close`` elements; ``begin``/``end`` a
    marked content of the innermost open element on the current page (the MCID is the page's next one)."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self._stack = [self.root]
        self._next: dict[int, int] = {}

    @property
    def current(self) -> Element:
        return self._stack[-1]

    def open(self, role: str, alt: str = "") -> Element:
        element = Element(role, alt)
        self.current.kids.append(element)
        self._stack.append(element)
        return element

    def close(self) -> None:
        if len(self._stack) > 1:
            self._stack.pop()

    def begin(self, canvas: Canvas) -> None:
        page = canvas.getPageNumber() - 1
        mcid = self._next.get(page, 0)
        self._next[page] = mcid + 1
        self.current.kids.append((page, mcid))
        canvas._code.append(f"/{self.current.role} <</MCID {mcid}>> BDC")  # noqa: SLF001 - the content stream

    def end(self, canvas: Canvas) -> None:
        canvas._code.append("EMC")  # noqa: SLF001

    @contextmanager
    def tagged(self, canvas: Canvas, role: str, alt: str = "") -> Iterator[None]:
        """An element of ``role`` holding one marked content: what is drawn inside."""
        self.open(role, alt)
        self.begin(canvas)
        try:
            yield
        finally:
            self.end(canvas)
            self.close()


def tagger_of(canvas: Any) -> Tagger | None:
    tagger = getattr(canvas, TAGGER_ATTR, None)
    return tagger if isinstance(tagger, Tagger) else None


class TaggingCanvas(Canvas):
    """A reportlab canvas carrying a ``Tagger`` (``BaseDocTemplate.build(canvasmaker=…)``). When a page is
    closed, what was drawn outside the tagger's marked contents is wrapped as artifacts, at the level of
    reportlab's content entries (one entry never holds half a text object), so ``finish`` need not parse
    the pages again."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        setattr(self, TAGGER_ATTR, Tagger())

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        self._code[:] = _with_artifacts(self._code)
        super().showPage()


def _with_artifacts(code: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    depth = 0
    for entry in code:
        marker = entry.endswith((" BDC", " BMC")), entry == "EMC"
        if marker[0] and depth == 0 and run:
            out += ["/Artifact BMC", *run, "EMC"]
            run.clear()
        if marker[0] or marker[1] or depth > 0:
            depth += 1 if marker[0] else -1 if marker[1] else 0
            out.append(entry)
        else:
            run.append(entry)
    if run:
        out += ["/Artifact BMC", *run, "EMC"]
    return out


@contextmanager
def hint(canvas: Canvas, role: str, *, alt: str = "") -> Iterator[None]:
    """For drawing code without a tagger (certificates): mark what is drawn inside as one element of
    ``role`` (a figure with its alternate text); ``finish`` gives it its MCID and element."""
    props = f" <</Alt <{'FEFF' + alt.encode('utf-16-be').hex().upper()}>>>" if alt else " <<>>"
    canvas._code.append(f"/{role}{props} BDC")  # noqa: SLF001
    try:
        yield
    finally:
        canvas._code.append("EMC")  # noqa: SLF001


class Paragraph(_Paragraph):
    """reportlab's paragraph, tagged P (H1/H2 for the title and heading styles) on a tagging canvas. A
    paragraph split over two pages is two elements."""

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803 (reportlab API)
        tagger = tagger_of(canvas)
        if tagger is None:
            super().drawOn(canvas, x, y, _sW)
            return
        with tagger.tagged(canvas, ROLES.get(self.style.name, "P")):
            super().drawOn(canvas, x, y, _sW)


def _is_flowable(value: object) -> bool:
    return isinstance(value, (list, tuple, Flowable))


def _header_row(table: _Table, row: int) -> bool:
    repeat = table.repeatRows
    if isinstance(repeat, int) and row < repeat:
        return True
    if isinstance(repeat, (list, tuple)) and row in repeat:
        return True
    cells = [c for c in table._cellvalues[row] if c not in ("", None)]  # noqa: SLF001
    return bool(cells) and all(isinstance(c, _Paragraph) and c.style.name == "cell_head" for c in cells)


def _render_cb(table: _Table, cmd: str, *args: Any) -> None:
    """reportlab's table render callback: Table/TR/TH/TD around the cells of a data table (one with grid
    lines); a layout table (the header, the signature block) adds no element, its paragraphs tag
    themselves. A text cell (not a paragraph) is one marked content of its cell."""
    tagger = tagger_of(table.canv)
    if tagger is None:
        return
    if cmd in ("startCell", "endCell"):
        _cell(tagger, table, cmd, args[2] if args else None)
    elif table._linecmds:  # noqa: SLF001 - a data table
        if cmd in ("startTable", "startRow"):
            tagger.open("Table" if cmd == "startTable" else "TR")
            if cmd == "startRow":
                table._pbgdpl_head = _header_row(table, args[0])  # noqa: SLF001
        elif cmd in ("endTable", "endRow"):
            tagger.close()


def _cell(tagger: Tagger, table: _Table, cmd: str, value: object) -> None:
    canvas = table.canv
    if cmd == "startCell":
        data = bool(table._linecmds)  # noqa: SLF001
        text = not _is_flowable(value) and str(value) != ""
        if data:
            tagger.open("TH" if getattr(table, "_pbgdpl_head", False) else "TD")
        elif text:
            tagger.open("P")
        if text:
            tagger.begin(canvas)
        table._pbgdpl_cell = (data, text)  # noqa: SLF001
        return
    data, text = getattr(table, "_pbgdpl_cell", (False, False))
    if text:
        tagger.end(canvas)
    if data or text:
        tagger.close()


class Table(_Table):
    """reportlab's table, tagged on a tagging canvas (see ``_render_cb``). A table split over pages is one
    Table element per page, each with its repeated header row."""

    def __init__(self, data: Sequence[Sequence[Any]], *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("renderCB", _render_cb)
        super().__init__(data, *args, **kwargs)


# ---------------------------------------------------------------------------------------------- after the build


def finish(path: str | Path, tagger: Tagger | None = None, *, title: str = "", lang: str = LANG) -> None:
    """Write the structure into the PDF at ``path`` (in place). Without a ``tagger``: text objects become
    P elements, ``hint`` sequences their elements. A file that already has a structure tree is left alone."""
    import pikepdf

    with Path(path).open("rb") as fh:
        if fh.read(5) != b"%PDF-":  # not a PDF (nothing of ours): left as written
            return
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        if "/StructTreeRoot" in pdf.Root:
            return
        root = tagger.root if tagger is not None else Element("Document")
        pages = list(pdf.pages)
        for index, page in enumerate(pages):
            if tagger is None:  # a tagging canvas marked its artifacts already
                rewritten = _mark_page(pikepdf.parse_content_stream(page), index, root)
                page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(rewritten))
            page.obj.Tabs = pikepdf.Name.S
            page.obj.StructParents = index
        _write_tree(pdf, root, [page.obj for page in pages])
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        pdf.Root.Lang = pikepdf.String(lang)
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        title = title or str(pdf.docinfo.get("/Title", "")) or Path(path).stem
        pdf.docinfo["/Title"] = pikepdf.String(title)
        # XMP mirrors the document information; the information itself (Author, Keywords: the certificates'
        # seals) is kept as reportlab wrote it
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:title"] = title
            if "/Author" in pdf.docinfo:
                meta["dc:creator"] = [str(pdf.docinfo.Author)]
            if "/Keywords" in pdf.docinfo:
                meta["pdf:Keywords"] = str(pdf.docinfo.Keywords)
            meta["dc:language"] = [lang]
        # the tree is thousands of small objects: object streams keep the file near its untagged size
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate)


def _op(instruction: Any) -> str:
    return str(instruction.operator)


def _mark_page(instructions: Sequence[Any], page: int, generic: Element | None) -> list[Any]:
    """The page's instructions with every unmarked run wrapped as an artifact. ``generic``: the element that
    receives a P per unmarked text object and an element per ``hint`` (MCIDs numbered here)."""
    marker = _PageMarker(page, generic)
    for instruction in instructions:
        marker.add(instruction)
    return marker.done()


class _PageMarker:
    def __init__(self, page: int, generic: Element | None) -> None:
        import pikepdf

        self._pikepdf = pikepdf
        self.page, self.generic = page, generic
        self.out: list[Any] = []
        self.run: list[Any] = []
        self.text_object: list[Any] | None = None
        self.depth = 0
        self.mcid = 0

    def _instruction(self, operands: list[Any], op: str) -> Any:
        return self._pikepdf.ContentStreamInstruction(operands, self._pikepdf.Operator(op))

    def flush(self) -> None:
        if self.run:
            self.out.append(self._instruction([self._pikepdf.Name.Artifact], "BMC"))
            self.out.extend(self.run)
            self.out.append(self._instruction([], "EMC"))
            self.run.clear()

    def marked(self, role: str, alt: str = "") -> Any:
        """A BDC with the page's next MCID, for a new element of ``role`` under the generic element."""
        assert self.generic is not None
        self.generic.kids.append(Element(role, alt, [(self.page, self.mcid)]))
        props = self._pikepdf.Dictionary(MCID=self.mcid)
        self.mcid += 1
        return self._instruction([self._pikepdf.Name("/" + role), props], "BDC")

    def add(self, instruction: Any) -> None:
        op = _op(instruction)
        if self.text_object is not None:  # generic: a text object at depth 0 being collected
            self.text_object.append(instruction)
            if op == "ET":
                self._end_text_object()
        elif op in ("BDC", "BMC"):
            self._begin_marked(instruction, op)
        elif op == "EMC":
            self.depth = max(self.depth - 1, 0)
            self.out.append(instruction)
        elif self.depth > 0:
            self.out.append(instruction)
        elif self.generic is not None and op == "BT":
            self.text_object = [instruction]
        else:
            self.run.append(instruction)

    def _begin_marked(self, instruction: Any, op: str) -> None:
        if self.depth == 0:
            self.flush()
        self.depth += 1
        if self.depth == 1 and self.generic is not None and op == "BDC" and _is_hint(instruction):
            alt = instruction.operands[1].get("/Alt")
            self.out.append(
                self.marked(str(instruction.operands[0])[1:], str(alt) if alt is not None else "")
            )
        else:
            self.out.append(instruction)

    def _end_text_object(self) -> None:
        assert self.text_object is not None
        if any(_op(i) in _TEXT_SHOWING for i in self.text_object):
            self.flush()
            self.out.append(self.marked("P"))
            self.out.extend(self.text_object)
            self.out.append(self._instruction([], "EMC"))
        else:
            self.run.extend(self.text_object)
        self.text_object = None

    def done(self) -> list[Any]:
        if self.text_object:
            self.run.extend(self.text_object)
        self.flush()
        return self.out


def _is_hint(instruction: Any) -> bool:
    import pikepdf

    operands = instruction.operands
    return (
        len(operands) == 2
        and str(operands[0])[1:] in _STANDARD
        and isinstance(operands[1], pikepdf.Dictionary)
        and "/MCID" not in operands[1]
    )


def _write_tree(pdf: Any, root: Element, page_objs: list[Any]) -> None:
    import pikepdf

    tree_root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    parents: dict[int, dict[int, Any]] = {}

    def make(element: Element, parent: Any) -> Any:
        node = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + element.role), P=parent)
        )
        kids = pikepdf.Array()
        first_page: int | None = None
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(make(kid, node))
                continue
            page, mcid = kid
            if page >= len(page_objs):
                continue
            if first_page is None:
                first_page = page
                node.Pg = page_objs[page]
            kids.append(
                mcid
                if page == first_page
                else pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page_objs[page], MCID=mcid)
            )
            parents.setdefault(page, {})[mcid] = node
        node.K = kids
        if element.role == "TH":  # a header cell heads its column
            node.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name.Column)
        if element.alt:
            node.Alt = pikepdf.String(element.alt)
        return node

    document = make(root, tree_root)
    nums = pikepdf.Array()
    for index in range(len(page_objs)):
        owned = parents.get(index, {})
        nums.append(index)
        nums.append(pdf.make_indirect(pikepdf.Array([owned[m] for m in sorted(owned)])))
    tree_root.K = pikepdf.Array([document])
    tree_root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
    tree_root.ParentTreeNextKey = len(page_objs)
    pdf.Root.StructTreeRoot = tree_root
