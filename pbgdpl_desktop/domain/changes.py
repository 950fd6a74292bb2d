"""What an action changed, so that each view refreshes only what it shows (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Topics: keep this list short and stable; pages check membership.
WARD = "ward"
SETTINGS = "settings"
DISSEMINATION = "dissemination"
MEDIATION = "mediation"
FINANCE = "finance"
ASSESSMENT = "assessment"
EVIDENCE = "evidence"
ALL_TOPICS = frozenset({WARD, SETTINGS, DISSEMINATION, MEDIATION, FINANCE, ASSESSMENT, EVIDENCE})


@dataclass(frozen=True)
class Changes:
    topics: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *topics: str) -> Changes:
        unknown = set(topics) - ALL_TOPICS
        if unknown:
            raise ValueError(f"unknown change topics: {sorted(unknown)}")
        return cls(frozenset(topics))

    @classmethod
    def everything(cls) -> Changes:
        return cls(ALL_TOPICS)

    def __contains__(self, topic: str) -> bool:
        return topic in self.topics

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.topics | other.topics)

    def __bool__(self) -> bool:
        return bool(self.topics)
