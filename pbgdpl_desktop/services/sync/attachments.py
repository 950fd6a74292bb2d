"""What a ward may attach to a bundle besides its records (docs/sync-format.md, "attachments"): the year's
assessment result, as ``score --json`` prints it, and the year's dossier PDF. Made into a folder the caller
owns (a temporary one), then handed to ``BundleExporter.export(attachments=…)``. One place for the CLI's
``export --attach YYYY`` and the Đồng bộ page's tick box."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the registry builds SyncService: a run-time import would be circular
    from pbgdpl_desktop.services.registry import Services


def assessment_attachments(services: Services, year: int, folder: Path) -> list[Path]:
    """Write ``assessment-YYYY.json`` and ``dossier-YYYY.pdf`` into ``folder`` and return both paths."""
    from pbgdpl_desktop.scoring import to_json
    from pbgdpl_desktop.services.reports.service import ReportRequest

    assessment = services.assessment
    ruleset = assessment.records.ruleset_of(year)
    result = assessment.scoring.compute(year, ruleset=ruleset)
    data = to_json(result)
    data["ruleset_title"] = ruleset.title
    result_path = Path(folder) / f"assessment-{year}.json"
    result_path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    dossier = services.reports.generate(
        ReportRequest("dossier", year, target=Path(folder) / f"dossier-{year}.pdf")
    )
    return [result_path, dossier.path]
