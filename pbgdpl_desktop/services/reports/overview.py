"""What the Tổng quan page shows for a year: key figures, chart series, the standard's verdict and the
deadline reminders, Qt-free.

Two steps (#17 §1): ``overview_figures`` reads the cards' and the charts' figures with a few SQL aggregates
(``persistence.repos.overview_sql``) and needs no other service — the page shows them first; then
``complete_overview`` adds what needs the features' services: the standard's verdict (the assessment's
scoring over every feature's facts) and the reminders. ``ReportService.overview`` does both.

The remembered result (#17 §1): the verdict and reminders of the last complete computation are kept in the
data directory (``overview-remembered.json``, owner-only, written atomically) under a key that changes whenever
they could change — the file, its data version (``overview_sql.DATA_VERSION``: the sync counter every write
moves, and the last audit entry), the rule files' fingerprint, the year, today's date and the app's version.
With a matching key the page shows them at once, marked as remembered (``Overview.remembered``), and the
recomputation still runs and replaces them."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pbgdpl_desktop import __version__
from pbgdpl_desktop.domain.dates import format_date
from pbgdpl_desktop.domain.money import format_money
from pbgdpl_desktop.domain.numbers import percent_text
from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.persistence.repos.overview_sql import OverviewCounts, data_version, year_counts

if TYPE_CHECKING:  # the features' chain is imported by the second step only
    from pbgdpl_desktop.domain.facts import DisseminationFacts, FinanceFacts, MediationFacts
    from pbgdpl_desktop.services.core.context import ServiceContext
    from pbgdpl_desktop.services.reports.sources import ReportSources

log = logging.getLogger(__name__)

NOT_ASSESSED = "Chưa đánh giá"
PENDING = "Đang tính kết quả tạm tính…"


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Reminder:
    when: date | None
    text: str
    late: bool = False
    # what opening the reminder shows: ("case", case id), ("fee_request", request id), ("assessment", year)
    target: tuple[str, str] | None = None


@dataclass(frozen=True)
class Overview:
    year: int
    figures: tuple[KeyFigure, ...]
    sessions_by_month: tuple[int, ...]  # 12 values
    cases_by_outcome: tuple[tuple[str, int], ...]  # short label, count (non-zero)
    spent_by_category: tuple[tuple[str, int], ...]  # label, đồng (largest first, the rest folded in "Khác")
    verdict: str = NOT_ASSESSED
    verdict_detail: str = ""
    reminders: tuple[Reminder, ...] = field(default=())
    # False: the figures only (``overview_figures``); the verdict and the reminders are still to come
    complete: bool = True
    # the verdict and the reminders are the remembered result of an earlier computation (not complete yet)
    remembered: bool = False
    # the file's data version the figures were read at (``overview_sql.DATA_VERSION``); None: unknown
    data_version: tuple[int, int] | None = None


NO_DATA = "Chưa có dữ liệu"
REMEMBERED_FILE = "overview-remembered.json"
REMEMBERED_MAX_BYTES = 1 << 20  # a verdict and ~2,000 reminders; anything larger is not ours
REMEMBERED_NOTE = "Kết quả đã tính lần trước (dữ liệu không đổi); đang tính lại để kiểm tra…"


def _share(part: int, whole: int) -> str:
    return percent_text(part, whole)


def overview_figures(ctx: ServiceContext, year: int) -> Overview:
    """The first step: the cards and the charts of ``year`` from SQL aggregates (no feature service)."""
    with ctx.db.read() as session:
        counts = year_counts(session, year, ctx.clock.today())
        version = data_version(session)
    return replace(from_counts(counts, year), data_version=version)


def overview_figures_remembered(ctx: ServiceContext, year: int) -> Overview:
    """``overview_figures`` with the remembered verdict and reminders when their key still matches."""
    figures = overview_figures(ctx, year)
    if ctx.db.is_server or ctx.db.path is None:
        return figures
    return with_remembered(figures, ctx.data_dir, Path(ctx.db.path), ctx.clock.today())


def complete_overview(services: ReportSources, overview: Overview, today: date) -> Overview:
    """The second step: the standard's verdict (unless the year has no data at all) and the reminders."""
    verdict, detail = overview.verdict, overview.verdict_detail
    if verdict != NO_DATA:
        verdict, detail = _verdict(services, overview.year)
    return replace(
        overview,
        verdict=verdict,
        verdict_detail=detail,
        reminders=tuple(reminders(services, overview.year, today)),
        complete=True,
        remembered=False,
    )


# ---------------------------------------------------------------------------------- the remembered result
def rules_fingerprint(data_dir: Path) -> str:
    """Name, size and modification time of every rule file (shipped and local): any edit changes it."""
    local = data_dir / "rulesets"
    files = sorted(Path(resource("rulesets")).glob("*.json"))
    files += sorted(local.glob("*/v*.json")) if local.is_dir() else []
    digest = hashlib.sha256()
    for path in files:
        stat = path.stat()
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _file_identity(path: Path) -> list[int] | None:
    """The file itself, not only its path: another file put in its place (a restore, from the Settings page or
    the command line, a copy over it) has another inode (file index on Windows), whatever its data version."""
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_dev, info.st_ino]


