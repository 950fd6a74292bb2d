"""Pieces of the office tests: demo wards of different seeds under other communes of Hà Nội, and an office
database (upper-office mode)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from pbgdpl_desktop.domain.clock import FixedClock
from pbgdpl_desktop.services.core.admin_units import load_admin_units
from pbgdpl_desktop.services.core.runtime import RuntimePaths
from pbgdpl_desktop.services.office.inbox import ReplyInbox
from pbgdpl_desktop.services.office.service import OfficeService
from pbgdpl_desktop.services.registry import Services, open_services
from tests.helpers.bundles import open_office

COMMUNES = ("Phường Hoàn Kiếm", "Phường Ba Đình", "Phường Bạch Mai")
SEEDS = (2026, 11, 12)


def build_demo_ward(folder: Path, template: Path, clock: FixedClock, seed: int, commune_name: str) -> Path:
    """A demo ward database (seed ``seed``) whose profile names ``commune_name``; returns its path."""
    from pbgdpl_desktop.services.demo import build_demo

    folder.mkdir(parents=True, exist_ok=True)
    paths = RuntimePaths(folder, folder / "ward.db")
    shutil.copyfile(template, paths.db_path)
    svc = open_services(paths, clock=clock)
    try:
        build_demo(svc, seed=seed)
        rename_ward(svc, commune_name)
    finally:
        svc.ctx.db.close()
    return paths.db_path


def rename_ward(svc: Services, commune_name: str) -> None:
    commune = next(c for c in load_admin_units().communes if c.name == commune_name)
    profile = svc.ward.get()
    assert profile is not None
    svc.ward.save(
        replace(profile, commune_code=commune.code, commune_name=commune.name, commune_type=commune.type)
    )


def open_ward(db: Path, folder: Path, clock: FixedClock) -> Services:
    """Services over a copy of the ward database ``db`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = RuntimePaths(folder, folder / "ward.db")
    if not paths.db_path.exists():
        shutil.copyfile(db, paths.db_path)
    return open_services(paths, clock=clock)


def signed_decision_pdf(base: Path) -> tuple[Path, Path]:
    """A recognition decision's PDF signed by the province's leader under a test root: (the PDF, the root's PEM)."""
    from pbgdpl_desktop.reports.dossier import render_dossier
    from pbgdpl_desktop.signing.keys import P12Key
    from pbgdpl_desktop.signing.sign import SignRole, sign_pdf
    from tests.helpers import pki
    from tests.unit.test_reports_dossier import dossier_input

    root = pki.make_root()
    leader = pki.issue(root, "Nguyễn Văn Chủ Tịch", "UBND thành phố Hà Nội")
    unsigned = Path(
        render_dossier(dossier_input(comments=False, criteria_count=1), str(base / "unsigned.pdf"))
    )
    p12 = pki.write_p12(leader, root, base / "leader.p12", "mat-khau")
    signed = base / "15-QD-UBND.pdf"
    sign_pdf(unsigned, signed, P12Key(p12, "mat-khau"), role=SignRole.PERSON)
    (base / "root.pem").write_bytes(root.pem)
    return signed, base / "root.pem"


def office_of(svc: Services) -> OfficeService:
    return OfficeService(svc.ctx, svc.sync)


def inbox_of(svc: Services) -> ReplyInbox:
    return ReplyInbox(svc.ctx)


__all__ = [
    "COMMUNES",
    "SEEDS",
    "build_demo_ward",
    "inbox_of",
    "office_of",
    "open_office",
    "open_ward",
    "signed_decision_pdf",
]
