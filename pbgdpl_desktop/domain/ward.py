"""The ward (xã / phường / đặc khu) whose office uses the app, and the official administrative units."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from pbgdpl_desktop.domain.errors import FieldProblem, ValidationError
from pbgdpl_desktop.domain.labels import LabelledEnum
from pbgdpl_desktop.domain.text import clean


class CommuneType(LabelledEnum):
    XA = "xa", "Xã"
    PHUONG = "phuong", "Phường"
    DAC_KHU = "dac_khu", "Đặc khu"

    @property
    def committee(self) -> str:
        """Issuing body line of official documents: "UBND PHƯỜNG …"."""
        return f"ỦY BAN NHÂN DÂN {self.label.upper()}"


@dataclass(frozen=True)
class Province:
    code: str
    name: str  # "Thành phố Hà Nội", "Tỉnh Cao Bằng"

    @property
    def short_name(self) -> str:
        for prefix in ("Thành phố ", "Tỉnh "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


@dataclass(frozen=True)
class Commune:
    code: str
    name: str  # with its prefix: "Phường Hoàn Kiếm"
    type: CommuneType
    province_code: str

    @property
    def short_name(self) -> str:
        prefix = self.type.label + " "
        return self.name[len(prefix) :] if self.name.startswith(prefix) else self.name


def default_receiving_office(province: Province | None) -> str:
    return (
        f"Sở Tư pháp {province.name.lower()[0]}{province.name[1:]}"
        if province
        else "Sở Tư pháp tỉnh/thành phố …"
    )


@dataclass(frozen=True)
class WardProfile:
    province_code: str
    province_name: str
    commune_code: str
    commune_name: str
    commune_type: CommuneType
    address: str = ""
    chairman: str = ""
    vice_chairman: str = ""
    clerk_name: str = ""
    receiving_office: str = ""
    legacy_district: str = ""  # "Huyện/quận" for data of years ≤ 2024 only
    phone: str = ""
    email: str = ""
    id: str | None = None

    @property
    def committee_line(self) -> str:
        """ "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM" for the top-left block of documents."""
        short = self.commune_name
        prefix = self.commune_type.label + " "
        if short.startswith(prefix):
            short = short[len(prefix) :]
        return f"{self.commune_type.committee} {short.upper()}"

    def normalised(self) -> WardProfile:
        cleaned: dict[str, Any] = {
            name: clean(getattr(self, name))
            for name in (
                "province_code",
                "province_name",
                "commune_code",
                "commune_name",
                "address",
                "chairman",
                "vice_chairman",
                "clerk_name",
                "receiving_office",
                "legacy_district",
                "phone",
                "email",
            )
        }
        return replace(self, **cleaned)

    def validate(self) -> None:
        problems: list[FieldProblem] = []
        if not self.province_code or not self.province_name:
            problems.append(FieldProblem("province", "Chưa chọn tỉnh/thành phố."))
        if not self.commune_code or not self.commune_name:
            problems.append(FieldProblem("commune", "Chưa chọn xã/phường/đặc khu."))
        if self.commune_code and not (self.commune_code.isdigit() and len(self.commune_code) == 5):
            problems.append(
                FieldProblem("commune", f"Mã đơn vị hành chính “{self.commune_code}” phải gồm 5 chữ số.")
            )
        for name, label in (
            ("chairman", "Chủ tịch UBND"),
            ("clerk_name", "Công chức Tư pháp"),
            ("vice_chairman", "Phó Chủ tịch UBND"),
        ):
            if len(getattr(self, name)) > 120:
                problems.append(FieldProblem(name, f"{label}: tên dài quá 120 ký tự."))
        if problems:
            raise ValidationError(problems)

    def missing_for_documents(self) -> list[str]:
        """Labels of the fields official documents need and that are still empty."""
        labels = {
            "address": "Địa chỉ trụ sở",
            "chairman": "Chủ tịch UBND",
            "clerk_name": "Công chức Tư pháp",
            "receiving_office": "Cơ quan nhận hồ sơ",
        }
        return [label for name, label in labels.items() if not getattr(self, name)]
