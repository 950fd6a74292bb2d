"""Verify a bundle completely before anything is imported (docs/sync-format.md, "Checks of a reader").

Members are read from the zip one by one through a bounded reader, never extracted; nothing is trusted
before the signature over ``manifest.json`` and the hashes it lists have been checked. ``verify_bundle``
returns the verified data members (bytes) or raises ``BundleRefusedError`` with a Vietnamese reason.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.sync import keys
from pbgdpl_desktop.sync.bundle import (
    FORMAT,
    FORMAT_MAJOR,
    KINDS,
    MANIFEST,
    PRIVACY,
    PUBLIC_KEY,
    SIGNATURE,
    SPECIAL_MEMBERS,
)


@dataclass(frozen=True)
class Limits:
    bundle_bytes: int = 8 << 30
    member_bytes: int = 2 << 30
    data_bytes: int = 1 << 30  # all data members together: they are held in memory
    manifest_bytes: int = 8 << 20
    members: int = 200_000
    attachment_bytes: int = 256 << 20  # each attachment is held in memory until the office stores it


class BundleRefusedError(DomainError):
    """The bundle is refused: ``code`` names the check (tests, reports), the message says why in Vietnamese."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class VerifiedBundle:
    path: Path
    sha256: str
    manifest: dict[str, Any]
    public_pem: bytes
    fingerprint: str
    data: dict[str, bytes] = field(default_factory=dict)  # table -> JSON Lines bytes
    evidence: list[str] = field(default_factory=list)  # sha256 of each evidence member
    attachments: dict[str, bytes] = field(default_factory=dict)  # name (assessment-2026.json…) -> bytes

    @property
    def ward_code(self) -> str:
        return str(self.manifest["sender"]["code"])

    @property
    def seq(self) -> int:
        return int(self.manifest["seq"])

    @property
    def bundle_id(self) -> str:
        return str(self.manifest["bundle_id"])


_SAFE_PART = re.compile(r"^[A-Za-z0-9_.\-]+$")
_TABLE = re.compile(r"^data/([a-z][a-z0-9_]{0,63})\.jsonl$")
_EVIDENCE = re.compile(r"^evidence/([0-9a-f]{64})$")
_ATTACHMENT = re.compile(r"^attachments/(assessment-[0-9]{4}\.json|dossier-[0-9]{4}\.pdf)$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_REQUIRED = {
    "format": str,
    "format_version": str,
    "app_version": str,
    "schema_revision": str,
    "bundle_id": str,
    "kind": str,
    "sender": dict,
    "recipient": dict,
    "seq": int,
    "since_change_seq": int,
    "to_change_seq": int,
    "created_at": str,
    "privacy": str,
    "files": list,
}


def unsafe_name(name: str) -> bool:
    """Absolute, drive-lettered, backslashed, empty or ``..`` parts: a path that could leave a folder."""
    if not name or name.startswith("/") or "\\" in name or re.match(r"^[A-Za-z]:", name):
        return True
    parts = name.split("/")
    return any(p in ("", ".", "..") or not _SAFE_PART.match(p) for p in parts)


