"""Sync commands: ``export`` (ward), ``import`` (office), ``keys`` (both) — docs/sync-format.md."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pbgdpl_desktop.cli import modes

BUNDLE_PASSWORD_ENV = "PBGDPL_BUNDLE_PASSWORD"

if TYPE_CHECKING:  # the services are imported when a command runs, not for --help (start-up speed)
    from pbgdpl_desktop.services.core.runtime import RuntimePaths
    from pbgdpl_desktop.services.registry import Services


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    mode = modes.parent()
    p = sub.add_parser(
        "export", parents=[common, mode], add_help=False, help="xuất gói dữ liệu gửi cơ quan cấp trên (có ký)"
    )
    p.add_argument("--out", required=True, metavar="DIR", help="thư mục ghi gói")
    p.add_argument("--full", action="store_true", help="gói đầy đủ (mọi bản ghi), không chỉ phần thay đổi")
    p.add_argument(
        "--privacy",
        choices=("minimal", "full"),
        default="minimal",
        help="minimal (mặc định): không gửi họ tên, năm sinh, địa chỉ, nội dung vụ việc; full: gửi cả",
    )
    p.add_argument("--evidence", action="store_true", help="kèm các tệp minh chứng")
    p.add_argument(
        "--encrypt",
        action="store_true",
        help=f"mã hóa gói bằng mật khẩu (biến {BUNDLE_PASSWORD_ENV} hoặc hỏi); gửi mật khẩu riêng, không kèm gói",
    )
    p.add_argument(
        "--encrypt-to-office",
        action="store_true",
        help="mã hóa gói bằng khóa mã hóa đã đăng ký của cơ quan cấp trên (không cần mật khẩu)",
    )
    p.add_argument(
        "--resend", type=int, metavar="SỐ", help="xuất lại khoảng thay đổi của gói số SỐ (số gói mới)"
    )
    p.add_argument(
        "--attach",
        type=int,
        metavar="NĂM",
        help="kèm kết quả đánh giá chuẩn tiếp cận pháp luật (JSON) và hồ sơ đề nghị công nhận (PDF) của NĂM",
    )
    p.set_defaults(handler=cmd_export)
    p = sub.add_parser(
        "import", parents=[common, mode], add_help=False, help="nhập gói của xã/phường (cơ quan cấp trên)"
    )
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra và báo cáo, không ghi")
    p.add_argument(
        "--password",
        action="store_true",
        help=f"có gói mã hóa (.enc): hỏi mật khẩu (hoặc lấy từ biến {BUNDLE_PASSWORD_ENV})",
    )
    p.add_argument("bundles", nargs="+", metavar="GÓI_HOẶC_THƯ_MỤC")
    p.set_defaults(handler=cmd_import)
    p = sub.add_parser("keys", parents=[common, mode], add_help=False, help="khóa ký gói: xem, xuất, đăng ký")
    p.add_argument("action", choices=("show", "export", "register"), help="show | export TỆP | register TỆP")
    p.add_argument("file", nargs="?", metavar="TỆP", help="tệp khóa công khai (.pem) hoặc gói (.pbgdpl.zip)")
    p.add_argument("--ward", metavar="MÃ", help="mã xã/phường khi đăng ký từ tệp khóa .pem")
    p.add_argument("--name", default="", help="tên xã/phường khi đăng ký từ tệp khóa .pem")
    p.add_argument("--province", default="", metavar="MÃ_TỈNH", help="mã tỉnh khi đăng ký từ tệp khóa .pem")
    p.add_argument("--by", default="", metavar="NGƯỜI", help="người đăng ký (ghi vào sổ)")
    p.set_defaults(handler=cmd_keys)


def _open(paths: RuntimePaths, mode: str | None, default: str, args: argparse.Namespace) -> Services:
    from pbgdpl_desktop.cli.users import sign_in
    from pbgdpl_desktop.services.registry import open_services

    services = modes.open_in_mode(open_services, paths, mode, default)
    try:
        sign_in(services, args)
    except BaseException:
        services.ctx.db.close()
        raise
    return services


def cmd_export(args: argparse.Namespace, paths: RuntimePaths) -> int:
    from pbgdpl_desktop.services.sync.attachments import assessment_attachments

    if args.encrypt and args.encrypt_to_office:
        print(
            "Lỗi: chọn --encrypt (mật khẩu) hoặc --encrypt-to-office (khóa của cơ quan), không chọn cả hai."
        )
        return 2
    services = _open(paths, args.mode, modes.WARD, args)
    try:
        if args.encrypt_to_office:
            services.sync.check_can_seal_for_office()  # before any file is written
        with tempfile.TemporaryDirectory(prefix="pbgdpl-attach-") as tmp:
            attachments = assessment_attachments(services, args.attach, Path(tmp)) if args.attach else []
            outcome = services.sync.exporter.export(
                Path(args.out),
                full=args.full,
                privacy=args.privacy,
                evidence=args.evidence,
                resend=args.resend,
                attachments=attachments,
            )
        sealed_to_office = (
            services.sync.seal_for_office(outcome.record.path)
            if args.encrypt_to_office and outcome.record is not None
            else None
        )
    finally:
        services.ctx.db.close()
    print(outcome.message)
    if outcome.record is not None:
        print(f"Tệp: {outcome.record.path}")
        print(f"SHA-256: {outcome.record.sha256}")
        if args.encrypt:
            from pbgdpl_desktop.cli.users import _password
            from pbgdpl_desktop.services.sync.encrypted import encrypt_bundle

            sealed = encrypt_bundle(
                outcome.record.path, _password(BUNDLE_PASSWORD_ENV, "Mật khẩu mã hóa gói: ")
            )
            print(f"Đã mã hóa: {sealed} (bản chưa mã hóa đã xóa)")
        if sealed_to_office is not None:
            print(f"Đã mã hóa cho cơ quan cấp trên: {sealed_to_office} (bản chưa mã hóa đã xóa)")
    return 0


def cmd_import(args: argparse.Namespace, paths: RuntimePaths) -> int:
    password = None
    if args.password:
        from pbgdpl_desktop.cli.users import _password

        password = _password(BUNDLE_PASSWORD_ENV, "Mật khẩu của gói mã hóa: ")
    from pbgdpl_desktop.services.office.service import OfficeService

    services = _open(paths, args.mode, modes.OFFICE, args)
    try:
        # the office's import: the signed-in user must hold OFFICE_IMPORT (a viewer is refused before any
        # bundle is read); the wards' figures are refreshed and the evidence files kept, as on the Nhập gói page
        batch = OfficeService(services.ctx, services.sync).import_paths(
            [Path(b) for b in args.bundles], dry_run=args.dry_run, password=password
        )
    finally:
        services.ctx.db.close()
    print(batch.text())
    return 0 if batch.ok else 1


def cmd_keys(args: argparse.Namespace, paths: RuntimePaths) -> int:
    if args.action in ("export", "register") and not args.file:
        print(f"Lỗi: keys {args.action} cần tên tệp.")
        return 2
    services = _open(paths, args.mode, modes.OFFICE if args.action == "register" else modes.WARD, args)
    try:
        sync = services.sync
        if args.action == "show":
            info = sync.key_info()
            print(f"Chế độ: {info.mode}")
            print(f"Mã khóa (đọc qua điện thoại để đối chiếu): {info.fingerprint}")
            print(f"Tệp khóa bí mật: {info.key_path} (không gửi cho ai)")
            if info.seal_fingerprint:
                print(f"Mã khóa nhận gói mã hóa: {info.seal_fingerprint}")
            elif info.mode != modes.OFFICE:
                office_seal = sync.office_seal_fingerprint()
                print(
                    "Khóa mã hóa của cơ quan cấp trên: "
                    + (office_seal or "chưa đăng ký (chỉ mã hóa gói được bằng mật khẩu)")
                )
            for ward in sync.wards():
                print(f"  {ward.ward_code} {ward.name}: {ward.fingerprint}")
        elif args.action == "export":
            target = sync.export_public_key(Path(args.file))
            print(f"Đã ghi khóa công khai vào {target}; mã khóa: {sync.key_info().fingerprint}")
        else:
            ward = sync.register(
                Path(args.file),
                ward_code=args.ward,
                name=args.name,
                province_code=args.province,
                registered_by=args.by,
            )
            print(f"Đã đăng ký xã/phường {ward.ward_code} {ward.name}; mã khóa: {ward.fingerprint}")
            print("Hãy đối chiếu mã khóa này với xã/phường qua điện thoại.")
    finally:
        services.ctx.db.close()
    return 0
