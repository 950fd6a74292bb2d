"""What mediation reads from the finance module, as small interfaces (finance sits above mediation: it links
its expenditures to fee requests and teams, so mediation may not import it). ``services.registry`` hands
the finance parts that implement these to ``MediationService``."""

from __future__ import annotations

from typing import Protocol

from pbgdpl_desktop.domain.norms import Norm


class NormTable(Protocol):
    """The spending norms (TT 56/2023 defaults and provincial resolutions) with their dates in force."""

    def norms(self, category_code: str | None = None) -> list[Norm]: ...


class SupportPayments(Protocol):
    """Team support paid through the finance ledger."""

    def paid_team_support(self, year: int) -> dict[str, int]:
        """Đồng paid in ``year`` per mediation team id."""
        ...
