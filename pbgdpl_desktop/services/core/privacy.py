"""Care for citizens' personal data (issue #15): the retention rule for closed mediation cases (preview, then
anonymise the parties' names, birth years and addresses, with an audit entry and the values the trail kept
erased), and everything stored about one person for a request from that person (JSON or Excel)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.changes import MEDIATION, Changes
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.errors import StorageError, ValidationError
from pbgdpl_desktop.domain.text import fold, search_words
from pbgdpl_desktop.domain.users import Action, require
from pbgdpl_desktop.persistence.audit import write_entry
from pbgdpl_desktop.persistence.repos import privacy_repo, users_repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.settings import SettingsService

RETENTION_KEY = "privacy.mediation_retention_years"


@dataclass(frozen=True)
class RetentionItem:
    case_id: str
    number_text: str
    result_date: date
    parties: str

    @property
    def result_text(self) -> str:
        return format_date(self.result_date)


@dataclass(frozen=True)
class PersonRecord:
    table: str
    label: str
    data: dict[str, Any]


def _cutoff(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29/02
        return today.replace(year=today.year - years, day=28)


class PrivacyService:
    def __init__(self, ctx: ServiceContext, settings: SettingsService) -> None:
        self._ctx = ctx
        self._settings = settings

    def retention_years(self) -> int | None:
        return self._settings.get(RETENTION_KEY)

    def set_retention_years(self, years: int | None) -> Changes:
        require(self._ctx.actor, Action.PRIVACY)
        return self._settings.set(RETENTION_KEY, years)

    def _years(self, years: int | None) -> int:
        value = years if years is not None else self.retention_years()
        if value is None:
            raise ValidationError("Chưa đặt số năm lưu giữ dữ liệu cá nhân của vụ việc hòa giải đã kết thúc.")
        if not 1 <= int(value) <= 50:
            raise ValidationError("Số năm lưu giữ phải từ 1 đến 50.")
        return int(value)

    def preview(self, years: int | None = None) -> list[RetentionItem]:
        """The closed cases the rule would anonymise now (nothing is changed)."""
        cutoff = _cutoff(self._ctx.clock.today(), self._years(years))
        with self._ctx.db.read() as session:
            return [
                RetentionItem(
                    c.id, f"{c.case_number}/{c.case_year}", c.result_date or cutoff, c.parties_display
                )
                for c in privacy_repo.closed_cases_before(session, cutoff)
            ]

    def anonymise(self, years: int | None = None) -> tuple[int, Changes]:
        """Anonymise the parties of the cases of ``preview`` in one transaction (administrator only)."""
        require(self._ctx.actor, Action.PRIVACY)
        n = self._years(years)
        cutoff = _cutoff(self._ctx.clock.today(), n)
        with self._ctx.db.transaction() as session:
            cases = privacy_repo.closed_cases_before(session, cutoff)
            ids: list[str] = []
            for case in cases:
                ids += privacy_repo.anonymise_case(session, case)
            session.flush()  # the trail of this change is written now …
            users_repo.forget_personal(
                session, ids
            )  # … and the personal values it (and earlier ones) kept go
            write_entry(
                session,
                action="anonymise",
                module="mediation",
                detail=f"{len(cases)} vụ việc có kết quả trước {format_date(cutoff)} (lưu giữ {n} năm)",
            )
        return len(cases), Changes.of(MEDIATION)

    # ------------------------------------------------------------------ a person's data
    def find_person(self, name: str) -> list[PersonRecord]:
        """Every row naming a person whose name holds all the words searched (no diacritics needed)."""
        words = search_words(name)
        if not words:
            raise ValidationError("Hãy nhập họ tên người cần tìm.", field="name")
        folded = [fold(w) for w in words]

        def matches(text: str) -> bool:
            name_words = fold(text).split()
            return all(w in name_words for w in folded)

        with self._ctx.db.read() as session:
            return [
                PersonRecord(t, label, data) for t, label, data in privacy_repo.rows_naming(session, matches)
            ]

    def export_person(self, name: str, path: Path) -> tuple[Path, int]:
        """Write what ``find_person`` finds to ``path`` (.json, or .xlsx); recorded in the trail."""
        require(self._ctx.actor, Action.PERSON_EXPORT)
        records = self.find_person(name)
        path = Path(path)
        try:
            if path.suffix.lower() == ".xlsx":
                from pbgdpl_desktop.exports.table_excel import write_table  # openpyxl: only when exporting

                rows = [
                    (r.label, r.table, key, json.dumps(value, ensure_ascii=False, default=str))
                    for r in records
                    for key, value in r.data.items()
                ]
                write_table(path, [("Dữ liệu cá nhân", ("Loại", "Bảng", "Trường", "Giá trị"), rows)])
            else:
                payload = {
                    "nguoi_tim": name,
                    "ngay_xuat": self._ctx.clock.today().isoformat(),
                    "ban_ghi": [{"loai": r.label, "bang": r.table, "du_lieu": r.data} for r in records],
                }
                tmp = path.with_name(path.name + ".tmp")
                tmp.write_text(
                    json.dumps(payload, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
                )
                os.replace(tmp, path)
        except OSError as exc:
            raise StorageError(f"Không ghi được tệp {path}: {exc.strerror or exc}.") from exc
        with self._ctx.db.transaction(system=True) as session:
            write_entry(
                session, action="person_export", module="core", detail=f"{len(records)} bản ghi → {path.name}"
            )
        return path, len(records)
