"""Declared application settings (docs/architecture.md, "Habits"): every setting has a type, a default and a Vietnamese label.
Reading or writing an undeclared key is a bug and raises ``KeyError``; a wrong type raises ``ValidationError``.
Modules add their settings here (append; never rename a key)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.text import TextRule, checked_text


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: type
    default: Any
    label: str
    description: str = ""
    minimum: int | None = None
    maximum: int | None = None
    nullable: bool = False


DECLARED: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("ui.font_point_size", int, 10, "Cỡ chữ giao diện", minimum=8, maximum=20),
        SettingSpec(
            "holidays.include_unconfirmed",
            bool,
            False,
            "Tính cả ngày nghỉ chưa xác nhận (24/11)",
            "Ngày Văn hóa Việt Nam 24/11 chưa có văn bản sửa Bộ luật Lao động; bật khi đã có.",
        ),
        SettingSpec(
            "mediation.start_deadline_days",
            int,
            3,
            "Thời hạn bắt đầu hòa giải (ngày)",
            "Điều 20 Luật Hòa giải ở cơ sở: hòa giải viên bắt đầu trong 3 ngày kể từ ngày được phân công.",
            minimum=1,
            maximum=30,
        ),
        SettingSpec(
            "mediation.long_running_days",
            int,
            30,
            "Nhắc vụ việc đang hòa giải quá (ngày)",
            minimum=7,
            maximum=365,
        ),
        SettingSpec(
            "budget.minimum_per_year",
            int,
            None,
            "Mức kinh phí tối thiểu PBGDPL + hòa giải mỗi năm (đồng)",
            "Ví dụ kế hoạch của thành phố yêu cầu ít nhất 20.000.000 đ/xã. Để trống nếu không có.",
            minimum=0,
            maximum=10_000_000_000,
            nullable=True,
        ),
        SettingSpec(
            "backup.keep_daily",
            int,
            7,
            "Giữ bản sao lưu hằng ngày (số ngày gần nhất)",
            "Mỗi ngày phần mềm tự sao lưu một bản khi mở lần đầu; sau số ngày này chỉ giữ một bản mỗi tuần.",
            minimum=1,
            maximum=60,
        ),
        SettingSpec(
            "backup.keep_weekly",
            int,
            4,
            "Sau đó giữ mỗi tuần một bản (số tuần)",
            minimum=0,
            maximum=52,
        ),
        SettingSpec(
            "backup.keep_monthly",
            int,
            12,
            "Sau đó giữ mỗi tháng một bản (số tháng)",
            minimum=0,
            maximum=120,
        ),
        SettingSpec(
            "backup.second_folder",
            str,
            None,
            "Thư mục sao lưu thứ hai (ví dụ ổ USB)",
            "Mỗi bản sao lưu hằng ngày và thủ công được chép thêm vào đây; để trống nếu không dùng.",
            nullable=True,
        ),
        # issue #15: users, idle lock, retention of personal data
        SettingSpec(
            "users.single_user",
            str,
            None,
            "Chế độ một người dùng (tự đăng nhập tài khoản này)",
            "Xã/phường chỉ một người làm: mở phần mềm không hỏi mật khẩu; nhật ký vẫn ghi tên tài khoản này.",
            nullable=True,
        ),
        SettingSpec(
            "users.idle_lock_minutes",
            int,
            0,
            "Tự khóa sau (phút không dùng; 0 = không khóa)",
            minimum=0,
            maximum=240,
        ),
        SettingSpec(
            "privacy.mediation_retention_years",
            int,
            None,
            "Ẩn danh vụ việc hòa giải đã kết thúc sau (năm)",
            "Tên, năm sinh, địa chỉ các bên của vụ việc đã có kết quả quá số năm này được xóa khỏi dữ liệu.",
            minimum=1,
            maximum=50,
            nullable=True,
        ),
        SettingSpec(
            "backup.encrypt_second_folder",
            bool,
            False,
            "Mã hóa bản sao lưu chép ra thư mục thứ hai",
        ),
        SettingSpec(
            "signing.pkcs11_library",
            str,
            None,
            "Thư viện PKCS#11 của token chữ ký số",
            "Tệp .dll (Windows) hoặc .so của trình điều khiển token do nhà cung cấp chữ ký số cài đặt.",
            nullable=True,
        ),
        SettingSpec(
            "signing.tsa_url",
            str,
            None,
            "Địa chỉ máy chủ cấp dấu thời gian (TSA)",
            "Để trống: thời gian ký lấy theo đồng hồ máy tính. Chỉ điền khi máy có kết nối Internet.",
            nullable=True,
        ),
    )
}


def validate_value(key: str, value: Any) -> Any:
    spec = DECLARED[key]
    if value is None:
        if spec.nullable:
            return None
        raise ValidationError(f"{spec.label}: chưa nhập.", field=key)
    if spec.type is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValidationError(f"{spec.label}: phải là số nguyên.", field=key)
    if not isinstance(value, spec.type):
        raise ValidationError(f"{spec.label}: giá trị không hợp lệ.", field=key)
    if isinstance(value, str):
        value = checked_text(value, key, TextRule(spec.label, 1000))
    if isinstance(value, int):  # the bounds of an int setting
        if spec.minimum is not None and value < spec.minimum:
            raise ValidationError(f"{spec.label}: không được nhỏ hơn {spec.minimum}.", field=key)
        if spec.maximum is not None and value > spec.maximum:
            raise ValidationError(f"{spec.label}: không được lớn hơn {spec.maximum}.", field=key)
    return value
    if spec.minimum is not None and value < spec.minimum:
        raise ValidationError(f"{spec.label}: không được nhỏ hơn {spec.minimum}.", field=key)
    if spec.maximum is not None and value > spec.maximum:
        raise ValidationError(f"{spec.label}: không được lớn hơn {spec.maximum}.", field=key)
    return value
