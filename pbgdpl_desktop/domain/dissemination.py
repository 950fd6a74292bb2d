"""Phổ biến, giáo dục pháp luật (PBGDPL): vocabularies with Vietnamese labels and the rules of one record.

Sources: Luật PBGDPL 14/2012/QH13 Art. 11 (forms), Art. 17–22 (special target groups), Art. 23–24 (pupils,
officials); TT 10/2016/TT-BTP (tuyên truyền viên); QĐ 27/2025 CT2.4–CT2.7 (plan, digital activities,
trained propagandists, legal-aid information). Pure: no database, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from pbgdpl_desktop.domain.errors import FieldProblem, ValidationError
from pbgdpl_desktop.domain.facts import DigitalActivity
from pbgdpl_desktop.domain.text import clean

MAX_ATTENDANCE = 100_000  # one activity; a loudspeaker broadcast reaching a whole ward stays below this
MAX_MATERIALS = 1_000_000
MAX_TITLE = 300


class DisseminationForm(StrEnum):
    """Forms of dissemination (Luật PBGDPL Art. 11), as a clerk records them."""

    CONFERENCE = "conference"
    ADVICE = "advice"
    MATERIALS = "materials"
    LOUDSPEAKER = "loudspeaker"
    WEBSITE = "website"
    SOCIAL_NETWORK = "social_network"
    POSTER = "poster"
    CONTEST = "contest"
    INTEGRATED = "integrated"
    CLUB = "club"
    BOOKCASE = "bookcase"
    LEGAL_AID_MEDIATION = "legal_aid_mediation"
    PRESS = "press"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _FORM_LABELS[self]


_FORM_LABELS = {
    DisseminationForm.CONFERENCE: "Hội nghị, nói chuyện trực tiếp",
    DisseminationForm.ADVICE: "Tư vấn, hướng dẫn, giải đáp pháp luật",
    DisseminationForm.MATERIALS: "Cung cấp thông tin, phát tài liệu",
    DisseminationForm.LOUDSPEAKER: "Loa truyền thanh",
    DisseminationForm.WEBSITE: "Internet, trang/cổng thông tin điện tử",
    DisseminationForm.SOCIAL_NETWORK: "Mạng xã hội, nhóm cộng đồng trực tuyến",
    DisseminationForm.POSTER: "Pa-nô, áp phích, bảng tin",
    DisseminationForm.CONTEST: "Thi tìm hiểu pháp luật",
    DisseminationForm.INTEGRATED: "Lồng ghép trong hoạt động khác",
    DisseminationForm.CLUB: "Câu lạc bộ pháp luật",
    DisseminationForm.BOOKCASE: "Tủ sách pháp luật",
    DisseminationForm.LEGAL_AID_MEDIATION: "Qua trợ giúp pháp lý, hòa giải, tiếp công dân",
    DisseminationForm.PRESS: "Họp báo, thông cáo báo chí",
    DisseminationForm.OTHER: "Hình thức khác",
}


class TargetGroup(StrEnum):
    """Who the activity was for. ``special`` marks the groups of Art. 17–22 (+20 % fee, TT 56/2023)."""

    GENERAL = "general"
    ETHNIC_REMOTE = "ethnic_remote"
    WORKERS = "workers"
    DV_VICTIMS = "dv_victims"
    DISABLED = "disabled"
    DETAINEES = "detainees"
    COMMUNITY_EDUCATION = "community_education"
    STUDENTS = "students"
    OFFICIALS = "officials"
    YOUTH_WOMEN = "youth_women"
    BUSINESSES = "businesses"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self]

    @property
    def special(self) -> bool:
        return self in SPECIAL_GROUPS

    @property
    def display(self) -> str:
        return f"{self.label} (đối tượng đặc thù)" if self.special else self.label


_GROUP_LABELS = {
    TargetGroup.GENERAL: "Nhân dân trên địa bàn",
    TargetGroup.ETHNIC_REMOTE: "Người dân tộc thiểu số, vùng sâu, vùng xa, biên giới, ven biển, hải đảo, ngư dân",
    TargetGroup.WORKERS: "Người lao động trong doanh nghiệp",
    TargetGroup.DV_VICTIMS: "Nạn nhân bạo lực gia đình",
    TargetGroup.DISABLED: "Người khuyết tật",
    TargetGroup.DETAINEES: "Người đang chấp hành hình phạt tù, trường giáo dưỡng, cơ sở giáo dục bắt buộc, cai nghiện",
    TargetGroup.COMMUNITY_EDUCATION: "Người bị giáo dục tại xã, phường; người được hưởng án treo",
    TargetGroup.STUDENTS: "Học sinh, sinh viên",
    TargetGroup.OFFICIALS: "Cán bộ, công chức, viên chức",
    TargetGroup.YOUTH_WOMEN: "Đoàn viên, hội viên các đoàn thể",
    TargetGroup.BUSINESSES: "Doanh nghiệp, hộ kinh doanh",
}

SPECIAL_GROUPS = frozenset(
    {
        TargetGroup.ETHNIC_REMOTE,
        TargetGroup.WORKERS,
        TargetGroup.DV_VICTIMS,
        TargetGroup.DISABLED,
        TargetGroup.DETAINEES,
        TargetGroup.COMMUNITY_EDUCATION,
    }
)


class SpeakerRole(StrEnum):
    REPORTER = "reporter"
    PROPAGANDIST = "propagandist"

    @property
    def label(self) -> str:
        return {"reporter": "Báo cáo viên pháp luật", "propagandist": "Tuyên truyền viên pháp luật"}[
            self.value
        ]


class SpeakerStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"

    @property
    def label(self) -> str:
        return {"active": "Đang hoạt động", "inactive": "Thôi làm nhiệm vụ"}[self.value]


class TaskCategory(StrEnum):
    DISSEMINATION = "dissemination"
    LEGAL_AID_INFO = "legal_aid_info"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "dissemination": "Phổ biến, giáo dục pháp luật",
            "legal_aid_info": "Thông tin, giới thiệu về trợ giúp pháp lý",
            "other": "Nhiệm vụ khác",
        }[self.value]


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "not_started": "Chưa thực hiện",
            "in_progress": "Đang thực hiện",
            "done": "Đã hoàn thành",
            "cancelled": "Hủy bỏ",
        }[self.value]


def law_day(year: int) -> date:
    """Ngày Pháp luật nước CHXHCN Việt Nam: 9 November every year (Luật PBGDPL Art. 8)."""
    return date(year, 11, 9)


def digital_activity_of(form: DisseminationForm, online: bool, explicit: str = "") -> DigitalActivity | None:
    """Which QĐ 27 CT2.5 digital activity a session counts as (``None`` = not digital).

    An explicit choice on the session wins; otherwise the form decides: social networks → mạng xã hội;
    web/portal → cổng thông tin; a contest held online → cuộc thi trực tuyến; any other online session →
    other digital activity.
    """
    if explicit:
        return DigitalActivity(explicit)
    if form is DisseminationForm.SOCIAL_NETWORK:
        return DigitalActivity.SOCIAL_NETWORK
    if form is DisseminationForm.WEBSITE:
        return DigitalActivity.PORTAL
    if not online:
        return None
    if form is DisseminationForm.CONTEST:
        return DigitalActivity.ONLINE_CONTEST
    return DigitalActivity.OTHER_DIGITAL


@dataclass(frozen=True)
class SessionInput:
    """What the clerk enters for one dissemination activity (already parsed, not yet validated)."""

    held_on: date
    title: str
    form: DisseminationForm
    start_time: str = ""  # "HH:MM" or ""
    online: bool = False
    digital_activity: str = ""  # DigitalActivity value or "" (derived from the form)
    place: str = ""
    residential_group: str = ""
    target_groups: tuple[TargetGroup, ...] = (TargetGroup.GENERAL,)
    attendance_total: int = 0
    attendance_women: int = 0
    attendance_special: int = 0
    materials_count: int = 0
    law_day: bool = False
    plan_task_id: str | None = None
    speaker_ids: tuple[str, ...] = ()
    speakers_extra: str = ""  # guests not in the registry, names typed in an imported log
    law_ids: tuple[str, ...] = ()
    laws_extra: str = ""
    notes: str = ""

    def normalised(self) -> SessionInput:
        from dataclasses import replace

        groups = tuple(dict.fromkeys(TargetGroup(g) for g in self.target_groups))
        return replace(
            self,
            title=clean(self.title),
            place=clean(self.place),
            residential_group=clean(self.residential_group),
            start_time=clean(self.start_time),
            speakers_extra=clean(self.speakers_extra),
            laws_extra=clean(self.laws_extra),
            notes=clean(self.notes),
            form=DisseminationForm(self.form),
            target_groups=groups,
            speaker_ids=tuple(dict.fromkeys(self.speaker_ids)),
            law_ids=tuple(dict.fromkeys(self.law_ids)),
        )

    def problems(self, today: date) -> list[FieldProblem]:
        out: list[FieldProblem] = []
        if not self.title:
            out.append(FieldProblem("title", "Tiêu đề, nội dung: chưa nhập."))
        elif len(self.title) > MAX_TITLE:
            out.append(FieldProblem("title", f"Tiêu đề dài {len(self.title)} ký tự, tối đa {MAX_TITLE}."))
        out += date_problems(self.held_on, today)
        if self.start_time and not _valid_time(self.start_time):
            out.append(
                FieldProblem("start_time", f"Giờ “{self.start_time}” không đúng dạng giờ:phút (ví dụ 08:30).")
            )
        out += attendance_problems(self.attendance_total, self.attendance_women, self.attendance_special)
        if not 0 <= self.materials_count <= MAX_MATERIALS:
            out.append(FieldProblem("materials_count", "Số tài liệu phát ra phải từ 0 đến 1.000.000."))
        if not self.target_groups:
            out.append(FieldProblem("target_groups", "Đối tượng: chọn ít nhất một nhóm."))
        if self.digital_activity:
            try:
                DigitalActivity(self.digital_activity)
            except ValueError:
                out.append(FieldProblem("digital_activity", "Loại hoạt động chuyển đổi số không hợp lệ."))
        return out

    def validate(self, today: date) -> None:
        problems = self.problems(today)
        if problems:
            raise ValidationError(problems)


def date_problems(
    held_on: date | None, today: date, *, field: str = "held_on", label: str = "Ngày tổ chức"
) -> list[FieldProblem]:
    if held_on is None:
        return [FieldProblem(field, f"{label}: chưa nhập.")]
    limit = today + timedelta(days=366)
    if held_on > limit:
        return [
            FieldProblem(
                field,
                f"{label} {held_on:%d/%m/%Y} xa hơn một năm so với hôm nay "
                f"({today:%d/%m/%Y}); hãy kiểm tra lại năm.",
            )
        ]
    if held_on.year < 2000:
        return [
            FieldProblem(field, f"{label} {held_on:%d/%m/%Y} quá cũ (trước năm 2000); hãy kiểm tra lại năm.")
        ]
    return []


def attendance_problems(total: int, women: int, special: int) -> list[FieldProblem]:
    out: list[FieldProblem] = []
    for name, value, label in (
        ("attendance_total", total, "Tổng số người tham dự"),
        ("attendance_women", women, "Số nữ"),
        ("attendance_special", special, "Số người thuộc đối tượng đặc thù"),
    ):
        if value < 0:
            out.append(FieldProblem(name, f"{label} không được âm ({value})."))
        elif value > MAX_ATTENDANCE:
            out.append(
                FieldProblem(
                    name, f"{label} {value:,} vượt mức hợp lý ({MAX_ATTENDANCE:,}).".replace(",", ".")
                )
            )
    if out:
        return out
    if women > total:
        out.append(
            FieldProblem("attendance_women", f"Số nữ ({women}) lớn hơn tổng số người tham dự ({total}).")
        )
    if special > total:
        out.append(
            FieldProblem(
                "attendance_special",
                f"Số người thuộc đối tượng đặc thù ({special}) lớn hơn tổng số người tham dự ({total}).",
            )
        )
    return out


def _valid_time(text: str) -> bool:
    parts = text.split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return False
    hour, minute = int(parts[0]), int(parts[1])
    return 0 <= hour < 24 and 0 <= minute < 60


def encode_groups(groups: tuple[TargetGroup, ...] | list[TargetGroup]) -> str:
    """Stored form ",general,students," so that one group filters with a LIKE '%,students,%'."""
    return "," + ",".join(TargetGroup(g).value for g in groups) + "," if groups else ""


def decode_groups(text: str | None) -> tuple[TargetGroup, ...]:
    return tuple(TargetGroup(v) for v in (text or "").split(",") if v)
