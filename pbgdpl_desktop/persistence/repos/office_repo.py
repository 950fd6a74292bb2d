"""Queries of the office above (docs/office.md): reviews with optimistic concurrency, appraisals, each
ward's figures computed in SQL from ``office_row`` (the wards' rows as JSON, kept by the sync importer), the
province roll-up over those figures, reply logs; on the ward side the replies received.

The figures of one ward are computed once after its data changed (per table one query that reads only the
fields it needs, each JSON line parsed once by the database; the grouping in Python, the same on both
engines), then the roll-up is a plain ``SUM ... GROUP BY`` over small typed rows: it stays well under a
second for 170 wards however many records they hold (bench/office.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
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


Rows = dict[str, list[tuple[str, bool, dict[str, Any]]]]

# the fields of each table the figures read (docs/office.md, "Roll-up")
FIGURE_FIELDS = {
    "dissemination_session": ("held_on", "form", "attendance_total", "attendance_women", "target_groups"),
    "mediation_case": ("received_on", "outcome"),
    "mediator_fee_request": ("paid_on", "paid_amount"),
    "expenditure": ("spent_on", "category_id", "source", "amount"),
    "finance_category": ("code",),
    "assessment": ("year",),
    "assessment_result": ("assessment_id", "computed_at", "verdict"),
}


def figure_rows(session: Session, ward_code: str) -> Rows:
    """table -> (row id, deleted, fields) of the ward's rows the figures read: only the fields named in
    ``FIGURE_FIELDS``, one query per table, each JSON line parsed once by the database — SQLite's
    ``json_extract`` with every path at once (a small JSON array back, parsed in Python); on PostgreSQL the line is cast to ``jsonb`` once per row (a
    materialised CTE) and its fields are read from that. Numbers may come back as text (PostgreSQL): the
    figures read them with ``_int``."""
    pg = session.get_bind().dialect.name == "postgresql"
    out: Rows = {}
    for table, names in FIGURE_FIELDS.items():
        if pg:
            cols = ", ".join(f"j #>> '{{fields,{n}}}'" for n in names)
            sql = (
                "WITH r AS MATERIALIZED (SELECT row_id, deleted_at, data::jsonb AS j FROM office_row "
                f"WHERE ward_code = :w AND table_name = :t) SELECT row_id, deleted_at, {cols} FROM r"
            )
            rows = session.execute(text(sql), {"w": ward_code, "t": table})
            out[table] = [(r[0], r[1] is not None, dict(zip(names, r[2:], strict=True))) for r in rows]
            continue
        # SQLite: one json_extract with every path parses the line once and returns a small JSON array
        paths = ", ".join(f"'$.fields.{n}'" for n in (*names, *(["__none__"] if len(names) == 1 else [])))
        sql = f"SELECT row_id, deleted_at, json_extract(data, {paths}) FROM office_row WHERE ward_code = :w AND table_name = :t"
        rows = session.execute(text(sql), {"w": ward_code, "t": table})
        out[table] = [
            (r[0], r[1] is not None, dict(zip(names, json.loads(r[2]), strict=False))) for r in rows
        ]
    return out


def compute_figures(
    session: Session, ward_code: str, today: date, groups: Sequence[str]
) -> list[tuple[int, str, str, str, int]]:
    """(year, period, figure, key, value) of one ward for every year its rows touch and both periods (h1:
    01/01–30/06, year), from its rows read once and parsed once (``figure_rows``; conventions:
    docs/office.md). Rows are grouped by (year, half); a year's figures are the sum of its halves, h1's the
    first half's."""
    return figures_from_rows(figure_rows(session, ward_code), today, groups)


def _int(value: object) -> int:
    """A JSON number (or numeric text) as an int; null and empty count 0."""
    if value is None or value == "":
        return 0
    if isinstance(value, int):
        return value
    return int(float(str(value)))


def _half(day: object) -> tuple[str, int] | None:
    """(year text, 1 when in the first half) of an ISO date, None for a missing date."""
    if day is None:
        return None
    text = str(day)
    return text[:4], 1 if text[5:7] <= "06" else 0


