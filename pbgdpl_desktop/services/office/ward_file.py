"""One ward's file at the office (docs/office.md, "One ward's file"): its assessment re-computed by the office
with the ward's own services and engine, side by side with the ward's saved result and the council's
appraisal; and the documents the ward sent (evidence files, the year's dossier and result) with the check of
each PDF's digital signatures — the ward's stored check and the office's own.

Re-computation: the ward's rows (``office_row``) are written back into a private ward database made with the
real migrations (``<data dir>/sync/recompute/<ward>/ward.db``), rebuilt only when the ward's import stamp
changed; the ward's ``Services`` are opened over it and ``assessment.scoring`` computes the year exactly as
at the ward. The outcome of a (stamp, year) is kept beside it as JSON, so a second opening reads a file."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pbgdpl_desktop
from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.domain.errors import DomainError, NotFoundError, StorageError
from pbgdpl_desktop.persistence.db import head_revision
from pbgdpl_desktop.persistence.repos import office_repo, sync_repo
from pbgdpl_desktop.persistence.repos.ward_copy_repo import copy_ward_rows
from pbgdpl_desktop.scoring import to_json
from pbgdpl_desktop.scoring.values import Lookup
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.office.ward_file_dto import (
    VERDICTS,
    IndicatorLine,
    Recomputed,
    SignatureView,
    WardDocument,
    fields_of,
    from_json_data,
    side_by_side,
    text_of,
    to_json_data,
)
from pbgdpl_desktop.services.sync.dto import ALREADY, IMPORTED, ImportBatch

if TYPE_CHECKING:
    from pbgdpl_desktop.services.registry import Services
    from pbgdpl_desktop.services.signing.service import SignatureReport, SigningService


# ------------------------------------------------------------------------------------------------ service
log = logging.getLogger(__name__)
KEEP_COPIES = 20  # ward copies kept at start-up (≈ 3–4 MB each): the most recently opened
BUILD_GRACE_S = 600


class WardFileService:
    def __init__(self, ctx: ServiceContext, signing: SigningService | None = None) -> None:
        self._ctx = ctx
        self._signing = signing

    @property
    def folder(self) -> Path:
        return self._ctx.data_dir / "sync" / "recompute"

    @property
    def evidence_folder(self) -> Path:
        return self._ctx.data_dir / "sync" / "evidence"

    @property
    def attachments_folder(self) -> Path:
        return self._ctx.data_dir / "sync" / "attachments"

    def _stamp(self, ward_code: str) -> str:
        with self._ctx.db.read() as session:
            stamps = office_repo.ward_stamps(session)
        if ward_code not in stamps:
            raise NotFoundError(f"Chưa nhận gói dữ liệu nào của xã/phường {ward_code}.")
        return _stamp_text(*stamps[ward_code])

    # ------------------------------------------------------------------------ the cache of ward copies
    def prune(self, *, keep: int = KEEP_COPIES, wards: Iterable[str] | None = None) -> list[str]:
        """Remove the ward copies (``<data>/sync/recompute/<ward>/``) that can no longer be used: a copy
        built from an older import of its ward (a newer bundle came in), of a ward the office no longer
        holds, an empty template of another schema revision, a half-made one; then, beyond the ``keep``
        most recently opened, the least recently opened. ``wards``: look only at these wards' copies (after
        an import), and remove only stale ones. Returns what was removed (folder or file names)."""
        folder = self.folder
        if not folder.is_dir():
            return []
        with self._ctx.db.read() as session:
            stamps = office_repo.ward_stamps(session)
        only = None if wards is None else set(wards)
        removed: list[str] = []
        fresh: list[tuple[float, Path]] = []
        for entry in sorted(folder.iterdir()):
            if only is not None and entry.name not in only:
                continue
            if entry.name == "_empty-work" or _being_built(entry):
                continue  # another thread of this process may be making it right now
            if entry.is_dir():
                kept = _kept_stamp(entry / "stamp.json")
                if entry.name in stamps and kept == _stamp_text(*stamps[entry.name]):
                    fresh.append((_used(entry), entry))
                    continue
            elif entry.name == f"_empty-{head_revision()}.db" or not entry.name.startswith("_empty-"):
                continue
            if _remove(entry):
                removed.append(entry.name)
        if only is None and keep >= 0:
            fresh.sort(key=lambda used_entry: used_entry[0], reverse=True)
            removed += [entry.name for _, entry in fresh[keep:] if _remove(entry)]
        if removed:
            log.info("ward copies removed from %s: %s", folder, ", ".join(removed))
        return removed

    # ------------------------------------------------------------------------ the ward database, rebuilt
    def _template(self) -> Path:
        """A migrated empty ward database (the real migrations), made once per schema revision."""
        target = self.folder / f"_empty-{head_revision()}.db"
        if target.exists():
            return target
        from pbgdpl_desktop.services.registry import open_services

        work = self.folder / "_empty-work"
        shutil.rmtree(work, ignore_errors=True)
        svc = open_services(RuntimePaths(work, work / "ward.db"), clock=self._ctx.clock)
        svc.ctx.db.close()
        os.replace(work / "ward.db", target)
        shutil.rmtree(work, ignore_errors=True)
        return target

    def _ward_db(self, ward_code: str, stamp: str) -> tuple[Path, dict[str, int]]:
        folder = self.folder / ward_code
        db, stamp_file = folder / "ward.db", folder / "stamp.json"
        try:
            kept = json.loads(stamp_file.read_text("utf-8"))
        except (OSError, ValueError):
            kept = {}
        if db.exists() and kept.get("stamp") == stamp:
            _mark_used(folder)
            return db, dict(kept.get("missing", {}))
        try:
            template = self._template()
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            tmp = folder / "ward.db.tmp"
            shutil.copyfile(template, tmp)
            with self._ctx.db.read() as session:
                missing = copy_ward_rows(session, ward_code, tmp)
            os.replace(tmp, db)
            _write_atomic(stamp_file, json.dumps({"stamp": stamp, "missing": missing}).encode("utf-8"))
        except OSError as exc:
            raise StorageError(
                f"Không dựng lại được dữ liệu của xã/phường {ward_code} để tính lại: {exc.strerror or exc}."
            ) from exc
        return db, missing

    def _open_ward(self, db: Path, as_of: datetime | None = None) -> Services:
        from pbgdpl_desktop.services.registry import open_services

        clock = self._ctx.clock if as_of is None else FixedClock(as_of)
        return open_services(RuntimePaths(db.parent, db), clock=clock)

    # ------------------------------------------------------------------------ re-computation
    def recompute(self, ward_code: str, year: int) -> Recomputed:
        """The year's assessment computed by the office from the ward's data and manual values, beside the
        ward's own newest saved result (or the result it attached to a bundle) and the council's values."""
        stamp = self._stamp(ward_code)
        cache = self.folder / ward_code / f"result-{year}.json"
        try:
            kept = json.loads(cache.read_text("utf-8"))
            if kept.get("stamp") == stamp:
                _mark_used(cache.parent)
                return self._with_appraisals(from_json_data(kept["result"], cached=True))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        db, missing = self._ward_db(ward_code, stamp)
        own = self._attached_result(ward_code, year)
        ward = self._open_ward(db, own[2] if own else None)
        try:
            if own is None:
                own = self._saved_result(ward, year)
            if own is not None and own[2] != ward.ctx.clock.now():
                ward.ctx.db.close()  # compute on the day the ward computed its own result
                ward = self._open_ward(db, own[2])
            result = self._compute(ward, ward_code, year, missing, own)
        finally:
            ward.ctx.db.close()
        try:
            _write_atomic(
                cache,
                json.dumps({"stamp": stamp, "result": to_json_data(result)}, ensure_ascii=False).encode(
                    "utf-8"
                ),
            )
        except OSError:
            pass  # a cache that cannot be written only costs time next opening
        return self._with_appraisals(result)

    def _compute(
        self,
        ward: Services,
        ward_code: str,
        year: int,
        missing: dict[str, int],
        own_result: tuple[dict[str, Any], str, datetime] | None,
    ) -> Recomputed:
        scoring = ward.assessment.scoring
        ws = scoring.workspace(year)
        office = to_json(ws.result)
        own, source = (own_result[0], own_result[1]) if own_result else (None, "")
        lines = side_by_side(own or {}, office)
        deadlines = {}
        look = Lookup(ws.ruleset, ws.facts, ws.manual)
        calendar = ward.holidays.calendar()
        for node in ws.ruleset.nodes():
            if node.kind == "deadline" and node.start and node.days is not None:
                start = look.get(node.start)
                if isinstance(start, date):
                    due = (
                        calendar.add_working_days(start, node.days)
                        if node.day_unit == "working"
                        else date.fromordinal(start.toordinal() + node.days)
                    )
                    deadlines[node.code] = due.isoformat()
        return Recomputed(
            ward_code,
            year,
            f"{office['ruleset']} v{office['ruleset_version']}",
            source,
            str((own or {}).get("verdict", "")),
            text_of((own or {}).get("total")),
            str(office["verdict"]),
            text_of(office.get("total")),
            tuple(lines),
            missing,
            deadlines,
            ward.ctx.clock.today().isoformat(),
        )

    def _attached_result(self, ward_code: str, year: int) -> tuple[dict[str, Any], str, datetime] | None:
        """The result the ward sent with its newest bundle carrying one, its source, and the day it was made
        (the bundle's date: the ward scores the year when it exports)."""
        with self._ctx.db.read() as session:
            days = {
                r.seq: _day_of(r.file_name)
                for r in sync_repo.imports(session, limit=100_000)
                if r.ward_code == ward_code and r.status == IMPORTED
            }
        for path in reversed(self._attachments(ward_code, f"assessment-{year}.json")):
            try:
                data = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                continue
            made = days.get(int(path.parent.name)) or self._ctx.clock.now()
            return data, f"tệp kèm {path.name} (gói số {path.parent.name}, {made:%d/%m/%Y})", made
        return None

    @staticmethod
    def _saved_result(ward: Services, year: int) -> tuple[dict[str, Any], str, datetime] | None:
        saved = ward.assessment.scoring.saved_results(year)
        if not saved:
            return None
        newest = max(saved, key=lambda s: s.computed_at)
        when = newest.computed_at
        return newest.data, f"kết quả đã lưu lúc {when.astimezone():%d/%m/%Y %H:%M}", when

    def _attachments(self, ward_code: str, name: str) -> list[Path]:
        """Every stored copy of an attachment, oldest bundle first."""
        base = self.attachments_folder / ward_code
        if not base.is_dir():
            return []
        seqs = sorted((p for p in base.iterdir() if p.name.isdigit()), key=lambda p: int(p.name))
        return [p / name for p in seqs if (p / name).is_file()]

    def _with_appraisals(self, r: Recomputed) -> Recomputed:
        with self._ctx.db.read() as session:
            appraised = {
                a.code: (a.value, a.note) for a in office_repo.appraisals(session, r.ward_code, r.year)
            }
        lines = []
        for line in r.lines:
            value, note = appraised.get(line.code, ("", ""))
            lines.append(IndicatorLine(**{**asdict(line), "appraised": value, "appraisal_note": note}))
        return Recomputed(**{**fields_of(r), "lines": tuple(lines)})

    # ------------------------------------------------------------------------ documents
    def documents(self, ward_code: str, year: int, *, check: bool = True) -> list[WardDocument]:
        """The evidence files the ward attached to the year's indicators (and any other evidence it sent),
        the year's dossier PDF and result; each PDF's signatures as the ward checked them and, when
        ``check``, as the office checks them now with its own trusted roots (and the indicator's deadline
        when the rule file has one)."""
        deadlines: dict[str, str] = {}
        try:
            deadlines = self.recompute(ward_code, year).deadlines
        except DomainError:
            pass
        out = [self._evidence_doc(e, deadlines, check) for e in self._evidence_of(ward_code, year)]
        for kind, name in (("dossier", f"dossier-{year}.pdf"), ("assessment", f"assessment-{year}.json")):
            found = self._attachments(ward_code, name)
            if found:
                path = found[-1]
                office = self._check(path, None) if check and kind == "dossier" else None
                out.append(WardDocument(kind, name, path, path.stat().st_size, "", year, None, None, office))
        return out

    def _evidence_of(self, ward_code: str, year: int) -> Iterator[dict[str, Any]]:
        with self._ctx.db.read() as session:

            def rows(table: str) -> dict[str, dict[str, Any]]:
                return {
                    row_id: json.loads(data)["fields"]
                    for row_id, data in office_repo.live_rows(session, ward_code, table, 100_000)
                }

            files, links = rows("evidence_file"), rows("evidence_link")
            notes, assessments = rows("assessment_note"), rows("assessment")
        years = {aid: a.get("year") for aid, a in assessments.items()}
        placed: dict[str, tuple[str, int | None]] = {}
        for link in links.values():
            note = (
                notes.get(link.get("owner_id", "")) if link.get("owner_table") == "assessment_note" else None
            )
            if note is not None and link.get("evidence_id") in files:
                placed[link["evidence_id"]] = (
                    str(note.get("code", "")),
                    years.get(str(note.get("assessment_id", ""))),
                )
        for evidence_id, f in sorted(files.items(), key=lambda kv: str(kv[1].get("original_name", ""))):
            code, of_year = placed.get(evidence_id, ("", None))
            if of_year is not None and of_year != year:
                continue
            yield {**f, "indicator": code, "year": of_year}

    def _evidence_doc(self, f: dict[str, Any], deadlines: dict[str, str], check: bool) -> WardDocument:
        sha = str(f.get("sha256", ""))
        path = self.evidence_folder / sha[:2] / sha
        here = path if len(sha) == 64 and path.is_file() else None
        due = deadlines.get(f["indicator"])
        deadline = date.fromisoformat(due) if due else None
        status = f.get("sig_status")
        ward_check = None
        if status:
            ward_check = SignatureView(
                str(status),
                str(f.get("sig_signer") or ""),
                str(f.get("sig_organisation") or ""),
                _when(f.get("sig_signed_at")),
                str(f.get("sig_problem") or ""),
                None,
                _when(f.get("sig_checked_at")),
            )
            signed = ward_check.signed_at
            if deadline is not None and signed is not None:
                ward_check = SignatureView(
                    **{**asdict(ward_check), "before_deadline": signed.date() <= deadline}
                )
        name = str(f.get("original_name") or sha[:12])
        office = (
            self._check(here, deadline)
            if check and here is not None and name.lower().endswith(".pdf")
            else None
        )
        return WardDocument(
            "evidence",
            name,
            here,
            int(f.get("size_bytes") or 0),
            f["indicator"],
            f["year"],
            deadline,
            ward_check,
            office,
        )

    def _check(self, path: Path | None, deadline: date | None) -> SignatureView | None:
        if self._signing is None or path is None:
            return None
        report: SignatureReport = self._signing.check(path, deadline)
        first = report.signatures[0] if report.signatures else None
        problem = report.problem or next((s.problem for s in report.signatures if s.problem), "")
        return SignatureView(
            report.status,
            first.signer if first else "",
            first.organisation if first else "",
            first.signed_at if first else None,
            problem,
            None if not report.signatures else _all_before(report),
            self._ctx.clock.now(),
        )

    def save_copy(self, document: WardDocument, target: Path) -> Path:
        """Copy a document the ward sent to ``target`` (temp + rename)."""
        if document.path is None:
            raise NotFoundError(
                f"Xã/phường không gửi kèm nội dung tệp “{document.name}” (chỉ có thông tin tệp)."
            )
        try:
            return _write_atomic(Path(target), document.path.read_bytes())
        except OSError as exc:
            raise StorageError(
                f"Không lưu được “{document.name}” vào {target}: {exc.strerror or exc}."
            ) from exc

    # ------------------------------------------------------------------------ evidence at import
    def store_evidence(self, paths: Iterable[Path], batch: ImportBatch) -> int:
        """Keep the evidence files of the bundles just applied as ``<data dir>/sync/evidence/<sha[:2]>/<sha>``
        (content-addressed, each checked against its name, temp + rename). Returns the number of new files."""
        applied = {r.file for r in batch.reports if r.status in (IMPORTED, ALREADY)}
        stored = 0
        for path in _bundle_files(paths):
            if path.name not in applied:
                continue
            try:
                with zipfile.ZipFile(path) as zf:
                    for info in zf.infolist():
                        stored += self._keep_member(zf, info)
            except (OSError, zipfile.BadZipFile) as exc:
                raise StorageError(
                    f"Không chép được tệp minh chứng từ gói {path.name}: {getattr(exc, 'strerror', None) or exc}."
                ) from exc
        return stored

    def _keep_member(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
        name = info.filename
        sha = name.removeprefix("evidence/")
        if (
            not name.startswith("evidence/")
            or len(sha) != 64
            or not all(c in "0123456789abcdef" for c in sha)
        ):
            return 0
        target = self.evidence_folder / sha[:2] / sha
        if target.is_file():
            return 0
        data = zf.read(info)
        if hashlib.sha256(data).hexdigest() != sha:
            return 0  # the reader refused such a bundle already; never keep a file under a wrong name
        _write_atomic(target, data)
        return 1


# ------------------------------------------------------------------------------------------------ helpers
def _bundle_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.name.endswith(".pbgdpl.zip") and p.is_file()))
        elif path.is_file():
            out.append(path)
    return out


