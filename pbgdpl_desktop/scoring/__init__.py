"""Chuẩn tiếp cận pháp luật: rule files, strict loader and the pure scoring engine (no DB, no Qt)."""

from pbgdpl_desktop.scoring.engine import score
from pbgdpl_desktop.scoring.loader import RulesetError, load_path, load_text
from pbgdpl_desktop.scoring.model import Ruleset, Verdict
from pbgdpl_desktop.scoring.result import AssessmentResult, NodeResult, to_json

__all__ = [
    "AssessmentResult",
    "NodeResult",
    "Ruleset",
    "RulesetError",
    "Verdict",
    "load_path",
    "load_text",
    "score",
    "to_json",
]
