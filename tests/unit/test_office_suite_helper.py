"""The office-suite helper: without soffice the tests fail under CI=true and are skipped elsewhere."""

from __future__ import annotations

import pytest

from tests.helpers import office_suite


def test_missing_soffice_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office_suite.shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="libreoffice-calc-nogui"):
        office_suite.soffice()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        office_suite.soffice()


def test_csv_options_use_libreoffice_encoding_numbers() -> None:
    assert office_suite.csv_options(office_suite.WINDOWS_1258, ";") == "59,34,40"
    assert office_suite.csv_options(office_suite.UTF16) == "44,34,65535"
