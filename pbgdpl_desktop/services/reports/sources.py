"""What the documents read: the façades of the features below reports."""

from __future__ import annotations

from dataclasses import dataclass

from pbgdpl_desktop.services.assessment.service import AssessmentService
from pbgdpl_desktop.services.core.ward import WardService
from pbgdpl_desktop.services.dissemination.service import DisseminationService
from pbgdpl_desktop.services.finance.service import FinanceService
from pbgdpl_desktop.services.mediation.service import MediationService


@dataclass(frozen=True)
class ReportSources:
    """The features the documents read (reports sits above all of them)."""

    ward: WardService
    dissemination: DisseminationService
    mediation: MediationService
    finance: FinanceService
    assessment: AssessmentService
