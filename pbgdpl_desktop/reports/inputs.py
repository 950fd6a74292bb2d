"""Plain inputs of the renderers. ``services.reports`` builds them from the other modules' DTOs; tests build
them directly. Text is normalised to NFC by the renderers, so callers may pass anything."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from pbgdpl_desktop.domain.facts import DisseminationFacts, FinanceFacts, MediationFacts
from pbgdpl_desktop.domain.ward import WardProfile

MISSING = "…"  # printed where a ward profile field is empty


@dataclass(frozen=True)
class DocumentHeader:
    """What the NĐ 30/2020 header, place-date line and signature block need, from the ward profile."""

    unit_line: str = MISSING  # "PHƯỜNG HOÀN KIẾM" under "ỦY BAN NHÂN DÂN"
    place: str = MISSING  # "Phường Hoàn Kiếm" in the place-date line
    commune_name: str = MISSING
    commune_label: str = "Phường"  # "Xã" / "Phường" / "Đặc khu"
    province_name: str = MISSING
    chairman: str = MISSING
    vice_chairman: str = MISSING
    clerk_name: str = MISSING
    receiving_office: str = MISSING
    address: str = MISSING
    legacy_district: str = ""  # "quận Hai Bà Trưng": the recipient of dossiers of years ≤ 2024
    missing: tuple[str, ...] = ("toàn bộ (chưa nhập hồ sơ)",)  # labels of the profile fields still to fill

    committee = "ỦY BAN NHÂN DÂN"

    @property
    def in_text(self) -> str:
        """The ward's name inside a sentence, as NĐ 30/2020 Phụ lục II writes administrative units: the kind
        in lower case, the proper name capitalised ("Ủy ban nhân dân phường Hoàn Kiếm")."""
        prefix = self.commune_label + " "
        if self.commune_name.startswith(prefix):
            return self.commune_label.lower() + " " + self.commune_name[len(prefix) :]
        return self.commune_name

    @classmethod
    def from_ward(cls, ward: WardProfile | None) -> DocumentHeader:
        if ward is None:
            return cls()

        def value(text: str) -> str:
            return text or MISSING

        prefix = ward.commune_type.label + " "
        short = (
            ward.commune_name[len(prefix) :] if ward.commune_name.startswith(prefix) else ward.commune_name
        )
        return cls(
            unit_line=f"{ward.commune_type.label.upper()} {short.upper()}" if short else MISSING,
            place=value(ward.commune_name),
            commune_name=value(ward.commune_name),
            commune_label=ward.commune_type.label,
            province_name=value(ward.province_name),
            chairman=value(ward.chairman),
            vice_chairman=value(ward.vice_chairman),
            clerk_name=value(ward.clerk_name),
            receiving_office=value(ward.receiving_office),
            address=value(ward.address),
            legacy_district=ward.legacy_district,
            missing=tuple(ward.missing_for_documents()),
        )


PERIOD_KINDS = ("h1", "year_provisional", "year")


@dataclass(frozen=True)
class Period:
    kind: str  # one of PERIOD_KINDS
    year: int

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.kind == "h1" else date(self.year, 12, 31)

    @property
    def label(self) -> str:
        return {
            "h1": f"6 tháng đầu năm {self.year}",
            "year_provisional": f"năm {self.year} (số liệu ước tính)",
            "year": f"năm {self.year}",
        }[self.kind]

    @property
    def months(self) -> range:
        return range(1, 7) if self.kind == "h1" else range(1, 13)


@dataclass(frozen=True)
class Labels:
    """Vietnamese labels of the code values that appear in the facts (forms, groups, categories, sources)."""

    forms: dict[str, str] = field(default_factory=dict)
    target_groups: dict[str, str] = field(default_factory=dict)
    spend_categories: dict[str, str] = field(default_factory=dict)
    spend_sources: dict[str, str] = field(default_factory=dict)
    case_categories: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PeriodicReportInput:
    header: DocumentHeader
    period: Period
    dissemination: DisseminationFacts
    mediation: MediationFacts
    finance: FinanceFacts
    issue_date: date
    data_until: date | None = None  # the facts cover 01/01 … this date (None: the whole period)
    note: str = ""  # printed under the introduction (how the figures were counted)
    labels: Labels = field(default_factory=Labels)
    number: str = ""
    draft: bool = False  # dated before the period ends and not finalised: "DỰ THẢO"
    plan: PlanSummary | None = None  # the yearly plan and its tasks (lead unit, period, topics …)


@dataclass(frozen=True)
class PlanTaskLine:
    title: str
    category: str  # label
    lead_unit: str = ""
    coordinating_units: str = ""
    period: str = ""  # "Thường xuyên", "Quý II"
    topics: str = ""
    target_groups: str = ""
    status: str = ""  # label
    funded_amount: int = 0


@dataclass(frozen=True)
class PlanSummary:
    number: str
    title: str
    issued_on: date | None
    directive: str = ""  # "Kế hoạch số 12/KH-UBND ngày … của UBND quận"
    legal_bases: tuple[str, ...] = ()
    funded_amount: int = 0
    tasks: Sequence[PlanTaskLine] = ()
    warnings: tuple[str, ...] = ()  # "issued before its directing document"


@dataclass(frozen=True)
class CaseBookRow:
    serial: int
    received: date | None
    mediators: str  # mediator(s) and invited participants
    parties: str  # names, ages, addresses of the parties and related persons
    substance: str
    agreement: str  # agreement reached, or each party's demands
    result: str  # "Thành" / "Không thành" / "Đang hòa giải" …
    notes: str = ""
    mediator: str = ""  # main mediator, for the team head's summary (Part II)
    category: str = ""  # case category label


@dataclass(frozen=True)
class CaseBookInput:
    header: DocumentHeader
    team_name: str
    year: int
    rows: Sequence[CaseBookRow]
    village: str = ""
    book_number: str = ""
    opened: date | None = None
    closed: date | None = None
    team_leader: str = ""


@dataclass(frozen=True)
class FeeCase:
    serial: int
    received: date | None
    summary: str
    result: str
    amount: int


@dataclass(frozen=True)
class FeeRequestInput:
    header: DocumentHeader
    team_name: str
    mediator_name: str
    mediator_address: str
    cases: Sequence[FeeCase]
    request_date: date
    team_leader: str = ""
    village: str = ""
    requester_is_leader: bool = False  # the team leader's own request: confirmed by the ward, not by himself


@dataclass(frozen=True)
class Recipient:
    name: str
    unit: str = ""
    prize: str = ""


CERTIFICATE_KINDS = ("attendance", "prize", "recognition")


@dataclass(frozen=True)
class CertificateSeal:
    """The signed seal of one certificate (``sync/seal.py``): the QR code's text and the short code."""

    text: str
    short_code: str


