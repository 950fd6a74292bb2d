"""The 2024 PBGDPL plan of quận Hai Bà Trưng as the press article describes it
(/work/shared/domain/plan-2024-hai-ba-trung.txt, source in plan-2024-hai-ba-trung.SOURCE.md): its legal bases,
the funding floor of 20 million đồng per ward, and its tasks — each with a lead unit, coordinating units, a
period, topics and target groups. The article gives no number or dates for the plan itself; what it does not
say is left empty rather than invented. Used to check that a real plan can be entered as it is (issue #16)."""

from __future__ import annotations

from pbgdpl_desktop.domain.dissemination import TargetGroup as G
from pbgdpl_desktop.domain.dissemination import TaskCategory as C
from pbgdpl_desktop.domain.dissemination import TaskInput

YEAR = 2024
TITLE = "Kế hoạch phổ biến, giáo dục pháp luật, hòa giải ở cơ sở, xây dựng cấp xã đạt chuẩn tiếp cận pháp luật năm 2024"
LEGAL_BASES = (
    "Chỉ thị số 32-CT/TW ngày 9/12/2003 của Ban Bí thư Trung ương Đảng",
    "Kết luận số 80-KL/TW ngày 20/6/2020 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 32-CT/TW",
    "Nghị quyết số 27-NQ/TW ngày 9/11/2022 của Ban Chấp hành Trung ương",
    "Kế hoạch số 02-KH/TU ngày 6/11/2020 của Thành ủy",
    "Luật Phổ biến, giáo dục pháp luật; Luật Hòa giải ở cơ sở và các văn bản hướng dẫn thi hành",
    "Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021 của Thủ tướng Chính phủ quy định về xã, phường, thị trấn đạt "
    "chuẩn tiếp cận pháp luật",
)
FUNDED_PER_WARD = 20_000_000  # "ít nhất 20 triệu đồng cho 1 đơn vị cấp phường"

TASKS = (
    TaskInput(
        "Tuyên truyền, phổ biến pháp luật cho cán bộ, công chức, viên chức và Nhân dân quận",
        C.DISSEMINATION,
        lead_unit="Phòng Tư pháp quận",
        coordinating_units="Các phòng, ban, đơn vị; UBND 18 phường",
        period="Thường xuyên",
        topics="Văn hóa pháp lý, lối sống theo pháp luật; tự giác chấp hành pháp luật",
        target_groups=(G.OFFICIALS, G.GENERAL),
    ),
    TaskInput(
        "Gắn tuyên truyền PBGDPL với chủ đề năm 2024 của Thành phố",
        C.DISSEMINATION,
        lead_unit="Phòng Văn hóa và Thông tin quận",
        coordinating_units="Phòng Tư pháp quận; UBND các phường",
        period="Quý II",
        topics="“Kỷ cương, trách nhiệm, hành động, sáng tạo, phát triển”; Nghị quyết số 15-NQ/TW ngày 05/5/2022",
        target_groups=(G.GENERAL,),
    ),
    TaskInput(
        "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong công tác PBGDPL",
        C.DIGITAL,
        lead_unit="Phòng Văn hóa và Thông tin quận",
        coordinating_units="Phòng Tư pháp quận",
        period="Thường xuyên",
        topics="Đổi mới nội dung, đa dạng hóa hình thức PBGDPL",
    ),
    TaskInput(
        "Bảo đảm công khai, minh bạch thông tin; quyền tiếp cận thông tin của Nhân dân",
        C.ACCESS_TO_INFO,
        lead_unit="Văn phòng HĐND và UBND quận",
        coordinating_units="UBND các phường",
        period="Thường xuyên",
        target_groups=(G.GENERAL, G.BUSINESSES),
    ),
    TaskInput(
        "Phát huy vai trò của Hội đồng phối hợp PBGDPL quận",
        C.COORDINATION_COUNCIL,
        lead_unit="Hội đồng phối hợp PBGDPL quận",
        coordinating_units="Các cơ quan thành viên Hội đồng",
        period="Quý II",
    ),
    TaskInput(
        "Gắn kết PBGDPL với hòa giải ở cơ sở",
        C.MEDIATION,
        lead_unit="UBND các phường",
        coordinating_units="Ủy ban MTTQ Việt Nam quận; Phòng Tư pháp quận",
        period="Thường xuyên",
        topics="Hòa giải ở cơ sở, tiếp công dân, giải quyết khiếu nại, tố cáo",
    ),
    TaskInput(
        "Gắn kết PBGDPL với trợ giúp pháp lý, tư vấn pháp luật",
        C.LEGAL_AID_INFO,
        lead_unit="Phòng Tư pháp quận",
        coordinating_units="Trung tâm Trợ giúp pháp lý Nhà nước thành phố Hà Nội",
        period="Quý III",
        target_groups=(G.GENERAL, G.DISABLED),
    ),
    TaskInput(
        "Xây dựng cấp xã đạt chuẩn tiếp cận pháp luật theo Quyết định số 25/2021/QĐ-TTg",
        C.ACCESS_STANDARD,
        lead_unit="UBND các phường",
        coordinating_units="Phòng Tư pháp quận",
        period="Quý IV",
    ),
    TaskInput(
        "Kiện toàn, bồi dưỡng đội ngũ báo cáo viên, tuyên truyền viên pháp luật",
        C.PROPAGANDISTS,
        lead_unit="Phòng Tư pháp quận",
        coordinating_units="UBND các phường",
        period="Quý II",
        target_groups=(G.OFFICIALS,),
    ),
    TaskInput(
        "Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        C.LAW_DAY,
        lead_unit="Phòng Tư pháp quận",
        coordinating_units="Các phòng, ban, đoàn thể; UBND các phường",
        period="Tháng 11",
        target_groups=(G.GENERAL, G.OFFICIALS),
    ),
    TaskInput(
        "Nhân rộng mô hình hay, cách làm hiệu quả trong PBGDPL",
        C.GOOD_MODELS,
        lead_unit="UBND các phường",
        coordinating_units="Phòng Tư pháp quận",
        period="6 tháng cuối năm",
    ),
    TaskInput(
        "Tuyên truyền pháp luật tại trường Trung học cơ sở Lương Yên",
        C.DISSEMINATION,
        lead_unit="Đoàn Luật sư thành phố Hà Nội",
        coordinating_units="Phòng Giáo dục và Đào tạo quận",
        period="Quý IV",
        target_groups=(G.STUDENTS,),
    ),
    TaskInput(
        "Bảo đảm kinh phí cho công tác PBGDPL, hòa giải ở cơ sở, chuẩn tiếp cận pháp luật (ít nhất 20 triệu "
        "đồng cho 1 đơn vị cấp phường)",
        C.FUNDING,
        lead_unit="Phòng Tài chính - Kế hoạch quận",
        coordinating_units="UBND các phường",
        period="Quý I",
        funded=True,
        funded_amount=FUNDED_PER_WARD,
    ),
)


def enter(services):
    """The plan and its tasks entered through the dissemination services; returns the plan DTO."""
    plans = services.dissemination.plans
    plan, _ = plans.save_plan(
        YEAR,
        "",
        None,
        None,
        TITLE,
        legal_bases=LEGAL_BASES,
        funded_amount=FUNDED_PER_WARD,
    )
    for task in TASKS:
        plans.save_task(plan.id, task)
    return plan