def verify_bundle(path: Path, limits: Limits | None = None) -> VerifiedBundle:
    limits = limits or Limits()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BundleRefusedError(
            "unreadable", f"Không đọc được tệp {path.name}: {exc.strerror or exc}."
        ) from exc
    if size > limits.bundle_bytes:
        raise BundleRefusedError("too_big", f"Tệp {path.name} quá lớn ({size} byte).")
    try:
        with zipfile.ZipFile(path) as zf:
            bundle = _verify_zip(path, zf, limits)
    except zipfile.BadZipFile as exc:
        raise BundleRefusedError(
            "bad_zip", f"Tệp {path.name} hỏng hoặc bị cắt cụt (không phải tệp zip nguyên vẹn): {exc}."
        ) from exc
    except (zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise BundleRefusedError("bad_zip", f"Tệp {path.name} hỏng: dữ liệu nén không giải được.") from exc
    except OSError as exc:
        raise BundleRefusedError("unreadable", f"Không đọc được tệp {path.name}: {exc}.") from exc
    bundle.sha256 = _file_sha256(path)
    return bundle


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _members(zf: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > limits.members:
        raise BundleRefusedError("too_many", f"Gói có quá nhiều tệp thành phần ({len(infos)}).")
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if unsafe_name(info.filename) or info.is_dir():
            raise BundleRefusedError(
                "unsafe_name",
                f"Gói chứa tên tệp không an toàn “{info.filename}” (đường dẫn ra ngoài hoặc tuyệt đối).",
            )
        if info.filename in members:
            raise BundleRefusedError("duplicate", f"Gói chứa hai tệp cùng tên “{info.filename}”.")
        if info.flag_bits & 0x1:
            raise BundleRefusedError("encrypted", "Gói chứa tệp mã hóa bằng mật khẩu: không hỗ trợ.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x20:
            raise BundleRefusedError(
                "bad_zip", f"Tệp “{info.filename}” trong gói nén theo cách không hỗ trợ."
            )
        members[info.filename] = info
    for name in SPECIAL_MEMBERS:
        if name not in members:
            raise BundleRefusedError("missing", f"Gói thiếu tệp {name}: không phải gói đồng bộ hợp lệ.")
    return members


def _read_bounded(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The member's bytes, refusing as soon as more than ``limit`` come out (whatever the header says)."""
    if info.file_size > limit:
        raise BundleRefusedError(
            "too_big", f"Tệp “{info.filename}” trong gói lớn quá mức cho phép ({info.file_size} byte)."
        )
    out = bytearray()
    with zf.open(info) as fh:
        while chunk := fh.read(min(1 << 20, limit + 1 - len(out))):
            out += chunk
            if len(out) > limit:
                raise BundleRefusedError(
                    "too_big", f"Tệp “{info.filename}” giải nén ra nhiều hơn kích thước khai báo."
                )
    return bytes(out)


def _hash_bounded(fh: IO[bytes], limit: int, name: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := fh.read(min(1 << 20, limit + 1 - size)):
        size += len(chunk)
        if size > limit:
            raise BundleRefusedError("too_big", f"Tệp “{name}” giải nén ra nhiều hơn kích thước khai báo.")
        digest.update(chunk)
    return digest.hexdigest(), size


def _verify_zip(path: Path, zf: zipfile.ZipFile, limits: Limits) -> VerifiedBundle:
    members = _members(zf, limits)
    manifest_bytes = _read_bounded(zf, members[MANIFEST], limits.manifest_bytes)
    signature = _read_bounded(zf, members[SIGNATURE], 64)
    public_pem = _read_bounded(zf, members[PUBLIC_KEY], 4096)
    try:
        fingerprint = keys.fingerprint_of(public_pem)
    except DomainError as exc:
        raise BundleRefusedError("bad_key", "Khóa công khai trong gói không hợp lệ.") from exc
    if len(signature) != 64 or not keys.verify(public_pem, signature, manifest_bytes):
        raise BundleRefusedError(
            "bad_signature",
            "Chữ ký của gói không đúng: tệp đã bị sửa hoặc hỏng trên đường chuyển. Hãy đề nghị xã gửi lại.",
        )
    manifest = _parse_manifest(manifest_bytes)
    bundle = VerifiedBundle(path, "", manifest, public_pem, fingerprint)
    _check_files(zf, members, manifest, bundle, limits)
    return bundle


def _parse_manifest(data: bytes) -> dict[str, Any]:
    if data.startswith(b"\xef\xbb\xbf"):
        raise BundleRefusedError("bad_manifest", "manifest.json có BOM: không đúng định dạng.")
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BundleRefusedError("bad_manifest", "manifest.json không phải JSON UTF-8 hợp lệ.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleRefusedError("bad_manifest", "Tệp không phải gói đồng bộ của phần mềm (sai “format”).")
    version = manifest.get("format_version")
    major = str(version).split(".", 1)[0]
    if not isinstance(version, str) or not major.isdigit():
        raise BundleRefusedError("bad_manifest", "manifest.json thiếu “format_version” hợp lệ.")
    if int(major) != FORMAT_MAJOR:
        raise BundleRefusedError(
            "format_version",
            f"Gói dùng định dạng phiên bản {version}, phần mềm này đọc được phiên bản {FORMAT_MAJOR}.x. "
            "Cần cập nhật phần mềm.",
        )
    for key, kind in _REQUIRED.items():
        value = manifest.get(key)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise BundleRefusedError("bad_manifest", f"manifest.json thiếu hoặc sai trường “{key}”.")
    sender = manifest["sender"]
    if not isinstance(sender.get("code"), str) or not re.fullmatch(r"[0-9A-Za-z]{1,10}", sender["code"]):
        raise BundleRefusedError("bad_manifest", "manifest.json thiếu mã xã/phường gửi hợp lệ.")
    if manifest["kind"] not in KINDS or manifest["privacy"] not in PRIVACY:
        raise BundleRefusedError("bad_manifest", "manifest.json có “kind” hoặc “privacy” không hợp lệ.")
    if not _UUID.match(manifest["bundle_id"]) or manifest["seq"] < 1:
        raise BundleRefusedError("bad_manifest", "manifest.json có mã gói hoặc số gói không hợp lệ.")
    return manifest


def _listed(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    listed: dict[str, dict[str, Any]] = {}
    for entry in manifest["files"]:
        name = entry.get("path") if isinstance(entry, dict) else None
        if not isinstance(name, str) or unsafe_name(name) or name in SPECIAL_MEMBERS:
            raise BundleRefusedError("unsafe_name", f"manifest.json liệt kê tên tệp không an toàn “{name}”.")
        ok = all(isinstance(entry.get(k), int) and entry[k] >= 0 for k in ("bytes", "records"))
        if not ok or not isinstance(entry.get("sha256"), str) or name in listed:
            raise BundleRefusedError("bad_manifest", f"manifest.json: mục “{name}” sai hoặc lặp.")
        if not (_TABLE.match(name) or _EVIDENCE.match(name) or _ATTACHMENT.match(name)):
            raise BundleRefusedError(
                "bad_manifest", f"manifest.json: tệp “{name}” không thuộc loại nào của gói."
            )
        listed[name] = entry
    return listed


def _check_files(
    zf: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    manifest: dict[str, Any],
    bundle: VerifiedBundle,
    limits: Limits,
) -> None:
    listed = _listed(manifest)
    present = set(members) - set(SPECIAL_MEMBERS)
    missing = sorted(set(listed) - present)
    if missing:
        raise BundleRefusedError(
            "missing_member", f"Gói thiếu tệp được liệt kê trong manifest: {', '.join(missing)}."
        )
    extra = sorted(present - set(listed))
    if extra:
        raise BundleRefusedError(
            "unlisted_member", f"Gói chứa tệp không có trong manifest: {', '.join(extra)}."
        )
    total_data = 0
    for name, entry in listed.items():
        info = members[name]
        if info.file_size != entry["bytes"]:
            raise BundleRefusedError(
                "size_mismatch",
                f"Kích thước tệp “{name}” trong zip ({info.file_size} byte) khác manifest ({entry['bytes']} byte).",
            )
        if entry["bytes"] > limits.member_bytes:
            raise BundleRefusedError("too_big", f"Tệp “{name}” lớn quá mức cho phép ({entry['bytes']} byte).")
        table = _TABLE.match(name)
        if table:
            total_data += entry["bytes"]
            if total_data > limits.data_bytes:
                raise BundleRefusedError("too_big", "Dữ liệu trong gói lớn quá mức cho phép.")
            bundle.data[table.group(1)] = _check_data(zf, info, entry)
        elif attachment := _ATTACHMENT.match(name):
            if entry["bytes"] > limits.attachment_bytes:
                raise BundleRefusedError(
                    "too_big", f"Tệp kèm “{name}” lớn quá mức cho phép ({entry['bytes']} byte)."
                )
            data = _read_bounded(zf, info, entry["bytes"])
            if len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
                raise _bad_hash(name)
            bundle.attachments[attachment.group(1)] = data
        else:
            bundle.evidence.append(_check_evidence(zf, info, entry))


def _bad_hash(name: str) -> BundleRefusedError:
    return BundleRefusedError(
        "bad_hash", f"Mã băm của tệp “{name}” không khớp manifest: tệp đã bị sửa hoặc hỏng."
    )


def _check_data(zf: zipfile.ZipFile, info: zipfile.ZipInfo, entry: dict[str, Any]) -> bytes:
    data = _read_bounded(zf, info, entry["bytes"])
    if len(data) != entry["bytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise _bad_hash(info.filename)
    if data.count(b"\n") != entry["records"] or (data and not data.endswith(b"\n")):
        raise BundleRefusedError("bad_manifest", f"Số bản ghi của “{info.filename}” khác manifest.")
    return data


def _check_evidence(zf: zipfile.ZipFile, info: zipfile.ZipInfo, entry: dict[str, Any]) -> str:
    with zf.open(info) as fh:
        digest, size = _hash_bounded(fh, entry["bytes"], info.filename)
    if size != entry["bytes"] or digest != entry["sha256"]:
        raise _bad_hash(info.filename)
    if info.filename != f"evidence/{digest}":
        raise BundleRefusedError("bad_hash", f"Tệp minh chứng “{info.filename}” không khớp tên (mã băm).")
    return digest
