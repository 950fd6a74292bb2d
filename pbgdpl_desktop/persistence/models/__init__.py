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

__all__ = ["Base", "SyncMixin", "UTCDateTime", "new_id"]
