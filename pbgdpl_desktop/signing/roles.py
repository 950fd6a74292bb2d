"""Who signs a document (NĐ 30/2020: the person with authority, then the agency over it). Kept apart from
``sign`` so the services and the Qt pages can name a role without importing pyHanko (start-up speed)."""

from __future__ import annotations

from enum import Enum


class SignRole(Enum):
    PERSON = "person"
    AGENCY = "agency"
