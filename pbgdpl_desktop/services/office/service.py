"""The office above (Sở Tư pháp): its workspace over the wards' bundles (docs/office.md). Qt-free; DTOs.

Parts: ``wards`` (the province's communes from the administrative-unit table, registered or not, what each
sent, who sent nothing), ``reviews`` (status per ward and year with history and optimistic concurrency;
the council's appraisal per indicator), ``rollup`` (province totals from each ward's figures) and
``replies`` (signed reply bundles to a ward). The import itself is the sync service's
(``BundleImporter.import_paths``); ``import_paths`` here runs it and then refreshes the figures of the wards
it touched."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

import pbgdpl_desktop
from pbgdpl_desktop.domain.dates import format_date, format_datetime
from pbgdpl_desktop.domain.dissemination import DisseminationForm, TargetGroup
from pbgdpl_desktop.domain.errors import (
    ConflictError,
    DomainError,
    NotFoundError,
    StorageError,
    ValidationError,
)
from pbgdpl_desktop.domain.finance import TT56_CATEGORIES, FundingSource
from pbgdpl_desktop.domain.mediation import CaseOutcome
from pbgdpl_desktop.domain.text import nfc
from pbgdpl_desktop.domain.users import Action, require
from pbgdpl_desktop.exports.office_excel import Sheet, write_rollup
from pbgdpl_desktop.persistence.audit import write_entry
from pbgdpl_desktop.persistence.db import head_revision
from pbgdpl_desktop.persistence.repos import office_repo, sync_repo
from pbgdpl_desktop.services.core.admin_units import load_admin_units
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.office.dto import (
    NEXT,
    PERIODS,
    REQUESTS,
    VERDICT_LABELS,
    AppraisalDTO,
    DecisionFileDTO,
    ReplyOutcome,
    ReviewDTO,
    ReviewEventDTO,
    ReviewStatus,
    Rollup,
    WardRow,
)
from pbgdpl_desktop.services.office.offers import NORMS, RULES, read_offer_file
from pbgdpl_desktop.services.office.ward_file import WardFileService, write_atomic_bytes
from pbgdpl_desktop.services.sync.dto import OFFICE, ImportBatch
from pbgdpl_desktop.services.sync.service import SyncService
from pbgdpl_desktop.sync.bundle import FORMAT, FORMAT_VERSION
from pbgdpl_desktop.sync.reply import offer_row, office_code, read_decision_pdf, write_reply

GROUPS = tuple(g.value for g in TargetGroup)
# app_meta: the decision's PDF attached to a ward's review of a year (JSON: sha256, name, size, at, by)
DECISION_PDF_KEY = "office_decision_pdf:{ward}:{year}"


def _period_end(year: int, period: str) -> date:
    if period not in PERIODS:
        raise ValidationError(f"Kỳ “{period}” không có (h1: 6 tháng đầu năm, year: cả năm).", field="period")
    return date(year, 6, 30) if period == "h1" else date(year, 12, 31)


class OfficeService:
    def __init__(self, ctx: ServiceContext, sync: SyncService) -> None:
        self._ctx = ctx
        self._sync = sync

    # ------------------------------------------------------------------------------- guard
    def _office(self) -> None:
        if self._sync.mode() != OFFICE:
            raise DomainError(
                "Chức năng này chỉ có ở cơ sở dữ liệu của cơ quan cấp trên (chế độ upper-office)."
            )

    def province_code(self) -> str:
        with self._ctx.db.read() as session:
            return sync_repo.get_meta(session, sync_repo.OFFICE_PROVINCE_KEY) or ""

    # ------------------------------------------------------------------------------- wards
    def wards(self, year: int | None = None) -> list[WardRow]:
        """Every commune of the office's province (administrative-unit table) plus any registered ward
        outside it, with its key fingerprint, bundles received and review status for ``year``."""
        self._office()
        year = year or self._ctx.clock.today().year
        registered = {w.ward_code: w for w in self._sync.wards()}
        with self._ctx.db.read() as session:
            stamps = office_repo.ward_stamps(session)
            files = office_repo.last_import_files(session)
            statuses = {r.ward_code: ReviewStatus(r.status) for r in office_repo.reviews(session, year)}
            province = sync_repo.get_meta(session, sync_repo.OFFICE_PROVINCE_KEY) or ""
        names = {c.code: c.name for c in load_admin_units().communes_of(province)} if province else {}
        for code, w in registered.items():
            names.setdefault(code, w.name)
        out = []
        for code in sorted(names):
            ward = registered.get(code)
            n, top, at = stamps.get(code, (0, 0, None))
            out.append(
                WardRow(
                    code,
                    names[code],
                    ward is not None,
                    ward.fingerprint if ward else "",
                    n,
                    top,
                    at,
                    files.get(code, ""),
                    statuses.get(code, ReviewStatus.RECEIVED if n else ReviewStatus.NOT_SUBMITTED),
                )
            )
        return out

    def missing(self, year: int, period: str = "year") -> list[WardRow]:
        """Wards of the province that have sent no data for the period: no bundle at all, or none of their
        figures falls in it."""
        self._office()
        _period_end(year, period)
        self.refresh_figures()
        with self._ctx.db.read() as session:
            reporting = {w for w, _, _, _ in office_repo.ward_figures(session, year, period)}
        return [w for w in self.wards(year) if w.ward_code not in reporting]

    # ------------------------------------------------------------------------------- import
    def import_paths(
        self, paths: Iterable[Path], *, dry_run: bool = False, password: str | None = None
    ) -> ImportBatch:
        """The bundles named or in the folders named (``services/sync/imports.py``); sealed ones
        (``.pbgdpl.zip.enc``) are opened with ``password``: without it, or with a wrong one, each is refused."""
        paths = list(paths)
        if not dry_run:
            require(self._ctx.actor, Action.OFFICE_IMPORT)  # before any bundle is read (issue #15)
        batch = self._sync.importer.import_paths(paths, dry_run=dry_run, password=password)
        if not dry_run:
            self.refresh_figures()
            # the evidence files the bundles carry: kept for the ward file (services/office/ward_file.py)
            files = WardFileService(self._ctx)
            files.store_evidence(paths, batch)
            files.prune(keep=-1)  # the copies of wards that just sent newer data are stale now
        return batch

    def refresh_figures(self, *, force: bool = False) -> list[str]:
        """Recompute the figures of every ward whose data changed since they were computed (or, for the
        current year, on an earlier day). Each ward in its own transaction. Returns the wards refreshed."""
        today = self._ctx.clock.today()
        with self._ctx.db.read() as session:
            stamps = office_repo.ward_stamps(session)
            done = office_repo.figure_stamps(session)
        refreshed = []
        for code, (n, top, at) in sorted(stamps.items()):
            stamp = f"{n}:{top}:{at.isoformat() if at else ''}"
            if not force and done.get(code) == (stamp, today):
                continue
            with self._ctx.db.transaction() as session:
                figures = office_repo.compute_figures(session, code, today, GROUPS)
                office_repo.replace_figures(session, code, figures, stamp, today)
            refreshed.append(code)
        return refreshed

    # ------------------------------------------------------------------------------- roll-up
    def rollup(self, year: int, period: str = "year") -> Rollup:
        self._office()
        _period_end(year, period)
        self.refresh_figures()
        with self._ctx.db.read() as session:
            rows = office_repo.rollup(session, year, period)
            per_ward = office_repo.ward_figures(session, year, period)
        totals: dict[str, dict[str, int]] = {}
        for fig, key, value in rows:
            if fig != "verdict":
                totals.setdefault(fig, {})[key] = value
        wards: dict[str, dict[str, dict[str, int]]] = {}
        verdicts: dict[str, str] = {}
        for ward, fig, key, value in per_ward:
            if fig == "verdict":
                verdicts[ward] = key
            else:
                wards.setdefault(ward, {}).setdefault(fig, {})[key] = value
        listed = self.wards(year)
        return Rollup(
            year,
            period,
            len(listed),
            tuple(sorted(wards)),
            totals,
            wards,
            {w.ward_code: w.name for w in listed},
            verdicts,
        )

    def export_rollup(self, year: int, period: str, target: Path) -> Path:
        """The roll-up as an Excel workbook at ``target`` (written atomically)."""
        return write_rollup(
            target,
            f"TỔNG HỢP KẾT QUẢ CÔNG TÁC PBGDPL, HÒA GIẢI Ở CƠ SỞ NĂM {year}",
            f"Kỳ: {PERIODS[period]} — tỉnh mã {self.province_code() or '—'}",
            rollup_sheets(self.rollup(year, period)),
        )

    # ------------------------------------------------------------------------------- one ward's file
    def ward_records(self, ward_code: str) -> dict[str, int]:
        """Live records held for the ward, by table."""
        with self._ctx.db.read() as session:
            return office_repo.row_counts(session, ward_code)

    def ward_rows(self, ward_code: str, table: str, limit: int = 2000) -> list[tuple[str, str]]:
        with self._ctx.db.read() as session:
            return office_repo.live_rows(session, ward_code, table, limit)

    # ------------------------------------------------------------------------------- reviews
    def review(self, ward_code: str, year: int) -> ReviewDTO:
        with self._ctx.db.read() as session:
            row = office_repo.review(session, ward_code, year)
            history = tuple(
                ReviewEventDTO(ReviewStatus(e.status), e.status_on, e.at, e.by, e.note)
                for e in office_repo.events(session, ward_code, year)
            )
            received = ward_code in office_repo.ward_stamps(session)
            if row is None:
                status = ReviewStatus.RECEIVED if received else ReviewStatus.NOT_SUBMITTED
                return ReviewDTO(ward_code, year, status, 0, None, "", "", "", None, history)
            return ReviewDTO(
                ward_code,
                year,
                ReviewStatus(row.status),
                row.version,
                row.status_on,
                row.updated_by,
                row.note,
                row.decision_number,
                row.decision_on,
                history,
            )

    def set_status(
        self,
        ward_code: str,
        year: int,
        status: ReviewStatus | str,
        *,
        version: int,
        by: str,
        note: str = "",
        on: date | None = None,
        decision_number: str = "",
        decision_on: date | None = None,
    ) -> ReviewDTO:
        """Move the review to ``status``. ``version`` is the version the user's screen shows (0: never saved);
        if someone saved in between, nothing is written and a ConflictError says who and when."""
        self._office()
        status = ReviewStatus(status)
        # the decision is the leader's; every other move is the appraiser's (issue #15)
        require(
            self._ctx.actor,
            Action.OFFICE_APPROVE if status is ReviewStatus.RECOGNISED else Action.OFFICE_APPRAISE,
        )
        by, note, decision_number = nfc(by).strip(), nfc(note).strip(), nfc(decision_number).strip()
        if not by:
            raise ValidationError("Cần ghi tên người cập nhật hồ sơ.", field="by")
        if status is ReviewStatus.RECOGNISED and not (decision_number and decision_on):
            raise ValidationError(
                "Công nhận cần số và ngày của quyết định công nhận.", field="decision_number"
            )
        now = self._ctx.clock.now().astimezone(UTC)
        on = on or self._ctx.clock.today()
        current = self.review(ward_code, year)
        if current.version != version:
            raise self._conflict(current)
        if status is not current.status and status not in NEXT[current.status]:
            allowed = ", ".join(s.label for s in NEXT[current.status]) or "không còn bước nào"
            raise ValidationError(
                f"Không chuyển được từ “{current.status.label}” sang “{status.label}” (được: {allowed}).",
                field="status",
            )
        values = {
            "status": status.value,
            "status_on": on,
            "updated_at": now,
            "updated_by": by,
            "note": note,
            "decision_number": decision_number or current.decision_number,
            "decision_on": decision_on or current.decision_on,
        }
        with self._ctx.db.transaction() as session:
            if version == 0:
                ok = office_repo.insert_review_once(
                    session, {"ward_code": ward_code, "year": year, "version": 1, **values}
                )
            else:
                ok = office_repo.update_review(session, ward_code, year, version, values)
            if ok:
                office_repo.add_event(
                    session,
                    {
                        "ward_code": ward_code,
                        "year": year,
                        "status": status.value,
                        "status_on": on,
                        "at": now,
                        "by": by,
                        "note": note,
                    },
                )
        if not ok:
            raise self._conflict(self.review(ward_code, year))
        return self.review(ward_code, year)

    @staticmethod
    def _conflict(current: ReviewDTO) -> ConflictError:
        who = f" bởi {current.updated_by}" if current.updated_by else ""
        when = f" lúc {format_datetime(current.history[-1].at)}" if current.history else ""
        return ConflictError(
            f"Hồ sơ của xã/phường {current.ward_code} năm {current.year} vừa được người khác cập nhật{who}{when} "
            f"(trạng thái hiện tại: “{current.status.label}”). Thay đổi của bạn chưa được lưu: hãy tải lại hồ sơ "
            "rồi làm lại."
        )

    def appraise(
        self, ward_code: str, year: int, code: str, value: str, *, note: str, by: str, request: str = ""
    ) -> AppraisalDTO:
        """The council's value for one indicator (points or Đạt/Không đạt, as text) with its note;
        ``request``: "" (a note), "more" (yêu cầu bổ sung), "return" (trả lại)."""
        self._office()
        require(self._ctx.actor, Action.OFFICE_APPRAISE)
        code, value, note, by = nfc(code).strip(), nfc(value).strip(), nfc(note).strip(), nfc(by).strip()
        if not code:
            raise ValidationError("Cần mã chỉ tiêu (ví dụ 1.2).", field="code")
        if request not in REQUESTS:
            raise ValidationError(f"Loại ý kiến “{request}” không có.", field="request")
        if not by:
            raise ValidationError("Cần ghi tên người thẩm định.", field="by")
        if not (value or note):
            raise ValidationError("Cần điểm thẩm định hoặc ghi chú.", field="value")
        now = self._ctx.clock.now().astimezone(UTC)
        with self._ctx.db.transaction() as session:
            office_repo.put_appraisal(
                session,
                {
                    "ward_code": ward_code,
                    "year": year,
                    "code": code,
                    "value": value,
                    "request": request,
                    "note": note,
                    "appraised_by": by,
                    "appraised_at": now,
                },
            )
        return next(a for a in self.appraisals(ward_code, year) if a.code == code)

    def appraisals(self, ward_code: str, year: int) -> list[AppraisalDTO]:
        with self._ctx.db.read() as session:
            return [
                AppraisalDTO(a.code, a.value, a.request, a.note, a.appraised_by, a.appraised_at)
                for a in office_repo.appraisals(session, ward_code, year)
            ]

    # ------------------------------------------------------------------------------- the decision's PDF
    def attach_decision_pdf(
        self, ward_code: str, year: int, source: Path, *, by: str = ""
    ) -> DecisionFileDTO:
        """Keep the recognition decision's PDF with the ward's review of ``year`` (the review must be "Đã công
        nhận"): stored content-addressed beside the evidence files (``<data>/sync/evidence/<sha[:2]>/<sha>``,
        temp + rename) and named in ``app_meta``; the next reply to the ward carries it. The leader's step."""
        self._office()
        require(self._ctx.actor, Action.OFFICE_APPROVE)
        review = self.review(ward_code, year)
        if review.status is not ReviewStatus.RECOGNISED:
            raise ValidationError(
                f"Hồ sơ năm {year} của xã/phường {ward_code} đang ở trạng thái “{review.status.label}”: chỉ đính kèm "
                "quyết định khi đã ghi “Đã công nhận” (số và ngày quyết định)."
            )
        data = read_decision_pdf(Path(source))
        sha = hashlib.sha256(data).hexdigest()
        store = WardFileService(self._ctx)
        target = store.evidence_folder / sha[:2] / sha
        if not target.is_file():
            try:
                write_atomic_bytes(target, data)
            except OSError as exc:
                raise StorageError(f"Không lưu được tệp quyết định: {exc.strerror or exc}.") from exc
        now = self._ctx.clock.now().astimezone(UTC)
        name = nfc(Path(source).name).strip()[:200] or f"quyet-dinh-{year}.pdf"
        who = nfc(by).strip() or (self._ctx.actor.name if self._ctx.actor else "")
        entry = {"sha256": sha, "name": name, "size": len(data), "at": now.isoformat(), "by": who}
        with self._ctx.db.transaction() as session:
            sync_repo.set_meta(session, DECISION_PDF_KEY.format(ward=ward_code, year=year), json.dumps(entry))
            write_entry(
                session,
                action="update",
                module="office",
                table="office_review",
                record_id=f"{ward_code}/{year}",
                detail=f"Đính kèm quyết định công nhận {review.decision_number} ({name}, SHA-256 {sha[:16]}…)",
            )
        return DecisionFileDTO(year, name, sha, len(data), target, now, who)

    def decision_pdf(self, ward_code: str, year: int) -> DecisionFileDTO | None:
        """The decision's PDF attached to the ward's review of ``year``, or None."""
        with self._ctx.db.read() as session:
            raw = sync_repo.get_meta(session, DECISION_PDF_KEY.format(ward=ward_code, year=year))
        if not raw:
            return None
        entry = json.loads(raw)
        sha = str(entry["sha256"])
        at = entry.get("at")
        return DecisionFileDTO(
            year,
            str(entry["name"]),
            sha,
            int(entry["size"]),
            WardFileService(self._ctx).evidence_folder / sha[:2] / sha,
            datetime.fromisoformat(at) if at else None,
            str(entry.get("by", "")),
        )

    # ------------------------------------------------------------------------------- replies
    def reply(
        self,
        ward_code: str,
        out_dir: Path,
        *,
        year: int | None = None,
        by: str = "",
        rules: Iterable[Path] = (),
        norms: Iterable[Path] = (),
    ) -> ReplyOutcome:
        """A signed reply bundle to ``ward_code``: the appraisals of ``year`` (every year when None), the
        review status and decision, and the rule files / norm tables offered (validated first; the ward
        accepts or declines them). Atomic (temp + rename); logged."""
        self._office()
        require(self._ctx.actor, Action.OFFICE_REPLY)
        offered = [read_offer_file(p, RULES) for p in rules] + [read_offer_file(p, NORMS) for p in norms]
        province = self.province_code()
        registered = {w.ward_code: w for w in self._sync.wards()}
        if ward_code not in registered:
            raise NotFoundError(f"Xã/phường {ward_code} chưa được đăng ký ở cơ quan này.")
        with self._ctx.db.read() as session:
            seq = office_repo.next_reply_seq(session, ward_code)
            notes = [
                {"year": a.year, "code": a.code, "request": a.request, "value": a.value, "note": a.note}
                for a in office_repo.all_appraisals(session, ward_code, year)
            ]
            decisions = [
                {
                    "year": r.year,
                    "status": r.status,
                    "number": r.decision_number,
                    "decided_on": r.decision_on.isoformat() if r.decision_on else None,
                    "note": r.note,
                }
                for r in office_repo.all_reviews(session, ward_code, year)
            ]
        # the decision's PDF travels as an evidence member (hash in the manifest: under the office's signature)
        pdfs: list[Path] = []
        for d in decisions:
            pdf = self.decision_pdf(ward_code, int(str(d["year"])))
            if pdf is not None and d["status"] == ReviewStatus.RECOGNISED.value:
                if not pdf.path.is_file():
                    raise StorageError(f"Không tìm thấy tệp quyết định {pdf.name} đã đính kèm ({pdf.path}).")
                d["pdf_sha256"], d["pdf_name"] = pdf.sha256, pdf.name
                pdfs.append(pdf.path)
        if not notes and not decisions and not offered:
            raise DomainError(
                f"Chưa có ý kiến thẩm định hay quyết định nào cho xã/phường {ward_code} để gửi."
            )
        now = self._ctx.clock.now().astimezone(UTC)
        ward = registered[ward_code]
        bundle_id = str(uuid.uuid4())
        manifest: dict[str, object] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": pbgdpl_desktop.__version__,
            "schema_revision": head_revision(),
            "bundle_id": bundle_id,
            "kind": "reply",
            "sender": {"code": office_code(province), "name": "Sở Tư pháp", "province_code": province},
            "recipient": {"role": "ward", "code": ward_code, "name": ward.name},
            "seq": seq,
            "prev_bundle_id": None,
            "since_change_seq": 0,
            "to_change_seq": 0,
            "created_at": now.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "privacy": "minimal",
            "seal_key": self._sync.seal_key_blocks().decode("ascii"),  # bundles may be sealed to it
        }
        out_dir = Path(out_dir).expanduser().absolute()
        try:
            written = write_reply(
                out_dir,
                self._sync.key_pair(),
                manifest,
                notes,
                decisions,
                now.astimezone(),
                [offer_row(o.kind, o.name, o.id, o.version, o.title, o.content) for o in offered],
                pdfs,
            )
        except OSError as exc:
            raise StorageError(f"Không ghi được gói trả lời vào {out_dir}: {exc.strerror or exc}.") from exc
        try:
            with self._ctx.db.transaction() as session:
                office_repo.add_reply(
                    session,
                    {
                        "ward_code": ward_code,
                        "seq": seq,
                        "bundle_id": bundle_id,
                        "file_name": written.path.name,
                        "sha256": written.sha256,
                        "created_at": now,
                        "created_by": nfc(by).strip(),
                    },
                )
        except BaseException:
            written.path.unlink(missing_ok=True)
            raise
        return ReplyOutcome(
            written.path,
            seq,
            bundle_id,
            len(notes),
            len(decisions),
            f"Gói trả lời số {seq} cho xã/phường {ward_code}: {len(notes)} ý kiến thẩm định, "
            f"{len(decisions)} trạng thái/quyết định"
            + (f", {len(pdfs)} tệp quyết định (PDF)" if pdfs else "")
            + (f", {len(offered)} tệp bộ tiêu chí/định mức" if offered else "")
            + f" ({format_date(now.date())}).",
        )


