"""Backups a clerk can trust: a copy at the first start of each day (thinned out over time), before every
upgrade, import and restore, and on request; an optional second folder (a USB drive) gets a copy of each
daily and manual backup, with a warning when it is missing. Restoring itself needs the app's own lock and
is done by the launcher (``persistence.db.restore_database``); this service lists, checks and makes copies."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pbgdpl_desktop.domain.changes import SETTINGS, Changes
from pbgdpl_desktop.domain.errors import StorageError, ValidationError
from pbgdpl_desktop.domain.text import clean
from pbgdpl_desktop.domain.users import Action, require
from pbgdpl_desktop.persistence.audit import write_entry
from pbgdpl_desktop.persistence.backups import (
    BEFORE_IMPORT,
    DAILY,
    MANUAL,
    BackupInfo,
    backup_problems,
    list_backups,
    made_today,
    make_backup,
    rotate,
)
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.settings import SettingsService

log = logging.getLogger(__name__)

SECOND_FOLDER_KEY = "backup.second_folder"
ENCRYPT_KEY = "backup.encrypt_second_folder"


@dataclass(frozen=True)
class BackupOutcome:
    """What a backup did: the copy (None when none was due), the old daily copies removed, and a warning
    for the clerk (the second folder is missing, …) or ""."""

    info: BackupInfo | None
    removed: tuple[Path, ...] = ()
    warning: str = ""


class BackupService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    @property
    def folder(self) -> Path:
        return self._ctx.data_dir / "backups"

    def all(self) -> list[BackupInfo]:
        """Every copy in the backup folder, newest first."""
        return list_backups(self.folder)

    def problems(self, info: BackupInfo) -> list[str]:
        """Why a copy cannot be restored (integrity, schema); empty when it can."""
        return backup_problems(info.path)

    def second_folder(self) -> Path | None:
        value = self._settings.get(SECOND_FOLDER_KEY)
        return Path(value) if value else None

    def set_second_folder(self, folder: str | None) -> Changes:
        text = clean(folder or "")
        if text and not Path(text).is_absolute():
            raise ValidationError("Thư mục sao lưu thứ hai phải là đường dẫn đầy đủ, ví dụ E:\\SaoLuu.")
        return self._settings.set(SECOND_FOLDER_KEY, text or None) | Changes.of(SETTINGS)

    def backup_now(self, password: str | None = None) -> BackupOutcome:
        """The clerk's "Sao lưu ngay"; with a password the copy in the second folder is encrypted (issue #15)."""
        require(self._ctx.actor, Action.BACKUP)
        return self._copy(MANUAL, password)

    def encrypted_copy(self, dest: Path, password: str) -> Path:
        """A fresh backup encrypted with ``password`` (AES-GCM, key from scrypt) into ``dest``."""
        require(self._ctx.actor, Action.BACKUP)
        from pbgdpl_desktop.sync.crypto import encrypt_file  # cryptography: only for an encrypted copy (#17)

        info = make_backup(self._ctx.db.path, self.folder, MANUAL, now=self._local_now())
        path = encrypt_file(info.path, Path(dest), password, content="backup")
        self._trace("backup", f"bản sao lưu mã hóa → {path.name}")
        return path

    def check_restore(self) -> None:
        """Refuse a restore to anyone but the administrator (also in "một người dùng" mode, whose account
        may be a công chức); a ward with no account yet may restore. The launcher and the dialogs ask first."""
        require(self._ctx.actor, Action.RESTORE)

    def open_encrypted(self, path: Path, password: str) -> Path:
        """Decrypt an encrypted copy into the backup folder and check it; returns the plain copy to restore
        from. A wrong password or a changed byte is refused with a clear message and nothing is written."""
        from pbgdpl_desktop.sync.crypto import decrypt_file

        require(self._ctx.actor, Action.RESTORE)
        path = Path(path)
        target = self.folder / (path.name.removesuffix(".enc") + ".giaima.db")
        self.folder.mkdir(parents=True, exist_ok=True)
        decrypt_file(path, target, password)
        problems = backup_problems(target)
        if problems:
            target.unlink(missing_ok=True)
            raise ValidationError(f"Bản sao {path.name} giải mã được nhưng {problems[0]}; không khôi phục.")
        return target

    def _trace(self, action: str, detail: str) -> None:
        if not self._ctx.db.read_only:
            with self._ctx.db.transaction(system=True) as session:
                write_entry(session, action=action, module="core", detail=detail)

    def daily(self) -> BackupOutcome:
        """At start: the day's copy if there is none yet, then the old daily copies are thinned out."""
        today = self._ctx.clock.today()
        if self._ctx.db.is_server:  # saved by the server's own tools (pg_dump), not as a file copy
            return BackupOutcome(None)
        if self._ctx.db.read_only or made_today(self.folder, DAILY, today):
            return BackupOutcome(None)
        outcome = self._copy(DAILY)
        removed = rotate(
            self.folder,
            keep_daily=int(self._settings.get("backup.keep_daily")),
            keep_weekly=int(self._settings.get("backup.keep_weekly")),
            keep_monthly=int(self._settings.get("backup.keep_monthly")),
            today=today,
        )
        if removed:
            log.info("rotated %d old daily backups", len(removed))
        return BackupOutcome(outcome.info, tuple(removed), outcome.warning)

    def before_import(self) -> BackupInfo:
        """A copy right before an import writes many records at once."""
        return make_backup(self._ctx.db.path, self.folder, BEFORE_IMPORT, now=self._local_now())

    def _local_now(self) -> datetime:
        return self._ctx.clock.now().astimezone().replace(tzinfo=None)

    def _copy(self, reason: str, password: str | None = None) -> BackupOutcome:
        info = make_backup(self._ctx.db.path, self.folder, reason, now=self._local_now())
        return BackupOutcome(info, warning=self._to_second_folder(info, password))

    def _to_second_folder(self, info: BackupInfo, password: str | None = None) -> str:
        second = self.second_folder()
        if second is None:
            return ""
        if not second.is_dir():
            return (
                f"Không thấy thư mục sao lưu thứ hai {second} (ổ USB chưa cắm?). Bản sao lưu vẫn được lưu trong "
                f"{self.folder}; hãy cắm ổ rồi bấm “Sao lưu ngay”."
            )
        if password:
            from pbgdpl_desktop.sync.crypto import encrypt_file

            path = encrypt_file(info.path, second / (info.path.name + ".enc"), password, content="backup")
            self._trace("backup", f"bản sao lưu mã hóa → {path}")
            return ""
        if self._settings.get(ENCRYPT_KEY):
            return (
                f"Bản sao lưu thứ hai phải được mã hóa: hãy bấm “Sao lưu ngay” và nhập mật khẩu để chép sang "
                f"{second}. Bản sao lưu vẫn được lưu trong {self.folder}."
            )
        target = second / info.path.name
        try:
            tmp = target.with_name(target.name + ".tmp")
            shutil.copyfile(info.path, tmp)
            tmp.replace(target)
        except OSError as exc:
            log.warning("copy to the second backup folder failed", exc_info=True)
            raise StorageError(
                f"Đã sao lưu vào {self.folder} nhưng không chép được sang {second}: {exc.strerror or exc}."
            ) from exc
        return ""
