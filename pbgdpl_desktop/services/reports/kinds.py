"""The documents the app makes and their labels (no renderer imported: the command line lists them)."""

from __future__ import annotations

KINDS: dict[str, tuple[str, str]] = {
    "periodic": ("Báo cáo định kỳ (PBGDPL, hòa giải, kinh phí)", ".pdf"),
    "statistics": ("Thống kê Excel của kỳ", ".xlsx"),
    "case-book": ("Sổ theo dõi hoạt động hòa giải ở cơ sở", ".pdf"),
    "fee-request": ("Giấy đề nghị thanh toán thù lao hòa giải viên", ".pdf"),
    "certificates": ("Giấy chứng nhận / Giấy khen (in hàng loạt)", ".pdf"),
    "dossier": ("Hồ sơ đề nghị công nhận chuẩn tiếp cận pháp luật", ".pdf"),
}
PERIOD_LABELS = {"h1": "6 tháng đầu năm", "year_provisional": "Năm (số liệu ước tính)", "year": "Cả năm"}
CERTIFICATE_LABELS = {
    "attendance": "Giấy chứng nhận tham dự",
    "prize": "Giấy khen đạt giải cuộc thi",
    "recognition": "Giấy khen hòa giải viên / tuyên truyền viên",
}
