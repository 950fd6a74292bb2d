"""All ORM models. Importing this package registers every table on ``Base.metadata``."""

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
