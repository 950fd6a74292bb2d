"""Tables of the mediation module (filled by its issue). Every syncable table: ``class X(SyncMixin, Base)``."""

from __future__ import annotations
