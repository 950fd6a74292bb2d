"""Kinh phí — the category catalogue and the norm table (TT 56 ceilings + provincial overrides)."""

from __future__ import annotations

from datetime import date

from pbgdpl_desktop.domain.changes import FINANCE, Changes
from pbgdpl_desktop.domain.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from pbgdpl_desktop.domain.finance import Area, Category, ProvincialOverride
from pbgdpl_desktop.domain.norms import Norm, applicable_norm, norm_in_force
from pbgdpl_desktop.domain.text import checked_text, clean, clean_input
from pbgdpl_desktop.persistence.live import tombstone
from pbgdpl_desktop.persistence.models.finance import FinanceCategory, FinanceNorm
from pbgdpl_desktop.persistence.repos import finance_catalog_repo as repo
from pbgdpl_desktop.services.core.context import ServiceContext


def category_dto(row: FinanceCategory) -> Category:
    return Category(
        id=row.id,
        code=row.code,
        name=row.name,
        legal_ref=row.legal_ref,
        unit=row.unit,
        needs_quantity=row.needs_quantity,
        area=Area(row.area),
        active=row.active,
        builtin=row.builtin,
        sort_order=row.sort_order,
    )


def norm_dto(row: FinanceNorm) -> Norm:
    return Norm(
        category=row.category_code,
        variant=row.variant,
        amount=row.amount,
        unit=row.unit,
        effective_from=row.effective_from,
        source=row.source,
        provincial=row.provincial,
        id=row.id,
    )


