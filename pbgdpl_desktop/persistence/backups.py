"""The backup folder: copies made by the SQLite online backup API, each with a small description beside it
(``<copy>.db.json``: when, why, size, SHA-256, schema revision, record counts) so that the restore list can
show them without opening every file, and so that the same content is never kept twice.

Reasons (in the file name and the description): ``hang-ngay`` (the first start of each day), ``thu-cong``
(the clerk's "Sao lưu ngay"), ``truoc-nang-cap-<rev>``, ``truoc-khoi-phuc``, ``truoc-nhap`` (before an
import). Only the daily copies are thinned out by ``rotate``: the recent days, then one a week, then one a
month; the others are few and each marks a moment the clerk may want to go back to.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.persistence.db import (
    _ro_connect,
    backup_database,
    check_is_sqlite,
    integrity_problems,
    known_revisions,
    read_revision,
)

META_SUFFIX = ".json"
DAILY = "hang-ngay"
MANUAL = "thu-cong"
BEFORE_RESTORE = "truoc-khoi-phuc"
BEFORE_IMPORT = "truoc-nhap"
REASON_LABELS = {
    DAILY: "Tự động hằng ngày",
    MANUAL: "Sao lưu thủ công",
    BEFORE_RESTORE: "Trước khi khôi phục",
    BEFORE_IMPORT: "Trước khi nhập dữ liệu",
}
# Record counts shown in the restore list (live rows).
COUNTED = {
    "dissemination_session": "buổi PBGDPL",
    "mediation_case": "vụ việc hòa giải",
    "expenditure": "khoản chi",
}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int
    sha256: str
    revision: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def created_text(self) -> str:
        return self.created.strftime("%d/%m/%Y %H:%M")

    @property
    def reason_label(self) -> str:
        if self.reason.startswith("truoc-nang-cap"):
            return "Trước khi nâng cấp phần mềm"
        return REASON_LABELS.get(self.reason, self.reason)

    @property
    def counts_text(self) -> str:
        return ", ".join(f"{n:,} {COUNTED.get(t, t)}".replace(",", ".") for t, n in self.counts.items())


def sha256_of(path: Path) -> str:
    """SHA-256 of an SQLite copy's content: the header's two change counters (bytes 24–27 and 92–95, which
    every write bumps, so two copies of unchanged data differ there) are left out."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        header = fh.read(100)
        digest.update(header[:24] + header[28:92] + header[96:])
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _counts(path: Path) -> dict[str, int]:
    out = {}
    try:
        with closing(_ro_connect(path)) as con:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            for table in COUNTED:
                if table in tables:
                    out[table] = con.execute(
                        f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL"
                    ).fetchone()[0]
    except sqlite3.DatabaseError:
        return {}
    return out


def describe(path: Path, reason: str, created: datetime) -> BackupInfo:
    try:
        revision = read_revision(path)[0]
    except DomainError:
        revision = None
    return BackupInfo(path, created, reason, path.stat().st_size, sha256_of(path), revision, _counts(path))


def _write_meta(info: BackupInfo) -> None:
    meta = info.path.with_name(info.path.name + META_SUFFIX)
    data = asdict(info) | {"path": info.path.name, "created": info.created.isoformat(timespec="seconds")}
    tmp = meta.with_name(meta.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, meta)


