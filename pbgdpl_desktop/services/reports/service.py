"""Reports and printing: gathers data from the features (``gather``) and calls ``pbgdpl_desktop.reports``.

One entry point, ``generate(ReportRequest)``, used by the CLI and the Reports page; every output is written
atomically and remembered in a small recent-outputs list (``<data dir>/outputs/recent.json``)."""

from __future__ import annotations

import importlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.errors import DomainError, ValidationError
from pbgdpl_desktop.domain.text import fold
from pbgdpl_desktop.reports.inputs import (
    CERTIFICATE_KINDS,
    PERIOD_KINDS,
    CaseBookInput,
    CertificateInput,
    Period,
    Recipient,
)
from pbgdpl_desktop.reports.output import replace_keeping_previous, staging_path
from pbgdpl_desktop.services.core.audit import trace_export
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.names_lists import read_names
from pbgdpl_desktop.services.dissemination.attendees import Person, checked_people
from pbgdpl_desktop.services.reports import gather
from pbgdpl_desktop.services.reports.kinds import CERTIFICATE_LABELS, KINDS, PERIOD_LABELS  # noqa: F401
from pbgdpl_desktop.services.reports.overview import Overview, complete_overview, overview_figures
from pbgdpl_desktop.services.reports.sources import ReportSources

# KINDS and the labels live in a light module (kinds.py): the command line lists them without reportlab


def _lazy(module: str, name: str) -> Callable[[Any, str], str]:
    """The renderer ``module.name``, imported on the first document of its kind: reportlab and openpyxl stay
    out of start-up."""

    def render(data: Any, path: str) -> str:
        renderer: Callable[[Any, str], str] = getattr(importlib.import_module(module), name)
        return renderer(data, path)

    return render


RENDERERS: dict[str, Callable[[Any, str], str]] = {
    "periodic": _lazy("pbgdpl_desktop.reports.periodic", "render_periodic"),
    "statistics": _lazy("pbgdpl_desktop.reports.statistics", "render_statistics"),
    "case-book": _lazy("pbgdpl_desktop.reports.case_book", "render_case_books"),
    "fee-request": _lazy("pbgdpl_desktop.reports.fee_request", "render_fee_requests"),
    "certificates": _lazy("pbgdpl_desktop.reports.certificates", "render_certificates"),
    "dossier": _lazy("pbgdpl_desktop.reports.dossier", "render_dossier"),
}
ProgressFn = Callable[[int, int, str], None]
RECENT_FILE = "recent.json"
RECENT_LIMIT = 30


@dataclass(frozen=True)
class ReportRequest:
    kind: str
    year: int
    period: str = "year"
    target: Path | None = None  # None: <data dir>/outputs/<kind>-<year>….pdf
    names_file: Path | None = None  # certificates: people from an .xlsx/.csv list …
    names_column: int | None = None  # the names file's column of names (0-based) the clerk picked
    people: tuple[tuple[str, str], ...] = ()  # … or typed/pasted (name, unit/address) …
    session_id: str | None = None  # … or the attendee list of a dissemination session
    certificate_kind: str = "attendance"
    reason: str = ""  # certificates: the line under the name
    first_number: int = 1
    team_id: str | None = None  # case book of one team (None: every team)
    fee_request_id: str | None = None  # one fee request (None: every request of the year)
    final: bool = False  # the clerk finalised it: no "DỰ THẢO" even if dated before the period ends
    decision_number: str = ""  # Giấy khen: the commendation decision's number …
    decision_date: date | None = None  # … and date


@dataclass(frozen=True)
class ReportOutput:
    path: Path
    kind: str
    title: str
    created_at: datetime
    missing_fields: tuple[str, ...] = ()  # ward profile fields printed as "…"

    @property
    def missing_message(self) -> str:
        if not self.missing_fields:
            return ""
        return (
            "Hồ sơ xã/phường còn thiếu: "
            + ", ".join(self.missing_fields)
            + ". Văn bản in “…” ở các chỗ đó; hãy bổ sung trong Cài đặt → Thông tin xã/phường/đặc khu."
        )


