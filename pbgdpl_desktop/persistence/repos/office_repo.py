"""Queries of the office above (docs/office.md): reviews with optimistic concurrency, appraisals, each
ward's figures computed in SQL from ``office_row`` (the wards' rows as JSON, kept by the sync importer), the
province roll-up over those figures, reply logs; on the ward side the replies received.

The figures of one ward are computed once after its data changed (JSON functions: SQLite ``json_extract``,
PostgreSQL ``#>>``), then the roll-up is a plain ``SUM ... GROUP BY`` over small typed rows: it stays well
under a second for 170 wards however many records they hold (bench/office.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.models.office import (
    OfficeAppraisal,
    OfficeFigureStamp,
    OfficeReplyLog,
    OfficeReview,
    OfficeReviewEvent,
    OfficeWardFigure,
    ReplyDecision,
    ReplyInbox,
    ReplyNote,
)
from pbgdpl_desktop.persistence.models.sync import OfficeRow, SyncImport, SyncWardBundle


def _pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _field(session: Session, name: str) -> str:
    """SQL text of ``fields.<name>`` of a row's JSON line, as text."""
    if _pg(session):
        return f"((data::jsonb) #>> '{{fields,{name}}}')"
    return f"json_extract(data, '$.fields.{name}')"


def _num(session: Session, name: str) -> str:
    if _pg(session):
        return f"COALESCE(({_field(session, name)})::bigint, 0)"
    return f"COALESCE({_field(session, name)}, 0)"


