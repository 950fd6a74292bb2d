"""Bench: signing and checking a dossier PDF.

App: ``signing.sign.sign_pdf`` (finds the signature spot, renders the NĐ 30 appearance with reportlab, signs
with pyHanko from a .p12) and ``signing.check.check_pdf`` (pyHanko validation against the imported root,
difference analysis included). Floor: pyHanko alone doing the same cryptographic work on the same file — an
invisible signature with the same key, and ``validate_pdf_signature`` with the same trust root. Alternated
in one run, ≥ 5 repetitions; prints app, floor and the ratio of the medians.

    python bench/signing.py [--reps 7]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from pbgdpl_desktop.reports.dossier import render_dossier
from pbgdpl_desktop.reports.signature_stamp import render_signature_stamp
from pbgdpl_desktop.signing.check import check_pdf, load_certificate
from pbgdpl_desktop.signing.keys import P12Key
from pbgdpl_desktop.signing.sign import SignRole, sign_pdf
from tests.helpers import pki
from tests.unit.test_reports_dossier import dossier_input


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=7)
    reps = max(5, parser.parse_args().reps)
    base = Path(tempfile.mkdtemp(prefix="bench-signing-"))
    root = pki.make_root()
    signer = pki.issue(root, "Nguyễn Văn Thành", "UBND phường Hoàn Kiếm")
    p12 = pki.write_p12(signer, root, base / "k.p12", "pw")
    source = Path(render_dossier(dossier_input(), str(base / "ho-so.pdf")))

    def appearance(name: str, org: str, w: float, h: float) -> Path:
        return Path(
            render_signature_stamp(
                str(base / "stamp.pdf"),
                width=w,
                height=h,
                image=None,
                signer=name,
                organisation=org,
                when=datetime.now(UTC),
                agency=False,
            )
        )

    def app_sign() -> None:
        sign_pdf(source, base / "app.pdf", P12Key(p12, "pw"), role=SignRole.PERSON, appearance=appearance)

    def floor_sign() -> None:
        s = signers.SimpleSigner.load_pkcs12_data(p12.read_bytes(), other_certs=(), passphrase=b"pw")
        with source.open("rb") as inf, (base / "floor.pdf").open("wb") as out:
            w = IncrementalPdfFileWriter(inf, strict=False)
            signers.PdfSigner(signers.PdfSignatureMetadata(field_name="Sig"), signer=s).sign_pdf(
                w, output=out
            )

    def app_check() -> None:
        assert check_pdf(base / "app.pdf", [root.pem]).good

    def floor_check() -> None:
        with (base / "floor.pdf").open("rb") as fh, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sig = PdfFileReader(fh, strict=False).embedded_signatures[0]
            vc = ValidationContext(trust_roots=[load_certificate(root.pem)], allow_fetching=False)
            assert asyncio.run(async_validate_pdf_signature(sig, signer_validation_context=vc)).bottom_line

    for label, app, floor in (("sign", app_sign, floor_sign), ("check", app_check, floor_check)):
        app(), floor()  # warm up (imports, caches)
        a, f = [], []
        for _ in range(reps):
            for fn, into in ((app, a), (floor, f)):
                start = time.perf_counter()
                fn()
                into.append(time.perf_counter() - start)
        ma, mf = statistics.median(a), statistics.median(f)
        print(
            f"{label}: app {ma * 1000:.0f} ms, floor {mf * 1000:.0f} ms, ratio {ma / mf:.2f} (median of {reps})"
        )


if __name__ == "__main__":
    main()
