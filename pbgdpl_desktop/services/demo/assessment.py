"""Demo assessments: the year two years back under QĐ 25/2021 (points; passes) and the current year under
QĐ 27/2025 (pass/fail; fails — among others an information request answered late and a VBQPPL issued
after its deadline). Both mix values computed from the demo records with manual values and notes."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from pbgdpl_desktop.domain.assessment import InfoRequest, PublicPosting, WardDocument
from pbgdpl_desktop.services.demo.context import DemoContext

_REQUESTERS = ("Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Minh Đức", "Phạm Thu Hương", "Đặng Quốc Bảo")


def _documents(demo: DemoContext, year: int, *, one_late: bool) -> None:
    reg = demo.services.assessment.registers
    docs = [
        ("ubnd", "Quyết định ban hành Quy chế quản lý trật tự đô thị trên địa bàn phường", 3, 31, 3, 20),
        (
            "hdnd",
            "Nghị quyết về nhiệm vụ phát triển kinh tế – xã hội (phần bảo đảm trật tự, an toàn xã hội)",
            6,
            30,
            6,
            25,
        ),
        (
            "ubnd",
            "Quyết định quy định về quản lý, sử dụng nhà văn hóa tổ dân phố",
            9,
            30,
            10,
            6 if one_late else 9,
        ),
    ]
    for issuer, title, dm, dd, im, idd in docs:
        issued = date(year, im, idd)
        if issued > demo.today:
            continue
        reg.save_document(
            WardDocument(
                year,
                issuer,
                "assigned",
                title,
                number=f"{demo.rng.randint(1, 40):02d}/{year}",
                deadline=date(year, dm, dd),
                issue_date=issued,
                draft_communicated=True,
                self_inspected=True,
                disclosed=True,
            )
        )


def _requests(demo: DemoContext, year: int, *, one_late: bool) -> None:
    reg = demo.services.assessment.registers
    starts = (date(year, 2, 24), date(year, 5, 11), date(year, 8, 3), date(year, 10, 19))
    for i, received in enumerate(starts):
        if received > demo.today:
            continue
        due = received + timedelta(days=15)
        late = one_late and i == 2
        answered = due + timedelta(days=6) if late else received + timedelta(days=demo.rng.randint(3, 12))
        reg.save_request(
            InfoRequest(
                year,
                received,
                due,
                answered,
                _REQUESTERS[i],
                "Đề nghị cung cấp thông tin quy hoạch, kế hoạch sử dụng đất của phường"
                if i % 2 == 0
                else "Đề nghị cung cấp văn bản về mức thu phí trông giữ xe",
            )
        )


def _qd25_year(demo: DemoContext, year: int) -> None:
    a = demo.services.assessment
    a.records.open(year, "qd25_2021")
    manual = {
        "input.leader_disciplined": False,
        "input.admin_docs_total": 46,
        "input.admin_docs_lawful": 46,
        "input.disclosure_list_made": True,
        "input.tc2_ct4_points": Decimal("4.5"),
        "input.facilities_ok": True,
        "input.tgpl_info_posted": True,
        "input.tc4_ct1_points": Decimal(5),
        "input.tc4_ct2_points": Decimal("4.5"),
        "input.tc4_ct3_points": Decimal(5),
        "input.tc4_ct4_points": Decimal(4),
        "input.tc4_ct5_points": Decimal(5),
        "input.tc5_ct1_points": Decimal(6),
        "input.tc5_ct2_points": Decimal("5.5"),
        "input.no_staff_disciplined": True,
        "input.antt_recognized": True,
    }
    a.records.set_values(year, manual)  # one transaction (#17 §5)
    a.records.set_note(
        year,
        "TC2.CT4",
        "Tổng hợp 120 phiếu lấy ý kiến (Mẫu 04): mô hình “Tổ dân phố không có vi phạm pháp luật”.",
    )
    a.records.set_note(
        year,
        "TC5.CT4",
        f"Quyết định công nhận “An toàn về an ninh, trật tự” năm {year} của Công an thành phố.",
    )
    nxt = year + 1
    a.procedure.set_step(year, "scoring", date(year, 12, 10))
    a.procedure.set_step(year, "drafts", date(year, 12, 20))
    a.procedure.set_posting(
        year,
        PublicPosting(
            date(year, 12, 23), date(year, 12, 29), web_start=date(year, 12, 23), web_end=date(year, 12, 29)
        ),
        "Trụ sở UBND phường; Trang thông tin điện tử phường",
    )
    a.procedure.set_step(
        year, "comments", date(year, 12, 30), note="Nhận 3 ý kiến, đã tiếp thu, giải trình (Mẫu 03)."
    )
    a.procedure.set_step(year, "meeting", date(nxt, 1, 3))
    a.procedure.set_step(
        year, "dossier", date(nxt, 1, 6), note="Gửi Phòng Tư pháp quận (trước khi bỏ cấp huyện)."
    )
    a.scoring.save_result(year)


def _qd27_year(demo: DemoContext, year: int) -> None:
    a = demo.services.assessment
    a.records.open(year, "qd27_2025")
    manual = {
        "input.leader_disciplined": False,
        "input.disclosure_list_made": True,
        "input.disclosure_list_published": True,
        "input.plan_not_tasked": False,
        "input.ct2_6_1": True,
        "input.ct2_7_1": True,
        "input.ct2_7_3": True,
        "input.ct3_4_1": True,
    }
    a.records.set_values(year, manual)  # one transaction (#17 §5)
    a.records.set_note(
        year, "CT2.1.1", "Danh mục thông tin phải công khai cập nhật ngày 15/01; đăng trên Trang TTĐT phường."
    )
    a.records.set_note(
        year, "CT2.3", "Một yêu cầu (tháng 8) trả lời chậm 6 ngày do chờ số liệu của phòng Quản lý đô thị."
    )
    a.procedure.set_step(year, "scoring", date(year, 11, 20))


def fill(demo: DemoContext) -> None:
    """Add the demo assessments through the services (years[0]: QĐ 25; years[-1]: QĐ 27)."""
    old, current = demo.years[0], demo.years[-1]
    if 2022 <= old <= 2024:
        _documents(demo, old, one_late=False)
        _requests(demo, old, one_late=False)
        _qd25_year(demo, old)
    if current >= 2026:
        _documents(demo, current, one_late=True)
        _requests(demo, current, one_late=True)
        _qd27_year(demo, current)
