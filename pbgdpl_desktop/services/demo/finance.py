"""Demo data for Kinh phí (``pbgdpl-desktop demo``), read from the demo sessions, plan tasks, teams and fee
requests made before it, so that the ledger pays for what happened:

* a budget per year (category × source) with one adjustment, the ward minimum 20.000.000 đ;
* a provincial resolution raising the team support from the second year (demo text, marked as such);
* monthly support of every mediation team at the rate in force; mediator fees: requests older than 20 days
  are paid THROUGH the ledger (linked, so the request is marked paid in the same transaction); a request
  already paid without an expense (imported data) becomes an unlinked ledger line;
* funded plan tasks and conferences/contests get linked expenses; leaflets, training, the yearly
  self-assessment meeting; in the current year one leaflet line above the ceiling and one repeated voucher.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from pbgdpl_desktop.domain.dissemination import DisseminationForm, TaskCategory
from pbgdpl_desktop.domain.facts import MediationFacts
from pbgdpl_desktop.domain.finance import ExpenditureDraft, FundingSource, ProvincialOverride
from pbgdpl_desktop.domain.norms import MEDIATOR_FEE, TEAM_SUPPORT
from pbgdpl_desktop.services.demo.context import DemoContext
from pbgdpl_desktop.services.dissemination.dto import SessionListRow, SessionQuery
from pbgdpl_desktop.services.finance.budget import LineDraft

C, P, S = FundingSource.COMMUNE, FundingSource.PROVINCE, FundingSource.SPONSOR
MINIMUM = 20_000_000
BUDGET = (  # (code, source, planned amount) — fee and team support lines are computed
    ("TAP_HUAN", C, 6_000_000),
    ("HOI_THAO_HOP_HOI_DONG", C, 3_000_000),
    ("IN_AN_TRUYEN_THONG", C, 5_000_000),
    ("IN_AN_TRUYEN_THONG", P, 3_000_000),
    ("TAI_LIEU_DAC_THU", C, 6_000_000),
    ("CUOC_THI", S, 12_000_000),
    ("THU_LAO_BCV_TTV", C, 6_000_000),
    ("HOP_DANH_GIA_TCPL_XA", C, 1_500_000),
    ("KHAC", C, 16_000_000),
    ("BIEN_SOAN_TAI_LIEU", C, 14_000_000),
)


def _session_key(s: SessionListRow) -> tuple:
    groups = tuple(g.value for g in s.target_groups)
    return (
        s.held_on,
        s.start_time,
        s.title,
        s.form.value,
        s.online,
        s.place,
        s.residential_group,
        groups,
        s.attendance_total,
        s.attendance_women,
        s.speakers_text,
        s.laws_text,
        s.plan_task_id is None,
    )


class _Demo:
    def __init__(self, demo: DemoContext) -> None:
        self.demo, self.rng, self.today = demo, demo.rng, demo.today
        self.finance = demo.services.finance
        self.code = {c.code: c.id for c in self.finance.catalogue.categories()}
        self.drafts: list[ExpenditureDraft] = []
        self._facts: dict[int, MediationFacts] = {}

    def mediation_facts(self, year: int) -> MediationFacts:
        """Each year's mediation facts counted once (the budget of a year reads that year's and the one before;
        nothing this step writes before ``save_many`` changes them)."""
        if year not in self._facts:
            self._facts[year] = self.demo.services.mediation.facts(year)
        return self._facts[year]

    def add(self, code: str, on: date, amount: int, text: str, source: FundingSource = C, **kw: Any) -> None:
        if on <= self.today:
            self.drafts.append(ExpenditureDraft(on, self.code[code], source, amount, text, **kw))

    def money(self, low: int, high: int, step: int = 10_000) -> int:
        return self.rng.randint(low // step, high // step) * step

    # ------------------------------------------------------------------------------ budget
    def budget(self, year: int, teams: int) -> None:
        budget = self.finance.budget
        rate = self.finance.catalogue.norm_in_force(TEAM_SUPPORT, "", date(year, 7, 1))
        # fees of the year's cases plus last December's, paid in January: budget the larger year with a margin
        fees = max(self.mediation_facts(y).fees_expected_amount for y in (year - 1, year))
        lines = (
            *BUDGET,
            (TEAM_SUPPORT, C, teams * 12 * (rate.amount if rate else 150_000)),
            (MEDIATOR_FEE, C, max(3_000_000, -(-fees * 130 // 100 // 500_000) * 500_000)),
        )
        note = f"Quyết định giao dự toán năm {year}"
        set_ids, _ = budget.set_lines(  # one batch (#17 §5)
            [LineDraft(year, self.code[code], source, amount, note) for code, source, amount in lines]
        )
        ids = {(code, source): line_id for (code, source, _), line_id in zip(lines, set_ids, strict=True)}
        budget.adjust(
            ids[("IN_AN_TRUYEN_THONG", C)],
            date(year, 7, 15),
            1_500_000,
            "Bổ sung kinh phí tuyên truyền hưởng ứng Ngày Pháp luật",
        )
        if year < self.today.year:
            budget.adjust(
                ids[("KHAC", C)], date(year, 10, 1), -2_000_000, "Điều chuyển kinh phí chưa sử dụng"
            )

    # ------------------------------------------------------------------------------ mediation
    def team_support(self, year: int, teams: list) -> None:
        for month in range(1, 13):
            paid_on = date(year, month, 28)
            rate = self.finance.catalogue.norm_in_force(TEAM_SUPPORT, "", paid_on)
            assert rate is not None, "TT 56 ships a team support rate"
            for team in teams:
                self.add(
                    TEAM_SUPPORT,
                    paid_on,
                    rate.amount,
                    f"Hỗ trợ hoạt động {team.name} tháng {month}/{year}",
                    quantity=1,
                    team_id=team.id,
                    support_month=month,
                    payee=team.head_name,
                )

    def fees(self, year: int) -> None:
        for request in self.demo.services.mediation.fees.requests(year=year):
            text = (
                f"Chi thù lao hòa giải viên {request.mediator_name} ({request.cases_count} vụ việc), "
                f"{request.team_name}"
            )
            if (
                request.paid_on is not None
                and request.paid_amount is not None
                and request.expenditure_id is None
            ):
                self.add(
                    MEDIATOR_FEE,
                    request.paid_on,
                    request.paid_amount,
                    text,
                    quantity=request.cases_count,
                    payee=request.mediator_name,
                )
            elif (
                request.paid_on is None
                and request.refused_on is None
                and request.requested_on <= self.today - timedelta(days=20)
            ):
                self.add(
                    MEDIATOR_FEE,
                    min(request.due_on, self.today),
                    request.total_amount,
                    text,
                    quantity=request.cases_count,
                    payee=request.mediator_name,
                    fee_request_id=request.id,
                )

    # ------------------------------------------------------------------------------ dissemination
    def plan_tasks(self, year: int) -> None:
        for task in self.demo.services.dissemination.plans.tasks_of_year(year):
            if not task.data.funded or task.data.arising:
                continue
            code = (
                "IN_AN_TRUYEN_THONG"
                if task.data.category is TaskCategory.LEGAL_AID_INFO
                else "BIEN_SOAN_TAI_LIEU"
            )
            on = task.done_on or date(year, self.rng.randint(3, 10), self.rng.randint(1, 28))
            self.add(
                code,
                min(on, self.today),
                self.money(800_000, 3_000_000),
                f"Thực hiện nhiệm vụ: {task.data.title}",
                plan_task_id=task.id,
            )

    def sessions(self, year: int) -> None:
        rows = self.demo.services.dissemination.sessions.list_source().page(
            SessionQuery(year=year), 0, 10_000
        )
        # the list breaks ties by id (random): sort by what the sessions hold, so the same seed draws the same
        for s in sorted(rows, key=_session_key):
            if (
                s.form is DisseminationForm.CONFERENCE
                and s.attendance_total >= 60
                and self.rng.random() < 0.3
            ):
                self.add(
                    "KHAC",
                    s.held_on,
                    s.attendance_total * 10_000,
                    f"Nước uống hội nghị: {s.title} ({s.attendance_total} người)",
                    session_id=s.id,
                )
                if self.rng.random() < 0.6:
                    self.add(
                        "THU_LAO_BCV_TTV",
                        s.held_on,
                        500_000,
                        f"Thù lao báo cáo viên: {s.title}",
                        session_id=s.id,
                        payee=s.speakers_text.split(",")[0],
                    )
            elif s.form is DisseminationForm.CONTEST and not s.online and self.rng.random() < 0.6:
                for variant, amount in (
                    ("prize_1_person", 3_000_000),
                    ("prize_2_person", 2_000_000),
                    ("prize_3_person", 1_000_000),
                ):
                    self.add(
                        "CUOC_THI",
                        s.held_on,
                        amount,
                        f"Giải thưởng cuộc thi: {s.title}",
                        S,
                        quantity=1,
                        norm_variant=variant,
                        session_id=s.id,
                        contest_name=s.title,
                    )

    def yearly(self, year: int) -> None:
        self.add("TAP_HUAN", date(year, 5, 20), 4_500_000, f"Tập huấn kỹ năng hòa giải ở cơ sở năm {year}")
        self.add(
            "HOI_THAO_HOP_HOI_DONG",
            date(year, 8, 12),
            self.money(1_500_000, 2_500_000),
            "Tọa đàm pháp luật về đất đai với người dân tổ dân phố",
        )
        self.add(
            "IN_AN_TRUYEN_THONG",
            date(year, 11, 5),
            self.money(2_000_000, 3_500_000),
            "In pa-nô, khẩu hiệu hưởng ứng Ngày Pháp luật 9/11",
            P,
        )
        for month in (4, 9):
            self.add(
                "TAI_LIEU_DAC_THU",
                date(year, month, 10),
                2_800_000,
                "Biên soạn 2 tờ gấp pháp luật",
                quantity=2,
                norm_variant="leaflet",
            )
        self.add(
            "HOP_DANH_GIA_TCPL_XA",
            date(year, 11, 25),
            1_200_000,
            f"Họp đánh giá chuẩn tiếp cận pháp luật năm {year}",
        )
        if year == self.today.year:
            self.add(
                "TAI_LIEU_DAC_THU",
                date(year, 10, 20),
                3_200_000,
                "Biên soạn 2 tờ gấp phòng chống lừa đảo",
                quantity=2,
                norm_variant="leaflet",
            )

    def vouchers(self) -> list[ExpenditureDraft]:
        """Number the vouchers PC001… per year in date order; one repeat in the current year."""
        out: list[ExpenditureDraft] = []
        counters: dict[int, int] = {}
        for d in sorted(self.drafts, key=lambda d: d.spent_on):
            counters[d.spent_on.year] = counters.get(d.spent_on.year, 0) + 1
            out.append(
                replace(d, voucher_number=f"PC{counters[d.spent_on.year]:03d}", voucher_date=d.spent_on)
            )
        current = [i for i, d in enumerate(out) if d.spent_on.year == self.today.year]
        if len(current) > 2:
            out[current[-1]] = replace(out[current[-1]], voucher_number=out[current[-2]].voucher_number)
        return out


def fill(demo: DemoContext) -> None:
    """Add realistic records for ``demo.years`` through the services (not raw SQL)."""
    ledger = _Demo(demo)
    finance = demo.services.finance
    finance.budget.set_minimum(MINIMUM)
    finance.catalogue.add_override(
        ProvincialOverride(
            TEAM_SUPPORT,
            "",
            200_000,
            date(demo.years[1], 1, 1),
            "Nghị quyết 05/NQ-HĐND (dữ liệu mẫu)",
            date(demo.years[1] - 1, 12, 10),
        )
    )
    for year in demo.years:
        teams = demo.services.mediation.teams.all(on=min(date(year, 12, 31), demo.today))
        ledger.budget(year, len(teams))
        ledger.team_support(year, teams)
        ledger.fees(year)
        ledger.plan_tasks(year)
        ledger.sessions(year)
        ledger.yearly(year)
    finance.ledger.save_many(ledger.vouchers())
