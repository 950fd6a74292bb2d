"""Signature commands: ``sign`` (a PDF, with a .p12 file or a PKCS#11 token; the PIN or password is asked,
never stored, never an argument), ``check-signature`` (the signatures of a PDF) and ``verify-certificate``
(the QR seal of a certificate: a PDF or the text read from its QR code)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pbgdpl_desktop.domain.dates import parse_optional_date
from pbgdpl_desktop.signing.roles import SignRole

if TYPE_CHECKING:
    from pbgdpl_desktop.services.core.runtime import RuntimePaths
    from pbgdpl_desktop.signing.keys import SigningKey


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "sign", parents=[common], add_help=False, help="ký số một tệp PDF (token hoặc tệp .p12)"
    )
    p.add_argument("file", metavar="TỆP.pdf")
    key = p.add_mutually_exclusive_group(required=True)
    key.add_argument(
        "--token",
        nargs="?",
        const="",
        metavar="TÊN_TOKEN",
        help="ký bằng token (USB); mặc định token đầu tiên",
    )
    key.add_argument("--p12", metavar="TỆP", help="ký bằng tệp chữ ký số .p12/.pfx")
    p.add_argument(
        "--as",
        dest="role",
        choices=("person", "agency"),
        default="person",
        help="person: chữ ký của người có thẩm quyền (mặc định); agency: chữ ký của cơ quan",
    )
    p.add_argument(
        "--cert", default="", metavar="NHÃN", help="nhãn chứng thư trên token (mặc định: cái đầu tiên)"
    )
    p.add_argument("--library", metavar="TỆP", help="thư viện PKCS#11 của token (mặc định: theo Cài đặt)")
    p.add_argument("--out", metavar="TỆP", help="tệp đã ký (mặc định: <tên>.signed.pdf bên cạnh)")
    p.set_defaults(handler=cmd_sign)
    p = sub.add_parser(
        "check-signature", parents=[common], add_help=False, help="kiểm tra chữ ký số của tệp PDF"
    )
    p.add_argument("file", metavar="TỆP.pdf")
    p.add_argument("--deadline", metavar="dd/mm/yyyy", help="hạn: cho biết tệp được ký trước hạn hay không")
    p.set_defaults(handler=cmd_check)
    p = sub.add_parser(
        "verify-certificate",
        parents=[common],
        add_help=False,
        help="kiểm tra mã QR của giấy chứng nhận/giấy khen",
    )
    p.add_argument("source", metavar="TỆP.pdf|MÃ", help="tệp PDF của giấy, hoặc nội dung mã QR (PBG1:…)")
    p.set_defaults(handler=cmd_verify_certificate)


def _secret(prompt: str) -> str:
    """Asked on the terminal without echo; read from standard input when it is not a terminal."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def cmd_sign(args: argparse.Namespace, paths: RuntimePaths) -> int:
    from pbgdpl_desktop.services.registry import open_services

    services = open_services(paths)
    try:
        signing = services.signing
        key: SigningKey
        if args.p12:
            key = signing.p12_key(Path(args.p12), _secret("Mật khẩu tệp chữ ký số: "))
        else:
            library = Path(args.library) if args.library else None
            label = args.token
            if not label:
                tokens = signing.tokens(library)
                if not tokens:
                    print("Không thấy token nào. Hãy cắm token vào máy rồi thử lại.")
                    return 3
                label = tokens[0].label
            key = signing.token_key(label, _secret(f"Mã PIN của token “{label}”: "), args.cert, library)
        done = signing.sign(Path(args.file), key, SignRole(args.role), Path(args.out) if args.out else None)
    finally:
        services.ctx.db.close()
    who = "người có thẩm quyền" if done.role is SignRole.PERSON else "cơ quan"
    print(f"Đã ký ({who}) vào {done.path}")
    return 0


def cmd_check(args: argparse.Namespace, paths: RuntimePaths) -> int:
    deadline = parse_optional_date(args.deadline, field="deadline", label="Hạn")
    from pbgdpl_desktop.services.registry import open_services

    services = open_services(paths)
    try:
        report = services.signing.check(Path(args.file), deadline)
    finally:
        services.ctx.db.close()
    print("\n".join(report.lines()))
    return 0 if report.status == "good" else 1


def cmd_verify_certificate(args: argparse.Namespace, paths: RuntimePaths) -> int:
    from pbgdpl_desktop.services.registry import open_services

    services = open_services(paths)
    try:
        register = services.signing.certificates
        source = args.source
        if source.lower().endswith(".pdf") and Path(source).is_file():
            texts = register.seals_in_pdf(Path(source))
            if not texts:
                print(
                    "Tệp không có mã xác thực của phần mềm (giấy in từ bản cũ hoặc không phải giấy chứng nhận)."
                )
                return 1
        else:
            texts = [source]
        verdicts = [register.verify(t) for t in texts]
    finally:
        services.ctx.db.close()
    for v in verdicts:
        print(v.message)
        if v.ok:
            print(
                f"  Mã xác thực: {v.short_code} — đối chiếu với mã in trên giấy; kiểm tra bằng {v.signed_by}."
            )
            print(f"  Nội dung: {v.purpose}")
    return 0 if all(v.ok for v in verdicts) else 1
