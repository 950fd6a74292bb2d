"""Kinh phí — the spending ledger: validate, warn, save (one transaction, with the fee payment), list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from pbgdpl_desktop.domain.changes import FINANCE, MEDIATION, Changes
from pbgdpl_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from pbgdpl_desktop.domain.finance import (
    Expenditure,
    ExpenditureDraft,
    FundingSource,
    LedgerQuery,
    budget_warning,
    ceiling_warning,
    link_rules,
    normalise_voucher,
    refusals,
    voucher_warning,
)
from pbgdpl_desktop.domain.norms import Norm, applicable_norm
from pbgdpl_desktop.domain.text import clean, clean_input, fold
from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.live import tombstone
from pbgdpl_desktop.persistence.models.base import new_id
from pbgdpl_desktop.persistence.models.finance import Expenditure as ExpenditureRow
from pbgdpl_desktop.persistence.models.finance import FinanceCategory
from pbgdpl_desktop.persistence.repos import finance_budget_repo, finance_catalog_repo
from pbgdpl_desktop.persistence.repos import finance_ledger_repo as repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.listing import ListQuery
from pbgdpl_desktop.services.finance.catalogue import category_dto, norm_dto
from pbgdpl_desktop.services.finance.links import LinkChecker, record_fee_payment, record_fee_payments

# The mediation module offers no "undo a payment" yet: a payment recorded on a fee request stays linked.
FEE_LINK_LOCKED = (
    "Khoản chi này đã được ghi là chi trả cho một đề nghị chi thù lao hòa giải: không xóa hoặc "
    "đổi đề nghị được gắn. Có thể sửa số tiền, ngày, chứng từ."
)


def _values(draft: ExpenditureDraft, category: FinanceCategory) -> dict[str, Any]:
    text = [
        draft.description,
        draft.payee,
        draft.voucher_number,
        category.code,
        category.name,
        draft.contest_name,
    ]
    return {
        "spent_on": draft.spent_on,
        "category_id": draft.category_id,
        "source": draft.source.value,
        "amount": draft.amount,
        "quantity": draft.quantity,
        "unit": category.unit if draft.quantity else "",
        "norm_variant": draft.norm_variant,
        "voucher_number": clean(draft.voucher_number),
        "voucher_key": normalise_voucher(draft.voucher_number),
        "voucher_date": draft.voucher_date,
        "payee": clean(draft.payee),
        "description": clean(draft.description),
        "search_folded": fold(" ".join(text)),
        "session_id": draft.session_id or None,
        "plan_task_id": draft.plan_task_id or None,
        "fee_request_id": draft.fee_request_id or None,
        "team_id": draft.team_id or None,
        "support_month": draft.support_month,
        "contest_name": clean(draft.contest_name),
    }


def _dto(row: ExpenditureRow, category: FinanceCategory, warnings: tuple[str, ...] = ()) -> Expenditure:
    return Expenditure(
        id=row.id,
        spent_on=row.spent_on,
        category_id=row.category_id,
        category_code=category.code,
        category_name=category.name,
        source=FundingSource(row.source),
        amount=row.amount,
        description=row.description,
        quantity=row.quantity,
        unit=row.unit,
        norm_variant=row.norm_variant,
        voucher_number=row.voucher_number,
        voucher_date=row.voucher_date,
        payee=row.payee,
        session_id=row.session_id,
        plan_task_id=row.plan_task_id,
        fee_request_id=row.fee_request_id,
        team_id=row.team_id,
        support_month=row.support_month,
        contest_name=row.contest_name,
        warnings=warnings,
    )


class _Warner:
    """Computes the warnings of drafts within one session, caching norms and budget lines."""

    def __init__(self, session: DbSession) -> None:
        self._session = session
        self._norms = [norm_dto(r) for r in finance_catalog_repo.list_norms(session)]
        self._lines: dict[tuple[int, str, str], int | None] = {}
        self._vouchers: dict[tuple, int] = {}
        self._spent: dict[tuple, int] = {}
        self._full_years: set[int] = set()

    def norm(self, code: str, variant: str, on: date) -> Norm | None:
        return applicable_norm(self._norms, code, variant, on)

    def _line_amount(self, year: int, category_id: str, source: str) -> int | None:
        key = (year, category_id, source)
        if key not in self._lines and year in self._full_years:
            return None  # prefetch_year loaded every line of the year: this one has none
        if key not in self._lines:
            line = finance_budget_repo.find_line(self._session, year, category_id, source)
            self._lines[key] = None if line is None else finance_budget_repo.line_amount(self._session, line)
        return self._lines[key]

    def prefetch(self, drafts: list[ExpenditureDraft]) -> None:
        """Load, per year, the spending of every budget line and the use counts of the vouchers of ``drafts``
        (rows as saved): two grouped queries per year instead of two queries per row."""
        for year in {d.spent_on.year for d in drafts}:
            for (category_id, source), amount in repo.line_totals(self._session, year).items():
                self._spent[(year, category_id, source)] = amount
            keys = {normalise_voucher(d.voucher_number) for d in drafts if d.spent_on.year == year} - {""}
            counts = repo.voucher_counts(self._session, year, keys)
            self._vouchers.update({(year, k): counts.get(k, 0) for k in keys})

    def prefetch_year(self, year: int) -> None:
        """Load the budget lines, the spending of every line and the use count of every voucher of ``year``:
        a few grouped queries for a whole year of rows (an export), however many rows and vouchers it holds."""
        if year in self._full_years:
            return
        self._full_years.add(year)
        for (category_id, source), planned in finance_budget_repo.planned_by_line(
            self._session, year
        ).items():
            self._lines[(year, category_id, source)] = planned
        for (category_id, source), amount in repo.line_totals(self._session, year).items():
            self._spent[(year, category_id, source)] = amount
        self._vouchers.update(
            {(year, k): n for k, n in repo.voucher_counts_of_year(self._session, year).items()}
        )

    def _stored_counts(self, draft: ExpenditureDraft, category: FinanceCategory) -> tuple[int, int]:
        """(other uses of the voucher, spent in the line incl. this row) for a row as saved."""
        year, key = draft.spent_on.year, normalise_voucher(draft.voucher_number)
        if year not in self._full_years and (
            (year, category.id, draft.source.value) not in self._spent
            or (key and (year, key) not in self._vouchers)
        ):
            self.prefetch([draft])
        uses = self._vouchers.get((year, key), 1) - 1 if key else 0
        return uses, self._spent.get((year, category.id, draft.source.value), 0)

    def warnings(
        self,
        draft: ExpenditureDraft,
        category: FinanceCategory,
        exclude_id: str | None,
        *,
        stored: bool = False,
    ) -> tuple[str, ...]:
        """Warnings of ``draft`` (replacing the row ``exclude_id``); ``stored``: the row as saved."""
        year = draft.spent_on.year
        norm = self.norm(category.code, draft.norm_variant, draft.spent_on)
        if stored:
            uses, spent = self._stored_counts(draft, category)
        else:
            key = normalise_voucher(draft.voucher_number)
            uses = (
                repo.voucher_uses(self._session, key, date(year, 1, 1), date(year, 12, 31), exclude_id)
                if key
                else 0
            )
            spent = (
                repo.spent_in_line(self._session, year, category.id, draft.source.value, exclude_id)
                + draft.amount
            )
        label = f"“{category.name}” ({draft.source.label}) năm {year}"
        found = (
            ceiling_warning(draft.amount, draft.quantity, norm),
            voucher_warning(draft.voucher_number, uses),
            budget_warning(spent, self._line_amount(year, category.id, draft.source.value), label),
        )
        return tuple(w for w in found if w)


class LedgerService:
    def __init__(self, ctx: ServiceContext, links: LinkChecker) -> None:
        self._ctx = ctx
        self._links = links

    def list_source(self) -> LedgerSource:
        """A Qt-free paged source of the ledger list (count + page in SQL) for ``PagedTableModel``."""
        return LedgerSource(self)

    def _validate(
        self,
        session: DbSession,
        draft: ExpenditureDraft,
        categories: dict[str, FinanceCategory | None] | None = None,
    ) -> FinanceCategory:
        """The draft's category, or the refusals; ``categories`` caches the categories read (``save_many``)."""
        cache = {} if categories is None else categories
        if draft.category_id and draft.category_id not in cache:
            cache[draft.category_id] = finance_catalog_repo.get_category(session, draft.category_id)
        category = cache[draft.category_id] if draft.category_id else None
        if category is None:
            raise ValidationError("Chưa chọn nội dung chi (hoặc nội dung chi đã bị xóa).", field="category")
        problems = refusals(draft, category_dto(category), self._ctx.clock.today())
        problems += link_rules(draft, category.code)
        if problems:
            raise ValidationError(problems)
        return category

    def check(self, draft: ExpenditureDraft, expenditure_id: str | None = None) -> tuple[str, ...]:
        """Raise ``ValidationError`` for refusals; return the warnings (shown, never blocking)."""
        draft = clean_input(draft)
        problems = self._links.missing(draft)
        if problems:
            raise ValidationError(problems)
        with self._ctx.db.read() as session:
            category = self._validate(session, draft)
            return _Warner(session).warnings(draft, category, expenditure_id)

    def save(self, draft: ExpenditureDraft, expenditure_id: str | None = None) -> tuple[Expenditure, Changes]:
        """Add (or change) an expenditure; one transaction including the mediator fee payment, if linked."""
        draft = clean_input(draft)
        problems = self._links.missing(draft)
        if problems:
            raise ValidationError(problems)
        changes = Changes.of(FINANCE)
        with self._ctx.db.transaction() as session:
            category = self._validate(session, draft)
            warnings = _Warner(session).warnings(draft, category, expenditure_id)
            values = _values(draft, category)
            if expenditure_id is None:
                row = repo.insert(session, values)
            else:
                found = repo.get(session, expenditure_id)
                if found is None:
                    raise NotFoundError("Không tìm thấy khoản chi (có thể đã bị xóa).")
                row = found
                if row.fee_request_id and row.fee_request_id != values["fee_request_id"]:
                    raise ConflictError(FEE_LINK_LOCKED)
                repo.update(row, values)
                session.flush()
            if row.fee_request_id:
                record_fee_payment(session, row.fee_request_id, row.spent_on, row.amount, row.id)
                changes = changes | Changes.of(MEDIATION)
            dto = _dto(row, category, warnings)
        return dto, changes

    def save_many(self, drafts: list[ExpenditureDraft]) -> tuple[int, Changes]:
        """Add many expenditures in ONE transaction (imports, the demo): same refusals and link checks as
        ``save``; warnings are not computed. Nothing is written if one draft is refused."""
        problems = self._links.missing_in(drafts)
        if problems:
            raise ValidationError(problems)
        changes = Changes.of(FINANCE)
        now = self._ctx.clock.now()
        with self._ctx.db.transaction() as session:
            categories: dict[str, FinanceCategory | None] = {}
            rows, payments = [], []
            for draft in drafts:
                category = self._validate(session, draft, categories)
                row = {"id": new_id(), **_values(draft, category)}
                rows.append(row)
                if row["fee_request_id"]:
                    payments.append((row["fee_request_id"], row["spent_on"], row["amount"], row["id"]))
            # one statement for the rows, then every linked fee request marked paid in one flush (#17 §5)
            repo.insert_many(session, rows, now)
            if payments:
                record_fee_payments(session, payments)
                changes = changes | Changes.of(MEDIATION)
        return len(drafts), changes

    def delete(self, expenditure_id: str) -> Changes:
        with self._ctx.db.transaction() as session:
            row = repo.get(session, expenditure_id)
            if row is None:
                raise NotFoundError("Không tìm thấy khoản chi (có thể đã bị xóa).")
            if row.fee_request_id:
                raise ConflictError(FEE_LINK_LOCKED)
            tombstone(row, self._ctx.clock.now())
        return Changes.of(FINANCE)

    def get(self, expenditure_id: str) -> Expenditure:
        with self._ctx.db.read() as session:
            row = repo.get(session, expenditure_id)
            if row is None:
                raise NotFoundError("Không tìm thấy khoản chi (có thể đã bị xóa).")
            category = finance_catalog_repo.get_category(session, row.category_id)
            assert category is not None, "a category in use is never deleted (delete_category refuses)"
            return _dto(
                row, category, _Warner(session).warnings(self._draft_of(row), category, row.id, stored=True)
            )

    @staticmethod
    def _draft_of(row: ExpenditureRow) -> ExpenditureDraft:
        return ExpenditureDraft(
            spent_on=row.spent_on,
            category_id=row.category_id,
            source=FundingSource(row.source),
            amount=row.amount,
            quantity=row.quantity,
            norm_variant=row.norm_variant,
            voucher_number=row.voucher_number,
        )

    def count(self, query: LedgerQuery) -> int:
        with self._ctx.db.read() as session:
            return repo.count(session, query)

    def total(self, query: LedgerQuery) -> int:
        with self._ctx.db.read() as session:
            return repo.total(session, query)

    def page(
        self, query: LedgerQuery, offset: int, limit: int, *, with_warnings: bool = True
    ) -> list[Expenditure]:
        with self._ctx.db.read() as session:
            rows = repo.page(session, query, offset, limit)
            warner = _Warner(session) if with_warnings else None
            if warner is not None:
                warner.prefetch([self._draft_of(row) for row, _ in rows])
            return [
                _dto(
                    row, cat, warner.warnings(self._draft_of(row), cat, row.id, stored=True) if warner else ()
                )
                for row, cat in rows
            ]

    def page_after(
        self, query: LedgerQuery, key: tuple[Any, ...] | None, skip: int, limit: int
    ) -> tuple[list[Expenditure], tuple[Any, ...] | None]:
        """A page by key (see ``LedgerSource``) and the order key of its last row (None when empty)."""
        with self._ctx.db.read() as session:
            rows = repo.page_after(session, query, key, skip, limit)
            warner = _Warner(session)
            warner.prefetch([self._draft_of(row) for row, _ in rows])
            page = [
                _dto(row, cat, warner.warnings(self._draft_of(row), cat, row.id, stored=True))
                for row, cat in rows
            ]
            last = repo.order_key(query, *rows[-1]) if rows else None
        return page, last

    def block_keys(self, query: LedgerQuery, block: int) -> dict[int, tuple[Any, ...]]:
        """{n: order key of row n} for every ``block``-th row n of ``query`` (1-based row numbers)."""
        with self._ctx.db.read() as session:
            return {block * (i + 1): key for i, key in enumerate(repo.block_keys(session, query, block))}

    def stream(self, query: LedgerQuery) -> Iterator[Expenditure]:
        """Every row of ``query`` in the list's order, with its warnings, from ONE streaming query in one read
        session (the export): the catalogue, norms, line totals and voucher counts are loaded once per year,
        not per chunk, so the cost is linear in the rows. Consume it fully (or close it) promptly."""
        with self._ctx.db.read() as session:
            categories = {c.id: c for c in finance_catalog_repo.list_categories(session)}
            warner = _Warner(session)
            for row in repo.stream(session, query):
                warner.prefetch_year(row.spent_on.year)
                category = categories[row.category_id]
                yield _dto(row, category, warner.warnings(self._draft_of(row), category, row.id, stored=True))


