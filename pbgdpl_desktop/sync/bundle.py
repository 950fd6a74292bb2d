"""The bundle format (docs/sync-format.md) and its writer.

A bundle is a zip: ``data/<table>.jsonl`` members (one JSON object per line), optional ``evidence/<sha256>``
members, then ``manifest.json`` (which lists every other member with its SHA-256, size and record count),
``manifest.sig`` (raw 64-byte Ed25519 signature over the exact bytes of ``manifest.json``) and
``sender.pub.pem``. It is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pbgdpl_desktop.sync.keys import KeyPair

FORMAT = "pbgdpl-bundle"
FORMAT_VERSION = "1.0"
FORMAT_MAJOR = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PUBLIC_KEY = "sender.pub.pem"
SPECIAL_MEMBERS = (MANIFEST, SIGNATURE, PUBLIC_KEY)
SUFFIX = ".pbgdpl.zip"
KINDS = ("ward_data", "reply", "ruleset")
PRIVACY = ("minimal", "full")
_CHUNK = 1 << 20
# Optional attachments of the ward's year: the assessment result (JSON) and the dossier (PDF).
ATTACHMENT_NAME = re.compile(r"^(assessment-[0-9]{4}\.json|dossier-[0-9]{4}\.pdf)$")


def attachment_member(name: str) -> str:
    return f"attachments/{name}"


def bundle_file_name(ward_code: str, seq: int, day: datetime) -> str:
    return f"{ward_code}_{seq}_{day:%Y%m%d}{SUFFIX}"


def data_member(table: str) -> str:
    return f"data/{table}.jsonl"


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def encode_row(row: Mapping[str, Any]) -> bytes:
    return (_encode(row) + "\n").encode("utf-8")


@dataclass(frozen=True)
class WrittenBundle:
    path: Path
    sha256: str
    bytes: int
    manifest: dict[str, Any]


class BundleWriter:
    """Streams members into ``<folder>/<file_name>.tmp``; ``finish`` adds the manifest, signs, renames.
    Use as a context manager: leaving it without ``finish`` removes the temporary file."""

    def __init__(self, folder: Path, file_name: str, keys: KeyPair, *, compresslevel: int = 6) -> None:
        self.final = folder / file_name
        self.tmp = folder / (file_name + ".tmp")
        folder.mkdir(parents=True, exist_ok=True)
        self._zip = zipfile.ZipFile(self.tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self._keys = keys
        self.files: list[dict[str, Any]] = []
        self._done = False

    def __enter__(self) -> BundleWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._done:
            self._zip.close()
            self.tmp.unlink(missing_ok=True)

    def add_lines(self, path: str, lines: Iterable[bytes]) -> int:
        """A JSON Lines member from encoded lines; returns the number of records."""
        digest = hashlib.sha256()
        size = records = 0
        buffer: list[bytes] = []
        buffered = 0
        with self._zip.open(path, "w", force_zip64=True) as out:
            for line in lines:
                buffer.append(line)
                buffered += len(line)
                records += 1
                if buffered >= _CHUNK:
                    size += self._flush(out, digest, buffer)
                    buffer, buffered = [], 0
            size += self._flush(out, digest, buffer)
        self.files.append({"path": path, "sha256": digest.hexdigest(), "bytes": size, "records": records})
        return records

    def add_blocks(self, path: str, blocks: Iterable[tuple[bytes, int]]) -> int:
        """A JSON Lines member from blocks of whole encoded lines, each with its number of lines."""
        digest = hashlib.sha256()
        size = records = 0
        with self._zip.open(path, "w", force_zip64=True) as out:
            for block, lines in blocks:
                digest.update(block)
                out.write(block)
                size += len(block)
                records += lines
        self.files.append({"path": path, "sha256": digest.hexdigest(), "bytes": size, "records": records})
        return records

    @staticmethod
    def _flush(out: Any, digest: Any, buffer: list[bytes]) -> int:
        chunk = b"".join(buffer)
        digest.update(chunk)
        out.write(chunk)
        return len(chunk)

    def add_file(self, path: str, source: Path) -> None:
        digest = hashlib.sha256()
        size = 0
        with source.open("rb") as src, self._zip.open(path, "w", force_zip64=True) as out:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
        self.files.append({"path": path, "sha256": digest.hexdigest(), "bytes": size, "records": 0})

    def finish(self, manifest: dict[str, Any]) -> WrittenBundle:
        """Write ``manifest`` (its ``files`` filled in here), the signature and the public key; fsync; rename."""
        manifest = {**manifest, "files": self.files}
        data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
        self._zip.writestr(MANIFEST, data)
        self._zip.writestr(SIGNATURE, self._keys.sign(data))
        self._zip.writestr(PUBLIC_KEY, self._keys.public_pem)
        self._zip.close()
        digest = hashlib.sha256()
        with self.tmp.open("rb+") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
            os.fsync(fh.fileno())
        size = self.tmp.stat().st_size
        os.replace(self.tmp, self.final)
        self._done = True
        return WrittenBundle(self.final, digest.hexdigest(), size, manifest)
