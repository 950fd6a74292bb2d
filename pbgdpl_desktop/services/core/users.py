"""Local accounts (issue #15): the first administrator, adding, resetting and disabling accounts, signing in
with a growing wait after wrong passwords (kept in the database, so it survives a restart), the "một người
dùng" mode that signs in without a password, and the signed-in user held by the open database (every write
is then checked against that role and traced, ``persistence.audit``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from pbgdpl_desktop.domain.changes import SETTINGS, Changes
from pbgdpl_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from pbgdpl_desktop.domain.users import (
    Action,
    Actor,
    PermissionDenied,
    Role,
    checked_login_name,
    checked_password,
    checked_role,
    lockout_seconds,
    require,
)
from pbgdpl_desktop.persistence import DbSession
from pbgdpl_desktop.persistence.audit import write_entry
from pbgdpl_desktop.persistence.models.users import AppUser
from pbgdpl_desktop.persistence.repos import users_repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.passwords import full_strength, hash_password, verify_password
from pbgdpl_desktop.services.core.settings import SettingsService

SINGLE_USER_KEY = "users.single_user"
IDLE_LOCK_KEY = "users.idle_lock_minutes"
WRONG_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng."


@dataclass(frozen=True)
class UserInfo:
    name: str
    display_name: str
    role: Role
    disabled: bool
    failed_count: int
    last_login_at: datetime | None

    @property
    def role_label(self) -> str:
        return self.role.label


def _info(row: AppUser) -> UserInfo:
    return UserInfo(
        row.name, row.display_name, Role(row.role), row.disabled, row.failed_count, row.last_login_at
    )


class UserService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    # ------------------------------------------------------------------ queries
    def all(self) -> list[UserInfo]:
        with self._ctx.db.read() as session:
            return [_info(row) for row in users_repo.all_users(session)]

    def has_accounts(self) -> bool:
        with self._ctx.db.read() as session:
            return users_repo.count(session) > 0

    @property
    def actor(self) -> Actor | None:
        return self._ctx.actor

    def single_user(self) -> str | None:
        return self._settings.get(SINGLE_USER_KEY)

    def idle_lock_minutes(self) -> int:
        return int(self._settings.get(IDLE_LOCK_KEY))

    def needs_login(self) -> bool:
        """True when the window must ask for a password: accounts exist and no "một người dùng" mode."""
        return self.has_accounts() and not self.single_user()

    # ------------------------------------------------------------------ accounts
    def create_first_admin(
        self, name: str, password: str, display_name: str = "", *, password_hash: str | None = None
    ) -> UserInfo:
        """The first run: the administrator, signed in at once. Refused once any account exists.
        ``password_hash``: see ``add``."""
        if self.has_accounts():
            raise ConflictError("Đã có tài khoản quản trị; hãy đăng nhập.")
        info = self._add(name, Role.ADMIN, password, display_name, system=True, password_hash=password_hash)
        self._ctx.db.actor = Actor(info.name, info.role, info.display_name)
        return info

    def add(
        self, name: str, role: str, password: str, display_name: str = "", *, password_hash: str | None = None
    ) -> UserInfo:
        """A new account. ``password_hash``, for the demo ward only (#17 §5): the hash of ``password`` made
        once per process (``hash_password``), stored as given — refused unless made with the full KDF
        parameters; every other account's password is hashed here, with a salt of its own."""
        require(self._ctx.actor, Action.USERS)
        if not self.has_accounts() and checked_role(role) is not Role.ADMIN:
            raise ValidationError("Tài khoản đầu tiên phải là quản trị.", field="role")
        return self._add(name, checked_role(role), password, display_name, password_hash=password_hash)

    def _add(
        self,
        name: str,
        role: Role,
        password: str,
        display_name: str,
        *,
        system: bool = False,
        password_hash: str | None = None,
    ) -> UserInfo:
        login = checked_login_name(name)
        password = checked_password(password)
        if password_hash is not None and not full_strength(password_hash):
            raise ValidationError("Mã băm mật khẩu không đủ tham số bảo vệ.", field="password")
        secret = password_hash or hash_password(password)
        with self._ctx.db.transaction(system=system) as session:
            if users_repo.by_name(session, login) is not None:
                raise ConflictError(f"Đã có tài khoản “{login}”.", field="name")
            row = users_repo.add(
                session,
                AppUser(
                    name=login,
                    display_name=display_name.strip()[:120],
                    role=role.value,
                    password_hash=secret,
                    created_at=self._ctx.clock.now(),
                ),
            )
            return _info(row)

    def reset_password(self, name: str, new_password: str) -> None:
        """The administrator sets a new password (the account is unlocked and must change it)."""
        require(self._ctx.actor, Action.USERS)
        secret = hash_password(checked_password(new_password))
        with self._ctx.db.transaction() as session:
            row = self._row(session, name)
            row.password_hash, row.failed_count, row.locked_until = secret, 0, None

    def change_own_password(self, old: str, new: str) -> None:
        actor = self._ctx.actor
        if actor is None:
            raise PermissionDenied("Chưa đăng nhập.")
        secret = hash_password(checked_password(new))
        with self._ctx.db.transaction(system=True) as session:
            row = self._row(session, actor.name)
            if not verify_password(old, row.password_hash):
                raise ValidationError("Mật khẩu hiện tại không đúng.", field="password")
            row.password_hash, row.must_change = secret, False

    def set_disabled(self, name: str, disabled: bool = True) -> None:
        require(self._ctx.actor, Action.USERS)
        with self._ctx.db.transaction() as session:
            row = self._row(session, name)
            if disabled and row.role == Role.ADMIN and self._last_admin(session, row):
                raise ConflictError("Không khóa được tài khoản quản trị cuối cùng.")
            row.disabled = disabled

    def set_role(self, name: str, role: str) -> None:
        require(self._ctx.actor, Action.USERS)
        new_role = checked_role(role)
        with self._ctx.db.transaction() as session:
            row = self._row(session, name)
            if new_role is not Role.ADMIN and row.role == Role.ADMIN and self._last_admin(session, row):
                raise ConflictError("Phải còn ít nhất một tài khoản quản trị.")
            row.role = new_role.value

    def set_single_user(self, name: str | None) -> Changes:
        """Turn "một người dùng" on (that account signs in without a password) or off (``None``)."""
        require(self._ctx.actor, Action.USERS)
        if name:
            with self._ctx.db.read() as session:
                row = self._row(session, name)
                if row.disabled:
                    raise ValidationError(f"Tài khoản “{row.name}” đã bị khóa.")
                name = row.name
        return self._settings.set(SINGLE_USER_KEY, name or None) | Changes.of(SETTINGS)

    def _last_admin(self, session: DbSession, row: AppUser) -> bool:
        admins = [u for u in users_repo.all_users(session) if u.role == Role.ADMIN and not u.disabled]
        return admins == [row]

    def _row(self, session: DbSession, name: str) -> AppUser:
        row = users_repo.by_name(session, (name or "").strip())
        if row is None:
            raise NotFoundError(f"Không có tài khoản “{name}”.")
        return row

    # ------------------------------------------------------------------ signing in
    def login(self, name: str, password: str) -> Actor:
        """Check the password; on success the account becomes the acting user. A wrong password counts, and
        after the third one in a row the next try must wait (2, 4, 8 … s, at most 15 minutes)."""
        now = self._ctx.clock.now()
        with self._ctx.db.transaction(system=True) as session:
            row = users_repo.by_name(session, (name or "").strip())
            if row is None:
                write_entry(
                    session,
                    action="login_failed",
                    module="users",
                    detail=f"tên “{name[:40]}”",
                    actor=name[:40] or "?",
                )
                raise ValidationError(WRONG_LOGIN, field="password")
            if row.disabled:
                raise PermissionDenied(f"Tài khoản “{row.name}” đã bị khóa. Hãy nhờ người quản trị mở lại.")
            if row.locked_until is not None and row.locked_until > now:
                wait = int((row.locked_until - now).total_seconds()) + 1
                raise PermissionDenied(f"Đã nhập sai mật khẩu nhiều lần. Hãy thử lại sau {wait} giây.")
            ok = verify_password(password or "", row.password_hash)
        if not ok:
            self._count_failure(name, now)
            raise ValidationError(WRONG_LOGIN, field="password")
        with self._ctx.db.transaction(system=True) as session:
            row = self._row(session, name)
            row.failed_count, row.locked_until, row.last_login_at = 0, None, now
            actor = Actor(row.name, Role(row.role), row.display_name)
            write_entry(
                session,
                action="login",
                module="users",
                table="app_user",
                record_id=row.id,
                actor=actor.name,
                role=actor.role.value,
            )
        self._ctx.db.actor = actor
        return actor

    def _count_failure(self, name: str, now: datetime) -> None:
        # its own transaction: the count must survive the refusal that follows
        with self._ctx.db.transaction(system=True) as session:
            row = self._row(session, name)
            row.failed_count += 1
            wait = lockout_seconds(row.failed_count)
            row.locked_until = now + timedelta(seconds=wait) if wait else None
            write_entry(
                session,
                action="login_failed",
                module="users",
                table="app_user",
                record_id=row.id,
                detail=f"sai mật khẩu lần {row.failed_count}",
                actor=row.name,
                role=row.role,
            )

    def login_single_user(self) -> Actor | None:
        """Start of the app in "một người dùng" mode: that account acts, with no password asked."""
        name = self.single_user()
        if not name:
            return None
        with self._ctx.db.transaction(system=True) as session:
            row = users_repo.by_name(session, name)
            if row is None or row.disabled:
                return None
            actor = Actor(row.name, Role(row.role), row.display_name)
            row.last_login_at = self._ctx.clock.now()
            write_entry(
                session,
                action="login",
                module="users",
                table="app_user",
                record_id=row.id,
                detail="một người dùng",
                actor=actor.name,
                role=actor.role.value,
            )
        self._ctx.db.actor = actor
        return actor

    def act_as(self, actor: Actor | None) -> None:
        """Set the acting user directly (tests, the demo builder); the CLI and the window go through login."""
        self._ctx.db.actor = actor

    def logout(self) -> None:
        self._ctx.db.actor = None
