"""Phổ biến, giáo dục pháp luật (PBGDPL): vocabularies with Vietnamese labels and the rules of one record.

Sources: Luật PBGDPL 14/2012/QH13 Art. 11 (forms), Art. 17–22 (special target groups), Art. 23–24 (pupils,
officials); TT 10/2016/TT-BTP (tuyên truyền viên); QĐ 27/2025 CT2.4–CT2.7 (plan, digital activities,
trained propagandists, legal-aid information). Pure: no database, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from pbgdpl_desktop.domain.errors import FieldProblem, ValidationError
from pbgdpl_desktop.domain.facts import DigitalActivity
from pbgdpl_desktop.domain.labels import LabelledEnum
from pbgdpl_desktop.domain.text import clean, clean_block

MAX_ATTENDANCE = 100_000  # one activity; a loudspeaker broadcast reaching a whole ward stays below this
MAX_MATERIALS = 1_000_000
MAX_TITLE = 300


class DisseminationForm(LabelledEnum):
    """Forms of dissemination (Luật PBGDPL Art. 11), as a clerk records them."""

    CONFERENCE = "conference", "Hội nghị, nói chuyện trực tiếp"
    ADVICE = "advice", "Tư vấn, hướng dẫn, giải đáp pháp luật"
    MATERIALS = "materials", "Cung cấp thông tin, phát tài liệu"
    LOUDSPEAKER = "loudspeaker", "Loa truyền thanh"
    WEBSITE = "website", "Internet, trang/cổng thông tin điện tử"
    SOCIAL_NETWORK = "social_network", "Mạng xã hội, nhóm cộng đồng trực tuyến"
    POSTER = "poster", "Pa-nô, áp phích, bảng tin"
    CONTEST = "contest", "Thi tìm hiểu pháp luật"
    INTEGRATED = "integrated", "Lồng ghép trong hoạt động khác"
    CLUB = "club", "Câu lạc bộ pháp luật"
    BOOKCASE = "bookcase", "Tủ sách pháp luật"
    LEGAL_AID_MEDIATION = "legal_aid_mediation", "Qua trợ giúp pháp lý, hòa giải, tiếp công dân"
    PRESS = "press", "Họp báo, thông cáo báo chí"
    OTHER = "other", "Hình thức khác"


class TargetGroup(LabelledEnum):
    """Who the activity was for. ``special`` marks the groups of Art. 17–22 (+20 % fee, TT 56/2023)."""

    GENERAL = "general", "Nhân dân trên địa bàn"
    ETHNIC_REMOTE = (
        "ethnic_remote",
        "Người dân tộc thiểu số, vùng sâu, vùng xa, biên giới, ven biển, hải đảo, ngư dân",
    )
    WORKERS = "workers", "Người lao động trong doanh nghiệp"
    DV_VICTIMS = "dv_victims", "Nạn nhân bạo lực gia đình"
    DISABLED = "disabled", "Người khuyết tật"
    DETAINEES = (
        "detainees",
        "Người đang chấp hành hình phạt tù, trường giáo dưỡng, cơ sở giáo dục bắt buộc, cai nghiện",
    )
    COMMUNITY_EDUCATION = "community_education", "Người bị giáo dục tại xã, phường; người được hưởng án treo"
    STUDENTS = "students", "Học sinh, sinh viên"
    OFFICIALS = "officials", "Cán bộ, công chức, viên chức"
    YOUTH_WOMEN = "youth_women", "Đoàn viên, hội viên các đoàn thể"
    BUSINESSES = "businesses", "Doanh nghiệp, hộ kinh doanh"

    @property
    def special(self) -> bool:
        return self in SPECIAL_GROUPS

    @property
    def display(self) -> str:
        return f"{self.label} (đối tượng đặc thù)" if self.special else self.label


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


class SpeakerRole(LabelledEnum):
    REPORTER = "reporter", "Báo cáo viên pháp luật"
    PROPAGANDIST = "propagandist", "Tuyên truyền viên pháp luật"


class SpeakerStatus(LabelledEnum):
    ACTIVE = "active", "Đang hoạt động"
    INACTIVE = "inactive", "Thôi làm nhiệm vụ"


class TaskCategory(LabelledEnum):
    """Kinds of tasks of a real yearly plan (e.g. the 2024 plan of quận Hai Bà Trưng)."""

    DISSEMINATION = "dissemination", "Phổ biến, giáo dục pháp luật"
    LEGAL_AID_INFO = "legal_aid_info", "Thông tin, giới thiệu về trợ giúp pháp lý"
    MEDIATION = "mediation", "Hòa giải ở cơ sở"
    ACCESS_STANDARD = "access_standard", "Xây dựng xã, phường đạt chuẩn tiếp cận pháp luật"
    ACCESS_TO_INFO = "access_to_info", "Bảo đảm quyền tiếp cận thông tin"
    COORDINATION_COUNCIL = "coordination_council", "Hoạt động của Hội đồng phối hợp PBGDPL"
    PROPAGANDISTS = "propagandists", "Quản lý, bồi dưỡng báo cáo viên, tuyên truyền viên pháp luật"
    LAW_DAY = "law_day", "Ngày Pháp luật nước CHXHCN Việt Nam"
    GOOD_MODELS = "good_models", "Nhân rộng mô hình hay, cách làm hiệu quả"
    DIGITAL = "digital", "Ứng dụng công nghệ thông tin, chuyển đổi số trong PBGDPL"
    FUNDING = "funding", "Bảo đảm kinh phí, điều kiện cho PBGDPL"
    OTHER = "other", "Nhiệm vụ khác"


PLAN_PERIODS = ("Thường xuyên", "Quý I", "Quý II", "Quý III", "Quý IV", "6 tháng đầu năm", "6 tháng cuối năm")


class TaskStatus(LabelledEnum):
    NOT_STARTED = "not_started", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Đã hoàn thành"
    CANCELLED = "cancelled", "Hủy bỏ"


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
        groups = tuple(dict.fromkeys(TargetGroup(g) for g in self.target_groups))
        return replace(
            self,
            title=clean(self.title),
            place=clean(self.place),
            residential_group=clean(self.residential_group),
            start_time=clean(self.start_time),
            speakers_extra=clean(self.speakers_extra),
            laws_extra=clean(self.laws_extra),
            notes=clean_block(self.notes),
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


@dataclass(frozen=True)
class TaskInput:
    """One task of the yearly plan (planned, or arising during the year)."""

    title: str
    category: TaskCategory = TaskCategory.DISSEMINATION
    arising: bool = False
    due_on: date | None = None
    status: TaskStatus = TaskStatus.NOT_STARTED
    completed_on: date | None = None
    funded: bool = False
    notes: str = ""
    lead_unit: str = ""  # cơ quan chủ trì
    coordinating_units: str = ""  # cơ quan phối hợp
    period: str = ""  # thời gian thực hiện: "Thường xuyên", "Quý II", "Tháng 11" (free text)
    topics: str = ""  # nội dung, chủ đề
    target_groups: tuple[TargetGroup, ...] = ()
    funded_amount: int = 0  # kinh phí bố trí (đồng)

    def checked(self, today: date) -> TaskInput:
        """Normalised and validated (``ValidationError``); a completion date only stays on a task marked done."""
        data = replace(
            self,
            title=clean(self.title),
            notes=clean_block(self.notes),
            category=TaskCategory(self.category),
            status=TaskStatus(self.status),
            lead_unit=clean(self.lead_unit),
            coordinating_units=clean(self.coordinating_units),
            period=clean(self.period),
            topics=clean(self.topics),
            target_groups=tuple(dict.fromkeys(TargetGroup(g) for g in self.target_groups)),
        )
        problems: list[FieldProblem] = []
        if not data.title:
            problems.append(FieldProblem("title", "Tên nhiệm vụ: chưa nhập."))
        if data.funded_amount < 0:
            problems.append(FieldProblem("funded_amount", "Kinh phí không được âm."))
        if data.due_on is not None:
            problems += date_problems(data.due_on, today, field="due_on", label="Thời hạn")
        if data.completed_on is not None:
            if data.completed_on > today:
                problems.append(FieldProblem("completed_on", "Ngày hoàn thành không được sau hôm nay."))
            if data.status is not TaskStatus.DONE:
                data = replace(data, completed_on=None)
        if problems:
            raise ValidationError(problems)
        return data


@dataclass(frozen=True)
class SpeakerInput:
    """A báo cáo viên or tuyên truyền viên pháp luật (TT 10/2016/TT-BTP)."""

    full_name: str
    role: SpeakerRole = SpeakerRole.PROPAGANDIST
    decision_number: str = ""
    decision_date: date | None = None
    unit: str = ""
    phone: str = ""
    status: SpeakerStatus = SpeakerStatus.ACTIVE
    ended_on: date | None = None

    def checked(self, today: date) -> SpeakerInput:
        """Normalised and validated (``ValidationError``); an end date makes the person inactive."""
        data = replace(
            self,
            full_name=clean(self.full_name),
            decision_number=clean(self.decision_number),
            unit=clean(self.unit),
            phone=clean(self.phone),
            role=SpeakerRole(self.role),
            status=SpeakerStatus(self.status),
        )
        problems: list[FieldProblem] = []
        if not data.full_name:
            problems.append(FieldProblem("full_name", "Họ và tên: chưa nhập."))
        if data.phone and not all(ch.isdigit() or ch in " +.-()" for ch in data.phone):
            problems.append(
                FieldProblem(
                    "phone", f"Số điện thoại “{data.phone}” chỉ được có chữ số, dấu cách, + . - ( )."
                )
            )
        if data.decision_date and data.decision_date > today:
            problems.append(
                FieldProblem("decision_date", "Ngày quyết định công nhận không được sau hôm nay.")
            )
        if data.ended_on and data.ended_on > today:
            problems.append(FieldProblem("ended_on", "Ngày thôi làm nhiệm vụ không được sau hôm nay."))
        if problems:
            raise ValidationError(problems)
        if data.ended_on and data.status is SpeakerStatus.ACTIVE:
            data = replace(data, status=SpeakerStatus.INACTIVE)
        return data


def task_done(data: TaskInput, held: list[date], today: date) -> tuple[bool, date | None]:
    """A task is done when marked done, or (unless cancelled) when a linked session was already held."""
    if data.status is TaskStatus.DONE:
        return True, data.completed_on or (max(held) if held else None)
    if data.status is TaskStatus.CANCELLED:
        return False, None
    past = [d for d in held if d <= today]
    return (True, max(past)) if past else (False, None)
