"""The official list of provinces and communes after the 1 July 2025 reform (resources/data)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from pbgdpl_desktop.domain.resources import resource
from pbgdpl_desktop.domain.text import fold, nfc, sort_key
from pbgdpl_desktop.domain.ward import Commune, CommuneType, Province

# Codes used by other systems for the same unit (see admin_units_2025.SOURCE.md).
CODE_ALIASES = {"06970": "06978"}


@dataclass(frozen=True)
class AdminUnits:
    provinces: tuple[Province, ...]
    communes: tuple[Commune, ...]

    def province(self, code: str) -> Province | None:
        return next((p for p in self.provinces if p.code == code), None)

    def commune(self, code: str) -> Commune | None:
        code = CODE_ALIASES.get(code, code)
        return next((c for c in self.communes if c.code == code), None)

    def communes_of(self, province_code: str) -> list[Commune]:
        return [c for c in self.communes if c.province_code == province_code]

    def search_communes(self, text: str, province_code: str | None = None) -> list[Commune]:
        needle = fold(text)
        pool = self.communes_of(province_code) if province_code else self.communes
        return [c for c in pool if needle in fold(c.name)]


@cache
def load_admin_units() -> AdminUnits:
    provinces: dict[str, Province] = {}
    communes: list[Commune] = []
    with resource("data", "admin_units_2025.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["province_code"]
            provinces.setdefault(code, Province(code, nfc(row["province_name"])))
            communes.append(
                Commune(row["commune_code"], nfc(row["commune_name"]), CommuneType(row["commune_type"]), code)
            )
    ordered = sorted(provinces.values(), key=lambda p: sort_key(p.short_name))
    communes.sort(key=lambda c: (c.province_code, sort_key(c.short_name)))
    return AdminUnits(tuple(ordered), tuple(communes))
