from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pbgdpl_desktop.persistence.live import live, revive, tombstone
from pbgdpl_desktop.persistence.models.core import EvidenceFile, EvidenceLink


def get_or_create_file(
    session: Session, *, sha256: str, original_name: str, size_bytes: int, media_type: str
) -> EvidenceFile:
    row = session.scalars(select(EvidenceFile).where(EvidenceFile.sha256 == sha256)).first()
    if row is None:
        row = EvidenceFile(
            sha256=sha256, original_name=original_name, size_bytes=size_bytes, media_type=media_type
        )
        session.add(row)
    else:
        revive(row)
    session.flush()
    return row


def link(session: Session, evidence_id: str, owner_table: str, owner_id: str, note: str) -> EvidenceLink:
    row = EvidenceLink(evidence_id=evidence_id, owner_table=owner_table, owner_id=owner_id, note=note)
    session.add(row)
    session.flush()
    return row


def links_of(session: Session, owner_table: str, owner_id: str) -> list[tuple[EvidenceLink, EvidenceFile]]:
    stmt = (
        select(EvidenceLink, EvidenceFile)
        .join(EvidenceFile, EvidenceFile.id == EvidenceLink.evidence_id)
        .where(
            EvidenceLink.owner_table == owner_table,
            EvidenceLink.owner_id == owner_id,
            live(EvidenceLink),
        )
        .order_by(EvidenceLink.created_at)
    )
    return [(a, b) for a, b in session.execute(stmt).all()]


def unlink(session: Session, link_id: str, now: datetime) -> None:
    row = session.get(EvidenceLink, link_id)
    if row is not None:
        tombstone(row, now)


def file_by_sha(session: Session, sha256: str) -> EvidenceFile | None:
    return session.scalars(select(EvidenceFile).where(EvidenceFile.sha256 == sha256)).first()


def set_signature(session: Session, row: EvidenceFile, values: dict[str, object]) -> None:
    """The digital-signature check of a PDF (columns ``sig_*``)."""
    for key, value in values.items():
        if not key.startswith("sig_"):
            raise KeyError(key)
        setattr(row, key, value)
    session.flush()
