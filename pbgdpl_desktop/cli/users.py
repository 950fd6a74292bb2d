"""Accounts and the audit trail from the command line (issue #15):

    pbgdpl-desktop users --db PATH (list | add NAME --role ROLE | reset NAME | disable NAME) [--user ADMIN]
    pbgdpl-desktop audit --db PATH [--since DATE] [--user NAME] [--json]   (here --user filters)

The acting user's password comes from the environment variable PBGDPL_PASSWORD or a prompt; the password of
the account being added or reset from PBGDPL_NEW_PASSWORD or a prompt. ``sign_in`` is what every command that
changes data calls: with ``--user`` it signs in; without it, a ward that has accounts acts as its "một người
dùng" account, or else as nobody who may write."""

from __future__ import annotations

import argparse
import getpass
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from pbgdpl_desktop.domain.dates import parse_date
from pbgdpl_desktop.domain.errors import ValidationError
from pbgdpl_desktop.domain.users import Actor, Role

if TYPE_CHECKING:  # the services load when a command runs, not for --help (start-up speed)
    from pbgdpl_desktop.services.core.runtime import RuntimePaths
    from pbgdpl_desktop.services.registry import Services

PASSWORD_ENV = "PBGDPL_PASSWORD"
NEW_PASSWORD_ENV = "PBGDPL_NEW_PASSWORD"
NOBODY = "(chưa đăng nhập)"


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("users", parents=[common], add_help=False, help="tài khoản người dùng và vai trò")
    p.add_argument("action", choices=("list", "add", "reset", "disable"), help="list | add | reset | disable")
    p.add_argument("name", nargs="?", metavar="TÊN", help="tên đăng nhập")
    roles = ", ".join(f"{r.value} ({r.label})" for r in Role)
    p.add_argument("--role", metavar="VAI_TRÒ", help=f"vai trò khi thêm: {roles}")
    p.add_argument("--display-name", default="", metavar="HỌ_TÊN", help="họ tên hiển thị")
    p.set_defaults(handler=cmd_users)
    p = sub.add_parser("audit", parents=[common], add_help=False, help="nhật ký: ai đã làm gì, khi nào")
    p.add_argument("--since", metavar="NGÀY", help="từ ngày (dd/mm/yyyy)")
    p.add_argument("--of", dest="of_user", metavar="TÊN", help="như --user: chỉ các thao tác của người này")
    p.add_argument(
        "--module", metavar="PHÂN_HỆ", help="mediation, finance, dissemination, assessment, users, core"
    )
    p.add_argument("--json", action="store_true", help="in dạng JSON (mỗi dòng một mục)")
    p.set_defaults(handler=cmd_audit)


def _password(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    return getpass.getpass(prompt)


def sign_in(services: Services, args: argparse.Namespace) -> Actor | None:
    """The acting user of a command (see the module docstring)."""
    name = getattr(args, "user", None)
    users = services.users
    if name:
        return users.login(name, _password(PASSWORD_ENV, f"Mật khẩu của {name}: "))
    if not users.has_accounts():
        return None
    actor = users.login_single_user()
    if actor is None:
        actor = Actor(NOBODY, Role.VIEWER)
        users.act_as(actor)
    return actor


def cmd_users(args: argparse.Namespace, paths: RuntimePaths) -> int:
    from pbgdpl_desktop.services.registry import open_services

    services = open_services(paths)
    try:
        users = services.users
        if args.action == "list":
            for info in users.all():
                state = " (đã khóa)" if info.disabled else ""
                print(f"{info.name}\t{info.role.value}\t{info.role_label}\t{info.display_name}{state}")
            return 0
        if not args.name:
            raise ValidationError(f"Lệnh users {args.action} cần tên đăng nhập.")
        if args.action == "add" and not users.has_accounts():
            if (args.role or "admin") != "admin":
                raise ValidationError("Tài khoản đầu tiên phải là quản trị (--role admin).")
            users.create_first_admin(args.name, _new_password(), args.display_name)
            print(f"Đã tạo tài khoản quản trị {args.name}.")
            return 0
        sign_in(services, args)
        if args.action == "add":
            info = users.add(args.name, args.role or "", _new_password(), args.display_name)
            print(f"Đã thêm {info.name} ({info.role_label}).")
        elif args.action == "reset":
            users.reset_password(args.name, _new_password())
            print(f"Đã đặt lại mật khẩu của {args.name}.")
        else:
            users.set_disabled(args.name)
            print(f"Đã khóa tài khoản {args.name}.")
        return 0
    finally:
        services.ctx.db.close()


def _new_password() -> str:
    first = _password(NEW_PASSWORD_ENV, "Mật khẩu mới: ")
    if NEW_PASSWORD_ENV not in os.environ and getpass.getpass("Nhập lại mật khẩu mới: ") != first:
        raise ValidationError("Hai lần nhập mật khẩu không giống nhau.")
    return first


def cmd_audit(args: argparse.Namespace, paths: RuntimePaths) -> int:
    from pbgdpl_desktop.services.core.audit import AuditFilter
    from pbgdpl_desktop.services.registry import open_services_for_reading

    services = open_services_for_reading(paths)
    try:
        # here --user filters (a read); without signing in, personal values stay masked
        if services.users.has_accounts():
            services.users.act_as(Actor(NOBODY, Role.VIEWER))
        flt = AuditFilter(
            user=args.of_user or getattr(args, "user", None),
            module=args.module,
            since=parse_date(args.since, field="since", label="Từ ngày") if args.since else None,
        )
        for item in reversed(services.audit.entries(flt)):
            if args.json:
                print(
                    json.dumps(
                        {
                            "id": item.id,
                            "at": item.at.isoformat(timespec="seconds"),
                            "user": item.actor,
                            "role": item.role,
                            "action": item.action,
                            "module": item.module,
                            "table": item.table,
                            "record": item.record_id,
                            "changes": item.changes,
                            "detail": item.detail,
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                print("\t".join(item.row()))
        return 0
    finally:
        services.ctx.db.close()


RESTORE_PASSWORD_ENV = "PBGDPL_BACKUP_PASSWORD"


def prepare_restore(args: argparse.Namespace, paths: RuntimePaths, source: Path) -> Path:
    """Before a restore: where the ward has accounts, only the administrator restores; an encrypted copy is
    decrypted (password from PBGDPL_BACKUP_PASSWORD or a prompt) into a checked plain copy."""
    from pbgdpl_desktop.services.registry import open_services
    from pbgdpl_desktop.sync.crypto import is_encrypted

    if not paths.db_path.exists() and not is_encrypted(source):
        return source
    services = open_services(paths)
    try:
        if services.users.has_accounts():
            sign_in(services, args)
            services.ctx.require_admin()
        if is_encrypted(source):
            password = _password(RESTORE_PASSWORD_ENV, f"Mật khẩu của bản sao {source.name}: ")
            return services.backups.open_encrypted(source, password)
        return source
    finally:
        services.ctx.db.close()


def trace_restore(args: argparse.Namespace, paths: RuntimePaths, source: Path) -> None:
    """The restored file records who restored it, from which copy."""
    from pbgdpl_desktop.services.registry import open_services

    services = open_services(paths)
    try:
        if services.users.has_accounts():
            sign_in(services, args)
        services.audit.record("restore_db", "core", f"khôi phục từ {source.name}")
    finally:
        services.ctx.db.close()