class CatalogueService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ----------------------------------------------------------------------------- categories
    def categories(self, *, include_inactive: bool = False) -> list[Category]:
        with self._ctx.db.read() as session:
            return [category_dto(r) for r in repo.list_categories(session, include_inactive=include_inactive)]

    def category(self, category_id: str) -> Category:
        with self._ctx.db.read() as session:
            row = repo.get_category(session, category_id)
            if row is None:
                raise NotFoundError("Không tìm thấy nội dung chi (có thể đã bị xóa).")
            return category_dto(row)

    def category_by_code(self, code: str) -> Category:
        with self._ctx.db.read() as session:
            row = repo.category_by_code(session, code)
            if row is None:
                raise NotFoundError(f"Không có nội dung chi mã “{code}”.")
            return category_dto(row)

    def add_category(
        self,
        code: str,
        name: str,
        *,
        legal_ref: str = "",
        unit: str = "",
        needs_quantity: bool = False,
        area: Area = Area.PBGDPL,
    ) -> tuple[Category, Changes]:
        code, name = checked_text(code, "code").upper().replace(" ", "_"), checked_text(name, "name")
        problems = []
        if not code:
            problems.append(FieldProblem("code", "Mã nội dung chi: chưa nhập."))
        if not name:
            problems.append(FieldProblem("name", "Tên nội dung chi: chưa nhập."))
        if needs_quantity and not checked_text(unit, "unit"):
            problems.append(FieldProblem("unit", "Nội dung chi tính theo số lượng phải có đơn vị tính."))
        if problems:
            raise ValidationError(problems)
        with self._ctx.db.transaction() as session:
            if repo.category_by_code(session, code) is not None:
                raise ConflictError(f"Mã nội dung chi “{code}” đã có.", field="code")
            row = repo.add_category(
                session,
                {
                    "code": code,
                    "name": name,
                    "legal_ref": checked_text(legal_ref, "legal_ref"),
                    "unit": checked_text(unit, "unit"),
                    "needs_quantity": needs_quantity,
                    "area": area.value,
                    "active": True,
                    "builtin": False,
                    "sort_order": repo.max_sort_order(session) + 10,
                },
            )
            dto = category_dto(row)
        return dto, Changes.of(FINANCE)

    def update_category(
        self, category_id: str, name: str, *, legal_ref: str, unit: str, needs_quantity: bool
    ) -> tuple[Category, Changes]:
        """Edit name, legal reference, unit and whether a quantity is required (the code never changes: the
        norm table and other modules refer to it). Past expenditures keep the unit they were saved with."""
        name, unit = checked_text(name, "name"), checked_text(unit, "unit")
        problems = []
        if not name:
            problems.append(FieldProblem("name", "Tên nội dung chi: chưa nhập."))
        if needs_quantity and not unit:
            problems.append(FieldProblem("unit", "Nội dung chi tính theo số lượng phải có đơn vị tính."))
        if problems:
            raise ValidationError(problems)
        with self._ctx.db.transaction() as session:
            row = repo.get_category(session, category_id)
            if row is None:
                raise NotFoundError("Không tìm thấy nội dung chi.")
            row.name, row.legal_ref, row.unit, row.needs_quantity = (
                name,
                checked_text(legal_ref, "legal_ref"),
                unit,
                needs_quantity,
            )
            dto = category_dto(row)
        return dto, Changes.of(FINANCE)

    def set_active(self, category_id: str, active: bool) -> Changes:
        with self._ctx.db.transaction() as session:
            row = repo.get_category(session, category_id)
            if row is None:
                raise NotFoundError("Không tìm thấy nội dung chi.")
            row.active = active
        return Changes.of(FINANCE)

    def delete_category(self, category_id: str) -> Changes:
        """Tombstone a category nobody uses; one in use (ledger or budget) is refused — deactivate it."""
        with self._ctx.db.transaction() as session:
            row = repo.get_category(session, category_id)
            if row is None:
                raise NotFoundError("Không tìm thấy nội dung chi.")
            if repo.category_in_use(session, category_id):
                raise ConflictError(
                    f"Không xóa được nội dung chi “{row.name}”: đã có khoản chi hoặc dự toán dùng nó. "
                    "Có thể ngừng sử dụng (ẩn khỏi danh sách chọn) thay vì xóa."
                )
            tombstone(row, self._ctx.clock.now())
        return Changes.of(FINANCE)

    # ----------------------------------------------------------------------------- norms
    def norms(self, category_code: str | None = None) -> list[Norm]:
        with self._ctx.db.read() as session:
            return [norm_dto(r) for r in repo.list_norms(session, category_code)]

    def norm_details(self) -> list[tuple[Norm, str, date | None]]:
        """Every norm with its resolution number and date (for the norm table page)."""
        with self._ctx.db.read() as session:
            return [(norm_dto(r), r.resolution_number, r.resolution_date) for r in repo.list_norms(session)]

    def norm_in_force(self, category: str, variant: str, on: date) -> Norm | None:
        """The ceiling in force on a date: the latest TT 56 or provincial norm with effective_from ≤ on."""
        return norm_in_force(self.norms(category), category, variant, on)

    def applicable_norm(self, category: str, variant: str, on: date) -> Norm | None:
        """The ceiling the ledger checks against: the variant's norm, or the highest of the category."""
        return applicable_norm(self.norms(category), category, variant, on)

    def variants_of(self, category_code: str) -> list[str]:
        return sorted({n.variant for n in self.norms(category_code)})

    def add_override(self, o: ProvincialOverride) -> tuple[Norm, Changes]:
        """Record a provincial resolution's ceiling; from ``effective_from`` it replaces the TT 56 amount."""
        o = clean_input(o)
        o.validate()
        number = clean(o.resolution_number)
        with self._ctx.db.transaction() as session:
            if repo.category_by_code(session, o.category_code) is None:
                raise NotFoundError(f"Không có nội dung chi mã “{o.category_code}”.")
            unit = clean(o.unit) or next(
                (n.unit for n in repo.list_norms(session, o.category_code) if n.variant == o.variant), ""
            )
            row = repo.add_norm(
                session,
                {
                    "category_code": o.category_code,
                    "variant": o.variant,
                    "amount": o.amount,
                    "unit": unit,
                    "effective_from": o.effective_from,
                    "source": number,
                    "provincial": True,
                    "resolution_number": number,
                    "resolution_date": o.resolution_date,
                },
            )
            dto = norm_dto(row)
        return dto, Changes.of(FINANCE)

    def delete_override(self, norm_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            row = repo.get_norm(session, norm_id)
            if row is None:
                raise NotFoundError("Không tìm thấy định mức.")
            if not row.provincial:
                raise ConflictError(
                    "Định mức của Thông tư 56/2023/TT-BTC không xóa được; "
                    "hãy nhập nghị quyết của tỉnh để thay thế."
                )
            tombstone(row, self._ctx.clock.now())
        return Changes.of(FINANCE)
