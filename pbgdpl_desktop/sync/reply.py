"""Reply bundles: the office above writes, the ward reads (docs/office.md, "Replies").

A reply is an ordinary bundle (``sync.bundle``: zip, manifest listing every member with its SHA-256,
Ed25519 signature over the manifest) of kind ``reply``: ``data/reply_note.jsonl`` (the council's notes per
indicator: year, code, request, value, note) and ``data/reply_decision.jsonl`` (the review's status and the
recognition decision), and optionally ``data/reply_offer.jsonl`` (rule files and norm tables the office
offers: kind, name, id, version, title, the file's text and its SHA-256; each line is covered by the manifest
hash and so by the office's signature). The sender is the office (code ``STP<province>``), the recipient one ward. The ward
reads it with the same ``verify_bundle`` as the office reads ward bundles, then checks that the signer is
the office key the clerk registered and that the reply is addressed to this ward."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.sync.bundle import SUFFIX, BundleWriter, WrittenBundle, data_member, encode_row
from pbgdpl_desktop.sync.keys import KeyPair
from pbgdpl_desktop.sync.reader import BundleRefusedError, verify_bundle

KIND = "reply"
DECISION_PDF_MAX = 50 * 1024 * 1024  # a signed scan of a few pages is far below this
NOTES, DECISIONS, OFFERS = "reply_note", "reply_decision", "reply_offer"
OFFER_KINDS = ("rules", "norms")


def office_code(province_code: str) -> str:
    return f"STP{province_code}"


def reply_file_name(ward_code: str, seq: int, day: datetime) -> str:
    return f"reply_{ward_code}_{seq}_{day:%Y%m%d}{SUFFIX}"


def write_reply(
    folder: Path,
    keys: KeyPair,
    manifest: dict[str, Any],
    notes: list[dict[str, Any]],
    decisions: list[dict[str, Any]],
    day: datetime,
    offers: list[dict[str, Any]] | None = None,
    pdfs: list[Path] | None = None,
) -> WrittenBundle:
    """``manifest`` holds everything but ``files`` (format, bundle_id, sender, recipient, seq …); ``offers``
    are made with ``offer_row``; ``pdfs``: the decisions' PDF files, each kept under its SHA-256 and added as
    ``evidence/<sha256>`` (listed in the manifest with its hash, so the office's signature covers it)."""
    name = reply_file_name(str(manifest["recipient"]["code"]), int(manifest["seq"]), day)
    with BundleWriter(folder, name, keys) as writer:
        if notes:
            writer.add_lines(data_member(NOTES), (encode_row(n) for n in notes))
        if decisions:
            writer.add_lines(data_member(DECISIONS), (encode_row(d) for d in decisions))
        if offers:
            writer.add_lines(data_member(OFFERS), (encode_row(o) for o in offers))
        for pdf in dict.fromkeys(pdfs or ()):
            writer.add_file(f"evidence/{_sha256_of(pdf)}", pdf)
        return writer.finish(manifest)


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_decision_pdf(path: Path) -> bytes:
    """The bytes of a decision's PDF chosen by the office; DomainError (Vietnamese) when it is not one."""
    try:
        size = path.stat().st_size
        if size > DECISION_PDF_MAX:
            raise DomainError(f"Tệp {path.name} lớn quá ({size // (1024 * 1024)} MB; tối đa 50 MB).")
        data = path.read_bytes()
    except OSError as exc:
        raise DomainError(f"Không đọc được tệp {path.name}: {exc.strerror or exc}.") from exc
    if not data.startswith(b"%PDF-"):
        raise DomainError(f"Tệp {path.name} không phải tệp PDF: hãy chọn bản quyết định dạng PDF.")
    return data


@dataclass
class Reply:
    path: Path
    bundle_id: str
    seq: int
    fingerprint: str
    sender: dict[str, Any]
    notes: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    offers: list[dict[str, Any]] = field(default_factory=list)
    pdfs: dict[int, tuple[str, str]] = field(default_factory=dict)  # year -> (sha256, name) of its decision


def offer_row(kind: str, name: str, offer_id: str, version: int, title: str, content: str) -> dict[str, Any]:
    """One offered file as a line of ``reply_offer.jsonl``."""
    return {
        "kind": kind,
        "name": name,
        "id": offer_id,
        "version": version,
        "title": title,
        "sha256": hashlib.sha256(content.encode("utf-8")).hexdigest(),
        "content": content,
    }


def _lines(data: bytes | None, what: str) -> list[dict[str, Any]]:
    out = []
    for line in (data or b"").decode("utf-8").splitlines():
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise BundleRefusedError("json", f"Một dòng {what} trong gói trả lời không phải JSON.") from exc
        if not isinstance(row, dict) or not isinstance(row.get("year"), int):
            raise BundleRefusedError("fields", f"Một dòng {what} trong gói trả lời thiếu năm.")
        out.append(row)
    return out


def _offers(data: bytes | None) -> list[dict[str, Any]]:
    out = []
    for line in (data or b"").decode("utf-8").splitlines():
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise BundleRefusedError("json", "Một tệp đề nghị trong gói trả lời không phải JSON.") from exc
        if (
            not isinstance(row, dict)
            or row.get("kind") not in OFFER_KINDS
            or not isinstance(row.get("content"), str)
            or not isinstance(row.get("version"), int)
            or not isinstance(row.get("name"), str)
            or not isinstance(row.get("id"), str)
        ):
            raise BundleRefusedError(
                "fields", "Một tệp đề nghị trong gói trả lời thiếu loại, tên hoặc phiên bản."
            )
        if hashlib.sha256(row["content"].encode("utf-8")).hexdigest() != row.get("sha256"):
            raise BundleRefusedError(
                "bad_hash", f"Mã băm của tệp “{row['name']}” trong gói trả lời không khớp: tệp đã bị sửa."
            )
        out.append(row)
    return out


def read_reply(path: Path, *, office_fingerprint: str | None, ward_code: str) -> Reply:
    """Verify ``path`` completely (signature, hashes, sizes, names), then: a reply, signed by the office key
    registered at this ward, addressed to ``ward_code``. Raises ``BundleRefusedError`` with the reason."""
    bundle = verify_bundle(path)
    manifest = bundle.manifest
    if manifest["kind"] != KIND:
        raise BundleRefusedError(
            "kind", f"Tệp {Path(path).name} không phải gói trả lời của cơ quan cấp trên."
        )
    if office_fingerprint is None:
        raise BundleRefusedError(
            "unregistered",
            f"Chưa đăng ký khóa của cơ quan cấp trên. Mã khóa của gói: {bundle.fingerprint}. Hãy gọi điện đối "
            "chiếu mã khóa với Sở Tư pháp rồi đăng ký khóa, sau đó nhập lại.",
        )
    if bundle.fingerprint != office_fingerprint:
        raise BundleRefusedError(
            "wrong_key",
            f"Gói trả lời ký bằng khóa khác khóa đã đăng ký của cơ quan cấp trên (khóa của gói: "
            f"{bundle.fingerprint}; đã đăng ký: {office_fingerprint}). Không nhập gói này; hãy hỏi Sở Tư pháp.",
        )
    recipient = manifest["recipient"]
    if recipient.get("code") != ward_code:
        raise BundleRefusedError(
            "recipient",
            f"Gói trả lời gửi cho xã/phường mã {recipient.get('code')}, không phải xã/phường này ({ward_code}).",
        )
    unknown = sorted(set(bundle.data) - {NOTES, DECISIONS, OFFERS})
    if unknown:
        raise BundleRefusedError("kind", f"Gói trả lời chứa loại dữ liệu chưa hỗ trợ: {', '.join(unknown)}.")
    decisions = _lines(bundle.data.get(DECISIONS), "quyết định")
    return Reply(
        Path(path),
        bundle.bundle_id,
        bundle.seq,
        bundle.fingerprint,
        dict(manifest["sender"]),
        _lines(bundle.data.get(NOTES), "ghi chú"),
        decisions,
        _offers(bundle.data.get(OFFERS)),
        _decision_pdfs(decisions, set(bundle.evidence)),
    )


def _decision_pdfs(decisions: list[dict[str, Any]], members: set[str]) -> dict[int, tuple[str, str]]:
    """Each decision's PDF: named by its line, present as a member (whose hash the reader checked against the
    signed manifest); a member no line names is refused, like an unlisted file."""
    out: dict[int, tuple[str, str]] = {}
    for d in decisions:
        sha = d.get("pdf_sha256")
        if sha is None:
            continue
        if not isinstance(sha, str) or sha not in members:
            raise BundleRefusedError(
                "missing_member", f"Gói trả lời thiếu tệp quyết định của năm {d['year']} mà nó kê khai."
            )
        out[int(d["year"])] = (sha, str(d.get("pdf_name") or f"quyet-dinh-{d['year']}.pdf"))
    extra = members - {sha for sha, _ in out.values()}
    if extra:
        raise BundleRefusedError("unlisted_member", "Gói trả lời chứa tệp không thuộc quyết định nào.")
    return out
