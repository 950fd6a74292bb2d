"""``pbgdpl-desktop demo``: a realistic demo ward, filled by each module through its services."""

from __future__ import annotations

import random
from collections.abc import Callable

from pbgdpl_desktop.domain.ward import WardProfile, default_receiving_office
from pbgdpl_desktop.services.core.admin_units import load_admin_units
from pbgdpl_desktop.services.demo import assessment, dissemination, finance, mediation, users
from pbgdpl_desktop.services.demo.context import DemoContext
from pbgdpl_desktop.services.registry import Services


def _fill_ward(demo: DemoContext) -> None:
    units = load_admin_units()
    commune = next(c for c in units.communes if c.name == "Phường Hoàn Kiếm")
    province = units.province(commune.province_code)
    assert province is not None
    demo.services.ward.save(
        WardProfile(
            province_code=province.code,
            province_name=province.name,
            commune_code=commune.code,
            commune_name=commune.name,
            commune_type=commune.type,
            address="Số 126 phố Hàng Trống, Phường Hoàn Kiếm, Thành phố Hà Nội",
            chairman="Nguyễn Văn Thành",
            vice_chairman="Trần Thị Hồng Nhung",
            clerk_name="Đặng Thị Thu Hà",
            receiving_office=default_receiving_office(province),
            phone="024 3825 0000",
            email="tuphap.hoankiem@hanoi.gov.vn",
        )
    )


STEPS: list[tuple[str, Callable[[DemoContext], None]]] = [
    ("ward", _fill_ward),
    ("dissemination", dissemination.fill),
    ("mediation", mediation.fill),
    ("finance", finance.fill),
    ("assessment", assessment.fill),
]


def build_demo(services: Services, *, seed: int = 2026) -> list[str]:
    """Fill an empty database with the demo ward; returns the step names done.

    Each step draws from its own random generator (seeded with the seed and the step's name), so a change in
    one module's demo never reshuffles another module's records."""
    today = services.ctx.clock.today()
    years = (today.year - 2, today.year - 1, today.year)
    done = []
    users.start(DemoContext(services=services, rng=random.Random(f"{seed}:users"), today=today, years=years))
    # one transaction, one disk sync, for the whole ward; all or nothing, so its parts need no savepoints
    with services.ctx.db.bulk(savepoints=False):
        for name, step in STEPS:
            step(
                DemoContext(services=services, rng=random.Random(f"{seed}:{name}"), today=today, years=years)
            )
            done.append(name)
    users.finish(DemoContext(services=services, rng=random.Random(f"{seed}:users"), today=today, years=years))
    return done