def remembered_key(
    data_dir: Path, db_path: Path, year: int, today: date, version: tuple[int, int]
) -> dict[str, Any]:
    return {
        "db": str(Path(db_path).absolute()),
        "file": _file_identity(Path(db_path)),
        "data_version": list(version),
        "rules": rules_fingerprint(data_dir),
        "year": year,
        "today": today.isoformat(),
        "app_version": __version__,
    }


def _read_remembered(data_dir: Path) -> dict[str, Any] | None:
    """The remembered file's content, or None unless it is a small regular file of this account's, readable by
    no one else (on POSIX): a directory, a pipe or device (opened without blocking), a symlink, a file too
    large, another account's or one others may have written are not read (the page computes as usual)."""
    path = data_dir / REMEMBERED_FILE
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > REMEMBERED_MAX_BYTES:
            return None
        if os.name == "posix" and (info.st_uid != os.getuid() or info.st_mode & 0o077):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(REMEMBERED_MAX_BYTES + 1)
        if len(raw) > REMEMBERED_MAX_BYTES:
            return None
        loaded = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    finally:
        os.close(fd)
    return loaded if isinstance(loaded, dict) else None


def with_remembered(figures: Overview, data_dir: Path, db_path: Path, today: date) -> Overview:
    """``figures`` with the remembered verdict and reminders if they were computed for the same key; else as
    they are. A year without data keeps its "no data" verdict (it is not computed)."""
    if figures.data_version is None or figures.verdict == NO_DATA:
        return figures
    stored = _read_remembered(data_dir)
    key = remembered_key(data_dir, db_path, figures.year, today, figures.data_version)
    if stored is None or stored.get("key") != key:
        return figures
    try:
        found = tuple(
            Reminder(
                date.fromisoformat(r["when"]) if r["when"] else None,
                str(r["text"]),
                bool(r["late"]),
                (str(r["target"][0]), str(r["target"][1])) if r["target"] else None,
            )
            for r in stored["reminders"]
        )
        verdict, detail = str(stored["verdict"]), str(stored["verdict_detail"])
    except (KeyError, TypeError, ValueError, IndexError):
        return figures
    return replace(figures, verdict=verdict, verdict_detail=detail, reminders=found, remembered=True)


def remember(overview: Overview, data_dir: Path, db_path: Path, today: date) -> None:
    """Keep a complete overview's verdict and reminders for the next start (owner-only, atomic replace)."""
    if not overview.complete or overview.data_version is None or overview.verdict == NO_DATA:
        return
    content = {
        "key": remembered_key(data_dir, db_path, overview.year, today, overview.data_version),
        "verdict": overview.verdict,
        "verdict_detail": overview.verdict_detail,
        "reminders": [
            {
                "when": r.when.isoformat() if r.when else None,
                "text": r.text,
                "late": r.late,
                "target": list(r.target) if r.target else None,
            }
            for r in overview.reminders
        ],
    }
    target = data_dir / REMEMBERED_FILE
    if target.is_dir() and not target.is_symlink():
        forget_remembered(data_dir)  # a folder in its place would fail every write
    fd, tmp = tempfile.mkstemp(prefix=".overview-", suffix=".tmp", dir=data_dir)  # created 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(content, fh, ensure_ascii=False)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def forget_remembered(data_dir: Path) -> None:
    """The file was swapped (a restore), or data it may name changed: its remembered result no longer holds.
    Whatever is in the remembered file's place goes, even a folder (never read, see ``_read_remembered``)."""
    path = data_dir / REMEMBERED_FILE
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError as exc:  # the key (the file's identity, its data version) still keeps it from showing
        log.warning("remembered overview not removed: %s", exc)


def counts_from_facts(
    d: DisseminationFacts, m: MediationFacts, f: FinanceFacts, category_names: dict[str, str]
) -> OverviewCounts:
    """The same counts from the features' facts (the overview's computation before #17; the SQL's reference
    in the tests)."""
    outcomes = {
        "settled": m.cases_settled,
        "not_settled": m.cases_not_settled,
        "stopped": m.cases_stopped,
        "referred": m.cases_referred,
        "refused": m.cases_refused_out_of_scope,
        "in_progress": m.cases_in_progress,
    }
    return OverviewCounts(
        sessions_total=d.sessions_total,
        sessions_by_month={k: v for k, v in d.sessions_by_month.items() if v},
        participants_total=d.participants_total,
        participants_women=d.participants_women,
        plan_tasks_set=d.plan_tasks_set,
        plan_tasks_done=d.plan_tasks_done,
        cases_by_outcome={k: v for k, v in outcomes.items() if v},
        spent_total=f.spent_total,
        spent_by_category={k: v for k, v in f.spent_by_category.items() if v},
        budget_planned_total=f.budget_planned_total,
        category_names=category_names,
    )


