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

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from pbgdpl_desktop.domain.clock import Clock, SystemClock
from pbgdpl_desktop.domain.errors import DatabaseInUseError, DomainError
from pbgdpl_desktop.persistence.db import Database, open_database, open_server_database
from pbgdpl_desktop.persistence.lock import FileLock
from pbgdpl_desktop.persistence.repos import sync_repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.runtime import RuntimePaths, ensure_data_dir, restrict_file
from pbgdpl_desktop.services.sync.dto import OFFICE

if TYPE_CHECKING:  # each service's module is imported when the service is first used (start-up, #17)
    from pbgdpl_desktop.reports.inputs import CertificateInput
    from pbgdpl_desktop.services.assessment.service import AssessmentService
    from pbgdpl_desktop.services.core.audit import AuditService
    from pbgdpl_desktop.services.core.backups import BackupService
    from pbgdpl_desktop.services.core.evidence import EvidenceService, SignatureResult
    from pbgdpl_desktop.services.core.holidays import HolidayService
    from pbgdpl_desktop.services.core.privacy import PrivacyService
    from pbgdpl_desktop.services.core.recycle import RecycleBin
    from pbgdpl_desktop.services.core.settings import SettingsService
    from pbgdpl_desktop.services.core.users import UserService
    from pbgdpl_desktop.services.core.ward import WardService
    from pbgdpl_desktop.services.dissemination.service import DisseminationService
    from pbgdpl_desktop.services.finance.catalogue import CatalogueService
    from pbgdpl_desktop.services.finance.payments import PaymentQueries
    from pbgdpl_desktop.services.finance.service import FinanceService
    from pbgdpl_desktop.services.mediation.service import MediationService
    from pbgdpl_desktop.services.reports.service import ReportService
    from pbgdpl_desktop.services.signing.service import SigningService
    from pbgdpl_desktop.services.sync.service import SyncService

T = TypeVar("T")


class _OnFirstUse(Generic[T]):
    """A service of ``Services`` built (and its module imported) the first time it is read, then kept in the
    instance: the window's overview needs the reports' chain, not signing or sync; ``--help`` and the shell
    need none. One lock per registry: a page's worker thread and the GUI thread never build a service twice."""

    def __init__(self, build: Callable[[Services], T]) -> None:
        self._build = build
        self._name = build.__name__

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> _OnFirstUse[T]: ...
    @overload
    def __get__(self, obj: Services, owner: type[Any]) -> T: ...
    def __get__(self, obj: Services | None, owner: type[Any]) -> _OnFirstUse[T] | T:
        if obj is None:
            return self
        with obj.first_use_lock:
            built: T
            if self._name not in obj.__dict__:
                obj.__dict__[self._name] = self._build(obj)
            built = obj.__dict__[self._name]
            return built