def ledger_query(query: ListQuery) -> LedgerQuery:
    """The UI's generic list query → the ledger's filters (keys: year, month, category_id, source)."""
    f = query.filters
    source = f.get("source")
    return LedgerQuery(
        year=f.get("year"),
        month=f.get("month"),
        category_id=f.get("category_id"),
        source=FundingSource(source) if source else None,
        text=query.search,
        date_from=f.get("date_from"),
        date_to=f.get("date_to"),
        sort=query.sort_key or "spent_on",
        descending=query.descending,
    )


class LedgerSource:
    """Paged source of the ledger list (``services.core.listing.PagedSource``), paging by key.

    ``page(query, offset, limit)`` finds its rows from the order key of the row before ``offset`` (the index on
    the ledger's order reaches it directly) instead of counting ``offset`` rows: a page deep in a long ledger
    costs about what the first page costs. The keys come from the pages already read (scrolling down) or, for
    a jump deep into the list, from one SQL pass that lists the key of every ``BLOCK``-th row, kept until the
    next ``count`` (which the list calls whenever the query or the data changes)."""

    BLOCK = 200  # ui.models.paged_table asks pages of this size at multiples of it

    def __init__(self, ledger: LedgerService) -> None:
        self._ledger = ledger
        self._keys: dict[
            LedgerQuery, dict[int, tuple[Any, ...]]
        ] = {}  # query → {row number: key of that row}
        self._blocks_read: set[LedgerQuery] = set()

    def count(self, query: ListQuery) -> int:
        ledger = ledger_query(query)
        self._keys.clear()  # the data or the query changed: keys of before may be stale
        self._blocks_read.clear()
        return self._ledger.count(ledger)

    def page(self, query: ListQuery, offset: int, limit: int) -> list[Expenditure]:
        ledger = ledger_query(query)
        keys = self._keys.setdefault(ledger, {})
        start = offset - offset % self.BLOCK
        if start and start not in keys and ledger not in self._blocks_read:
            keys.update(self._ledger.block_keys(ledger, self.BLOCK))
            self._blocks_read.add(ledger)
        if start and start not in keys:  # past the end, or the rows changed under us: count by OFFSET
            return self._ledger.page(ledger, offset, limit)
        rows, last = self._ledger.page_after(ledger, keys.get(start), offset - start, limit)
        if last is not None:
            keys[offset + len(rows)] = last
        return rows