CATEGORY_NAMES = {c.code: c.name for c in TT56_CATEGORIES}


def rollup_sheets(r: Rollup) -> list[Sheet]:
    """The tables of the roll-up, labelled in Vietnamese (the Excel export and the roll-up page)."""
    forms = r.totals.get("sessions_by_form", {})
    people = r.totals.get("participants_by_form", {})
    women = r.totals.get("women_by_form", {})
    form_rows: list[list[object]] = [
        [i, DisseminationForm.label_of(k), forms[k], people.get(k, 0), women.get(k, 0)]
        for i, k in enumerate(sorted(forms, key=lambda k: -forms[k]), 1)
    ]
    form_rows.append(["", "Tổng cộng", sum(forms.values()), sum(people.values()), sum(women.values())])
    groups = r.totals.get("sessions_by_group", {})
    group_rows = [
        [i, TargetGroup.label_of(k), groups[k]]
        for i, k in enumerate(sorted(groups, key=lambda k: -groups[k]), 1)
    ]
    outcomes = r.totals.get("cases_by_outcome", {})
    share = r.settled_share
    case_rows: list[list[object]] = [
        ["Vụ việc tiếp nhận (thuộc phạm vi)", r.cases_received],
        *[[CaseOutcome(o).label, outcomes.get(o.value, 0)] for o in CaseOutcome],
        ["Tỷ lệ hòa giải thành", share if share is not None else "—"],
        ["Thù lao hòa giải viên đã chi (đ)", r.total("fees_paid")],
    ]
    spent = r.totals.get("spent", {})
    spent_rows: list[list[object]] = []
    for i, key in enumerate(sorted(spent), 1):
        category, source = key.split("|", 1)
        spent_rows.append(
            [i, CATEGORY_NAMES.get(category, category), FundingSource.label_of(source), spent[key]]
        )
    spent_rows.append(["", "Tổng cộng", "", sum(spent.values())])
    ward_rows: list[list[object]] = []
    for i, code in enumerate(sorted(r.names), 1):
        figures = r.wards.get(code, {})
        w_out = figures.get("cases_by_outcome", {})
        ward_rows.append(
            [
                i,
                code,
                r.names[code],
                sum(figures.get("sessions_by_form", {}).values()),
                sum(figures.get("participants_by_form", {}).values()),
                sum(w_out.values()) - w_out.get("refused", 0) - w_out.get("referred", 0),
                w_out.get("settled", 0),
                sum(figures.get("spent", {}).values()),
                VERDICT_LABELS.get(
                    r.verdicts.get(code, ""), "Chưa gửi" if code not in r.wards else "Chưa đánh giá"
                ),
            ]
        )
    return [
        Sheet(
            "PBGDPL theo hình thức",
            ("STT", "Hình thức", "Số cuộc", "Số người", "Nữ"),
            (6, 44, 12, 14, 12),
            form_rows,
        ),
        Sheet("PBGDPL theo đối tượng", ("STT", "Đối tượng", "Số cuộc"), (6, 44, 12), group_rows),
        Sheet("Hòa giải", ("Chỉ tiêu", "Số liệu"), (44, 16), case_rows),
        Sheet("Kinh phí", ("STT", "Nội dung chi", "Nguồn", "Đã chi (đ)"), (6, 50, 24, 18), spent_rows),
        Sheet(
            "Từng xã phường",
            (
                "STT",
                "Mã",
                "Xã/phường",
                "Số cuộc PBGDPL",
                "Số người",
                "Vụ việc",
                "Hòa giải thành",
                "Đã chi (đ)",
                "Kết quả đánh giá",
            ),
            (6, 8, 30, 14, 12, 10, 14, 16, 20),
            ward_rows,
            f"{len(r.wards_reporting)}/{r.wards_total} xã/phường đã gửi số liệu",
        ),
    ]
