"""Sign a PDF at its signature spot, as NĐ 30/2020 describes for electronic documents: the person with
authority signs first (their signature image at the signing place), then the agency signs over it (the
seal image overlapping the left third of the person's signature). Each signature is an incremental update,
so the first stays valid when the second is added. The signing time is the PC clock; a TSA URL adds a
trusted timestamp for wards that are online."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.stamp import StaticStampStyle

from pbgdpl_desktop.domain.errors import DomainError, StorageError
from pbgdpl_desktop.signing.keys import SigningKey, SigningKeyError, open_signer
from pbgdpl_desktop.signing.roles import SignRole

SPOT_MARK = "pbgdpl-signature-spot"  # written by reports/signature_spot.py


@dataclass(frozen=True)
class Spot:
    page: int  # 0-based
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF points


class SigningError(DomainError):
    pass


def signature_spots(path: Path) -> list[Spot]:
    """Every marked signature place of the PDF, in page order."""
    with Path(path).open("rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        spots = []
        for index in range(reader.root["/Pages"]["/Count"]):
            page = reader.find_page_for_modification(index)[0].get_object()
            for annot in page.get("/Annots", ()):
                annot = annot.get_object()
                if annot.get("/Subtype") == "/Text" and str(annot.get("/Contents", "")) == SPOT_MARK:
                    x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
                    spots.append(Spot(index, (x1, y1, x2, y2)))
        return spots


def role_box(spot: Spot, role: SignRole) -> tuple[int, int, int, int]:
    """The person's signature fills the right part of the spot; the agency's seal (a square) sits over
    the left third of it."""
    x1, y1, x2, y2 = spot.box
    height = y2 - y1
    mid = (x1 + x2) / 2
    if role is SignRole.PERSON:
        box = (mid - height * 0.8, y1, mid + height * 1.3, y2)
    else:  # the seal, two short lines under it, reaching a little above the spot
        box = (mid - height * 1.35, y1, mid - height * 0.05, y2 + height * 0.15)
    return (round(box[0]), round(box[1]), round(box[2]), round(box[3]))


def pdf_keywords(path: Path) -> str:
    """The document information's Keywords ("" when none or unreadable as PDF)."""
    with Path(path).open("rb") as fh:
        try:
            reader = PdfFileReader(fh, strict=False)
            info = reader.trailer_view.get("/Info")
            return str(info.get_object().get("/Keywords", "")) if info is not None else ""
        except (PdfReadError, ValueError, KeyError, TypeError):
            return ""


def signer_names(signer: signers.Signer) -> tuple[str, str]:
    """Common name and organisation of the signer's certificate."""
    cert = signer.signing_cert
    subject = cert.subject.native if cert is not None else {}
    return str(subject.get("common_name", "")), str(subject.get("organization_name", ""))


def existing_fields(path: Path) -> list[str]:
    with Path(path).open("rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        return [name for name, _value, _ref in fields.enumerate_sig_fields(reader)]


def sign_pdf(
    source: Path,
    target: Path,
    key: SigningKey,
    *,
    role: SignRole,
    appearance: Callable[[str, str, float, float], Path] | None = None,
    reason: str = "",
    location: str = "",
    tsa_url: str = "",
) -> str:
    """Sign ``source`` into ``target`` (written atomically; may be the same path). Returns the field name.
    ``appearance(signer name, organisation, width, height)`` makes the one-page PDF drawn at the role's box
    on the document's last signature spot (reports/signature_stamp.py); without a spot the signature is
    invisible."""
    source, target = Path(source), Path(target)
    spots = signature_spots(source)
    taken = existing_fields(source)
    base = "NguoiKy" if role is SignRole.PERSON else "CoQuan"
    name = (
        base if base not in taken else next(f"{base}{i}" for i in range(2, 100) if f"{base}{i}" not in taken)
    )
    spec = (
        fields.SigFieldSpec(name, on_page=spots[-1].page, box=role_box(spots[-1], role))
        if spots
        else fields.SigFieldSpec(name)
    )
    meta = signers.PdfSignatureMetadata(
        field_name=name, reason=reason or None, location=location or None, md_algorithm="sha256"
    )
    stamper = timestamps.HTTPTimeStamper(tsa_url) if tsa_url else None
    tmp = target.with_name(target.name + ".tmp")
    try:
        with open_signer(key) as signer, source.open("rb") as inf:
            writer = IncrementalPdfFileWriter(inf, strict=False)
            style = None
            if appearance is not None and spots:
                cert_name, org = signer_names(signer)
                x1, y1, x2, y2 = spec.box or (0, 0, 0, 0)
                style = StaticStampStyle.from_pdf_file(
                    str(appearance(cert_name, org, x2 - x1, y2 - y1)), border_width=0
                )
            pdf_signer = signers.PdfSigner(
                meta, signer=signer, timestamper=stamper, stamp_style=style, new_field_spec=spec
            )
            with tmp.open("wb") as out:
                pdf_signer.sign_pdf(writer, output=out)
                out.flush()
                os.fsync(out.fileno())
        os.replace(tmp, target)
    except SigningKeyError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Không ghi được tệp đã ký {target}: {exc.strerror or exc}.") from exc
    except Exception as exc:  # pyHanko and PKCS#11 raise many types: the clerk gets one message
        tmp.unlink(missing_ok=True)
        raise SigningError(f"Không ký được tệp “{source.name}”: {type(exc).__name__}: {exc}") from exc
    return name


__all__ = ["SignRole", "SigningError", "Spot", "role_box", "sign_pdf", "signature_spots"]
