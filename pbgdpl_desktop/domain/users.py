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


# Tables only the administrator writes: accounts, the ward profile, the finance norm table.
ADMIN_TABLES = frozenset({"app_user", "ward_profile", "finance_norm", "finance_category"})
# Tables every signed-in user may write: this PC's preferences (text size, last folders).
PREFERENCE_TABLES = frozenset({"setting"})
OFFICE_PREFIX = "office_"
OFFICE_ROLES = frozenset({Role.REVIEWER, Role.LEADER})


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

    def may_write(self, table: str) -> bool:
        if table in PREFERENCE_TABLES or self.role is Role.ADMIN:
            return True
        if self.role is Role.CLERK:
            return table not in ADMIN_TABLES
        if self.role in OFFICE_ROLES:
            return table.startswith(OFFICE_PREFIX)
        return False

    def refusal(self, table: str) -> PermissionDenied:
        if self.role is Role.CLERK:
            what = "Chỉ người quản trị được sửa tài khoản, thông tin xã/phường và bảng định mức."
        elif self.role in OFFICE_ROLES:
            what = f"Vai trò “{self.role.label}” chỉ làm việc trên hồ sơ thẩm định, phê duyệt."
        else:
            what = "Vai trò “Chỉ xem” chỉ được xem và in, không lưu được thay đổi."
        return PermissionDenied(f"Người dùng “{self.name}” không có quyền lưu thay đổi này. {what}")

    def require_admin(self) -> None:
        if not self.is_admin:
            raise PermissionDenied(
                f"Người dùng “{self.name}” ({self.role.label}) không có quyền này: chỉ người quản trị được làm."
            )


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
