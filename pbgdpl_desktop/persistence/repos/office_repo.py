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
    session: Session, ward_code: str, year: int, period: str, end: date, today: date, groups: Sequence[str]
) -> list[tuple[str, str, int]]:
    """(figure, key, value) of one ward for [01/01/year, end], from its rows (conventions: docs/office.md)."""
    start = date(year, 1, 1).isoformat()
    stop = end.isoformat()
    held_stop = min(end, today).isoformat()
    f = lambda name: _field(session, name)  # noqa: E731
    n = lambda name: _num(session, name)  # noqa: E731
    base = "FROM office_row WHERE ward_code = :w AND table_name = :t AND deleted_at IS NULL"
    out: list[tuple[str, str, int]] = []
    params: dict[str, Any] = {"w": ward_code, "a": start, "b": stop, "h": held_stop}
    rows = _sql(
        session,
        f"SELECT {f('form')}, count(*), sum({n('attendance_total')}), sum({n('attendance_women')}) {base} "
        f"AND {f('held_on')} >= :a AND {f('held_on')} <= :h GROUP BY {f('form')}",
        {**params, "t": "dissemination_session"},
    )
    for form, count, total, women in rows:
        out += [
            ("sessions_by_form", str(form), int(count)),
            ("participants_by_form", str(form), int(total or 0)),
            ("women_by_form", str(form), int(women or 0)),
        ]
    if groups:
        tg = f("target_groups")
        sums = ", ".join(f"sum(CASE WHEN {tg} LIKE :g{i} THEN 1 ELSE 0 END)" for i in range(len(groups)))
        (row,) = _sql(
            session,
            f"SELECT {sums} {base} AND {f('held_on')} >= :a AND {f('held_on')} <= :h",
            {**params, "t": "dissemination_session", **{f"g{i}": f"%,{g},%" for i, g in enumerate(groups)}},
        )
        out += [("sessions_by_group", g, int(v or 0)) for g, v in zip(groups, row, strict=True) if v]
    for outcome, count in _sql(
        session,
        f"SELECT {f('outcome')}, count(*) {base} AND {f('received_on')} >= :a AND {f('received_on')} <= :b "
        f"GROUP BY {f('outcome')}",
        {**params, "t": "mediation_case"},
    ):
        out.append(("cases_by_outcome", str(outcome), int(count)))
    ((paid,),) = _sql(
        session,
        f"SELECT sum({n('paid_amount')}) {base} AND {f('paid_on')} >= :a AND {f('paid_on')} <= :b",
        {**params, "t": "mediator_fee_request"},
    )
    if paid:
        out.append(("fees_paid", "", int(paid)))
    cat = "c.data" if not _pg(session) else "(c.data::jsonb)"
    code = f"json_extract({cat}, '$.fields.code')" if not _pg(session) else f"({cat} #>> '{{fields,code}}')"
    e = lambda name: f(name).replace("data", "e.data")  # noqa: E731
    en = lambda name: n(name).replace("data", "e.data")  # noqa: E731
    for category, source, amount in _sql(
        session,
        f"SELECT {code}, {e('source')}, sum({en('amount')}) FROM office_row AS e JOIN office_row AS c "
        f"ON c.ward_code = e.ward_code AND c.table_name = 'finance_category' AND c.row_id = {e('category_id')} "
        "WHERE e.ward_code = :w AND e.table_name = 'expenditure' AND e.deleted_at IS NULL "
        f"AND {e('spent_on')} >= :a AND {e('spent_on')} <= :b GROUP BY {code}, {e('source')}",
        params,
    ):
        out.append(("spent", f"{category}|{source}", int(amount or 0)))
    if period == "year":
        verdict = _ward_verdict(session, ward_code, year)
        if verdict:
            out.append(("verdict", verdict, 1))
    return out


def _ward_verdict(session: Session, ward_code: str, year: int) -> str | None:
    """The verdict of the ward's newest saved result for ``year`` (assessment_result → assessment)."""
    f = lambda alias, name: (  # noqa: E731
        f"(({alias}.data::jsonb) #>> '{{fields,{name}}}')"
        if _pg(session)
        else f"json_extract({alias}.data, '$.fields.{name}')"
    )
    rows = _sql(
        session,
        f"SELECT {f('r', 'verdict')} FROM office_row AS r JOIN office_row AS a ON a.ward_code = r.ward_code "
        f"AND a.table_name = 'assessment' AND a.row_id = {f('r', 'assessment_id')} AND a.deleted_at IS NULL "
        "WHERE r.ward_code = :w AND r.table_name = 'assessment_result' AND r.deleted_at IS NULL "
        f"AND CAST({f('a', 'year')} AS INTEGER) = :y ORDER BY {f('r', 'computed_at')} DESC",
        {"w": ward_code, "y": year},
    )
    return str(rows[0][0]) if rows else None


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


def years_of(session: Session, ward_code: str) -> list[int]:
    """The years the ward's sessions, cases and expenditures fall in."""
    y = (
        "CAST(substr(((data::jsonb) #>> '{fields,%s}'), 1, 4) AS INTEGER)"
        if _pg(session)
        else "CAST(substr(json_extract(data, '$.fields.%s'), 1, 4) AS INTEGER)"
    )
    rows = _sql(
        session,
        f"SELECT DISTINCT {y % 'held_on'} FROM office_row WHERE ward_code = :w AND table_name = "
        "'dissemination_session' "
        f"UNION SELECT DISTINCT {y % 'received_on'} FROM office_row WHERE ward_code = :w AND table_name = "
        "'mediation_case' "
        f"UNION SELECT DISTINCT {y % 'spent_on'} FROM office_row WHERE ward_code = :w AND table_name = "
        "'expenditure' "
        f"UNION SELECT DISTINCT {y % 'paid_on'} FROM office_row WHERE ward_code = :w AND table_name = "
        "'mediator_fee_request' "
        "UNION SELECT DISTINCT CAST("
        + ("((data::jsonb) #>> '{fields,year}')" if _pg(session) else "json_extract(data, '$.fields.year')")
        + " AS INTEGER) FROM office_row WHERE ward_code = :w AND table_name = 'assessment'",
        {"w": ward_code},
    )
    return sorted(int(r[0]) for r in rows if r[0] is not None)


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
