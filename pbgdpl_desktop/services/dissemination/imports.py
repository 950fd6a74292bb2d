"""Excel logbook import: template export, preview with per-row errors, import of the good rows in one
transaction, and a stable import key so that importing the same file twice never duplicates a session."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.changes import DISSEMINATION, Changes
from pbgdpl_desktop.domain.dates import parse_date, spell_date
from pbgdpl_desktop.domain.dissemination import DisseminationForm, SessionInput, TargetGroup
from pbgdpl_desktop.domain.errors import DomainError, ValidationError
from pbgdpl_desktop.domain.text import clean, clean_input, fold
from pbgdpl_desktop.persistence.models.base import new_id
from pbgdpl_desktop.persistence.repos import dissemination_session_repo as repo
from pbgdpl_desktop.services.core.backups import BackupService
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.dissemination.sessions import session_row_values

MAX_IMPORT_ROWS = 10_000
_FORM_BY_FOLD = {fold(f.label): f for f in DisseminationForm} | {f.value: f for f in DisseminationForm}
_GROUP_BY_FOLD = {fold(g.label): g for g in TargetGroup} | {fold(g.display): g for g in TargetGroup}
_YES = {"co", "x", "yes", "1", "true", "c"}
_NO = {"", "khong", "no", "0", "false", "k"}


@dataclass(frozen=True)
class ImportRow:
    row_number: int
    data: SessionInput
    key: str
    duplicate: bool  # already in the database (or earlier in this file): skipped on import

    @property
    def held_on_spelled(self) -> str:
        """ "05/03/2026 — ngày 5 tháng 3": a day and month swapped by the suite shows before the import."""
        return spell_date(self.data.held_on)


@dataclass(frozen=True)
class RowError:
    row_number: int
    message: str


@dataclass(frozen=True)
class ImportPreview:
    path: Path
    rows: tuple[ImportRow, ...]
    errors: tuple[RowError, ...]

    @property
    def new_rows(self) -> tuple[ImportRow, ...]:
        return tuple(r for r in self.rows if not r.duplicate)

    def error_report(self) -> str:
        return "\n".join(f"Dòng {e.row_number}: {e.message}" for e in self.errors)


def import_key(data: SessionInput) -> str:
    """Stable key from the row content (folded text, so retyped accents or spaces do not matter)."""
    parts = [
        data.held_on.isoformat(),
        data.start_time,
        fold(data.title),
        data.form.value,
        str(data.online),
        fold(data.place),
        fold(data.residential_group),
        ",".join(sorted(g.value for g in data.target_groups)),
        fold(data.laws_extra),
        fold(data.speakers_extra),
        str(data.attendance_total),
        str(data.attendance_women),
        str(data.attendance_special),
        str(data.materials_count),
        str(data.law_day),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(str(value))


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(_text(value), field="held_on", label="Ngày")


def _int(value: Any, label: str) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise ValidationError(f"{label}: “{value}” không phải số.")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValidationError(f"{label}: “{value}” không phải số.")
        if float(value) != int(value):
            raise ValidationError(f"{label}: “{value}” không phải số nguyên.")
        return int(value)
    text = _text(value).replace(".", "").replace(" ", "")
    if not text.lstrip("-").isdigit():
        raise ValidationError(f"{label}: “{_text(value)[:40]}” không phải số.")
    if len(text) > 15:  # int() of thousands of digits is slow or refused; no count is that big
        raise ValidationError(f"{label}: số quá lớn.")
    return int(text)


def _flag(value: Any, label: str) -> bool:
    if isinstance(value, bool):
        return value
    folded = fold(_text(value))
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise ValidationError(f"{label}: “{_text(value)}” — ghi Có hoặc Không.")


def _time(value: Any) -> str:
    if hasattr(value, "hour") and hasattr(value, "minute"):
        return f"{value.hour:02d}:{value.minute:02d}"
    return _text(value)


def _form(value: Any) -> DisseminationForm:
    form = _FORM_BY_FOLD.get(fold(_text(value)))
    if form is None:
        raise ValidationError(
            f"Hình thức “{_text(value)}” không có trong danh sách."
            if _text(value)
            else "Hình thức: chưa nhập."
        )
    return form


def _groups(value: Any) -> tuple[TargetGroup, ...]:
    names = [p for p in (fold(x) for x in _text(value).split(";")) if p]
    if not names:
        return (TargetGroup.GENERAL,)
    unknown = [n for n in names if n not in _GROUP_BY_FOLD]
    if unknown:
        raise ValidationError(f"Đối tượng “{'; '.join(unknown)}” không có trong danh sách.")
    return tuple(_GROUP_BY_FOLD[n] for n in names)


def parse_row(values: dict[str, Any]) -> SessionInput:
    """Raw cell values → SessionInput (raises ValidationError with a Vietnamese reason)."""
    return SessionInput(
        held_on=_date(values.get("held_on")),
        start_time=_time(values.get("start_time")),
        title=_text(values.get("title")),
        form=_form(values.get("form")),
        online=_flag(values.get("online"), "Trực tuyến"),
        place=_text(values.get("place")),
        residential_group=_text(values.get("residential_group")),
        target_groups=_groups(values.get("target_groups")),
        laws_extra=_text(values.get("laws")),
        speakers_extra=_text(values.get("speakers")),
        attendance_total=_int(values.get("attendance_total"), "Tổng số người dự"),
        attendance_women=_int(values.get("attendance_women"), "Số nữ"),
        attendance_special=_int(values.get("attendance_special"), "Số đối tượng đặc thù"),
        materials_count=_int(values.get("materials_count"), "Số tài liệu phát"),
        law_day=_flag(values.get("law_day"), "Ngày Pháp luật"),
        notes=_text(values.get("notes")),
    ).normalised()


def link_speakers(data: SessionInput, registry: dict[str, str]) -> SessionInput:
    """Names typed in the logbook that match a registry person (ignoring accents and case) become links."""
    ids, rest = [], []
    for name in (clean(x) for x in data.speakers_extra.replace(",", ";").split(";")):
        if not name:
            continue
        speaker_id = registry.get(fold(name))
        if speaker_id and speaker_id not in ids:
            ids.append(speaker_id)
        else:
            rest.append(name)
    return replace(data, speaker_ids=tuple(ids), speakers_extra="; ".join(rest))


class ImportService:
    def __init__(self, ctx: ServiceContext, backups: BackupService) -> None:
        self._ctx = ctx
        self._backups = backups

    def export_template(self, path: Path) -> Path:
        from pbgdpl_desktop.exports import dissemination_excel as excel  # openpyxl when used

        return excel.write_template(
            Path(path), [f.label for f in DisseminationForm], [g.label for g in TargetGroup]
        )

    def preview(self, path: Path) -> ImportPreview:
        """Read and check every row; nothing is written. Raises ImportFileError for an unusable file."""
        from pbgdpl_desktop.exports import dissemination_excel as excel  # openpyxl when used

        raw = excel.read_rows(Path(path), max_rows=MAX_IMPORT_ROWS)
        today = self._ctx.clock.today()
        parsed: list[tuple[int, SessionInput, str]] = []
        errors: list[RowError] = []
        for row in raw:
            try:
                data = clean_input(parse_row(row.values))
                data.validate(today)
            except DomainError as exc:
                errors.append(RowError(row.row_number, exc.message.replace("\n", " ")))
                continue
            parsed.append((row.row_number, data, import_key(data)))  # key from the cells as typed
        with self._ctx.db.read() as session:
            existing = repo.existing_import_keys(session, [k for _, _, k in parsed])
            registry = {fold(name): speaker_id for speaker_id, name in repo.speaker_names(session).items()}
        parsed = [(n, link_speakers(d, registry), k) for n, d, k in parsed]
        seen: set[str] = set()
        rows = []
        for number, data, key in parsed:
            rows.append(ImportRow(number, data, key, key in existing or key in seen))
            seen.add(key)
        return ImportPreview(Path(path), tuple(rows), tuple(errors))

    def commit(self, preview: ImportPreview) -> tuple[int, Changes]:
        """Insert the good, new rows of a preview in one transaction (after a backup copy of the database);
        returns how many were added."""
        candidates = preview.new_rows
        if candidates:
            self._backups.before_import()
        with self._ctx.db.transaction() as session:
            existing = repo.existing_import_keys(session, [r.key for r in candidates])
            names = repo.speaker_names(session)
            values, links = [], []
            for r in candidates:
                if r.key in existing:
                    continue
                existing.add(r.key)
                linked = [
                    s for s in r.data.speaker_ids if s in names
                ]  # a speaker deleted since the preview: dropped
                speakers = "; ".join(
                    [*(names[s] for s in linked), *([r.data.speakers_extra] if r.data.speakers_extra else [])]
                )
                row = {
                    "id": new_id(),
                    **session_row_values(r.data, speakers, r.data.laws_extra),
                    "import_key": r.key,
                }
                values.append(row)
                links += [("speaker", row["id"], s) for s in linked]
            now = self._ctx.clock.now()
            added = repo.bulk_insert(session, values, now=now)
            repo.bulk_insert_links(session, links, now=now)
        return added, Changes.of(DISSEMINATION) if added else Changes()
