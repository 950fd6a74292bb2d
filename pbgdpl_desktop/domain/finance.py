"""Kinh phí: funding sources, the category catalogue of TT 56/2023/TT-BTC, DTOs and the pure rules that
refuse bad expenditures and warn about doubtful ones (docs/legal-basis.md §1e).

Refusals (``ValidationError``): amount ≤ 0 or > 10 tỷ đồng, a date after today, a category that needs a
quantity without one. Warnings (never blocks): amount above the applicable ceiling × quantity, a voucher
number used again in the same year, spending above the budget line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pbgdpl_desktop.domain.errors import FieldProblem, ValidationError
from pbgdpl_desktop.domain.labels import LabelledEnum
from pbgdpl_desktop.domain.money import MAX_AMOUNT, check_amount, format_money
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT, Norm
from pbgdpl_desktop.domain.text import clean

MAX_QUANTITY = 100_000


class FundingSource(LabelledEnum):
    COMMUNE = "commune", "Ngân sách cấp xã"
    PROVINCE = "province", "Ngân sách tỉnh hỗ trợ"
    SPONSOR = "sponsor", "Tài trợ / xã hội hóa"
    OTHER = "other", "Khác"


class Area(LabelledEnum):
    """Which work a category funds: PBGDPL (incl. chuẩn tiếp cận) or grassroots mediation."""

    PBGDPL = "pbgdpl", "Phổ biến, giáo dục pháp luật"
    MEDIATION = "mediation", "Hòa giải ở cơ sở"


# Vietnamese names of the norm variants (domain.norms): shown in the entry form and the norm table.
VARIANT_LABELS: dict[str, str] = {
    "": "Mức chung",
    "not_settled": "Vụ việc hòa giải không thành",
    "settled": "Vụ việc hòa giải thành",
    "leaflet": "Tờ gấp pháp luật",
    "qa_scenario": "Kịch bản hỏi đáp",
    "legal_story": "Tình huống / câu chuyện pháp luật",
    "legal_sketch": "Tiểu phẩm pháp luật",
    "prize_1_team": "Giải nhất (tập thể)",
    "prize_1_person": "Giải nhất (cá nhân)",
    "prize_2_team": "Giải nhì (tập thể)",
    "prize_2_person": "Giải nhì (cá nhân)",
    "prize_3_team": "Giải ba (tập thể)",
    "prize_3_person": "Giải ba (cá nhân)",
    "prize_encourage_team": "Giải khuyến khích (tập thể)",
    "prize_encourage_person": "Giải khuyến khích (cá nhân)",
    "prize_minor": "Giải phụ",
    "performer_day": "Thuê diễn viên (người/ngày)",
    "data_collection": "Thu thập số liệu (báo cáo)",
}


def variant_label(variant: str) -> str:
    return VARIANT_LABELS.get(variant, variant)


@dataclass(frozen=True)
class CategorySpec:
    """One row of the shipped catalogue (seeded by migration 0004_finance)."""

    code: str
    name: str
    legal_ref: str
    unit: str = ""
    needs_quantity: bool = False
    area: Area = Area.PBGDPL


TT56_CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec(
        "CONG_TAC_PHI_HOI_NGHI", "Công tác phí, hội nghị, sơ kết, tổng kết", "Thông tư 40/2017/TT-BTC"
    ),
    CategorySpec(
        "TAP_HUAN",
        "Tập huấn, bồi dưỡng báo cáo viên, tuyên truyền viên, hòa giải viên",
        "Thông tư 36/2018/TT-BTC; Thông tư 06/2023/TT-BTC",
    ),
    CategorySpec(
        "HOI_THAO_HOP_HOI_DONG", "Hội thảo, tọa đàm; họp Hội đồng phối hợp PBGDPL", "Thông tư 03/2023/TT-BTC"
    ),
    CategorySpec(
        "HOP_DANH_GIA_TCPL_XA",
        "Họp đánh giá chuẩn tiếp cận pháp luật cấp xã",
        "Thông tư 338/2016/TT-BTC (sửa đổi bởi Thông tư 42/2022/TT-BTC)",
    ),
    CategorySpec(
        "CNTT", "Công nghệ thông tin, đăng tải thông tin pháp luật, hỏi đáp", "Nghị định 73/2019/NĐ-CP"
    ),
    CategorySpec("BIEN_SOAN_TAI_LIEU", "Biên soạn tài liệu", "Thông tư 76/2018/TT-BTC"),
    CategorySpec(
        "IN_AN_TRUYEN_THONG",
        "In ấn, pa-nô, khẩu hiệu, truyền thông, bảng tin",
        "Chứng từ chi thực tế hợp pháp",
    ),
    CategorySpec("BIEN_DICH", "Biên dịch, dịch sang tiếng dân tộc thiểu số", "Thông tư 71/2018/TT-BTC"),
    CategorySpec(
        "TAI_LIEU_DAC_THU",
        "Sản phẩm đặc thù (tờ gấp, kịch bản hỏi đáp, tình huống, tiểu phẩm)",
        "Thông tư 56/2023/TT-BTC, Điều 3",
        "sản phẩm",
        True,
    ),
    CategorySpec("KHEN_THUONG", "Khen thưởng", "Quy định về thi đua, khen thưởng"),
    CategorySpec(
        "DIEU_TRA_KHAO_SAT", "Điều tra, khảo sát", "Thông tư 109/2016/TT-BTC; Thông tư 37/2022/TT-BTC"
    ),
    CategorySpec("LAM_THEM_GIO", "Làm thêm giờ", "Bộ luật Lao động"),
    CategorySpec("XAY_DUNG_KE_HOACH", "Xây dựng chương trình, kế hoạch", "Thông tư 56/2023/TT-BTC, Điều 3"),
    CategorySpec(
        "THU_LAO_BCV_TTV",
        "Thù lao báo cáo viên, tuyên truyền viên, hòa giải viên làm giảng viên",
        "Thông tư 36/2018/TT-BTC; Thông tư 06/2023/TT-BTC",
    ),
    CategorySpec("CLB_PHAP_LUAT", "Câu lạc bộ pháp luật", "Thông tư 56/2023/TT-BTC, Điều 3"),
    CategorySpec(
        "CUOC_THI",
        "Cuộc thi tìm hiểu pháp luật (giải thưởng, thuê diễn viên)",
        "Thông tư 56/2023/TT-BTC; Thông tư 69/2021/TT-BTC; Thông tư 40/2017/TT-BTC",
        "giải",
    ),
    CategorySpec("BAO_CAO_THONG_KE", "Báo cáo, thống kê", "Thông tư 56/2023/TT-BTC, Điều 3", "báo cáo"),
    CategorySpec(
        "KIEM_TRA_GIAM_SAT", "Kiểm tra, giám sát", "Thông tư 06/2017/TT-BTC; Thông tư 40/2017/TT-BTC"
    ),
    CategorySpec("KHAC", "Chi khác liên quan trực tiếp", "Chứng từ chi thực tế hợp pháp"),
    CategorySpec(
        "HGCS_THU_LAO",
        "Thù lao hòa giải viên theo vụ việc",
        "Thông tư 56/2023/TT-BTC, Điều 3",
        "vụ việc",
        True,
        Area.MEDIATION,
    ),
    CategorySpec(
        "HGCS_HO_TRO_TO",
        "Hỗ trợ hoạt động của tổ hòa giải",
        "Thông tư 56/2023/TT-BTC, Điều 3",
        "tổ/tháng",
        True,
        Area.MEDIATION,
    ),
    CategorySpec(
        "HGCS_TAI_NAN",
        "Hỗ trợ hòa giải viên gặp tai nạn, rủi ro",
        "Thông tư 56/2023/TT-BTC, Điều 3",
        "",
        False,
        Area.MEDIATION,
    ),
    CategorySpec(
        "RA_SOAT_VBQPPL", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", "Thông tư 09/2023/TT-BTC"
    ),
)


@dataclass(frozen=True)
class Category:
    id: str
    code: str
    name: str
    legal_ref: str
    unit: str
    needs_quantity: bool
    area: Area
    active: bool = True
    builtin: bool = False
    sort_order: int = 0

    @property
    def display(self) -> str:
        return f"{self.code} — {self.name}"


@dataclass(frozen=True)
class ExpenditureDraft:
    """What the entry form (or the CLI, the demo) hands to the ledger service."""

    spent_on: date
    category_id: str
    source: FundingSource
    amount: int
    description: str = ""
    quantity: int | None = None
    norm_variant: str = ""
    voucher_number: str = ""
    voucher_date: date | None = None
    payee: str = ""
    session_id: str | None = None
    plan_task_id: str | None = None
    fee_request_id: str | None = None
    team_id: str | None = None
    support_month: int | None = None
    contest_name: str = ""


@dataclass(frozen=True)
class Expenditure:
    id: str
    spent_on: date
    category_id: str
    category_code: str
    category_name: str
    source: FundingSource
    amount: int
    description: str
    quantity: int | None
    unit: str
    norm_variant: str
    voucher_number: str
    voucher_date: date | None
    payee: str
    session_id: str | None = None
    plan_task_id: str | None = None
    fee_request_id: str | None = None
    team_id: str | None = None
    support_month: int | None = None
    contest_name: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def link_text(self) -> str:
        """What the expense paid for, in a few words (the ledger list)."""
        if self.fee_request_id:
            return "Đề nghị chi thù lao"
        if self.team_id:
            return f"Tổ hòa giải, tháng {self.support_month}" if self.support_month else "Tổ hòa giải"
        if self.contest_name:
            return f"Cuộc thi: {self.contest_name}"
        if self.session_id:
            return "Buổi PBGDPL"
        return "Nhiệm vụ kế hoạch" if self.plan_task_id else ""

    def to_draft(self) -> ExpenditureDraft:
        return ExpenditureDraft(
            spent_on=self.spent_on,
            category_id=self.category_id,
            source=self.source,
            amount=self.amount,
            description=self.description,
            quantity=self.quantity,
            norm_variant=self.norm_variant,
            voucher_number=self.voucher_number,
            voucher_date=self.voucher_date,
            payee=self.payee,
            session_id=self.session_id,
            plan_task_id=self.plan_task_id,
            fee_request_id=self.fee_request_id,
            team_id=self.team_id,
            support_month=self.support_month,
            contest_name=self.contest_name,
        )


@dataclass(frozen=True)
class Adjustment:
    id: str
    budget_line_id: str
    adjusted_on: date
    delta: int  # + raises the line, − lowers it
    reason: str


@dataclass(frozen=True)
class BudgetLine:
    id: str
    year: int
    category_id: str
    category_code: str
    category_name: str
    source: FundingSource
    planned_amount: int
    note: str = ""
    adjustments: tuple[Adjustment, ...] = ()

    @property
    def adjusted_amount(self) -> int:
        return self.planned_amount + sum(a.delta for a in self.adjustments)


@dataclass(frozen=True)
class SummaryRow:
    """Planned vs spent for one category (and source, or all sources when ``source`` is None)."""

    category_code: str
    category_name: str
    source: FundingSource | None
    planned: int
    spent: int
    by_month: tuple[int, ...] = (0,) * 12

    @property
    def percent_used(self) -> float | None:
        return None if self.planned <= 0 else round(100 * self.spent / self.planned, 1)


@dataclass(frozen=True)
class YearSummary:
    year: int
    rows: tuple[SummaryRow, ...]  # one per (category, source) that has a plan or spending
    by_category: tuple[SummaryRow, ...]  # sources merged
    planned_total: int
    spent_total: int
    minimum_required: int | None
    spent_by_month: tuple[int, ...] = field(default=(0,) * 12)

    @property
    def percent_used(self) -> float | None:
        return None if self.planned_total <= 0 else round(100 * self.spent_total / self.planned_total, 1)

    @property
    def below_minimum(self) -> bool:
        return self.minimum_required is not None and self.planned_total < self.minimum_required


# ------------------------------------------------------------------------------------------ rules
def refusals(draft: ExpenditureDraft, category: Category, today: date) -> list[FieldProblem]:
    """Problems that stop the expenditure from being saved (Vietnamese messages)."""
    problems: list[FieldProblem] = []
    if draft.amount <= 0:
        problems.append(FieldProblem("amount", "Số tiền phải lớn hơn 0."))
    elif draft.amount > MAX_AMOUNT:
        problems.append(
            FieldProblem(
                "amount",
                f"Số tiền {format_money(draft.amount)} vượt quá "
                f"{format_money(MAX_AMOUNT)}: kiểm tra lại số đã nhập.",
            )
        )
    if draft.spent_on > today:
        problems.append(FieldProblem("spent_on", "Ngày chi không được sau ngày hôm nay."))
    if draft.voucher_date is not None and draft.voucher_date > today:
        problems.append(FieldProblem("voucher_date", "Ngày chứng từ không được sau ngày hôm nay."))
    if category.needs_quantity and not draft.quantity:
        unit = f" ({category.unit})" if category.unit else ""
        problems.append(
            FieldProblem(
                "quantity", f"Nội dung chi “{category.name}” tính theo định mức: phải nhập số lượng{unit}."
            )
        )
    if draft.quantity is not None and not 0 < draft.quantity <= MAX_QUANTITY:
        problems.append(
            FieldProblem("quantity", f"Số lượng phải từ 1 đến {MAX_QUANTITY:,}.".replace(",", "."))
        )
    if draft.support_month is not None and not 1 <= draft.support_month <= 12:
        problems.append(FieldProblem("support_month", "Tháng hỗ trợ phải từ 1 đến 12."))
    if not draft.category_id:
        problems.append(FieldProblem("category", "Chưa chọn nội dung chi."))
    return problems


def check_refusals(draft: ExpenditureDraft, category: Category, today: date) -> None:
    problems = refusals(draft, category, today)
    if problems:
        raise ValidationError(problems)


def ceiling_of(norm: Norm | None, quantity: int | None) -> int | None:
    """The most the expenditure may be under ``norm``: rate × quantity (one unit when no quantity)."""
    if norm is None:
        return None
    return norm.amount * (quantity or 1)


def ceiling_warning(amount: int, quantity: int | None, norm: Norm | None) -> str | None:
    ceiling = ceiling_of(norm, quantity)
    if norm is None or ceiling is None or amount <= ceiling:
        return None
    qty = quantity or 1
    return (
        f"Số tiền {format_money(amount)} vượt định mức {format_money(ceiling)} "
        f"({format_money(norm.amount)}/{norm.unit} × {qty}; {norm.source})."
    )


def voucher_warning(voucher_number: str, others: int) -> str | None:
    if not voucher_number or others <= 0:
        return None
    return f"Số chứng từ “{voucher_number}” đã dùng cho {others} khoản chi khác trong năm."


def budget_warning(spent_with_this: int, line_amount: int | None, label: str) -> str | None:
    if line_amount is None:
        return f"Chưa có dự toán cho {label}."
    if spent_with_this <= line_amount:
        return None
    return (
        f"Chi {label} lên {format_money(spent_with_this)}, vượt dự toán "
        f"{format_money(line_amount)} ({format_money(spent_with_this - line_amount)})."
    )


def normalise_voucher(number: str) -> str:
    """Key for comparing voucher numbers: trimmed, case-insensitive, spaces removed."""
    return "".join(number.split()).casefold()


@dataclass(frozen=True)
class LedgerQuery:
    """Filters of the ledger list; every field optional. ``text`` is matched diacritic-insensitively."""

    year: int | None = None
    month: int | None = None
    category_id: str | None = None
    source: FundingSource | None = None
    text: str = ""
    date_from: date | None = None
    date_to: date | None = None
    fee_request_id: str | None = None
    sort: str = "spent_on"  # spent_on | amount | voucher_number | payee | category_name
    descending: bool = True

    def date_range(self) -> tuple[date | None, date | None]:
        """Inclusive bounds from year/month and the explicit dates (the narrower wins)."""
        start, end = self.date_from, self.date_to
        if self.year is not None:
            y_start = date(self.year, self.month or 1, 1)
            if self.month and self.month < 12:
                y_end = date.fromordinal(date(self.year, self.month + 1, 1).toordinal() - 1)
            else:
                y_end = date(self.year, 12, 31)
            start = max(start, y_start) if start else y_start
            end = min(end, y_end) if end else y_end
        return start, end


def short_warning(text: str) -> str:
    """A few words for a list column; the full text stays in the form."""
    if "vượt định mức" in text:
        return "Vượt định mức"
    if text.startswith("Số chứng từ"):
        return "Trùng số chứng từ"
    if "vượt dự toán" in text:
        return "Vượt dự toán"
    if text.startswith("Chưa có dự toán"):
        return "Chưa có dự toán"
    return text


def link_rules(draft: ExpenditureDraft, category_code: str) -> list[FieldProblem]:
    """Which links fit which category (pure)."""
    problems = []
    if draft.fee_request_id and category_code != MEDIATOR_FEE:
        problems.append(
            FieldProblem(
                "fee_request_id", "Chỉ khoản chi thù lao hòa giải viên mới gắn với đề nghị chi thù lao."
            )
        )
    if draft.team_id and category_code != TEAM_SUPPORT:
        problems.append(FieldProblem("team_id", "Chỉ khoản chi hỗ trợ tổ hòa giải mới gắn với tổ hòa giải."))
    if draft.team_id and draft.support_month is None:
        problems.append(FieldProblem("support_month", "Chi hỗ trợ tổ hòa giải: chọn tháng được hỗ trợ."))
    return problems


@dataclass(frozen=True)
class ProvincialOverride:
    """A provincial resolution's ceiling: number, date of the resolution, in force from, amount."""

    category_code: str
    variant: str
    amount: int
    effective_from: date
    resolution_number: str
    resolution_date: date | None = None
    unit: str = ""

    def validate(self) -> None:
        problems = []
        if not clean(self.resolution_number):
            problems.append(
                FieldProblem("resolution_number", "Số nghị quyết / quyết định của tỉnh: chưa nhập.")
            )
        if self.resolution_date is not None and self.effective_from < self.resolution_date:
            problems.append(FieldProblem("effective_from", "Ngày hiệu lực không được trước ngày ban hành."))
        try:
            check_amount(self.amount, field="amount", label="Mức chi")
        except ValidationError as exc:
            problems.extend(exc.problems)
        if problems:
            raise ValidationError(problems)