_Grouped = dict[tuple[str, int, str, str], int]


def _group(grouped: _Grouped, half: tuple[str, int] | None, fig: str, key: str, value: int) -> None:
    if half is not None:
        k = (half[0], half[1], fig, key)
        grouped[k] = grouped.get(k, 0) + value


def _session_figures(grouped: _Grouped, rows: Rows, today: date, groups: Sequence[str]) -> None:
    """Live sessions held up to ``today``: count, participants and women by form; count by target group."""
    until = today.isoformat()
    marks = [(g, f",{g},") for g in groups]
    for _, deleted, f in rows.get("dissemination_session", ()):
        held = f.get("held_on")
        if deleted or held is None or str(held) > until:
            continue
        half, form = _half(held), str(f.get("form"))
        _group(grouped, half, "sessions_by_form", form, 1)
        _group(grouped, half, "participants_by_form", form, _int(f.get("attendance_total")))
        _group(grouped, half, "women_by_form", form, _int(f.get("attendance_women")))
        names = f.get("target_groups")
        for g, mark in marks if names is not None else ():
            if mark in str(names):
                _group(grouped, half, "sessions_by_group", g, 1)


def _money_figures(grouped: _Grouped, rows: Rows) -> None:
    """Live cases by outcome (received day), fees paid (paid day), spending by category code and source
    (spent day; the category may since have been deleted, as the ward's own ledger keeps it)."""
    for _, deleted, f in rows.get("mediation_case", ()):
        if not deleted:
            _group(grouped, _half(f.get("received_on")), "cases_by_outcome", str(f.get("outcome")), 1)
    for _, deleted, f in rows.get("mediator_fee_request", ()):
        if not deleted and f.get("paid_on") is not None:
            _group(grouped, _half(f.get("paid_on")), "fees_paid", "", _int(f.get("paid_amount")))
    codes = {row_id: f.get("code") for row_id, _, f in rows.get("finance_category", ())}
    for _, deleted, f in rows.get("expenditure", ()):
        category = f.get("category_id")
        if not deleted and category in codes:
            key = f"{codes[category]}|{f.get('source')}"
            _group(grouped, _half(f.get("spent_on")), "spent", key, _int(f.get("amount")))


def figures_from_rows(rows: Rows, today: date, groups: Sequence[str]) -> list[tuple[int, str, str, str, int]]:
    """The figures of one ward from its parsed rows (``figure_rows``), grouped by (year, half): a year's
    figure is the sum of its halves, h1's the first half's; plus the verdict of the newest saved result of
    each year."""
    grouped: _Grouped = {}
    _session_figures(grouped, rows, today, groups)
    _money_figures(grouped, rows)
    sums: dict[tuple[int, str, str, str], int] = {}
    for (year, first, fig, key), value in grouped.items():
        if not value:
            continue
        for period in ("year", "h1") if first else ("year",):
            k = (int(year), period, fig, key)
            sums[k] = sums.get(k, 0) + value
    out = [(y, p, fig, key, value) for (y, p, fig, key), value in sums.items()]
    for verdict_year, verdict in _ward_verdicts(rows).items():
        out.append((verdict_year, "year", "verdict", verdict, 1))
    return out


def _ward_verdicts(rows: Rows) -> dict[int, str]:
    """year -> the verdict of the ward's newest saved result of that year (assessment_result → assessment)."""
    years = {row_id: f.get("year") for row_id, deleted, f in rows.get("assessment", ()) if not deleted}
    results = [
        (f.get("computed_at"), years[str(f.get("assessment_id"))], f.get("verdict"))
        for _, deleted, f in rows.get("assessment_result", ())
        if not deleted and f.get("assessment_id") in years
    ]
    results.sort(key=lambda r: (r[0] is not None, str(r[0])))
    return {int(str(year)): str(verdict) for _, year, verdict in results}  # the newest of a year comes last


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
