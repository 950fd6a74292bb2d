"""The two registers: the ward's own VBQPPL and information requests (table + inline form each)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Generic, Protocol, TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pbgdpl_desktop.domain.assessment import ISSUERS, ORIGINS, InfoRequest, WardDocument
from pbgdpl_desktop.domain.changes import Changes
from pbgdpl_desktop.domain.dates import format_date, parse_date, parse_optional_date
from pbgdpl_desktop.ui.context import UiContext
from pbgdpl_desktop.ui.widgets.combos import make_combo, select_data
from pbgdpl_desktop.ui.widgets.fit import scrolling
from pbgdpl_desktop.ui.widgets.tables import fill_rows, make_table


class _Record(Protocol):
    @property
    def id(self) -> str | None: ...


R = TypeVar("R", bound=_Record)


class _Register(QGroupBox, Generic[R]):
    """Table + form + Mới/Lưu/Xóa; subclasses map rows (records ``R``) to the form and back."""

    def __init__(
        self,
        ui: UiContext,
        year_of: Callable[[], int],
        title: str,
        headers: list[str],
        stretch: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.ui, self.year_of = ui, year_of
        self.table = make_table(self, headers, stretch=(stretch,))
        self.form = QFormLayout()
        self.new_button, self.save_button, self.delete_button = (
            QPushButton(t, self) for t in ("Mới", "Lưu", "Xóa")
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(b)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        side = QVBoxLayout()
        side.addLayout(self.form)
        side.addLayout(buttons)
        side.addStretch(1)
        layout.addLayout(side, 2)
        self.rows: list[R] = []
        self.current: R | None = None
        self.table.currentCellChanged.connect(lambda row, *_: self._select(row))
        self.new_button.clicked.connect(lambda: self.show_row(None))
        self.save_button.clicked.connect(self._save)
        self.delete_button.clicked.connect(self._delete)

    def _select(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.show_row(self.rows[row])

    def _save(self) -> None:
        self.ui.run_action(self, lambda: self.save_row()[1])

    def _delete(self) -> None:
        if self.current is None or self.current.id is None:
            return
        row_id = self.current.id
        self.ui.messages.confirm(
            self,
            "Xóa dòng đang chọn khỏi sổ?",
            lambda: self.ui.run_action(self, lambda: self.delete_row(row_id)),
            yes_text="Xóa",
        )

    def show_row(self, row: R | None) -> None:
        raise NotImplementedError

    def save_row(self) -> tuple[R, Changes]:
        raise NotImplementedError

    def delete_row(self, row_id: str) -> Changes:
        raise NotImplementedError


class DocumentRegister(_Register[WardDocument]):
    def __init__(self, ui: UiContext, year_of: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(
            ui,
            year_of,
            "Sổ VBQPPL của HĐND, UBND xã (được giao hoặc tự xác định)",
            ["Số", "Trích yếu", "Hạn", "Ban hành", "Đúng hạn"],
            1,
            parent,
        )
        self.issuer = make_combo([(label, key) for key, label in ISSUERS.items()], parent=self)
        self.origin = make_combo([(label, key) for key, label in ORIGINS.items()], parent=self)
        self.title_edit, self.number, self.deadline, self.issued = (QLineEdit(self) for _ in range(4))
        for edit in (self.deadline, self.issued):
            edit.setPlaceholderText("dd/mm/yyyy")
        self.flags = {
            name: QCheckBox(label, self)
            for name, label in (
                ("draft_required", "Dự thảo phải truyền thông"),
                ("draft_communicated", "Đã truyền thông dự thảo"),
                ("self_inspected", "Đã tự kiểm tra"),
                ("disclosed", "Đã công khai"),
                ("handled_unlawful", "Bị xử lý vì trái pháp luật"),
            )
        }
        for label, widget in (
            ("Cơ quan", self.issuer),
            ("Nguồn", self.origin),
            ("Trích yếu", self.title_edit),
            ("Số, ký hiệu", self.number),
            ("Hạn ban hành", self.deadline),
            ("Ngày ban hành", self.issued),
        ):
            self.form.addRow(label, widget)
        for box in self.flags.values():
            self.form.addRow("", box)
        self.show_row(None)

    def reload(self) -> None:
        self.rows = self.ui.services.assessment.registers.documents(self.year_of())
        fill_rows(
            self.table,
            [
                [
                    d.number,
                    d.title,
                    format_date(d.deadline),
                    format_date(d.issue_date),
                    "Có" if d.on_time else "Không",
                ]
                for d in self.rows
            ],
        )

    def show_row(self, doc: WardDocument | None) -> None:
        self.current = doc
        doc = doc or WardDocument(self.year_of(), "ubnd", "assigned", "")
        select_data(self.issuer, doc.issuer)
        select_data(self.origin, doc.origin)
        self.title_edit.setText(doc.title)
        self.number.setText(doc.number)
        self.deadline.setText(format_date(doc.deadline))
        self.issued.setText(format_date(doc.issue_date))
        for name, box in self.flags.items():
            box.setChecked(getattr(doc, name))

    def save_row(self) -> tuple[WardDocument, Changes]:
        base = self.current or WardDocument(self.year_of(), "ubnd", "assigned", "")
        flag = {name: box.isChecked() for name, box in self.flags.items()}
        doc = replace(
            base,
            issuer=self.issuer.currentData(),
            origin=self.origin.currentData(),
            title=self.title_edit.text(),
            number=self.number.text(),
            deadline=parse_optional_date(self.deadline.text(), label="Hạn ban hành"),
            issue_date=parse_optional_date(self.issued.text(), label="Ngày ban hành"),
            draft_required=flag["draft_required"],
            draft_communicated=flag["draft_communicated"],
            self_inspected=flag["self_inspected"],
            disclosed=flag["disclosed"],
            handled_unlawful=flag["handled_unlawful"],
        )
        saved, changes = self.ui.services.assessment.registers.save_document(doc)
        self.current = saved
        return saved, changes

    def delete_row(self, row_id: str) -> Changes:
        self.current = None
        return self.ui.services.assessment.registers.delete_document(row_id)


class RequestRegister(_Register[InfoRequest]):
    def __init__(self, ui: UiContext, year_of: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(
            ui,
            year_of,
            "Sổ yêu cầu cung cấp thông tin",
            ["Tiếp nhận", "Người yêu cầu", "Hạn", "Trả lời", "Đúng hạn"],
            1,
            parent,
        )
        self.received, self.due, self.answered, self.requester, self.content = (
            QLineEdit(self) for _ in range(5)
        )
        for edit in (self.received, self.due, self.answered):
            edit.setPlaceholderText("dd/mm/yyyy")
        for label, widget in (
            ("Ngày tiếp nhận", self.received),
            ("Hạn trả lời", self.due),
            ("Ngày trả lời", self.answered),
            ("Người yêu cầu", self.requester),
            ("Nội dung", self.content),
        ):
            self.form.addRow(label, widget)
        self.show_row(None)

    def reload(self) -> None:
        self.rows = self.ui.services.assessment.registers.requests(self.year_of())
        fill_rows(
            self.table,
            [
                [
                    format_date(r.received_on),
                    r.requester,
                    format_date(r.due_on),
                    format_date(r.answered_on),
                    "Có" if r.on_time else "Không",
                ]
                for r in self.rows
            ],
        )

    def show_row(self, req: InfoRequest | None) -> None:
        self.current = req
        self.received.setText(format_date(req.received_on) if req else "")
        self.due.setText(format_date(req.due_on) if req else "")
        self.answered.setText(format_date(req.answered_on) if req else "")
        self.requester.setText(req.requester if req else "")
        self.content.setText(req.content if req else "")

    def save_row(self) -> tuple[InfoRequest, Changes]:
        received = parse_date(self.received.text(), label="Ngày tiếp nhận")
        due = parse_date(self.due.text(), label="Hạn trả lời")
        req = replace(
            self.current or InfoRequest(self.year_of(), received, due),
            received_on=received,
            due_on=due,
            answered_on=parse_optional_date(self.answered.text(), label="Ngày trả lời"),
            requester=self.requester.text(),
            content=self.content.text(),
        )
        saved, changes = self.ui.services.assessment.registers.save_request(req)
        self.current = saved
        return saved, changes

    def delete_row(self, row_id: str) -> Changes:
        self.current = None
        return self.ui.services.assessment.registers.delete_request(row_id)


class Registers(QWidget):
    def __init__(self, ui: UiContext, year_of: Callable[[], int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        content = QWidget(self)  # the two registers scroll together when the window is low
        self.documents = DocumentRegister(ui, year_of, content)
        self.requests = RequestRegister(ui, year_of, content)
        inner = QVBoxLayout(content)
        inner.addWidget(self.documents)
        inner.addWidget(self.requests)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(content, self))

    def reload(self) -> None:
        self.documents.reload()
        self.requests.reload()
