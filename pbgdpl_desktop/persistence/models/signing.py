"""The register of issued certificates and commendations (Sổ cấp giấy chứng nhận, giấy khen): one row per
number; a number never repeats within a year for one symbol (unique constraint), a tombstoned row keeps
its number."""

from datetime import date

from sqlalchemy import Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pbgdpl_desktop.persistence.models.base import Base, SyncMixin


class IssuedCertificate(SyncMixin, Base):
    __tablename__ = "issued_certificate"
    __table_args__ = (
        UniqueConstraint("year", "symbol", "number", name="uq_issued_certificate_year_symbol_number"),
    )
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    symbol: Mapped[str] = mapped_column(String(40), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    person: Mapped[str] = mapped_column(String(120), nullable=False)
    unit: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")
    issue_date: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str] = mapped_column(String(1000), nullable=False, default="", server_default="")
    decision: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")
    prints: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