def _sql(session: Session, text: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Run ``text`` with ``:name`` parameters on either engine (plain tuples back)."""
    from sqlalchemy import text as sql_text

    return [tuple(r) for r in session.execute(sql_text(text), params)]


# ----------------------------------------------------------------------------------------- reviews
def review(session: Session, ward_code: str, year: int) -> OfficeReview | None:
    return session.get(OfficeReview, (ward_code, year))


def reviews(session: Session, year: int) -> list[OfficeReview]:
    return list(session.scalars(select(OfficeReview).where(OfficeReview.year == year)))


def update_review(session: Session, ward_code: str, year: int, version: int, values: dict[str, Any]) -> bool:
    """Write ``values`` (and version + 1) only when the stored version is still ``version``: False when
    another user saved in between (nothing written)."""
    result = session.execute(
        update(OfficeReview)
        .where(
            OfficeReview.ward_code == ward_code, OfficeReview.year == year, OfficeReview.version == version
        )
        .values(**values, version=version + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def add_event(session: Session, values: dict[str, Any]) -> None:
    session.add(OfficeReviewEvent(**values))
    session.flush()


def events(session: Session, ward_code: str, year: int) -> list[OfficeReviewEvent]:
    stmt = (
        select(OfficeReviewEvent)
        .where(OfficeReviewEvent.ward_code == ward_code, OfficeReviewEvent.year == year)
        .order_by(OfficeReviewEvent.id)
    )
    return list(session.scalars(stmt))


# ----------------------------------------------------------------------------------------- appraisals
def put_appraisal(session: Session, values: dict[str, Any]) -> None:
    row = session.get(OfficeAppraisal, (values["ward_code"], values["year"], values["code"]))
    if row is None:
        session.add(OfficeAppraisal(**values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
    session.flush()


def appraisals(session: Session, ward_code: str, year: int) -> list[OfficeAppraisal]:
    stmt = (
        select(OfficeAppraisal)
        .where(OfficeAppraisal.ward_code == ward_code, OfficeAppraisal.year == year)
        .order_by(OfficeAppraisal.code)
    )
    return list(session.scalars(stmt))


# ----------------------------------------------------------------------------------------- wards' data
def ward_stamps(session: Session) -> dict[str, tuple[int, int, datetime]]:
    """ward -> (bundles applied, highest seq, last import time)."""
    stmt = select(
        SyncWardBundle.ward_code,
        func.count(),
        func.max(SyncWardBundle.seq),
        func.max(SyncWardBundle.imported_at),
    ).group_by(SyncWardBundle.ward_code)
    return {code: (int(n), int(top), at) for code, n, top, at in session.execute(stmt)}


def last_import_files(session: Session) -> dict[str, str]:
    stmt = select(SyncImport.ward_code, SyncImport.file_name).order_by(SyncImport.id)
    return {code: name for code, name in session.execute(stmt)}


def figure_stamps(session: Session) -> dict[str, tuple[str, date]]:
    return {s.ward_code: (s.stamp, s.computed_on) for s in session.scalars(select(OfficeFigureStamp))}


def row_counts(session: Session, ward_code: str) -> dict[str, int]:
    stmt = (
        select(OfficeRow.table_name, func.count())
        .where(OfficeRow.ward_code == ward_code, OfficeRow.deleted_at.is_(None))
        .group_by(OfficeRow.table_name)
    )
    return {name: int(n) for name, n in session.execute(stmt)}


def live_rows(session: Session, ward_code: str, table: str, limit: int = 5000) -> list[tuple[str, str]]:
    """(row id, JSON line) of one ward's live rows of ``table``."""
    stmt = (
        select(OfficeRow.row_id, OfficeRow.data)
        .where(
            OfficeRow.ward_code == ward_code, OfficeRow.table_name == table, OfficeRow.deleted_at.is_(None)
        )
        .order_by(OfficeRow.row_id)
        .limit(limit)
    )
    return [(r, d) for r, d in session.execute(stmt)]


def compute_figures(
    session: Session, ward_code: str, today: date, groups: Sequence[str]
) -> list[tuple[int, str, str, str, int]]:
    """(year, period, figure, key, value) of one ward for every year its rows touch and both periods (h1:
    01/01–30/06, year), in six grouped queries over its rows (conventions: docs/office.md). Rows are grouped
    by (year, half); a year's figures are the sum of its halves, h1's the first half's."""
    f = lambda name: _field(session, name)  # noqa: E731
    n = lambda name: _num(session, name)  # noqa: E731

    def half(name: str) -> str:
        return f"substr({f(name)}, 1, 4), CASE WHEN substr({f(name)}, 6, 2) <= '06' THEN 1 ELSE 0 END"

    base = "FROM office_row WHERE ward_code = :w AND table_name = :t AND deleted_at IS NULL"
    sums: dict[tuple[int, str, str, str], int] = {}

    def add(year: object, first: object, fig: str, key: str, value: object) -> None:
        if year is None or not value:
            return
        y = int(str(year))
        periods = ("year", "h1") if int(str(first)) else ("year",)
        for period in periods:
            k = (y, period, fig, key)
            sums[k] = sums.get(k, 0) + int(str(value))

    held = f"AND {f('held_on')} <= :today"
    params: dict[str, Any] = {"w": ward_code, "today": today.isoformat()}
    tg = f("target_groups")
    group_sums = "".join(f", sum(CASE WHEN {tg} LIKE :g{i} THEN 1 ELSE 0 END)" for i in range(len(groups)))
    for row in _sql(
        session,
        f"SELECT {half('held_on')}, {f('form')}, count(*), sum({n('attendance_total')}), "
        f"sum({n('attendance_women')}){group_sums} {base} {held} GROUP BY 1, 2, 3",
        {**params, "t": "dissemination_session", **{f"g{i}": f"%,{g},%" for i, g in enumerate(groups)}},
    ):
        year, first, form, count, total, women = row[:6]
        add(year, first, "sessions_by_form", str(form), count)
        add(year, first, "participants_by_form", str(form), total)
        add(year, first, "women_by_form", str(form), women)
        for g, value in zip(groups, row[6:], strict=True):
            add(year, first, "sessions_by_group", g, value)
    for year, first, outcome, count in _sql(
        session,
        f"SELECT {half('received_on')}, {f('outcome')}, count(*) {base} GROUP BY 1, 2, 3",
        {**params, "t": "mediation_case"},
    ):
        add(year, first, "cases_by_outcome", str(outcome), count)
    for year, first, paid in _sql(
        session,
        f"SELECT {half('paid_on')}, sum({n('paid_amount')}) {base} AND {f('paid_on')} IS NOT NULL GROUP BY 1, 2",
        {**params, "t": "mediator_fee_request"},
    ):
        add(year, first, "fees_paid", "", paid)
    cat = "c.data" if not _pg(session) else "(c.data::jsonb)"
    code = f"json_extract({cat}, '$.fields.code')" if not _pg(session) else f"({cat} #>> '{{fields,code}}')"
    e = lambda name: f(name).replace("data", "e.data")  # noqa: E731
    en = lambda name: n(name).replace("data", "e.data")  # noqa: E731
    e_half = half("spent_on").replace("data", "e.data")
    for year, first, category, source, amount in _sql(
        session,
        f"SELECT {e_half}, {code}, {e('source')}, sum({en('amount')}) FROM office_row AS e JOIN office_row AS c "
        f"ON c.ward_code = e.ward_code AND c.table_name = 'finance_category' AND c.row_id = {e('category_id')} "
        "WHERE e.ward_code = :w AND e.table_name = 'expenditure' AND e.deleted_at IS NULL "
        "GROUP BY 1, 2, 3, 4",
        params,
    ):
        add(year, first, "spent", f"{category}|{source}", amount)
    out = [(y, p, fig, key, value) for (y, p, fig, key), value in sums.items()]
    for year, verdict in _ward_verdicts(session, ward_code).items():
        out.append((year, "year", "verdict", verdict, 1))
    return out


def _ward_verdicts(session: Session, ward_code: str) -> dict[int, str]:
    """year -> the verdict of the ward's newest saved result of that year (assessment_result → assessment)."""
    f = lambda alias, name: (  # noqa: E731
        f"(({alias}.data::jsonb) #>> '{{fields,{name}}}')"
        if _pg(session)
        else f"json_extract({alias}.data, '$.fields.{name}')"
    )
    rows = _sql(
        session,
        f"SELECT CAST({f('a', 'year')} AS INTEGER), {f('r', 'verdict')} FROM office_row AS r "
        "JOIN office_row AS a ON a.ward_code = r.ward_code "
        f"AND a.table_name = 'assessment' AND a.row_id = {f('r', 'assessment_id')} AND a.deleted_at IS NULL "
        "WHERE r.ward_code = :w AND r.table_name = 'assessment_result' AND r.deleted_at IS NULL "
        f"ORDER BY {f('r', 'computed_at')}",
        {"w": ward_code},
    )
    return {int(year): str(verdict) for year, verdict in rows}  # the newest of a year comes last


def replace_figures(
    session: Session,
    ward_code: str,
    figures: Iterable[tuple[int, str, str, str, int]],
    stamp: str,
    today: date,
) -> None:
    session.execute(delete(OfficeWardFigure).where(OfficeWardFigure.ward_code == ward_code))
    rows = [
        {"ward_code": ward_code, "year": y, "period": p, "figure": fig, "key": k, "value": v}
        for y, p, fig, k, v in figures
    ]
    if rows:
        session.execute(insert(OfficeWardFigure), rows)
    row = session.get(OfficeFigureStamp, ward_code)
    if row is None:
        session.add(OfficeFigureStamp(ward_code=ward_code, stamp=stamp, computed_on=today, verdict_year=None))
    else:
        row.stamp, row.computed_on = stamp, today
    session.flush()


def rollup(session: Session, year: int, period: str) -> list[tuple[str, str, int]]:
    stmt = (
        select(OfficeWardFigure.figure, OfficeWardFigure.key, func.sum(OfficeWardFigure.value))
        .where(OfficeWardFigure.year == year, OfficeWardFigure.period == period)
        .group_by(OfficeWardFigure.figure, OfficeWardFigure.key)
    )
    return [(fig, key, int(v)) for fig, key, v in session.execute(stmt)]


def ward_figures(session: Session, year: int, period: str) -> list[tuple[str, str, str, int]]:
    """(ward, figure, key, value) of every ward for the year and period."""
    stmt = select(
        OfficeWardFigure.ward_code, OfficeWardFigure.figure, OfficeWardFigure.key, OfficeWardFigure.value
    ).where(OfficeWardFigure.year == year, OfficeWardFigure.period == period)
    return [(w, fig, key, int(v)) for w, fig, key, v in session.execute(stmt)]


# ----------------------------------------------------------------------------------------- replies (office)
def next_reply_seq(session: Session, ward_code: str) -> int:
    top = session.scalar(select(func.max(OfficeReplyLog.seq)).where(OfficeReplyLog.ward_code == ward_code))
    return int(top or 0) + 1


def add_reply(session: Session, values: dict[str, Any]) -> None:
    session.add(OfficeReplyLog(**values))
    session.flush()


def replies(session: Session, ward_code: str) -> list[OfficeReplyLog]:
    stmt = select(OfficeReplyLog).where(OfficeReplyLog.ward_code == ward_code).order_by(OfficeReplyLog.seq)
    return list(session.scalars(stmt))


# ----------------------------------------------------------------------------------------- replies (ward)
def inbox_has(session: Session, bundle_id: str) -> bool:
    return session.get(ReplyInbox, bundle_id) is not None


def add_inbox(session: Session, values: dict[str, Any]) -> None:
    session.add(ReplyInbox(**values))
    session.flush()


def put_note(session: Session, values: dict[str, Any]) -> None:
    row = session.get(ReplyNote, (values["year"], values["code"]))
    if row is None:
        session.add(ReplyNote(**values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
    session.flush()


def notes(session: Session, year: int) -> list[ReplyNote]:
    return list(session.scalars(select(ReplyNote).where(ReplyNote.year == year).order_by(ReplyNote.code)))


def put_decision(session: Session, values: dict[str, Any]) -> None:
    row = session.get(ReplyDecision, values["year"])
    if row is None:
        session.add(ReplyDecision(**values))
    else:
        for key, value in values.items():
            setattr(row, key, value)
    session.flush()


def decision(session: Session, year: int) -> ReplyDecision | None:
    return session.get(ReplyDecision, year)


def insert_review_once(session: Session, values: dict[str, Any]) -> bool:
    """Insert the first review of a ward and year; False when another user inserted it first."""
    from sqlalchemy.exc import IntegrityError

    try:
        with session.begin_nested():
            session.execute(insert(OfficeReview).values(**values))
    except IntegrityError:
        return False
    return True


def all_appraisals(session: Session, ward_code: str, year: int | None) -> list[OfficeAppraisal]:
    stmt = select(OfficeAppraisal).where(OfficeAppraisal.ward_code == ward_code)
    if year is not None:
        stmt = stmt.where(OfficeAppraisal.year == year)
    return list(session.scalars(stmt.order_by(OfficeAppraisal.year, OfficeAppraisal.code)))


def all_reviews(session: Session, ward_code: str, year: int | None) -> list[OfficeReview]:
    stmt = select(OfficeReview).where(OfficeReview.ward_code == ward_code)
    if year is not None:
        stmt = stmt.where(OfficeReview.year == year)
    return list(session.scalars(stmt.order_by(OfficeReview.year)))
