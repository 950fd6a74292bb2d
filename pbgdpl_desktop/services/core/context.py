"""What every service is built with: the open database, the data directory and the clock.

``services.registry.Services.build`` makes the services from one ``ServiceContext``; a service that needs
another feature gets it as a constructor argument there, never through the context."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pbgdpl_desktop.domain.clock import Clock, SystemClock
from pbgdpl_desktop.domain.users import Actor
from pbgdpl_desktop.persistence.db import Database
from pbgdpl_desktop.persistence.uow import current_change_seq


@dataclass(frozen=True)
class ServiceContext:
    db: Database
    data_dir: Path
    clock: Clock = field(default_factory=SystemClock)

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    @property
    def outputs_dir(self) -> Path:
        return self.data_dir / "outputs"

    @property
    def actor(self) -> Actor | None:
        """The signed-in user (issue #15), ``None`` while the ward has no accounts; set by ``UserService``."""
        return self.db.actor

    def require_admin(self) -> None:
        """Refuse unless the signed-in user is the administrator (or no account exists yet)."""
        if self.db.actor is not None:
            self.db.actor.require_admin()

    def data_version(self) -> int:
        """A number that grows with every saved change (the sync counter each write stamps): the same number
        means the same records, so a page can skip recomputing what it already shows. One tiny query."""
        with self.db.read() as session:
            return current_change_seq(session)
