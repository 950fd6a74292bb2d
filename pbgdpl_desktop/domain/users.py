"""Local users, their roles and what each role may do (issue #15).

Roles: quản trị (everything, including users, ward profile and norms), công chức (all records), chỉ xem (read
and print; personal data masked), and in office mode thẩm định / lãnh đạo (the office's own tables only).
The check is made on the table a write touches (``may_write``), in the persistence hook that every write
passes through, so a viewer's save fails whatever the window shows."""

from __future__ import annotations

from dataclasses import dataclass

from pbgdpl_desktop.domain.errors import DomainError, ValidationError
from pbgdpl_desktop.domain.labels import LabelledEnum
from pbgdpl_desktop.domain.text import clean


class PermissionDenied(DomainError):  # noqa: N818 - a refusal shown to the clerk, not a bug
    """The signed-in user's role may not do this."""


class Role(LabelledEnum):
    ADMIN = "admin", "Quản trị"
    CLERK = "clerk", "Công chức"
    VIEWER = "viewer", "Chỉ xem"
    REVIEWER = "reviewer", "Thẩm định"
    LEADER = "leader", "Lãnh đạo"


class Action(LabelledEnum):
    """What a user does that changes data. ``ROLES`` says which roles may do each; the services ask
    ``Actor.require(action)`` and the persistence hook asks the same table (``action_for_table``)."""

    RECORDS = "records", "lưu hồ sơ, sổ sách của xã/phường"
    WARD_PROFILE = "ward_profile", "sửa thông tin xã/phường"
    NORMS = "norms", "sửa bảng định mức, danh mục chi"
    RULES = "rules", "sửa, nhập bộ tiêu chí chấm điểm"
    USERS = "users", "quản lý tài khoản người dùng"
    WORK_SETTINGS = "work_settings", "sửa cài đặt nghiệp vụ"
    PRIVACY = "privacy", "đặt thời hạn lưu giữ, ẩn danh dữ liệu cá nhân"
    PREFERENCES = "preferences", "đổi tùy chọn hiển thị của máy này"
    BACKUP = "backup", "sao lưu dữ liệu"
    RESTORE = "restore", "khôi phục dữ liệu từ bản sao lưu"
    PERSON_EXPORT = "person_export", "xuất dữ liệu của một người"
    SYNC = "sync", "lập, nhập gói đồng bộ"
    OFFICE_REVIEW = "office_review", "ghi hồ sơ thẩm định của Sở"  # the office's tables (persistence hook)
    OFFICE_IMPORT = "office_import", "nhập gói của xã/phường"
    OFFICE_APPRAISE = "office_appraise", "thẩm định, chuyển trạng thái hồ sơ của xã/phường"
    OFFICE_APPROVE = "office_approve", "ghi quyết định công nhận"
    OFFICE_REPLY = "office_reply", "lập gói trả lời cho xã/phường"


_ALL = frozenset(Role)
_WARD_STAFF = frozenset({Role.ADMIN, Role.CLERK})
_OFFICE = frozenset({Role.ADMIN, Role.CLERK, Role.REVIEWER, Role.LEADER})

# The one table of who may do what (issue #15). Administrator: everything; công chức: every record;
# chỉ xem: read, print and this PC's display preferences; thẩm định / lãnh đạo: the office's own work.
ROLES: dict[Action, frozenset[Role]] = {
    Action.RECORDS: _WARD_STAFF,
    Action.WARD_PROFILE: frozenset({Role.ADMIN}),
    Action.NORMS: frozenset({Role.ADMIN}),
    Action.RULES: frozenset({Role.ADMIN}),  # rule files are files: checked and audited by the store
    Action.USERS: frozenset({Role.ADMIN}),
    Action.WORK_SETTINGS: _WARD_STAFF,
    Action.PRIVACY: frozenset({Role.ADMIN}),
    Action.PREFERENCES: _ALL,
    Action.BACKUP: _WARD_STAFF,
    Action.RESTORE: frozenset({Role.ADMIN}),
    Action.PERSON_EXPORT: _WARD_STAFF,
    Action.SYNC: _WARD_STAFF,
    Action.OFFICE_REVIEW: _OFFICE,
    # the office's own steps, checked by services/office (docs/office.md "Roles at the office")
    Action.OFFICE_IMPORT: _OFFICE,
    Action.OFFICE_APPRAISE: frozenset({Role.ADMIN, Role.REVIEWER}),
    Action.OFFICE_APPROVE: frozenset({Role.ADMIN, Role.LEADER}),  # the decision is the leader's
    Action.OFFICE_REPLY: frozenset({Role.ADMIN, Role.REVIEWER, Role.LEADER}),
}
OFFICE_STEPS = frozenset(
    {Action.OFFICE_IMPORT, Action.OFFICE_APPRAISE, Action.OFFICE_APPROVE, Action.OFFICE_REPLY}
)