def from_counts(c: OverviewCounts, year: int) -> Overview:
    """Cards and chart series of the counts; the verdict is still to come (or "no data" for an empty year)."""
    by_outcome = c.cases_by_outcome
    settled, not_settled = by_outcome.get("settled", 0), by_outcome.get("not_settled", 0)
    refused, referred = by_outcome.get("refused", 0), by_outcome.get("referred", 0)
    in_progress = by_outcome.get("in_progress", 0)
    recorded = sum(by_outcome.values())
    concluded = settled + not_settled
    figures = (
        KeyFigure(
            "Hoạt động PBGDPL",
            f"{c.sessions_total:,}".replace(",", "."),
            f"Kế hoạch: {c.plan_tasks_done}/{c.plan_tasks_set} nhiệm vụ",
        ),
        KeyFigure(
            "Lượt người tham dự",
            f"{c.participants_total:,}".replace(",", "."),
            f"Nữ: {c.participants_women:,}".replace(",", "."),
        ),
        KeyFigure(
            "Vụ việc hòa giải",
            str(recorded),
            f"Thuộc phạm vi: {recorded - refused - referred} · đang hòa giải: {in_progress}",
        ),
        KeyFigure(
            "Tỷ lệ hòa giải thành",
            _share(settled, concluded),
            f"{settled}/{concluded} vụ đã kết thúc (thành + không thành)",
        ),
        KeyFigure(
            "Kinh phí đã chi",
            format_money(c.spent_total),
            f"Dự toán {format_money(c.budget_planned_total)} ({_share(c.spent_total, c.budget_planned_total)})",
        ),
    )
    outcomes = (
        ("Thành", settled),
        ("Không thành", not_settled),
        ("Chấm dứt theo yêu cầu", by_outcome.get("stopped", 0)),
        ("Chuyển cơ quan có thẩm quyền", referred),
        ("Không thuộc phạm vi (từ chối)", refused),
        ("Đang hòa giải", in_progress),
    )
    spent = sorted(
        (
            (c.category_names.get(code, code), amount)
            for code, amount in c.spent_by_category.items()
            if amount
        ),
        key=lambda item: -item[1],
    )
    if len(spent) > 6:
        spent = [*spent[:5], ("Khác", sum(a for _, a in spent[5:]))]
    verdict, detail = PENDING, ""
    if c.sessions_total == 0 and recorded == 0 and c.spent_total == 0 and not c.plan_tasks_set:
        # nothing recorded for the year yet: an assessment of empty books would read "Đạt 1/3 tiêu chí"
        verdict, detail = (
            NO_DATA,
            (
                f"Chưa có dữ liệu của năm {year}: hãy ghi các buổi phổ biến, vụ việc hòa giải và khoản chi; "
                "kết quả tạm tính sẽ hiện khi có số liệu."
            ),
        )
    return Overview(
        year,
        figures,
        tuple(c.sessions_by_month.get(i, 0) for i in range(1, 13)),
        tuple((label, n) for label, n in outcomes if n),
        tuple(spent),
        verdict,
        detail,
        complete=False,
    )


def _verdict(services: ReportSources, year: int) -> tuple[str, str]:
    from pbgdpl_desktop.services.reports import gather

    result = gather.assessment_result(services, year)
    if result is None:
        return NOT_ASSESSED, "Chưa có bộ tiêu chí hoặc chưa nhập số liệu đánh giá cho năm này."
    text = gather.VERDICT_TEXT.get(result.verdict.value, result.verdict.label)
    if result.total is not None:
        detail = (
            f"Tổng điểm tạm tính: {gather.points_text(result.total)}/{gather.points_text(result.max_total)}"
        )
    else:
        passed = sum(1 for c in result.criteria if c.verdict.value in ("pass", "na"))
        detail = f"Đạt {passed}/{len(result.criteria)} tiêu chí (kết quả tạm tính theo số liệu hiện có)"
    if result.blocking:
        detail += ". Chưa đạt vì: " + "; ".join(result.blocking[:3])
    return text, detail


def reminders(services: ReportSources, year: int, today: date) -> list[Reminder]:
    out = [
        Reminder(
            r.since,
            r.text,
            r.kind in ("not_started", "fee_overdue"),
            ("fee_request" if r.kind == "fee_overdue" else "case", r.case_id),
        )
        for r in services.mediation.reminders(today)
    ]
    for request in services.mediation.fees.requests(
        year=year
    ):  # overdue ones come from the mediation service
        if request.paid_on is None and request.refused_on is None and request.due_on >= today:
            out.append(
                Reminder(
                    request.due_on,
                    f"Đề nghị thù lao của {request.mediator_name} ({request.team_name}, "
                    f"{format_money(request.total_amount)}): chi hoặc trả lời bằng văn bản trước ngày "
                    f"{format_date(request.due_on)}.",
                    target=("fee_request", request.id),
                )
            )
    try:
        steps = services.assessment.procedure.checklist(year)
    except Exception:  # noqa: BLE001 - no ruleset for the year: no procedure to remind of
        steps = []
    for step in steps:
        if step.status in ("late", "todo") and step.deadline is not None:
            out.append(
                Reminder(
                    step.deadline,
                    f"{step.title} — hạn {format_date(step.deadline)}: {step.message}",
                    step.status == "late",
                    ("assessment", str(year)),
                )
            )
    return sorted(out, key=lambda r: (not r.late, r.when or date.max))
