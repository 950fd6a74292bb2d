"""Is a path on a network share? SQLite's file locking is unreliable over SMB/NFS, so we refuse those."""

from __future__ import annotations

import os
import sys
from pathlib import Path

NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "sshfs",
        "fuse.sshfs",
        "9p",
        "afs",
        "ncpfs",
        "davfs",
        "fuse.davfs2",
        "ceph",
        "glusterfs",
        "fuse.glusterfs",
        "fuse.rclone",
        "lustre",
    }
)


def _unescape(mount_point: str) -> str:
    return (
        mount_point.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")
    )


def network_share_reason(path: Path, *, mounts: str | None = None, platform: str | None = None) -> str | None:
    """A short reason when ``path`` is on a network share, else None.

    ``mounts`` (text of /proc/mounts) and ``platform`` can be given for tests."""
    platform = platform or sys.platform
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "đường dẫn UNC \\\\máy-chủ\\thư-mục"
    if platform.startswith("win"):
        return _windows_remote_drive(text)
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    resolved = os.path.realpath(text)
    best, best_fs = "", ""
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point, fstype = _unescape(parts[1]), parts[2]
        prefix = mount_point.rstrip("/") + "/"
        if (resolved == mount_point or resolved.startswith(prefix) or mount_point == "/") and len(
            mount_point
        ) > len(best):
            best, best_fs = mount_point, fstype
    if best_fs in NETWORK_FS:
        return f"hệ thống tệp {best_fs} tại {best}"
    return None


def _windows_remote_drive(text: str) -> str | None:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(text))[0]
    if not drive:
        return None
    drive_remote = 4
    if ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote:  # type: ignore[attr-defined]
        return f"ổ mạng {drive}"
    return None