@dataclass(frozen=True)
class CertificateInput:
    header: DocumentHeader
    kind: str  # attendance (Giấy chứng nhận), prize / recognition (Giấy khen)
    reason: str  # "Đã tham gia Hội nghị phổ biến pháp luật về đất đai ngày 09/11/2026"
    issue_date: date
    recipients: Sequence[Recipient]
    first_number: int = 1
    symbol: str = "GCN-UBND"
    signer_title: str = "CHỦ TỊCH"
    decision_number: str = ""  # Giấy khen: the commendation decision ("15/QĐ-UBND")
    decision_date: date | None = None
    seals: Sequence[CertificateSeal] = ()  # one per recipient (QR code + short code); () = none printed
    copies: Sequence[bool] = ()  # per recipient: a reprint of a registered certificate, marked "BẢN SAO"

    @property
    def title(self) -> str:
        return "GIẤY CHỨNG NHẬN" if self.kind == "attendance" else "GIẤY KHEN"


@dataclass(frozen=True)
class DetailSheet:
    """A long list written in write-only mode (sessions, cases, expenditures …)."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[object]]
    widths: Sequence[float] = ()
    money_columns: frozenset[int] = frozenset()  # 0-based column indexes holding đồng
    date_columns: frozenset[int] = frozenset()


@dataclass(frozen=True)
class AssessmentLine:
    code: str
    title: str
    result: str  # "Đạt" / "12,5/15 điểm" / "chưa đánh giá"
    unconfirmed: bool = False  # rests on values not confirmed from an official text


@dataclass(frozen=True)
class StatisticsInput:
    header: DocumentHeader
    period: Period
    dissemination: DisseminationFacts
    mediation: MediationFacts
    finance: FinanceFacts
    labels: Labels = field(default_factory=Labels)
    cases_by_category: dict[str, int] = field(default_factory=dict)
    cases_by_team: dict[str, dict[str, int]] = field(default_factory=dict)  # team → outcome label → count
    assessment: Sequence[AssessmentLine] = ()
    assessment_verdict: str = "Chưa đánh giá"
    details: Sequence[DetailSheet] = ()
    draft: bool = (
        False  # made before the period ends and not finalised: every sheet's subtitle says "DỰ THẢO"
    )


# the footnote of every printed value that comes from the installed rule file, not an official text (#16)
UNCONFIRMED_SIGN = "*"
UNCONFIRMED_NOTE = "giá trị theo bộ tiêu chí cài đặt, chưa đối chiếu văn bản chính thức — cần kiểm tra"


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    content: str
    max_points: float | None  # None for pass/fail indicators
    basis: str  # data the result rests on ("12/12 nhiệm vụ = 100 %")
    result: str  # points ("2,5") or verdict ("Đạt"/"Không đạt"/"Không phát sinh")
    reason: str = ""
    evidence: tuple[str, ...] = ()
    data: str = ""  # TT 09 Mẫu 02 column "số liệu": "12/12"
    rate: str = ""  # column "tỷ lệ": "100 %"
    unconfirmed: bool = False  # its maximum / threshold is not confirmed from an official text
    note: str = ""  # e.g. the definition of the settled share, "a threshold chosen by the province"
    level: str = ""  # pass/fail mode: the level to reach ("≥ 80 %", "≤ 7 ngày làm việc")


@dataclass(frozen=True)
class CriterionLine:
    code: str
    title: str
    max_points: float | None
    result: str
    indicators: Sequence[IndicatorLine] = ()
    unconfirmed: bool = False  # its own maximum is not confirmed
    result_unconfirmed: bool = False  # its result rests on an unconfirmed value below it


@dataclass(frozen=True)
class CommentLine:
    sender: str
    content: str
    answer: str


@dataclass(frozen=True)
class DossierInput:
    header: DocumentHeader
    year: int
    regime: str  # "Quyết định số 27/2025/QĐ-TTg …"
    criteria: Sequence[CriterionLine]
    total: str  # "86/100 điểm" or "Đạt 5/5 tiêu chí"
    verdict: str  # "Đạt chuẩn tiếp cận pháp luật" / "Chưa đạt …" / "Chưa đánh giá"
    qualifies: bool | None
    issue_date: date
    comments: Sequence[CommentLine] = ()
    comments_note: str = ""  # what the clerk noted about the comments step
    posting: str = ""  # where and when the draft results were posted publicly
    summary: str = ""  # free text of the self-assessment (achievements, shortcomings)
    ruleset: str = ""  # ruleset title and version ("… (phiên bản 1)")
    points_mode: bool = False  # QĐ 25/2021: the score sheet is "Bản tổng hợp điểm số …" (TT 09 Mẫu 02)
    total_unconfirmed: bool = False  # the total / verdict rests on unconfirmed values
    recipient: str = ""  # ≤ 2024 the district People's Committee (QĐ 25 Điều 5.2), from 2025 the province
    deadline: str = ""  # "trước ngày 10/01/2025"
    posting_check: str = ""  # the Điều 3.1.c verdict on the public posting
    draft: bool = False  # dated before the year ends and not finalised: "DỰ THẢO"
    notes: tuple[str, ...] = ()  # footnotes of the score sheet (definitions)

    @property
    def any_unconfirmed(self) -> bool:
        return self.total_unconfirmed or any(
            c.unconfirmed or any(i.unconfirmed for i in c.indicators) for c in self.criteria
        )
