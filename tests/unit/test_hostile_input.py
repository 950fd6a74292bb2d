"""Acceptance test of issue #11 point 5: every service's create/update driven with hostile text (NFD, emoji,
control characters, lone surrogates, 10,000-character strings, formula-looking text, SQL fragments),
numbers and dates.

Every call either stores a valid, normalised record — every text in the database NFC, without control
characters (tab and newline only in multi-line fields), within its bound — or raises the domain's error
(a ``DomainError`` with a Vietnamese message) and changes no row anywhere. Never another exception. After
the run, every Excel export of what was stored opens in openpyxl without a formula cell.

One real migrated database per test (the ``services`` fixture), shared by that test's examples: records
accumulate as a clerk's would."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from pbgdpl_desktop.domain.dissemination import DisseminationForm, SessionInput, SpeakerInput, TaskInput
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.finance import ExpenditureDraft, FundingSource, LedgerQuery
from pbgdpl_desktop.domain.mediation import CaseCategory, CaseOutcome, PartyInput, Sex, TeamInput
from pbgdpl_desktop.domain.text import TEXT_RULES
from pbgdpl_desktop.services.reports.service import ReportRequest
from tests.builders import add_team, case_input, fee_request, mediator_input, staffed_team, ward_profile

EXAMPLES = 40
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# ------------------------------------------------------------------------------------------ strategies
PIECES = (
    "=1+1",
    '=HYPERLINK("http://x.invalid","bấm")',
    "+SUM(A1:A9)",
    "-2+3",
    "@cmd",
    "\t",
    "\r\n",
    "\r",
    "\n",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\ud800",
    "\udfff",
    "😀👨‍👩‍👧",
    "Nguye\u0302\u0303n Va\u0306n A\u0301nh",  # NFD
    "Đặng Thị Hoa",
    "'; DROP TABLE mediation_case; --",
    '" OR 1=1 --',
    "%_\\",
    " ",
    "x" * 10_000,
    "Tổ " * 3_000,
)
any_chars = st.characters(codec=None, exclude_categories=())  # surrogates and controls included
hostile_text = st.one_of(
    st.sampled_from(PIECES),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(any_chars, max_size=12)), max_size=4).map("".join),
    st.text(any_chars, max_size=40),
    st.sampled_from(["x" * 10_000, "Tổ " * 3_000, "a" * 501, "=" + "b" * 4_000 + "\n" * 3]),
    st.just("Phổ biến Luật Đất đai"),
)
hostile_int = st.one_of(
    st.integers(min_value=0, max_value=200),
    st.integers(min_value=-5, max_value=2_000),
    st.sampled_from([0, 1, 10**6, 10**6 + 1, 10**12, 10**12 + 1, 2**63 - 1, 2**63, -(2**63) - 1, 10**30]),
    st.integers(min_value=-(2**80), max_value=2**80),
)
hostile_date = st.one_of(
    st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 11, 30)),
    st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 11, 30)),
    st.dates(),  # year 1 … 9999
)


def given_some(benign: dict[str, Any], **strategies: st.SearchStrategy) -> Callable:
    """``@given`` where each example makes 0 to 3 of the named arguments hostile and keeps the others at
    their benign value: each hostile value meets an otherwise valid record, so refusals are its own."""
    assert set(strategies) == set(benign)
    names = sorted(strategies)
    picks = st.lists(st.sampled_from(names), max_size=3, unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries({n: strategies[n] for n in chosen})
    )

    def decorate(fn: Callable[..., None]) -> Callable[..., None]:
        @given(picks)
        def run(overrides: dict[str, Any]) -> None:
            fn(**{**benign, **overrides})

        return run

    return decorate


VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
MULTILINE_COLUMNS = {name for name, rule in TEXT_RULES.items() if rule.multiline} | {"refusal_reason"}
MAX_TEXT = max(rule.max_len for rule in TEXT_RULES.values())


# ------------------------------------------------------------------------------------------ the checks
def _db(services) -> sqlite3.Connection:
    return services.ctx.db.raw_connection()


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'alembic_version'"
    )
    return [r[0] for r in rows]


def row_counts(services) -> dict[str, int]:
    conn = _db(services)
    try:
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in _tables(conn)}
    finally:
        conn.close()


def assert_stored_text_is_clean(services) -> None:
    """Every text value in every table: no control character (tab and newline only in multi-line columns),
    no lone surrogate, NFC (folded search columns aside), within the bound of its field (a column named
    like an input field has that field's bound; any other within three times the longest bound)."""
    conn = _db(services)
    conn.text_factory = lambda b: b.decode("utf-8", "surrogatepass")
    try:
        for table in _tables(conn):
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for column, value in zip(columns, row, strict=True):
                    if not isinstance(value, str):
                        continue
                    where = f"{table}.{column} = {value[:60]!r}"
                    if column in MULTILINE_COLUMNS:
                        assert not CONTROLS.search(value), where
                    else:
                        assert not CONTROLS.search(value) and "\t" not in value, where
                        if column not in ("value",):  # settings hold JSON
                            assert "\n" not in value, where
                    if "fold" not in column and not column.startswith("search"):
                        assert unicodedata.is_normalized("NFC", value), where
                    rule = TEXT_RULES.get(column)
                    assert len(value) <= (rule.max_len if rule else 3 * MAX_TEXT), where
    finally:
        conn.close()


OUTCOMES: dict[str, int] = {}


def attempt(services, call: Callable[[], Any]) -> Any | None:
    """Run one create/update: stored and clean, or refused with a Vietnamese message and nothing changed."""
    before = row_counts(services)
    try:
        result = call()
    except DomainError as exc:
        assert exc.message and VIETNAMESE.search(exc.message), exc.message
        assert not CONTROLS.search(exc.message.replace("\n", " ")), exc.message
        assert row_counts(services) == before, "a refused call changed rows"
        OUTCOMES["refused"] = OUTCOMES.get("refused", 0) + 1
        return None
    assert_stored_text_is_clean(services)
    OUTCOMES["stored"] = OUTCOMES.get("stored", 0) + 1
    return result


def assert_both_outcomes() -> None:
    """The run exercised both paths (a test that only ever refuses, or only ever stores, proves little)."""
    counts = dict(OUTCOMES)
    OUTCOMES.clear()
    assert counts.get("stored", 0) >= 3 and counts.get("refused", 0) >= 3, counts


def assert_exports_have_no_formula(services, tmp_path: Path, years=(2025, 2026)) -> int:
    """The ledger, the year summary and the statistics workbook of what was stored: no formula cell."""
    paths = []
    for year in years:
        paths.append(services.finance.exports.ledger(LedgerQuery(year=year), tmp_path / f"so-{year}.xlsx"))
        paths.append(services.finance.exports.summary(year, tmp_path / f"th-{year}.xlsx"))
        out = services.reports.generate(ReportRequest("statistics", year, target=tmp_path / f"tk-{year}"))
        paths.append(out.path)
    cells = 0
    for path in paths:
        book = load_workbook(path)
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    cells += 1
                    assert cell.data_type != "f", (path.name, cell.coordinate, cell.value)
    return cells


def _prepare(services) -> None:
    """A ward profile, so that reports can be generated."""
    services.ward.save(ward_profile())


# ------------------------------------------------------------------------------------------ the tests
def test_dissemination_sessions(services, tmp_path):
    _prepare(services)

    @SETTINGS
    @given_some(
        dict(
            held_on=date(2026, 3, 2),
            title="Phổ biến Luật Đất đai",
            place="Nhà văn hóa",
            group="Tổ 3",
            notes="Ghi chú",
            extra="",
            total=50,
            women=20,
            materials=10,
            start="08:30",
            update=False,
        ),
        held_on=hostile_date,
        title=hostile_text,
        place=hostile_text,
        group=hostile_text,
        notes=hostile_text,
        extra=hostile_text,
        total=hostile_int,
        women=st.one_of(st.just(0), hostile_int),
        materials=st.one_of(st.just(0), hostile_int),
        start=st.one_of(st.just(""), st.just("08:30"), hostile_text),
        update=st.booleans(),
    )
    def run(held_on, title, place, group, notes, extra, total, women, materials, start, update):
        data = SessionInput(
            held_on=held_on,
            title=title,
            form=DisseminationForm.CONFERENCE,
            start_time=start,
            place=place,
            residential_group=group,
            attendance_total=total,
            attendance_women=women,
            materials_count=materials,
            speakers_extra=extra,
            laws_extra=extra,
            notes=notes,
        )
        base = SessionInput(date(2026, 3, 2), "Buổi gốc", DisseminationForm.CONFERENCE)
        target = None
        if update:
            target = services.dissemination.sessions.save(base)[0].id
        saved = attempt(services, lambda: services.dissemination.sessions.save(data, target))
        if saved is not None:
            got = services.dissemination.sessions.get(saved[0].id)
            assert got.data == saved[0].data

    OUTCOMES.clear()
    run()
    assert_both_outcomes()
    assert_exports_have_no_formula(services, tmp_path)


def test_dissemination_plans_tasks_and_speakers(services, tmp_path):
    _prepare(services)
    plan_id = services.dissemination.plans.save_plan(2026, "01/KH-UBND", date(2026, 1, 5), None)[0].id

    @SETTINGS
    @given_some(
        dict(
            year=2026,
            number="01/KH-UBND",
            title="Kế hoạch",
            notes="",
            due=None,
            name="Nguyễn Văn Bình",
            phone="0912345678",
            course="Tập huấn",
            hours=8,
            trained_on=date(2026, 2, 1),
        ),
        year=st.one_of(st.just(2026), hostile_int),
        number=hostile_text,
        title=hostile_text,
        notes=hostile_text,
        due=st.one_of(st.none(), hostile_date),
        name=hostile_text,
        phone=hostile_text,
        course=hostile_text,
        hours=hostile_int,
        trained_on=hostile_date,
    )
    def run(year, number, title, notes, due, name, phone, course, hours, trained_on):
        plans, speakers = services.dissemination.plans, services.dissemination.speakers
        attempt(services, lambda: plans.save_plan(year, number, date(2026, 1, 5), None, title, notes))
        attempt(services, lambda: plans.save_task(plan_id, TaskInput(title=title, due_on=due, notes=notes)))
        saved = attempt(
            services,
            lambda: speakers.save(
                SpeakerInput(full_name=name, decision_number=number, unit=title, phone=phone)
            ),
        )
        if saved is not None:
            speaker_id = saved[0].id
            attempt(services, lambda: speakers.add_training(speaker_id, trained_on, course, hours))

    OUTCOMES.clear()
    run()
    assert_both_outcomes()
    assert_exports_have_no_formula(services, tmp_path)


def test_mediation_teams_and_mediators(services, tmp_path):
    _prepare(services)
    team = add_team(services)

    @SETTINGS
    @given_some(
        dict(
            name="Tổ hòa giải số 5",
            area="Tổ 5",
            note="",
            decided=None,
            address="Số 1 ngõ 2",
            birth_year=1970,
            votes=120,
            households=200,
            elected=date(2025, 3, 10),
        ),
        name=hostile_text,
        area=hostile_text,
        note=hostile_text,
        decided=st.one_of(st.none(), hostile_date),
        address=hostile_text,
        birth_year=st.one_of(st.none(), hostile_int),
        votes=hostile_int,
        households=hostile_int,
        elected=hostile_date,
    )
    def run(name, area, note, decided, address, birth_year, votes, households, elected):
        teams, mediators = services.mediation.teams, services.mediation.mediators
        attempt(
            services,
            lambda: teams.save(
                TeamInput(name=name, area=area, decision_number=note[:30], decision_date=decided, note=note)
            ),
        )
        data = mediator_input(
            team.id,
            name,
            Sex.FEMALE,
            on=elected,
            address=address,
            birth_year=birth_year,
            election_votes=votes,
            election_households=households,
            note=note,
            ethnicity=area,
        )
        attempt(services, lambda: mediators.save(data))
        attempt(services, lambda: mediators.add_training(mediator_ids[0], elected, name))

    _, mediator_ids = staffed_team(services, "Tổ hòa giải số 2")
    OUTCOMES.clear()
    run()
    assert_both_outcomes()
    assert_exports_have_no_formula(services, tmp_path)


def test_mediation_cases_and_fees(services, tmp_path):
    _prepare(services)
    team, ids = staffed_team(services)
    _, request = fee_request(services, team_name="Tổ hòa giải số 7")

    @SETTINGS
    @given_some(
        dict(
            received=date(2026, 3, 2),
            summary="Tranh chấp lối đi",
            party="Phạm Văn Đức",
            address="Số 5",
            birth_year=1965,
            number=None,
            sessions=1,
            outcome=CaseOutcome.IN_PROGRESS,
            agreement="",
            reason="Không thuộc phạm vi",
            refused_on=date(2026, 3, 20),
        ),
        received=hostile_date,
        summary=hostile_text,
        party=hostile_text,
        address=hostile_text,
        birth_year=st.one_of(st.none(), hostile_int),
        number=st.one_of(st.none(), hostile_int),
        sessions=hostile_int,
        outcome=st.sampled_from([CaseOutcome.IN_PROGRESS, CaseOutcome.SETTLED, CaseOutcome.REFUSED]),
        agreement=hostile_text,
        reason=hostile_text,
        refused_on=hostile_date,
    )
    def run(
        received,
        summary,
        party,
        address,
        birth_year,
        number,
        sessions,
        outcome,
        agreement,
        reason,
        refused_on,
    ):
        final = outcome is not CaseOutcome.IN_PROGRESS
        data = case_input(
            team.id,
            ids,
            received_on=received,
            category=CaseCategory.LAND,
            parties=(PartyInput(party, birth_year=birth_year, address=address), PartyInput("Đặng Thị Hoa")),
            summary=summary,
            case_number=number,
            sessions_held=sessions,
            outcome=outcome,
            started_on=received if final else None,
            result_date=received if outcome is CaseOutcome.SETTLED else None,
            outcome_note=reason if outcome is CaseOutcome.REFUSED else "",
            agreement_text=agreement,
            follow_up=agreement,
        )
        attempt(services, lambda: services.mediation.cases.save(data))
        attempt(services, lambda: services.mediation.fees.refuse(request.id, refused_on, reason))

    OUTCOMES.clear()
    run()
    assert_both_outcomes()
    assert_exports_have_no_formula(services, tmp_path)


def test_finance_budget_and_expenses(services, tmp_path):
    _prepare(services)
    categories = services.finance.catalogue.categories()

    @SETTINGS
    @given_some(
        dict(
            index=0,
            year=2026,
            amount=1_000_000,
            delta=100_000,
            note="Ghi chú",
            spent_on=date(2026, 3, 2),
            quantity=1,
            text="Chi tập huấn",
            voucher="PC01",
            month=None,
        ),
        index=st.integers(min_value=0, max_value=len(categories) - 1),
        year=st.one_of(st.just(2026), hostile_int),
        amount=hostile_int,
        delta=hostile_int,
        note=hostile_text,
        spent_on=hostile_date,
        quantity=st.one_of(st.none(), hostile_int),
        text=hostile_text,
        voucher=hostile_text,
        month=st.one_of(st.none(), hostile_int),
    )
    def run(index, year, amount, delta, note, spent_on, quantity, text, voucher, month):
        category = categories[index]
        budget, ledger = services.finance.budget, services.finance.ledger
        line = attempt(
            services, lambda: budget.set_line(year, category.id, FundingSource.COMMUNE, amount, note)
        )
        if line is not None:
            attempt(services, lambda: budget.adjust(line[0], spent_on, delta, note))
        draft = ExpenditureDraft(
            spent_on,
            category.id,
            FundingSource.COMMUNE,
            amount,
            description=text,
            quantity=quantity,
            voucher_number=voucher,
            voucher_date=spent_on,
            payee=note,
            contest_name=text,
            support_month=month,
        )
        attempt(services, lambda: ledger.save(draft))
        attempt(services, lambda: budget.set_minimum(amount))

    OUTCOMES.clear()
    run()
    assert_both_outcomes()
    assert_exports_have_no_formula(services, tmp_path)


def test_ward_profile_and_settings(services, tmp_path):
    @SETTINGS
    @given_some(
        dict(
            address="Số 1 Lê Lai",
            chairman="Nguyễn Văn A",
            clerk="Trần Thị B",
            office="UBND",
            phone="0243",
            folder="SaoLuu",
            keep=7,
        ),
        address=hostile_text,
        chairman=hostile_text,
        clerk=hostile_text,
        office=hostile_text,
        phone=hostile_text,
        folder=hostile_text,
        keep=hostile_int,
    )
    def run(address, chairman, clerk, office, phone, folder, keep):
        profile = ward_profile(
            address=address,
            chairman=chairman,
            clerk_name=clerk,
            receiving_office=office,
            phone=phone,
            email=phone,
        )
        saved = attempt(services, lambda: services.ward.save(profile))
        if saved is not None:
            assert services.ward.get() == saved[0]
        attempt(services, lambda: services.backups.set_second_folder("/mnt/usb/" + folder))
        attempt(services, lambda: services.settings.set("backup.keep_daily", keep))

    run()
    services.ward.save(ward_profile())
    assert_exports_have_no_formula(services, tmp_path, years=(2026,))