def _stamp_text(n: int, top: int, at: datetime | None) -> str:
    """What a ward copy was built from: the ward's imports (count, highest seq, last import), the schema
    revision and the app version; a copy with another stamp is rebuilt, or pruned."""
    return f"{n}:{top}:{at.isoformat() if at else ''}:{head_revision()}:{pbgdpl_desktop.__version__}"


def _kept_stamp(stamp_file: Path) -> str | None:
    try:
        return str(json.loads(stamp_file.read_text("utf-8")).get("stamp"))
    except (OSError, ValueError, AttributeError):
        return None


def _being_built(entry: Path) -> bool:
    """A ward copy still being made (no stamp yet, touched in the last ten minutes)."""
    if not entry.is_dir() or (entry / "stamp.json").exists():
        return False
    try:
        return time.time() - entry.stat().st_mtime < BUILD_GRACE_S
    except OSError:
        return False


def _used(folder: Path) -> float:
    """When a ward copy was last opened (its ``used`` mark, else its stamp file's time)."""
    for name in ("used", "stamp.json"):
        try:
            return (folder / name).stat().st_mtime
        except OSError:
            continue
    return 0.0


def _mark_used(folder: Path) -> None:
    try:
        (folder / "used").touch()
    except OSError:
        pass  # only the order of clean-up depends on it


def _remove(entry: Path) -> bool:
    try:
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    except OSError:
        log.warning("could not remove the ward copy %s", entry, exc_info=True)
        return False
    return True


def _write_atomic(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _all_before(report: SignatureReport) -> bool | None:
    known = [s.before_deadline for s in report.signatures if s.before_deadline is not None]
    return all(known) if known else None


def _when(value: object) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace(" ", "T").removesuffix("Z"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _day_of(file_name: str) -> datetime | None:
    """The day in a bundle's name ``<ward>_<seq>_<yyyymmdd>.pbgdpl.zip`` (docs/sync-format.md), at noon UTC."""
    match = re.search(r"_(\d{8})\.pbgdpl\.zip$", file_name)
    if match is None:
        return None
    try:
        day = datetime.strptime(match.group(1), "%Y%m%d")
    except ValueError:
        return None
    return day.replace(hour=12, tzinfo=UTC)


__all__ = [
    "VERDICTS",
    "IndicatorLine",
    "Recomputed",
    "SignatureView",
    "WardDocument",
    "WardFileService",
]


write_atomic_bytes = _write_atomic  # for the office's other stores (the decision's PDF)
