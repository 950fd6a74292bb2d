"""The import contracts of pyproject.toml hold on this tree, and the feature contract is not toothless: a copy
of the package with one import against the feature order breaks it (import-linter run as a subprocess)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEATURES = "Features in one direction: reports -> assessment -> finance -> mediation | dissemination -> core"


def lint_imports(cwd: Path, *args: str) -> tuple[int, str]:
    """Run ``lint-imports`` on the package found in ``cwd`` with that folder's pyproject.toml; no cache is
    written. Returns the exit code and the report with its line wrapping undone."""
    program = shutil.which(
        "lint-imports", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    )
    assert program, "lint-imports is not installed (pip install -e '.[test]')"
    env = {**os.environ, "PYTHONPATH": str(cwd), "COLUMNS": "200"}
    run = subprocess.run(
        [program, "--no-logo", "--no-cache", *args, str(cwd / "pyproject.toml")],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return run.returncode, " ".join((run.stdout + run.stderr).split())


def test_every_contract_is_kept() -> None:
    code, report = lint_imports(ROOT)
    assert code == 0, report
    assert f"{FEATURES} KEPT" in report and " 0 broken" in report


@pytest.mark.parametrize(
    ("module", "imported"),
    [
        ("services/mediation/service.py", "pbgdpl_desktop.services.finance.service"),  # a lower feature
        ("services/core/ward.py", "pbgdpl_desktop.services.mediation.service"),  # core, below every feature
    ],
)
def test_an_import_against_the_feature_order_breaks_the_contract(
    tmp_path: Path, module: str, imported: str
) -> None:
    shutil.copytree(
        ROOT / "pbgdpl_desktop", tmp_path / "pbgdpl_desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    code, report = lint_imports(tmp_path, "--contract", "features")
    assert code == 0, report  # the copy is sound before the change
    package, name = imported.rsplit(".", 1)
    with (tmp_path / "pbgdpl_desktop" / module).open("a", encoding="utf-8") as source:
        source.write(f"from {package} import {name} as _against_the_order  # noqa\n")
    code, report = lint_imports(tmp_path, "--contract", "features")
    importer = "pbgdpl_desktop." + module.removesuffix(".py").replace("/", ".")
    assert code != 0, report
    assert f"{FEATURES} BROKEN" in report
    assert f"{importer} -> {imported}" in report
