"""What every demo step gets: the services to fill through, its own random generator and the dates."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pbgdpl_desktop.services.registry import Services


@dataclass
class DemoContext:
    services: Services
    rng: random.Random
    today: date
    years: tuple[int, ...]  # e.g. (2024, 2025, 2026): the current year and the two before