class Services:
    """The services over one open database ``ctx``; each is built on first use with the collaborators it
    needs (the registry's one wiring, as ``build`` did eagerly before #17). Once built, a service is a plain
    attribute of the instance (the descriptor is not consulted again)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.first_use_lock = threading.RLock()  # see _OnFirstUse
        ctx.db.now = ctx.clock.now  # the audit trail's time (issue #15)

    @classmethod
    def build(cls, ctx: ServiceContext) -> Services:
        return cls(ctx)

    @classmethod
    def names(cls) -> list[str]:
        """The services' attribute names (reading one builds it)."""
        return [n for n, v in vars(cls).items() if isinstance(v, _OnFirstUse) and not n.startswith("_")]

    @_OnFirstUse
    def ward(self) -> WardService:
        from pbgdpl_desktop.services.core.ward import WardService

        return WardService(self.ctx)

    @_OnFirstUse
    def settings(self) -> SettingsService:
        from pbgdpl_desktop.services.core.settings import SettingsService

        return SettingsService(self.ctx)

    @_OnFirstUse
    def evidence(self) -> EvidenceService:
        from pbgdpl_desktop.services.core.evidence import EvidenceService

        evidence = EvidenceService(self.ctx)
        evidence.signature_checker = self._check_signature  # every attached PDF is checked
        return evidence

    def _check_signature(self, path: Path) -> SignatureResult:
        return self.signing.evidence_result(path)

    @_OnFirstUse
    def holidays(self) -> HolidayService:
        from pbgdpl_desktop.services.core.holidays import HolidayService

        return HolidayService(self.ctx, self.settings)

    @_OnFirstUse
    def backups(self) -> BackupService:
        from pbgdpl_desktop.services.core.backups import BackupService

        return BackupService(self.ctx, self.settings)

    @_OnFirstUse
    def dissemination(self) -> DisseminationService:
        from pbgdpl_desktop.services.dissemination.service import DisseminationService

        return DisseminationService(self.ctx, evidence=self.evidence, backups=self.backups)

    # finance parts that mediation reads through its ports, shared by both (not services of their own)
    @_OnFirstUse
    def _norms(self) -> CatalogueService:
        from pbgdpl_desktop.services.finance.catalogue import CatalogueService

        return CatalogueService(self.ctx)

    @_OnFirstUse
    def _payments(self) -> PaymentQueries:
        from pbgdpl_desktop.services.finance.payments import PaymentQueries

        return PaymentQueries(self.ctx)

    @_OnFirstUse
    def mediation(self) -> MediationService:
        from pbgdpl_desktop.services.mediation.service import MediationService

        return MediationService(
            self.ctx,
            settings=self.settings,
            holidays=self.holidays,
            norms=self._norms,
            payments=self._payments,
        )

    @_OnFirstUse
    def finance(self) -> FinanceService:
        from pbgdpl_desktop.services.finance.service import FinanceService

        return FinanceService(
            self.ctx,
            settings=self.settings,
            ward=self.ward,
            catalogue=self._norms,
            payments=self._payments,
            dissemination=self.dissemination,
            mediation=self.mediation,
        )

    @_OnFirstUse
    def assessment(self) -> AssessmentService:
        from pbgdpl_desktop.services.assessment.service import AssessmentService

        return AssessmentService(
            self.ctx,
            evidence=self.evidence,
            holidays=self.holidays,
            dissemination=self.dissemination,
            mediation=self.mediation,
            finance=self.finance,
            rates=self._norms,
        )

    @_OnFirstUse
    def reports(self) -> ReportService:
        from pbgdpl_desktop.services.reports.service import ReportService
        from pbgdpl_desktop.services.reports.sources import ReportSources

        reports = ReportService(
            self.ctx,
            ReportSources(
                ward=self.ward,
                dissemination=self.dissemination,
                mediation=self.mediation,
                finance=self.finance,
                assessment=self.assessment,
            ),
        )
        reports.certificate_sealer = self._seal_certificate
        return reports

    def _seal_certificate(self, data: CertificateInput) -> CertificateInput:
        return self.signing.certificates.seal_and_register(data)

    @_OnFirstUse
    def recycle(self) -> RecycleBin:
        from pbgdpl_desktop.services.core.recycle import RecycleBin

        return RecycleBin(self.ctx)

    @_OnFirstUse
    def sync(self) -> SyncService:
        from pbgdpl_desktop.services.sync.service import SyncService

        return SyncService(self.ctx)

    @_OnFirstUse
    def users(self) -> UserService:
        from pbgdpl_desktop.services.core.users import UserService

        return UserService(self.ctx, self.settings)

    @_OnFirstUse
    def audit(self) -> AuditService:
        from pbgdpl_desktop.services.core.audit import AuditService

        return AuditService(self.ctx)

    @_OnFirstUse
    def privacy(self) -> PrivacyService:
        from pbgdpl_desktop.services.core.privacy import PrivacyService

        return PrivacyService(self.ctx, self.settings)

    @_OnFirstUse
    def signing(self) -> SigningService:
        from pbgdpl_desktop.services.signing.service import SigningService

        return SigningService(
            self.ctx, settings=self.settings, evidence=self.evidence, ward=self.ward, sync=self.sync
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
