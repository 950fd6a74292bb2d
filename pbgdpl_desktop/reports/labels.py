"""Fallback Vietnamese labels for the codes in the facts, used when a service supplies none."""

from __future__ import annotations

SPEND_CATEGORIES = {
    "CONG_TAC_PHI_HOI_NGHI": "Công tác phí, hội nghị, sơ kết, tổng kết",
    "TAP_HUAN": "Tập huấn, bồi dưỡng",
    "HOI_THAO_HOP_HOI_DONG": "Hội thảo, tọa đàm, họp Hội đồng",
    "HOP_DANH_GIA_TCPL_XA": "Họp đánh giá chuẩn tiếp cận pháp luật",
    "CNTT": "Công nghệ thông tin, trang thông tin điện tử",
    "BIEN_SOAN_TAI_LIEU": "Biên soạn tài liệu",
    "IN_AN_TRUYEN_THONG": "In ấn, truyền thông, pano, khẩu hiệu",
    "BIEN_DICH": "Biên dịch",
    "TAI_LIEU_DAC_THU": "Sản phẩm, tài liệu đặc thù",
    "KHEN_THUONG": "Khen thưởng",
    "DIEU_TRA_KHAO_SAT": "Điều tra, khảo sát",
    "LAM_THEM_GIO": "Làm thêm giờ",
    "XAY_DUNG_KE_HOACH": "Xây dựng chương trình, kế hoạch",
    "THU_LAO_BCV_TTV": "Thù lao báo cáo viên, tuyên truyền viên",
    "CLB_PHAP_LUAT": "Câu lạc bộ pháp luật",
    "CUOC_THI": "Cuộc thi tìm hiểu pháp luật",
    "BAO_CAO_THONG_KE": "Báo cáo thống kê",
    "KIEM_TRA_GIAM_SAT": "Kiểm tra, giám sát",
    "KHAC": "Chi khác",
    "HGCS_THU_LAO": "Thù lao hòa giải viên theo vụ việc",
    "HGCS_HO_TRO_TO": "Hỗ trợ hoạt động của tổ hòa giải",
    "HGCS_TAI_NAN": "Hỗ trợ hòa giải viên gặp tai nạn, rủi ro",
    "RA_SOAT_VBQPPL": "Rà soát, hệ thống hóa văn bản",
}

SPEND_SOURCES = {
    "ngan_sach_xa": "Ngân sách xã",
    "ngan_sach_tinh": "Ngân sách tỉnh hỗ trợ",
    "tai_tro": "Tài trợ",
    "khac": "Khác",
}


def with_defaults(given: dict[str, str], defaults: dict[str, str]) -> dict[str, str]:
    merged = dict(defaults)
    merged.update({k.upper(): v for k, v in given.items()})
    merged.update(given)
    return merged
