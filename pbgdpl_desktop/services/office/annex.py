"""The wards proposed for recognition of a year and the annex of the recognition decision (docs/office.md,
"Recognition annex"): the communes whose review is "đạt" or "đã công nhận", listed in the order of the
administrative-unit table, printed in the NĐ 30 layout (``reports.office_annex``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.text import nfc, sort_key
from pbgdpl_desktop.reports.office_annex import AnnexInput, AnnexRow, render_annex
from pbgdpl_desktop.services.core.admin_units import load_admin_units
from pbgdpl_desktop.services.office.dto import ReviewStatus
from pbgdpl_desktop.services.office.service import OfficeService

PROPOSED = (ReviewStatus.PASSED, ReviewStatus.RECOGNISED)
RESULTS = {ReviewStatus.PASSED: "Đạt chuẩn (đề nghị công nhận)", ReviewStatus.RECOGNISED: "Đạt chuẩn"}


@dataclass(frozen=True)
class ProposedWard:
    code: str
    name: str
    kind: str
    status: ReviewStatus
    decision_number: str
    decision_on: date | None


class RecognitionAnnex:
    def __init__(self, office: OfficeService) -> None:
        self._office = office

    def proposed(self, year: int) -> list[ProposedWard]:
        """Wards of ``year`` whose review is "Đạt" or "Đã công nhận", by kind then name."""
        units = load_admin_units()
        out = []
        for w in self._office.wards(year):
            if w.status not in PROPOSED:
                continue
            review = self._office.review(w.ward_code, year)
            commune = units.commune(w.ward_code)
            kind = commune.type.label if commune is not None else w.name.split(" ")[0]
            out.append(
                ProposedWard(w.ward_code, w.name, kind, w.status, review.decision_number, review.decision_on)
            )
        order = {"Xã": 0, "Phường": 1, "Đặc khu": 2}
        return sorted(out, key=lambda p: (order.get(p.kind, 3), sort_key(p.name)))

    def default_decision(self, year: int) -> tuple[str, date | None]:
        """The number and date shared by the recognised wards' reviews, when they all name the same one."""
        found = {(p.decision_number, p.decision_on) for p in self.proposed(year) if p.decision_number}
        return next(iter(found)) if len(found) == 1 else ("", None)

    def write_pdf(
        self, year: int, target: Path, *, number: str | None = None, decided_on: date | None = None
    ) -> Path:
        """The annex as PDF (atomic). ``number``/``decided_on`` None: the recognised wards' decision when
        they share one, else left blank to fill in by hand."""
        rows = self.proposed(year)
        if not rows:
            raise DomainError(
                f"Năm {year} chưa có xã, phường, đặc khu nào ở trạng thái “Đạt” hoặc “Đã công nhận”: "
                "chưa lập được phụ lục."
            )
        default_number, default_date = self.default_decision(year)
        number = nfc(number).strip() if number is not None else default_number
        decided_on = (
            decided_on if decided_on is not None else (default_date if number == default_number else None)
        )
        province = load_admin_units().province(self._office.province_code())
        province_name = province.name if province is not None else "Tỉnh …"
        data = AnnexInput(
            year,
            province_name,
            province.short_name if province is not None else "…",
            tuple(AnnexRow(p.code, p.name, p.kind, RESULTS[p.status]) for p in rows),
            number,
            decided_on,
        )
        return Path(render_annex(data, str(target)))