# Tables whose writes are a narrower action than "records".
TABLE_ACTIONS: dict[str, Action] = {
    "app_user": Action.USERS,
    "ward_profile": Action.WARD_PROFILE,
    "finance_norm": Action.NORMS,
    "finance_category": Action.NORMS,
}
SETTING_TABLE = "setting"
OFFICE_PREFIX = "office_"
OFFICE_ROLES = frozenset({Role.REVIEWER, Role.LEADER})
# Settings by the first part of their key; a key not listed is the administrator's.
SETTING_ACTIONS: dict[str, Action] = {
    "ui": Action.PREFERENCES,
    "privacy": Action.PRIVACY,
    "users": Action.USERS,
    "backup": Action.BACKUP,
    "mediation": Action.WORK_SETTINGS,
    "holidays": Action.WORK_SETTINGS,
    "budget": Action.WORK_SETTINGS,
    "signing": Action.WORK_SETTINGS,
}
# kept for the callers that name them
ADMIN_TABLES = frozenset(t for t, a in TABLE_ACTIONS.items() if ROLES[a] == {Role.ADMIN})


def action_for_table(table: str) -> Action:
    """The action a write to ``table`` is. The ``setting`` table holds every declared setting: a write to it
    is checked again by key (``action_for_setting``), in the service and in the persistence hook."""
    if table == SETTING_TABLE:
        return Action.PREFERENCES
    if table in TABLE_ACTIONS:
        return TABLE_ACTIONS[table]
    if table.startswith(OFFICE_PREFIX):
        return Action.OFFICE_REVIEW
    return Action.RECORDS


def action_for_setting(key: str) -> Action:
    return SETTING_ACTIONS.get(key.split(".", 1)[0], Action.USERS)


@dataclass(frozen=True)
class Actor:
    """Who acts: the signed-in user (``name`` is the login name) and their role."""

    name: str
    role: Role
    display_name: str = ""

    @property
    def sees_personal_data(self) -> bool:
        return self.role is not Role.VIEWER

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def may(self, action: Action) -> bool:
        return self.role in ROLES[action]

    def may_write(self, table: str) -> bool:
        return self.may(action_for_table(table))

    def may_set(self, key: str) -> bool:
        return self.may(action_for_setting(key))

    def refusal(self, table: str) -> PermissionDenied:
        return self.refusal_of(action_for_table(table))

    def refusal_of(self, action: Action) -> PermissionDenied:
        who = ", ".join(r.label for r in Role if r in ROLES[action])
        if self.role is Role.VIEWER:
            what = "Vai trò “Chỉ xem” chỉ được xem và in, không lưu được thay đổi."
        elif action in OFFICE_STEPS:
            what = f"Việc này dành cho: {who}."
        elif self.role in OFFICE_ROLES:
            what = f"Vai trò “{self.role.label}” chỉ làm việc trên hồ sơ thẩm định, phê duyệt."
        elif ROLES[action] == {Role.ADMIN}:
            what = "Chỉ người quản trị được làm việc này."
        else:
            what = f"Việc này dành cho: {who}."
        return PermissionDenied(
            f"Người dùng “{self.name}” ({self.role.label}) không có quyền {action.label}. {what}"
        )

    def require(self, action: Action) -> None:
        if not self.may(action):
            raise self.refusal_of(action)

    def require_admin(self) -> None:
        if not self.is_admin:
            raise PermissionDenied(
                f"Người dùng “{self.name}” ({self.role.label}) không có quyền này: chỉ người quản trị được làm."
            )


def require(actor: Actor | None, action: Action) -> None:
    """Refuse ``action`` unless ``actor`` may do it; ``None`` (a ward with no accounts yet) may do anything."""
    if actor is not None:
        actor.require(action)


SYSTEM_NAME = "(máy này)"  # the actor recorded when no account exists yet (a ward that has not set users up)
NAME_MAX = 40
PASSWORD_MIN = 8
MASK = "•••"


def checked_login_name(name: str | None) -> str:
    """A login name: trimmed, 2–40 characters, no spaces at the ends, no control characters."""
    text = clean(name or "")
    if len(text) < 2 or len(text) > NAME_MAX:
        raise ValidationError("Tên đăng nhập phải có từ 2 đến 40 ký tự.", field="name")
    if any(ch.isspace() for ch in text):
        raise ValidationError("Tên đăng nhập không được có dấu cách.", field="name")
    return text


def checked_password(password: str | None) -> str:
    text = password or ""
    if len(text) < PASSWORD_MIN:
        raise ValidationError(f"Mật khẩu phải có ít nhất {PASSWORD_MIN} ký tự.", field="password")
    if len(text) > 200:
        raise ValidationError("Mật khẩu quá dài (tối đa 200 ký tự).", field="password")
    return text


def checked_role(value: str | None) -> Role:
    try:
        return Role(value or "")
    except ValueError:
        choices = ", ".join(f"{r.value} ({r.label})" for r in Role)
        raise ValidationError(
            f"Vai trò “{value}” không có. Chọn một trong: {choices}.", field="role"
        ) from None


def lockout_seconds(failed: int) -> int:
    """The wait before the next attempt after ``failed`` wrong passwords in a row: none for the first two,
    then 2, 4, 8 … seconds, at most 15 minutes."""
    if failed < 3:
        return 0
    return int(min(2 ** (failed - 2), 900))
