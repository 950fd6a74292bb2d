"""A real office suite for the tests: LibreOffice headless (Debian's ``libreoffice-calc-nogui``) writes the
.xlsx, .ods and .csv files a clerk's suite would write, and prints our workbooks to PDF.

Each test session gets its own LibreOffice profile (``-env:UserInstallation``) so parallel runs never share
one (a shared profile makes a second soffice hand its work to the first and exit). Missing soffice: the
tests fail under ``CI=true`` (CI installs it) and are skipped on a developer's machine.

Encodings in the CSV filter options are LibreOffice's own numbers (rtl_TextEncoding), not code pages:
``UTF8`` 76, ``UTF16`` 65535 (written with a byte-order mark), ``WINDOWS_1258`` 40 (Vietnamese)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

UTF8 = 76
UTF16 = 65535
WINDOWS_1258 = 40
CSV_FILTER = "Text - txt - csv (StarCalc)"
XLSX_FILTER = "Calc MS Excel 2007 XML"
ODS_FILTER = "calc8"
PDF_FILTER = "calc_pdf_Export"
TIMEOUT = 240  # seconds: a cold start on a loaded 2-core machine


def soffice() -> str:
    """The soffice executable, or fail (CI) / skip (elsewhere) when the suite is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    message = "LibreOffice (soffice) is not installed: apt-get install --no-install-recommends libreoffice-calc-nogui"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def csv_options(encoding: int, separator: str = ",") -> str:
    """Filter options: field separator, text delimiter '"', encoding (LibreOffice's number)."""
    return f"{ord(separator)},34,{encoding}"


class OfficeSuite:
    """One private LibreOffice profile; ``convert`` runs ``soffice --headless --convert-to``."""

    def __init__(self, profile: Path) -> None:
        self.executable = soffice()
        self.profile = profile

    def convert(
        self,
        sources: Sequence[Path],
        target: str,
        outdir: Path,
        *,
        infilter: str | None = None,
    ) -> list[Path]:
        """Convert every source in one run of the suite; returns the written files (same stems).

        ``target`` is a --convert-to argument, e.g. ``"xlsx"``, ``"ods"``, ``"pdf"`` or
        ``f"csv:{CSV_FILTER}:{csv_options(WINDOWS_1258)}"``. ``infilter`` reads CSV sources with the given
        options (e.g. ``f"{CSV_FILTER}:{csv_options(UTF8)}"``)."""
        outdir.mkdir(parents=True, exist_ok=True)
        args = [
            self.executable,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--norestore",
            *([f"--infilter={infilter}"] if infilter else []),
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *(str(s) for s in sources),
        ]
        env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
        result = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, env=env, check=False)
        extension = target.split(":", 1)[0]
        written = [outdir / f"{Path(s).stem}.{extension}" for s in sources]
        missing = [p.name for p in written if not p.is_file()]
        if result.returncode != 0 or missing:
            raise AssertionError(
                f"soffice failed (exit {result.returncode}), missing {missing}:\n{result.stdout}\n{result.stderr}"
            )
        return written

    def to_csv(
        self, sources: Sequence[Path], outdir: Path, encoding: int, separator: str = ","
    ) -> list[Path]:
        return self.convert(sources, f"csv:{CSV_FILTER}:{csv_options(encoding, separator)}", outdir)

    def to_pdf(self, sources: Sequence[Path], outdir: Path) -> list[Path]:
        return self.convert(sources, f"pdf:{PDF_FILTER}", outdir)


@pytest.fixture(scope="session")
def office_suite() -> Iterator[OfficeSuite]:
    profile = Path(tempfile.mkdtemp(prefix="pbgdpl-lo-profile-"))
    try:
        yield OfficeSuite(profile)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
