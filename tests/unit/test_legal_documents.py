"""Documents a Sở Tư pháp would send back (issue #16, scope 7), read back with pdftotext: the team leader's
own fee request is confirmed by the ward, a Giấy khen names its commendation decision, the case book's column
(6) holds the parties' demands of an unsettled case and a refused case is not filed under "Khác"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pbgdpl_desktop.domain.mediation import CaseCategory, CaseOutcome, TeamInput
from pbgdpl_desktop.reports.certificates import render_certificates
from pbgdpl_desktop.reports.fee_request import render_fee_request
from pbgdpl_desktop.reports.inputs import CertificateInput, FeeCase, FeeRequestInput, Recipient
from pbgdpl_desktop.services.reports import gather
from tests.builders import case_input, document_header, staffed_team
from tests.helpers.pdf import pdf_text

HEADER = document_header(chairman="Nguyễn Văn Thành", vice_chairman="Trần Thị Bích")


def _fee(mediator: str, leader: str, **kw) -> FeeRequestInput:
    cases = [FeeCase(1, date(2026, 3, 2), "Tranh chấp lối đi chung", "Thành", 400_000)]
    return FeeRequestInput(
        HEADER, "Tổ hòa giải số 1", mediator, "Số 12", cases, date(2026, 11, 30), leader, **kw
    )


def test_the_leaders_own_fee_request_is_confirmed_by_the_ward(tmp_path: Path) -> None:
    text = " ".join(
        pdf_text(render_fee_request(_fee("Lê Văn Cường", "Lê Văn Cường"), str(tmp_path / "a.pdf"))).split()
    )
    assert "XÁC NHẬN TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text and "Trần Thị Bích" in text
    assert "TỔ TRƯỞNG TỔ HÒA GIẢI" not in text
    other = _fee("Nguyễn Văn Bình", "Lê Văn Cường")
    text = " ".join(pdf_text(render_fee_request(other, str(tmp_path / "b.pdf"))).split())
    assert "TỔ TRƯỞNG TỔ HÒA GIẢI" in text and "Lê Văn Cường" in text


def test_gather_knows_who_leads_the_team(services) -> None:
    team, ids = staffed_team(services)
    head = ids[0]
    services.mediation.teams.save(
        TeamInput(name=team.name, area=team.area, head_mediator_id=head, id=team.id)
    )
    case = services.mediation.cases.save(
        case_input(
            team.id,
            (head,),
            received_on=date(2026, 3, 2),
            started_on=date(2026, 3, 3),
            outcome=CaseOutcome.SETTLED,
            result_date=date(2026, 3, 10),
        )
    )[0]
    services.mediation.fees.create_request(head, [case.id], date(2026, 4, 1))
    (request,) = gather.fee_requests(services.reports._sources, 2026)
    assert request.requester_is_leader


def test_giay_khen_carries_the_commendation_decision(tmp_path: Path) -> None:
    data = CertificateInput(
        HEADER,
        "recognition",
        "Đã có thành tích xuất sắc trong công tác hòa giải ở cơ sở năm 2026",
        date(2026, 11, 9),
        [Recipient("Trần Văn An")],
        symbol="GK-UBND",
        decision_number="215/QĐ-UBND",
        decision_date=date(2026, 11, 5),
    )
    text = " ".join(pdf_text(render_certificates(data, str(tmp_path / "gk.pdf"))).split())
    assert "Quyết định khen thưởng số 215/QĐ-UBND ngày 05/11/2026" in text
    attendance = CertificateInput(HEADER, "attendance", "Đã tham gia", date(2026, 11, 9), [Recipient("An")])
    text = " ".join(pdf_text(render_certificates(attendance, str(tmp_path / "gcn.pdf"))).split())
    assert "Quyết định khen thưởng" not in text and "Số: 01/GCN-UBND" in text


def test_case_book_column_6_and_scope(services) -> None:
    team, ids = staffed_team(services)
    common = dict(received_on=date(2026, 5, 2), category=CaseCategory.OTHER)
    services.mediation.cases.save(
        case_input(
            team.id,
            ids,
            **common,
            started_on=date(2026, 5, 3),
            outcome=CaseOutcome.NOT_SETTLED,
            result_date=date(2026, 5, 20),
            outcome_note="Ông Đức đòi mở lối đi 2 m; bà Hoa chỉ đồng ý 1 m",
        )
    )
    services.mediation.cases.save(
        case_input(
            team.id, ids, **common, outcome=CaseOutcome.REFUSED, outcome_note="Vụ trộm cắp: xử lý hình sự"
        )
    )
    (book,) = gather.case_books(services.reports._sources, 2026)
    unsettled, refused = book.rows
    assert unsettled.agreement == "Yêu cầu của các bên: Ông Đức đòi mở lối đi 2 m; bà Hoa chỉ đồng ý 1 m"
    assert refused.category == "Không thuộc phạm vi hòa giải" and refused.category != "Khác"
    assert refused.agreement == "Không thuộc phạm vi hòa giải: Vụ trộm cắp: xử lý hình sự"


def test_fee_request_cites_the_finance_circular_by_its_full_title(tmp_path: Path) -> None:
    text = " ".join(
        pdf_text(render_fee_request(_fee("Nguyễn Văn Bình", "Lê Văn Cường"), str(tmp_path / "c.pdf"))).split()
    )
    assert (
        "Thông tư số 56/2023/TT-BTC ngày 18/8/2023 của Bộ trưởng Bộ Tài chính quy định việc lập dự toán, quản lý,"
        " sử dụng và quyết toán kinh phí ngân sách nhà nước bảo đảm cho công tác phổ biến, giáo dục pháp luật,"
        " chuẩn tiếp cận pháp luật của người dân tại cơ sở và hòa giải ở cơ sở" in text
    )