def _read_meta(path: Path) -> BackupInfo | None:
    meta = path.with_name(path.name + META_SUFFIX)
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        return BackupInfo(
            path,
            datetime.fromisoformat(data["created"]),
            str(data["reason"]),
            int(data["size"]),
            str(data["sha256"]),
            data.get("revision"),
            {str(k): int(v) for k, v in (data.get("counts") or {}).items()},
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _guess(path: Path) -> BackupInfo:
    """A copy without its description (older versions of the app): read what the name and file say."""
    parts = path.stem.split("-")
    created = datetime.fromtimestamp(path.stat().st_mtime)
    for i in range(len(parts) - 1):
        try:
            created = datetime.strptime(f"{parts[i]}-{parts[i + 1]}", "%Y%m%d-%H%M%S")
            reason = "-".join(parts[i + 2 :]) or MANUAL
            break
        except ValueError:
            continue
    else:
        reason = MANUAL
    info = describe(path, reason, created)
    _write_meta(info)
    return info


def list_backups(backups_dir: Path | None) -> list[BackupInfo]:
    """Every copy in the folder, newest first."""
    if backups_dir is None or not backups_dir.is_dir():
        return []
    out = []
    for path in backups_dir.glob("*.db"):
        try:
            out.append(_read_meta(path) or _guess(path))
        except OSError:
            continue  # removed meanwhile
    return sorted(out, key=lambda b: b.created, reverse=True)


def _free_name(backups_dir: Path, stem: str, stamp: str, reason: str) -> Path:
    candidate = backups_dir / f"{stem}-{stamp}-{reason}.db"
    number = 2
    while candidate.exists():
        candidate = backups_dir / f"{stem}-{stamp}-{number}-{reason}.db"
        number += 1
    return candidate


def make_backup(db_path: Path, backups_dir: Path, reason: str, *, now: datetime | None = None) -> BackupInfo:
    """A new copy of ``db_path`` in ``backups_dir`` — unless a copy with exactly the same content is already
    there (a file that fails to open keeps failing: its copies must not pile up), which is returned instead."""
    created = now or datetime.now()
    backups_dir.mkdir(parents=True, exist_ok=True)
    dest = _free_name(backups_dir, db_path.stem, created.strftime("%Y%m%d-%H%M%S"), reason)
    backup_database(db_path, dest)
    info = describe(dest, reason, created)
    twin = next((b for b in list_backups(backups_dir) if b.sha256 == info.sha256 and b.path != dest), None)
    if twin is not None:
        dest.unlink()
        return twin
    _write_meta(info)
    return info


def copy_raw(db_path: Path, backups_dir: Path, reason: str) -> Path:
    """A byte copy of a file SQLite cannot read (kept before it is replaced), with its WAL if any."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    dest = _free_name(backups_dir, db_path.stem, datetime.now().strftime("%Y%m%d-%H%M%S"), reason + "-hong")
    dest = dest.with_suffix(".hong")
    for source, target in ((db_path, dest), (Path(f"{db_path}-wal"), Path(f"{dest}-wal"))):
        if source.exists():
            tmp = target.with_name(target.name + ".tmp")
            with source.open("rb") as src, tmp.open("wb") as out:
                for chunk in iter(lambda: src.read(1024 * 1024), b""):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
    return dest


def backup_problems(path: Path) -> list[str]:
    """Why ``path`` cannot be restored (empty when it can): not SQLite, not ours, newer, damaged."""
    try:
        check_is_sqlite(path)
        revision, _ = read_revision(path)
    except DomainError as exc:
        return [exc.message]
    if revision is None:
        return ["không phải bản sao lưu của phần mềm này"]
    if revision not in known_revisions():
        return [f"thuộc phiên bản phần mềm mới hơn (lược đồ “{revision}”)"]
    return [f"bị hỏng: {p}" for p in integrity_problems(path)]


def newest_good_backup(backups_dir: Path | None) -> BackupInfo | None:
    """The newest copy that passes ``integrity_check`` and whose schema this version knows."""
    for info in list_backups(backups_dir):
        if not backup_problems(info.path):
            return info
    return None


def _bucket(day: date, today: date, keep_daily: int, keep_weekly: int, keep_monthly: int) -> tuple | None:
    """Which slot a copy of ``day`` falls in: one per day, then per 7 days, then per 31 days, counted back
    from today (fixed-length slots: exactly ``keep_weekly`` weeks and ``keep_monthly`` months are kept)."""
    age = (today - day).days
    if age < keep_daily:
        return ("day", age)
    age -= keep_daily
    if age < 7 * keep_weekly:
        return ("week", age // 7)
    age -= 7 * keep_weekly
    if age < 31 * keep_monthly:
        return ("month", age // 31)
    return None


def rotate(
    backups_dir: Path, *, keep_daily: int, keep_weekly: int, keep_monthly: int, today: date | None = None
) -> list[Path]:
    """Thin out the daily copies: every day of the last ``keep_daily`` days, then the newest copy of each of
    ``keep_weekly`` weeks before, then of each of ``keep_monthly`` months (31 days) before that; the rest is
    removed. Returns what was removed."""
    today = today or date.today()
    kept: set[tuple] = set()
    removed = []
    for info in list_backups(backups_dir):  # newest first: the newest of each bucket is kept
        if info.reason != DAILY:
            continue
        bucket = _bucket(info.created.date(), today, keep_daily, keep_weekly, keep_monthly)
        if bucket is not None and bucket not in kept:
            kept.add(bucket)
            continue
        removed.append(info.path)
    for path in removed:
        for file in (path, path.with_name(path.name + META_SUFFIX)):
            file.unlink(missing_ok=True)
    return removed


def made_today(backups_dir: Path, reason: str, today: date | None = None) -> bool:
    today = today or date.today()
    return any(b.reason == reason and b.created.date() == today for b in list_backups(backups_dir))


def total_size(infos: Iterable[BackupInfo]) -> int:
    return sum(b.size for b in infos)


def since(infos: Iterable[BackupInfo], days: int) -> list[BackupInfo]:
    limit = datetime.now() - timedelta(days=days)
    return [b for b in infos if b.created >= limit]
