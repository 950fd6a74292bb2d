"""Đồng bộ — the façade the UI and the CLI talk to (docs/sync-format.md). Qt-free; returns DTOs.

Parts: ``exporter`` (the ward writes bundles; export history), ``importer`` (the office verifies and applies
bundles); here: the database's mode (``ward`` or ``upper-office``, in app_meta), its key pair (made on first
use, private key beside the database file, mode 0600) and the office's ward registry."""

from __future__ import annotations

import os
import zipfile
from datetime import UTC
from pathlib import Path

from pbgdpl_desktop.domain.dates import format_datetime
from pbgdpl_desktop.domain.errors import DomainError, StorageError, ValidationError
from pbgdpl_desktop.persistence.repos import sync_repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.sync.dto import MODES, OFFICE, WARD, KeyInfo, SentStatus, WardInfo
from pbgdpl_desktop.services.sync.encrypted import private_folder, seal_to_office
from pbgdpl_desktop.services.sync.export import BundleExporter, record_of
from pbgdpl_desktop.services.sync.imports import BundleImporter
from pbgdpl_desktop.services.sync.office_key import office_seal_key
from pbgdpl_desktop.sync import keys
from pbgdpl_desktop.sync.bundle import SUFFIX
from pbgdpl_desktop.sync.crypto import is_sealed_to_key, open_file_with_key
from pbgdpl_desktop.sync.reader import BundleRefusedError, verify_bundle


def mode_of_file(path: Path) -> str | None:
    """The mode stored in a database file, read without opening it for the app (None: not set or not
    readable as a database; ``ward`` when the file predates the modes)."""
    return sync_repo.mode_of_file(path)