class ReportService:
    def __init__(self, ctx: ServiceContext, sources: ReportSources) -> None:
        self._ctx = ctx
        self._sources = sources
        self.certificate_sealer: Callable[[CertificateInput], CertificateInput] | None = None

    # ------------------------------------------------------------------ generation
    def generate(self, request: ReportRequest, progress: ProgressFn | None = None) -> ReportOutput:
        """Gather the data, render the document atomically, remember it. ``progress(done, total, text)`` is
        told the stage (the Reports page shows it in its progress dialog)."""
        request = self._validated(request)
        target = request.target or self.default_target(request)
        if request.target is None:
            self._ctx.outputs_dir.mkdir(parents=True, exist_ok=True)
        report = progress or (lambda done, total, text: None)
        report(0, 3, "Đang tổng hợp số liệu…")
        data = self._gather(request)
        report(1, 3, "Đang dựng văn bản…")
        if (
            request.target is None
        ):  # the default folder: same name per document and period, previous kept once
            staged = staging_path(target)
            try:
                RENDERERS[request.kind](data, str(staged))
            except BaseException:
                staged.unlink(missing_ok=True)
                raise
            replace_keeping_previous(staged, target)
        else:
            RENDERERS[request.kind](data, str(target))
        report(2, 3, "Đang lưu…")
        output = ReportOutput(
            target,
            request.kind,
            self.title(request),
            self._ctx.clock.now(),
            tuple(gather.header(self._sources).missing),
        )
        self._remember(output)
        trace_export(self._ctx, "reports", f"{output.title} → {target.name}")  # issue #15
        report(3, 3, "Xong.")
        return output

    def _gather(self, request: ReportRequest) -> object:
        sources = self._sources
        today = self._ctx.clock.today()
        period = Period(request.period, request.year)
        if request.kind == "periodic":
            return gather.periodic(sources, period, today, final=request.final)
        if request.kind == "statistics":
            return gather.statistics(sources, period, today, final=request.final)
        if request.kind == "case-book":
            return gather.case_books(sources, request.year, request.team_id) or [
                CaseBookInput(gather.header(sources), "Chưa có tổ hòa giải", request.year, [])
            ]
        if request.kind == "fee-request":
            requests = gather.fee_requests(sources, request.year, request.fee_request_id)
            if not requests:
                raise DomainError(f"Năm {request.year} chưa có đề nghị thanh toán thù lao hòa giải viên nào.")
            return requests
        if request.kind == "certificates":
            return self._certificates(request)
        return gather.dossier(sources, request.year, today, final=request.final)

    def _recipients(self, request: ReportRequest) -> list[Recipient]:
        if request.people:
            people = checked_people([Person(name, unit) for name, unit in request.people])
            recipients = [Recipient(p.name, p.unit) for p in people]
        elif request.session_id:
            recipients = [
                Recipient(p.name, p.unit)
                for p in self._sources.dissemination.attendees.of(request.session_id)
            ]
            if not recipients:
                raise ValidationError(
                    "Buổi phổ biến này chưa có danh sách người tham dự: hãy nhập danh sách trong buổi đó.",
                    field="names",
                )
        else:
            assert request.names_file is not None
            recipients = read_names(request.names_file, name_column=request.names_column)
        if not recipients:
            raise ValidationError("Danh sách chưa có tên người nào.", field="names")
        return recipients

    def _certificates(self, request: ReportRequest) -> CertificateInput:
        reason = (
            request.reason
            or {
                "attendance": f"Đã tham gia hoạt động phổ biến, giáo dục pháp luật năm {request.year}",
                "prize": f"Đã đạt giải trong Cuộc thi tìm hiểu pháp luật năm {request.year}",
                "recognition": "Đã có thành tích xuất sắc trong công tác hòa giải ở cơ sở, phổ biến, giáo dục pháp "
                f"luật năm {request.year}",
            }[request.certificate_kind]
        )
        symbol = "GCN-UBND" if request.certificate_kind == "attendance" else "GK-UBND"
        data = CertificateInput(
            gather.header(self._sources),
            request.certificate_kind,
            reason,
            self._ctx.clock.today(),
            self._recipients(request),
            first_number=request.first_number,
            symbol=symbol,
            decision_number=request.decision_number,
            decision_date=request.decision_date,
        )
        # the registry sets a sealer (services/signing): register each number, add the QR seals
        return self.certificate_sealer(data) if self.certificate_sealer else data

    def _validated(self, request: ReportRequest) -> ReportRequest:
        if request.kind not in KINDS:
            raise ValidationError(
                f"Loại văn bản “{request.kind}” không có. Chọn một trong: {', '.join(KINDS)}.", field="kind"
            )
        if not 2000 <= request.year <= 2100:
            raise ValidationError(f"Năm {request.year} không hợp lệ.", field="year")
        if request.period not in PERIOD_KINDS:
            raise ValidationError(
                "Kỳ báo cáo phải là 6 tháng đầu năm (h1) hoặc cả năm (year).", field="period"
            )
        if request.kind == "certificates":
            if request.names_file is None and not request.people and not request.session_id:
                raise ValidationError(
                    "In giấy chứng nhận cần danh sách người: tệp danh sách tên (.xlsx/.csv), tên gõ hoặc dán "
                    "vào bảng, hoặc danh sách người tham dự của một buổi phổ biến.",
                    field="names",
                )
            if request.certificate_kind not in CERTIFICATE_KINDS:
                raise ValidationError("Loại giấy không hợp lệ.", field="certificate_kind")
            if request.first_number < 1:
                raise ValidationError("Số bắt đầu phải từ 1 trở lên.", field="first_number")
        extension = KINDS[request.kind][1]
        if request.target is not None and request.target.suffix.lower() != extension:
            return replace(
                request,
                target=request.target.with_suffix(request.target.suffix + extension)
                if request.target.suffix
                else request.target.with_suffix(extension),
            )
        return request

    def title(self, request: ReportRequest) -> str:
        label = KINDS[request.kind][0]
        if request.kind in ("periodic", "statistics"):
            return f"{label} – {Period(request.period, request.year).label}"
        return f"{label} – năm {request.year}"

    def default_target(self, request: ReportRequest) -> Path:
        """One name per document and period in the default output folder (made again, it is overwritten and
        the copy it replaces kept once as ``….prev.pdf``): no new file per click (issue #21 §3)."""
        parts = [request.kind, str(request.year)]
        if request.kind in ("periodic", "statistics"):
            parts.append(request.period)
        if request.kind == "certificates":
            parts.append(request.certificate_kind)
        if request.team_id:
            parts.append(f"to-{request.team_id[:8]}")
        if request.fee_request_id:
            parts.append(f"de-nghi-{request.fee_request_id[:8]}")
        return self._ctx.outputs_dir / ("-".join(parts) + KINDS[request.kind][1])

    def overview(self, year: int) -> Overview:
        """Key figures, chart series, verdict and reminders of ``year`` for the Tổng quan page."""
        return self.complete_overview(overview_figures(self._ctx, year))

    def complete_overview(self, figures: Overview) -> Overview:
        """The overview's second step: the verdict and the reminders added to ``overview_figures``."""
        return complete_overview(self._sources, figures, self._ctx.clock.today())

    def teams(self) -> list[tuple[str, str]]:
        """(id, name) of the mediation teams, for choosing one case book."""
        return [(t.id, t.name) for t in self._sources.mediation.teams.all()]

    def team_id(self, name: str) -> str:
        """The team called ``name`` (diacritics and case ignored), for the CLI's ``--team``."""
        wanted = fold(name)
        for team_id, team_name in self.teams():
            if fold(team_name) == wanted:
                return team_id
        names = ", ".join(n for _, n in self.teams()) or "chưa có tổ nào"
        raise ValidationError(f"Không có tổ hòa giải “{name}”. Các tổ: {names}.", field="team")

    def missing_profile_fields(self) -> list[str]:
        return list(gather.header(self._sources).missing)

    # ------------------------------------------------------------------ recent outputs
    def recent(self) -> list[ReportOutput]:
        """Outputs made on this machine, newest first; files since deleted are left out."""
        try:
            entries = json.loads((self._ctx.outputs_dir / RECENT_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        out = []
        for entry in entries if isinstance(entries, list) else []:
            try:
                output = ReportOutput(
                    Path(entry["path"]),
                    entry["kind"],
                    entry["title"],
                    datetime.fromisoformat(entry["created_at"]),
                )
            except (KeyError, TypeError, ValueError):
                continue
            if output.path.exists():
                out.append(output)
        return out

    def _remember(self, output: ReportOutput) -> None:
        entries = [
            {"path": str(o.path), "kind": o.kind, "title": o.title, "created_at": o.created_at.isoformat()}
            for o in [output, *(o for o in self.recent() if o.path != output.path)]
        ][:RECENT_LIMIT]
        folder = self._ctx.outputs_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=folder, prefix=".recent-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(entries, handle, ensure_ascii=False, indent=1)
            os.replace(temp, folder / RECENT_FILE)
        except OSError:
            pass  # the list is a convenience: the document itself was written
