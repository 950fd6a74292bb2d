"""All ORM models. Importing this package registers every table on ``Base.metadata``.

The model modules do not use ``from __future__ import annotations`` (#17): with string annotations the
declarative scan evaluates ``Mapped[...]`` once per column (≈ 1,600 ``eval`` calls for 59 models), about a fifth
of the models' import time; evaluated by Python at class creation they cost nearly nothing. The models have no
relationships, so no forward reference needs a string."""

from pbgdpl_desktop.persistence.models import (  # noqa: F401
    assessment,
    core,
    dissemination,
    finance,
    mediation,
    office,
    office_offers,
    signing,
    sync,
    users,
)
from pbgdpl_desktop.persistence.models.base import Base, SyncMixin, UTCDateTime, new_id

__all__ = ["Base", "SyncMixin", "UTCDateTime", "add_server_options", "new_id"]


def add_server_options() -> None:
    """The index options only PostgreSQL reads, added when a server database is used: written in the model, a
    ``postgresql_*`` keyword makes SQLAlchemy load its PostgreSQL dialect (≈ 0.1 s, asyncio included) at every
    start of a ward's app, which never talks to a server. Migration 0006 makes the same partial index."""
    from sqlalchemy import text

    table = Base.metadata.tables["mediation_case"]
    index = next(i for i in table.indexes if i.name == "ux_mediation_case_number_live")
    options = index.dialect_options["postgresql"]
    if options.get("where") is None:
        options["where"] = text("deleted_at IS NULL")