class SyncService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._pair: keys.KeyPair | None = None
        self._box: keys.BoxKey | None = None
        self._created = False
        self.exporter = BundleExporter(ctx, self.key_pair, self.mode)
        self.importer = BundleImporter(ctx, self.mode, self.box_key)

    # ------------------------------------------------------------------------------- mode
    def mode(self) -> str:
        with self._ctx.db.read() as session:
            return sync_repo.get_meta(session, sync_repo.MODE_KEY) or WARD

    def settle_mode(self, requested: str | None, *, default: str = WARD) -> str:
        """The mode of a database just created is ``requested`` (or ``default``); an existing one keeps its
        mode, and asking for another is refused."""
        if requested is not None and requested not in MODES:
            raise DomainError(f"Chế độ “{requested}” không có (ward hoặc upper-office).")
        with self._ctx.db.read() as session:
            stored = sync_repo.get_meta(session, sync_repo.MODE_KEY)
        if stored is None and self._ctx.db.report.created:
            with self._ctx.db.transaction() as session:
                sync_repo.set_meta(session, sync_repo.MODE_KEY, requested or default)
            return requested or default
        current = stored or WARD
        if requested is not None and requested != current:
            raise DomainError(
                f"Tệp dữ liệu {self._ctx.db.location} đang ở chế độ {current}; --mode chỉ dùng khi tạo tệp mới."
            )
        return current

    # ------------------------------------------------------------------------------- keys
    @property
    def key_path(self) -> Path:
        return keys.key_path_for(self._ctx.db.path)

    def key_pair(self) -> keys.KeyPair:
        if self._pair is None:
            self._pair, self._created = keys.load_or_create(self.key_path)
        return self._pair

    def box_key(self) -> keys.BoxKey:
        """The office's receiving key pair (X25519; private key beside the database, 0600), made on first use:
        bundles sealed to its public key open with it."""
        if self._box is None:
            self._box, _made = keys.load_or_create_box(keys.box_key_path_for(self._ctx.db.path))
        return self._box

    def key_info(self) -> KeyInfo:
        pair = self.key_pair()
        mode = self.mode()
        seal = self.box_key().fingerprint if mode == OFFICE else None
        return KeyInfo(
            pair.fingerprint, pair.public_pem.decode("ascii"), self.key_path, self._created, mode, seal
        )

    def public_key_file(self) -> bytes:
        """What the public key file holds: the signing key; at an office, followed by its receiving key."""
        pem = self.key_pair().public_pem
        if self.mode() == OFFICE:
            pem += self.seal_key_blocks()
        return pem

    def seal_key_blocks(self) -> bytes:
        """The office's receiving key with its signature by the signing key (in the key file and in
        replies)."""
        return keys.seal_key_blocks(self.key_pair(), self.box_key().public_pem)

    # ------------------------------------------------------------------------------- sealing to the office
    def office_seal_fingerprint(self) -> str | None:
        """The fingerprint of the office's receiving key registered at this ward (None: not registered, e.g.
        the office's key file came from an older release)."""
        with self._ctx.db.read() as session:
            pem = office_seal_key(session)
        return keys.box_fingerprint_of(pem) if pem else None

    def check_can_seal_for_office(self) -> bytes:
        """The office's receiving key, or a DomainError saying how to get it (checked before exporting)."""
        with self._ctx.db.read() as session:
            pem = office_seal_key(session)
        if pem is None:
            raise DomainError(
                "Chưa có khóa mã hóa của cơ quan cấp trên: hãy đăng ký tệp khóa công khai mới của Sở Tư pháp "
                "(tệp có cả khóa mã hóa), hoặc mã hóa gói bằng mật khẩu."
            )
        return pem

    def seal_for_office(self, path: Path) -> Path:
        """Seal the bundle ``path`` to the office's registered receiving key (``<path>.enc``); the plain
        bundle is removed."""
        return seal_to_office(path, self.check_can_seal_for_office())

    def export_public_key(self, target: Path) -> Path:
        """Write the public key file (PEM; an office's holds its receiving key too) to ``target``
        atomically: a temporary file beside it, then a rename."""
        target = Path(target).expanduser().absolute()
        if target.is_dir():
            raise StorageError(f"“{target}” là một thư mục. Hãy nhập tên tệp khóa cần lưu (…/khoa.pem).")
        tmp = target.with_name(f".~{target.name}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(self.public_key_file())
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(f"Không ghi được tệp {target}: {exc.strerror or exc}.") from exc
        return target

    # ------------------------------------------------------------------------------- sent records
    def sent_status(self, table: str, record_id: str) -> SentStatus:
        """ "Đã gửi trong gói số N": the newest bundle whose change range (since, to] holds the record's last
        change number (a full bundle holds every change up to its ``to``). A record changed after the
        newest bundle is pending; what an older version of it travelled in is not kept."""
        with self._ctx.db.read() as session:
            change = sync_repo.record_change_seq(session, table, record_id)
            logs = [record_of(r) for r in sync_repo.exports(session)]  # newest first
        if change is None:
            return SentStatus(None, None, False, "")
        carried = next(
            (
                r
                for r in logs
                if (r.since_change_seq if r.since_change_seq > 0 else -1) < change <= r.to_change_seq
            ),
            None,
        )
        if carried is not None:
            when = format_datetime(carried.created_at)
            return SentStatus(
                carried.seq, carried.created_at, False, f"Đã gửi trong gói số {carried.seq} ({when})."
            )
        if not logs:
            return SentStatus(None, None, True, "Chưa gửi cơ quan cấp trên (chưa xuất gói nào).")
        newest = logs[0]
        return SentStatus(
            None,
            None,
            True,
            f"Có thay đổi chưa gửi cơ quan cấp trên (gói gần nhất: số {newest.seq}).",
        )

    # ------------------------------------------------------------------------------- ward registry
    def wards(self) -> list[WardInfo]:
        with self._ctx.db.read() as session:
            return [
                WardInfo(
                    w.ward_code,
                    w.name,
                    w.commune_type,
                    w.province_code,
                    w.province_name,
                    w.fingerprint,
                    w.registered_at,
                    w.registered_by,
                )
                for w in sync_repo.wards(session)
            ]

    def register(
        self,
        source: Path,
        *,
        ward_code: str | None = None,
        name: str = "",
        commune_type: str = "",
        province_code: str = "",
        province_name: str = "",
        registered_by: str = "",
    ) -> WardInfo:
        """Register a ward's public key from its key file (``ward_code`` required) or from one of its bundles
        (the sender in its verified manifest). The clerk confirms the fingerprint by phone first."""
        if self.mode() != OFFICE:
            raise DomainError(
                "Chỉ cơ sở dữ liệu của cơ quan cấp trên (chế độ upper-office) mới đăng ký xã/phường."
            )
        source = Path(source)
        if is_sealed_to_key(source):  # a bundle sealed to this office (e.g. one held in sync/held)
            folder = self._ctx.data_dir / "sync" / "opened"
            private_folder(folder)
            plain = folder / source.name.removesuffix(".enc")
            try:
                open_file_with_key(source, plain, self.box_key())
            except ValidationError as exc:
                raise DomainError(f"Không đăng ký từ gói {source.name}: {exc.message}") from exc
            try:
                return self.register(
                    plain,
                    name=name,
                    commune_type=commune_type,
                    province_code=province_code,
                    province_name=province_name,
                    registered_by=registered_by,
                )
            finally:
                plain.unlink(missing_ok=True)
        if source.name.endswith(SUFFIX) or zipfile.is_zipfile(source):
            try:
                bundle = verify_bundle(source)
            except BundleRefusedError as exc:
                raise DomainError(f"Không đăng ký từ gói {source.name}: {exc.message}") from exc
            sender = bundle.manifest["sender"]
            pem = bundle.public_pem
            ward_code = sender["code"]
            name = name or str(sender.get("name", ""))
            commune_type = commune_type or str(sender.get("type", ""))
            province_code = province_code or str(sender.get("province_code", ""))
            province_name = province_name or str(sender.get("province_name", ""))
        else:
            if not ward_code:
                raise DomainError("Đăng ký từ tệp khóa công khai cần mã xã/phường (--ward MÃ).")
            try:
                pem = source.read_bytes()
            except OSError as exc:
                raise StorageError(f"Không đọc được tệp {source}: {exc.strerror or exc}.") from exc
        pem = keys.canonical_pem(pem)
        assert ward_code is not None
        values = {
            "ward_code": ward_code,
            "name": name,
            "commune_type": commune_type,
            "province_code": province_code[:2],
            "province_name": province_name,
            "public_key_pem": pem.decode("ascii"),
            "fingerprint": keys.fingerprint_of(pem),
            "registered_at": self._ctx.clock.now().astimezone(UTC),
            "registered_by": registered_by,
        }
        with self._ctx.db.transaction() as session:
            office = sync_repo.get_meta(session, sync_repo.OFFICE_PROVINCE_KEY)
            if office and province_code and province_code != office:
                raise DomainError(
                    f"Xã/phường {ward_code} thuộc tỉnh mã {province_code}, cơ quan này nhận gói của tỉnh mã {office}."
                )
            if not office and province_code:
                sync_repo.set_meta(session, sync_repo.OFFICE_PROVINCE_KEY, province_code)
            sync_repo.put_ward(session, values)
        return next(w for w in self.wards() if w.ward_code == ward_code)
