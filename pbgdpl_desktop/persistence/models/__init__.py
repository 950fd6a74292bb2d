"""All ORM models. Importing this package registers every table on ``Base.metadata``."""

from pbgdpl_desktop.persistence.models import assessment, core, dissemination, finance, mediation  # noqa: F401
from pbgdpl_desktop.persistence.models.base import Base, SyncMixin, UTCDateTime, new_id

__all__ = ["Base", "SyncMixin", "UTCDateTime", "new_id"]
