"""All services of one open database, wired once (``Services.build``) by the composition root (``app.py``,
through ``open_services``) and by tests.

The features depend on each other in ONE direction, which an import-linter contract checks:

    reports → assessment → finance → mediation | dissemination → core

A feature gets the collaborators it needs as constructor arguments here. Where a lower feature needs to
read something of a higher one (mediation reads the finance norm table and the team support paid through
the ledger), it declares a small interface in its ``ports`` module and gets the higher feature's part that
implements it; the part is built before the features that use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pbgdpl_desktop.domain.clock import Clock, SystemClock
from pbgdpl_desktop.domain.errors import DatabaseInUseError, DomainError
from pbgdpl_desktop.persistence.db import Database, open_database, open_server_database
from pbgdpl_desktop.persistence.lock import FileLock
from pbgdpl_desktop.persistence.repos import sync_repo
from pbgdpl_desktop.services.assessment.service import AssessmentService
from pbgdpl_desktop.services.core.audit import AuditService
from pbgdpl_desktop.services.core.backups import BackupService
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.evidence import EvidenceService
from pbgdpl_desktop.services.core.holidays import HolidayService
from pbgdpl_desktop.services.core.privacy import PrivacyService
from pbgdpl_desktop.services.core.recycle import RecycleBin
from pbgdpl_desktop.services.core.runtime import RuntimePaths, ensure_data_dir, restrict_file
from pbgdpl_desktop.services.core.settings import SettingsService
from pbgdpl_desktop.services.core.users import UserService
from pbgdpl_desktop.services.core.ward import WardService
from pbgdpl_desktop.services.dissemination.service import DisseminationService
from pbgdpl_desktop.services.finance.catalogue import CatalogueService
from pbgdpl_desktop.services.finance.payments import PaymentQueries
from pbgdpl_desktop.services.finance.service import FinanceService
from pbgdpl_desktop.services.mediation.service import MediationService
from pbgdpl_desktop.services.reports.service import ReportService
from pbgdpl_desktop.services.reports.sources import ReportSources
from pbgdpl_desktop.services.signing.service import SigningService
from pbgdpl_desktop.services.sync.dto import OFFICE
from pbgdpl_desktop.services.sync.service import SyncService


@dataclass(frozen=True)
class Services:
    ctx: ServiceContext
    ward: WardService
    settings: SettingsService
    evidence: EvidenceService
    holidays: HolidayService
    backups: BackupService
    dissemination: DisseminationService
    mediation: MediationService
    finance: FinanceService
    assessment: AssessmentService
    reports: ReportService
    recycle: RecycleBin
    sync: SyncService
    users: UserService
    audit: AuditService
    privacy: PrivacyService
    signing: SigningService

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        ctx.db.now = ctx.clock.now  # the audit trail's time (issue #15)
        ward = WardService(ctx)
        settings = SettingsService(ctx)
        evidence = EvidenceService(ctx)
        holidays = HolidayService(ctx, settings)
        backups = BackupService(ctx, settings)
        dissemination = DisseminationService(ctx, evidence=evidence, backups=backups)
        # finance parts that mediation reads through its ports, built before both
        norms = CatalogueService(ctx)
        payments = PaymentQueries(ctx)
        mediation = MediationService(
            ctx, settings=settings, holidays=holidays, norms=norms, payments=payments
        )
        finance = FinanceService(
            ctx,
            settings=settings,
            ward=ward,
            catalogue=norms,
            payments=payments,
            dissemination=dissemination,
            mediation=mediation,
        )
        assessment = AssessmentService(
            ctx,
            evidence=evidence,
            holidays=holidays,
            dissemination=dissemination,
            mediation=mediation,
            finance=finance,
            rates=norms,
        )
        reports = ReportService(
            ctx,
            ReportSources(
                ward=ward,
                dissemination=dissemination,
                mediation=mediation,
                finance=finance,
                assessment=assessment,
            ),
        )
        sync = SyncService(ctx)
        signing = SigningService(ctx, settings=settings, evidence=evidence, ward=ward, sync=sync)
        evidence.signature_checker = signing.evidence_result  # every attached PDF is checked
        reports.certificate_sealer = signing.certificates.seal_and_register
        return cls(
            ctx=ctx,
            ward=ward,
            settings=settings,
            evidence=evidence,
            holidays=holidays,
            backups=backups,
            dissemination=dissemination,
            mediation=mediation,
            finance=finance,
            assessment=assessment,
            reports=reports,
            recycle=RecycleBin(ctx),
            users=UserService(ctx, settings),
            audit=AuditService(ctx),
            privacy=PrivacyService(ctx, settings),
            sync=sync,
            signing=signing,
        )


def open_services(
    paths: RuntimePaths,
    *,
    clock: Clock | None = None,
    read_only: bool = False,
    writer: FileLock | None = None,
) -> Services:
    """Open (create, upgrade) the database at ``paths`` and build the services over it. A writer holds the
    database's one-writer lock until ``ctx.db.close()`` (``DatabaseInUseError`` when another process has
    it); ``read_only`` opens it for reading only, beside a running writer."""
    ensure_data_dir(paths)
    if paths.db_url is not None:  # a server database: the server keeps many writers apart, no file lock
        db = open_server_database(paths.db_url, paths.db_path)
        _office_only(db)
    else:
        db = open_database(paths.db_path, backups_dir=paths.backups_dir, read_only=read_only, writer=writer)
        if not read_only:
            restrict_file(paths.db_path)
    return Services.build(ServiceContext(db=db, data_dir=paths.data_dir, clock=clock or SystemClock()))


def _office_only(db: Database) -> None:
    """A server database is an office's (upper-office): one without a mode gets it; a ward's is refused —
    the ward's pages and exports are written for its own SQLite file (docs/office.md)."""
    try:
        with db.transaction(system=True) as session:
            stored = sync_repo.get_meta(session, sync_repo.MODE_KEY)
            if stored is None:
                sync_repo.set_meta(session, sync_repo.MODE_KEY, OFFICE)
    except BaseException:
        db.close()
        raise
    if stored not in (None, OFFICE):
        db.close()
        raise DomainError(
            f"Cơ sở dữ liệu {db.location} đang ở chế độ xã/phường. Trên máy chủ PostgreSQL phần mềm chỉ mở cơ sở "
            "dữ liệu của cơ quan cấp trên (chế độ upper-office); dữ liệu của xã/phường dùng tệp trên máy."
        )


def open_services_for_reading(paths: RuntimePaths, *, clock: Clock | None = None) -> Services:
    """For commands that only read (score, report): the normal open when nobody writes to the file (so an
    old file is upgraded as usual), a read-only one beside a running app."""
    try:
        return open_services(paths, clock=clock)
    except DatabaseInUseError:
        return open_services(paths, clock=clock, read_only=True)
