"""The ward profile: read and save (one row)."""

from __future__ import annotations

from dataclasses import asdict

from pbgdpl_desktop.domain.changes import WARD, Changes
from pbgdpl_desktop.domain.text import clean_input
from pbgdpl_desktop.domain.ward import CommuneType, WardProfile
from pbgdpl_desktop.persistence.repos import ward_repo
from pbgdpl_desktop.services.core.context import ServiceContext


class WardService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._db = ctx.db

    def get(self) -> WardProfile | None:
        with self._db.read() as session:
            row = ward_repo.get(session)
            if row is None:
                return None
            return WardProfile(
                id=row.id,
                province_code=row.province_code,
                province_name=row.province_name,
                commune_code=row.commune_code,
                commune_name=row.commune_name,
                commune_type=CommuneType(row.commune_type),
                address=row.address,
                chairman=row.chairman,
                vice_chairman=row.vice_chairman,
                clerk_name=row.clerk_name,
                receiving_office=row.receiving_office,
                legacy_district=row.legacy_district,
                phone=row.phone,
                email=row.email,
            )

    def save(self, profile: WardProfile) -> tuple[WardProfile, Changes]:
        profile = clean_input(profile).normalised()
        profile.validate()
        values = asdict(profile)
        values.pop("id")
        values["commune_type"] = profile.commune_type.value
        with self._db.transaction() as session:
            row = ward_repo.upsert(session, values)
            saved_id = row.id
        return WardProfile(**{**asdict(profile), "id": saved_id}), Changes.of(WARD)
