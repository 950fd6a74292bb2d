"""The demo ward's two accounts and a few days of audit history (issue #15).

``quantri`` (quản trị) builds the ward, so the trail names a person; at the end the ward is put in
"một người dùng" mode as the clerk ``chuyenvien`` so the demo opens without a password prompt. Demo passwords
(documented in the README): ``quantri-demo`` and ``chuyenvien-demo``."""

from __future__ import annotations

import functools
from datetime import timedelta

from pbgdpl_desktop.services.core.passwords import hash_password
from pbgdpl_desktop.services.demo.context import DemoContext

ADMIN, CLERK = "quantri", "chuyenvien"
PASSWORDS = {ADMIN: "quantri-demo", CLERK: "chuyenvien-demo"}


@functools.cache
def demo_hash(name: str) -> str:
    """The demo account's password hash, made once per process (full scrypt parameters; #17 §5: two hashes
    were half a second of every demo built, e.g. by the tests)."""
    return hash_password(PASSWORDS[name])


def start(demo: DemoContext) -> None:
    users = demo.services.users
    if users.has_accounts():
        return
    users.create_first_admin(ADMIN, PASSWORDS[ADMIN], "Trần Thị Hồng Nhung", password_hash=demo_hash(ADMIN))
    users.add(CLERK, "clerk", PASSWORDS[CLERK], "Đặng Thị Thu Hà", password_hash=demo_hash(CLERK))


def finish(demo: DemoContext) -> None:
    """A few past working days of sign-ins and exports, then "một người dùng" as the clerk."""
    services = demo.services
    now = services.ctx.clock.now()
    for days in (5, 4, 3, 1):
        at = now - timedelta(days=days, hours=demo.rng.randint(1, 3))
        services.audit.record("login", "users", "đăng nhập", at=at, actor=CLERK, role="clerk")
        if days in (4, 1):
            services.audit.record(
                "export",
                "reports",
                "Sổ theo dõi hoạt động hòa giải (PDF)",
                at=at + timedelta(minutes=20),
                actor=CLERK,
                role="clerk",
            )
    services.audit.record(
        "backup", "core", "sao lưu ra ổ USB (mã hóa)", at=now - timedelta(days=2), actor=ADMIN, role="admin"
    )
    services.users.set_single_user(CLERK)
    services.users.logout()
