"""What every service is built with. ``app.py`` (the composition root) makes one and builds ``Services``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pbgdpl_desktop.domain.clock import Clock, SystemClock
from pbgdpl_desktop.persistence.db import Database

if TYPE_CHECKING:
    from pbgdpl_desktop.services.registry import Services


@dataclass
class ServiceContext:
    db: Database
    data_dir: Path
    clock: Clock = field(default_factory=SystemClock)
    # Set once all services exist, for the few cross-module calls (finance reads fee requests, …).
    services: Services | None = None

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    @property
    def outputs_dir(self) -> Path:
        return self.data_dir / "outputs"
