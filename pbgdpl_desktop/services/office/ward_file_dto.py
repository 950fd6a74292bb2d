"""What one ward's file at the office shows (services/office/ward_file.py): the side-by-side lines of the
ward's and the office's assessment, the documents the ward sent with their signature checks; and the pure
steps that build the lines from two result trees (``score --json`` shape) and keep them as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

VERDICTS = {
    "pass": "Đạt",
    "partial": "Đạt một phần",
    "fail": "Không đạt",
    "pending": "Chưa đủ dữ liệu",
    "na": "Không phát sinh",
}
SIG_LABELS = {
    "good": "Đã ký, nguyên vẹn, chứng thư tin cậy",
    "unsigned": "Không có chữ ký số",
    "modified": "Đã bị sửa sau khi ký",
    "untrusted": "Nguyên vẹn, chứng thư không thuộc gốc tin cậy",
    "expired": "Chứng thư số đã hết hạn",
    "invalid": "Chữ ký không hợp lệ",
    "unreadable": "Không đọc được tệp PDF",
}


# ------------------------------------------------------------------------------------------------ DTOs
@dataclass(frozen=True)
class IndicatorLine:
    """One row of the side-by-side table: a criterion (level 0) or an indicator / sub-item below it."""

    code: str
    title: str
    level: int
    ward_value: str  # what the ward's saved result shows ("" when it has no such node)
    ward_verdict: str
    office_value: str
    office_verdict: str
    appraised: str = ""  # the council's value and note (office_appraisal)
    appraisal_note: str = ""
    differs: bool = False  # the ward's and the office's value or verdict differ


@dataclass(frozen=True)
class Recomputed:
    ward_code: str
    year: int
    ruleset: str  # id and version the office used (the ward's choice for the year)
    ward_source: str  # where the ward's own result comes from, in Vietnamese ("" when none was sent)
    ward_verdict: str  # verdict values (pass/fail/…), "" when none
    ward_total: str
    office_verdict: str
    office_total: str
    lines: tuple[IndicatorLine, ...]
    missing_columns: dict[str, int] = field(default_factory=dict)  # table → values left out (privacy)
    deadlines: dict[str, str] = field(default_factory=dict)  # indicator code → ISO due date (deadline nodes)
    as_of: str = ""  # ISO day the office computed "as of": the day of the ward's own result (else today)
    cached: bool = False

    @property
    def differences(self) -> list[IndicatorLine]:
        return [line for line in self.lines if line.differs]

    def summary(self) -> str:
        office = VERDICTS.get(self.office_verdict, self.office_verdict)
        if not self.ward_source:
            return f"Cơ quan tính lại năm {self.year}: {office}. Xã/phường chưa gửi kết quả tự đánh giá."
        ward = VERDICTS.get(self.ward_verdict, self.ward_verdict)
        diff = len(self.differences)
        same = "khớp hoàn toàn" if not diff else f"khác ở {diff} dòng (tô màu)"
        day = f" (tính như ngày {date.fromisoformat(self.as_of):%d/%m/%Y})" if self.as_of else ""
        return (
            f"Xã/phường tự đánh giá: {ward}; cơ quan tính lại{day}: {office} — {same}. "
            f"Nguồn: {self.ward_source}."
        )

    def privacy_note(self) -> str:
        if not self.missing_columns:
            return "Gói có đủ các cột dữ liệu."
        n = sum(self.missing_columns.values())
        return (
            f"Gói gửi ở chế độ tối giản: {n:,} ô dữ liệu cá nhân bị lược bỏ được để trống khi tính lại; ".replace(
                ",", "."
            )
            + "không chỉ tiêu nào của bộ tiêu chí dùng các cột này."
        )

    def privacy_detail(self) -> str:
        return ", ".join(f"{t}: {n}" for t, n in sorted(self.missing_columns.items()))


@dataclass(frozen=True)
class SignatureView:
    status: str  # a key of SIG_LABELS
    signer: str = ""
    organisation: str = ""
    signed_at: datetime | None = None
    problem: str = ""
    before_deadline: bool | None = None
    checked_at: datetime | None = None

    @property
    def label(self) -> str:
        return SIG_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class WardDocument:
    kind: str  # "evidence" | "dossier" | "assessment"
    name: str
    path: Path | None  # None: the ward listed the file but did not send its bytes
    size: int
    indicator: str = ""  # the indicator the evidence is attached to ("" none)
    year: int | None = None
    deadline: date | None = None
    ward_check: SignatureView | None = None  # what the ward stored when the file was attached
    office_check: SignatureView | None = None  # the office's own check, with the office's trusted roots

    @property
    def is_pdf(self) -> bool:
        return self.name.lower().endswith(".pdf")


# ------------------------------------------------------------------------------------------------ lines
def text_of(value: object) -> str:
    return "" if value is None else str(value)


def _shown(node: dict[str, Any]) -> str:
    display = node.get("display")
    score = node.get("score")
    maximum = node.get("max")
    points = f"{score}/{maximum} điểm" if score is not None and maximum is not None else ""
    if display not in (None, "", "—"):
        return f"{display} ({points})" if points else str(display)
    return points


def _flatten(result: dict[str, Any]) -> dict[str, tuple[str, int, str, str]]:
    """code → (title, level, value shown, verdict) over the criteria, indicators and their items, then the
    disqualifying conditions (a condition met fails the whole assessment, whatever the points)."""
    out: dict[str, tuple[str, int, str, str]] = {}

    def walk(node: dict[str, Any], level: int) -> None:
        out[str(node["code"])] = (
            str(node.get("title", "")),
            level,
            _shown(node),
            str(node.get("verdict", "")),
        )
        for child in node.get("indicators", []) + node.get("items", []):
            walk(child, level + 1)

    for criterion in result.get("criteria", []):
        walk(criterion, 0)
    for condition in result.get("disqualifiers", []):
        out[str(condition["code"])] = (
            "Điều kiện loại trừ: " + str(condition.get("title", "")),
            0,
            str(condition.get("reason", "")),
            str(condition.get("verdict", "")),
        )
    return out


def side_by_side(own: dict[str, Any], office: dict[str, Any]) -> list[IndicatorLine]:
    mine, theirs = _flatten(office), _flatten(own)
    codes = list(mine) + [c for c in theirs if c not in mine]
    lines = []
    for code in codes:
        title, level, value, verdict = mine.get(code) or theirs[code]
        w = theirs.get(code)
        o = mine.get(code)
        lines.append(
            IndicatorLine(
                code,
                title,
                level,
                w[2] if w else "",
                w[3] if w else "",
                o[2] if o else "",
                o[3] if o else "",
                differs=bool(own) and (w is None or o is None or (w[2], w[3]) != (o[2], o[3])),
            )
        )
    return lines


def fields_of(r: Recomputed) -> dict[str, Any]:
    return {f: getattr(r, f) for f in Recomputed.__dataclass_fields__}


def to_json_data(r: Recomputed) -> dict[str, Any]:
    data = fields_of(r)
    data["lines"] = [asdict(line) for line in r.lines]
    return data


def from_json_data(data: dict[str, Any], *, cached: bool) -> Recomputed:
    data = dict(data)
    data["lines"] = tuple(IndicatorLine(**line) for line in data["lines"])
    data["cached"] = cached
    return Recomputed(**data)
