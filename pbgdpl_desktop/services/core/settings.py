"""Declared settings stored in the database (``setting`` table, JSON values)."""

from __future__ import annotations

import json
from typing import Any

from pbgdpl_desktop.domain.changes import SETTINGS, Changes
from pbgdpl_desktop.domain.settings import DECLARED, validate_value
from pbgdpl_desktop.domain.users import action_for_setting, require
from pbgdpl_desktop.persistence.repos import settings_repo
from pbgdpl_desktop.services.core.context import ServiceContext


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, key: str) -> Any:
        spec = DECLARED[key]
        with self._ctx.db.read() as session:
            raw = settings_repo.get(session, key)
        return spec.default if raw is None else json.loads(raw)

    def set(self, key: str, value: Any) -> Changes:
        """Save one setting; refused (``PermissionDenied``) when the signed-in role may not change it: a viewer
        changes only this PC's display preferences (``domain.users.SETTING_ACTIONS``)."""
        require(self._ctx.actor, action_for_setting(key))
        value = validate_value(key, value)
        with self._ctx.db.transaction() as session:
            settings_repo.put(session, key, json.dumps(value, ensure_ascii=False))
        return Changes.of(SETTINGS)
