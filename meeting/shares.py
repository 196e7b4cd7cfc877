"""Whether a file lies on a network share, where SQLite's write-ahead log is not safe.

WAL mode keeps its index in shared memory (the -shm file, mapped by every connection); over
SMB, NFS or a virtual machine's 9p that mapping is not shared between machines, and two PCs
writing one database can corrupt it (https://www.sqlite.org/wal.html, "WAL does not work over
a network filesystem"). The city keeps its files in a 共有フォルダ, so a clerk may well put the
database there: it is recognised when opened, from what the path says (a UNC name) and what the
system says about the place (the drive type on Windows, the mount table on Linux).

The parsing is pure (:func:`mount_type` takes the text of ``/proc/mounts``), so tests simulate
any mount without mounting anything. On macOS nothing is detected; ``--shared-folder`` still
chooses the safe mode there.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path, PurePosixPath

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "coda",
        "9p",  # WSL's /mnt/c, a virtual machine's shared folder
        "vboxsf",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "fuse.sshfs",
        "sshfs",
        "fuse.glusterfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.davfs2",
    }
)
"""File systems whose files live on another machine (as ``/proc/mounts`` names them)."""

MOUNTS = Path("/proc/mounts")
DRIVE_REMOTE = 4
"""``GetDriveTypeW``'s answer for a network drive (a mapped drive letter, Z: for the share)."""


def is_unc(path: str) -> bool:
    r"""``\\server\share\…`` or ``//server/share/…`` (not ``\\?\C:\…``, a long local path)."""
    s = path.replace("\\", "/")
    if s.startswith("//?/") or s.startswith("//./"):
        return s[4:].upper().startswith("UNC/")
    return s.startswith("//") and not s.startswith("///") and len(s) > 2


def mount_type(path: str | PurePosixPath, mounts: str) -> str | None:
    """The file system type of the mount that holds ``path`` (absolute, resolved), read from the
    text of ``/proc/mounts``: the longest mount point that is a prefix; a later line over the
    same point wins (it hides the earlier one)."""
    target = str(PurePosixPath(path))
    best: tuple[int, str] | None = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = _unescape(fields[1]).rstrip("/") or "/"
        inside = point == "/" or target == point or target.startswith(point + "/")
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), fields[2])
    return best[1] if best else None


def _unescape(field: str) -> str:
    r"""``/proc/mounts`` writes a space as ``\040``, a tab ``\011``, a backslash ``\134``."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field)


def network_location(path: Path) -> str | None:
    """What makes ``path`` a network place, in the clerk's words, or None for a local disk."""
    if is_unc(str(path)):
        return "ネットワーク上の共有フォルダ（UNC パス）"
    absolute = Path(os.path.abspath(path))
    if sys.platform == "win32":
        return "ネットワークドライブ" if _windows_drive_is_remote(absolute) else None
    if sys.platform.startswith("linux"):
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        fstype = mount_type(PurePosixPath(_resolved(absolute)), mounts)
        if fstype in NETWORK_FILESYSTEMS:
            return f"ネットワーク上の共有フォルダ（{fstype}）"
    return None


def _resolved(path: Path) -> str:
    """The path with its links followed, so a link into a share is seen as the share."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path)


def _windows_drive_is_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        return False
    import ctypes

    drive = os.path.splitdrive(str(path))[0]
    if not drive:
        return False
    kind = ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(drive + "\\"))
    return bool(kind == DRIVE_REMOTE)
