"""A database on a network share is refused at open, or opened in the safe mode when asked.

The detection is tested on simulated places: a UNC name, and the text of ``/proc/mounts`` with
an NFS, SMB, sshfs or 9p mount — nothing is mounted for real.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from meeting import shares
from meeting.db import open_database
from meeting.entry.cli import main
from meeting.errors import DatabaseFileError
from meeting.shares import is_unc, mount_type, network_location

MOUNTS = """\
sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
/dev/sda2 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
fileserver:/export/home /home nfs4 rw,relatime,vers=4.2 0 0
/dev/sdb1 /home/clerk/local ext4 rw,relatime 0 0
//fileserver.city.local/kyoyu /mnt/kyoyu cifs rw,relatime,vers=3.1.1 0 0
//fileserver/審議会 /mnt/審議会\\040共有 smb3 rw 0 0
clerk@host:/srv /mnt/ssh fuse.sshfs rw,nosuid,nodev 0 0
drvfs /mnt/c 9p rw,noatime,aname=drvfs 0 0
/dev/sdc1 /mnt/kyoyu/usb vfat rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/clerk/meeting.db", "nfs4"),  # the home folder on the file server
        ("/home/clerk/local/meeting.db", "ext4"),  # a local disk mounted inside it
        ("/home", "nfs4"),
        ("/homework/meeting.db", "ext4"),  # a prefix of the name is not a mount point
        ("/mnt/kyoyu/会議/meeting.db", "cifs"),
        ("/mnt/kyoyu/usb/meeting.db", "vfat"),
        ("/mnt/審議会 共有/meeting.db", "smb3"),  # \040 in the table is a space
        ("/mnt/ssh/meeting.db", "fuse.sshfs"),
        ("/mnt/c/Users/clerk/meeting.db", "9p"),  # WSL's view of the Windows drive
        ("/tmp/meeting.db", "tmpfs"),
        ("/var/lib/meeting.db", "ext4"),
    ],
)
def test_the_mount_holding_a_path_is_the_longest_mount_point_before_it(path, expected):
    assert mount_type(path, MOUNTS) == expected


def test_a_later_mount_over_the_same_point_hides_the_earlier():
    mounts = "/dev/sda1 /srv ext4 rw 0 0\nserver:/x /srv nfs rw 0 0\n"
    assert mount_type("/srv/meeting.db", mounts) == "nfs"
    assert mount_type("/srv/meeting.db", "") is None


@pytest.mark.parametrize(
    "fstype", ["nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "ceph"]
)
def test_network_file_systems_are_known(fstype):
    assert fstype in shares.NETWORK_FILESYSTEMS


@pytest.mark.parametrize("fstype", ["ext4", "xfs", "btrfs", "tmpfs", "overlay", "vfat", "ntfs3"])
def test_local_file_systems_are_not_shares(fstype):
    assert fstype not in shares.NETWORK_FILESYSTEMS


@pytest.mark.parametrize(
    ("path", "unc"),
    [
        (r"\\fileserver\kyoyu\meeting.db", True),
        ("//fileserver/kyoyu/meeting.db", True),
        (r"\\?\UNC\fileserver\kyoyu\meeting.db", True),
        (r"\\?\C:\Users\clerk\meeting.db", False),  # a long local path
        (r"C:\Users\clerk\meeting.db", False),
        ("/home/clerk/meeting.db", False),
        ("///home/clerk/meeting.db", False),
        ("meeting.db", False),
    ],
)
def test_a_unc_name_is_a_share(path, unc):
    assert is_unc(path) is unc


def test_a_unc_path_is_a_network_location_on_any_system():
    assert "UNC" in (network_location(Path("//fileserver/kyoyu/meeting.db")) or "")


@pytest.fixture
def on_nfs(tmp_path, monkeypatch) -> Path:
    """The test's folder, as if it were an NFS mount (a fake /proc/mounts)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the mount table is Linux's")
    fake = tmp_path / "mounts"
    fake.write_text(MOUNTS + f"fileserver:/kyoyu {tmp_path.resolve()} nfs4 rw 0 0\n")
    monkeypatch.setattr(shares, "MOUNTS", fake)
    return tmp_path


def test_a_database_on_a_mounted_share_is_refused_and_not_created(on_nfs):
    path = on_nfs / "meeting.db"
    with pytest.raises(DatabaseFileError) as caught:
        open_database(path)
    message = caught.value.message
    assert "ネットワーク上の共有フォルダ（nfs4）" in message
    assert "データベースはこの PC に置き" in message and "--shared-folder" in message
    assert not path.exists()


def test_a_local_database_is_not_taken_for_a_share(tmp_path):
    if not sys.platform.startswith("linux"):
        pytest.skip("the mount table is Linux's")
    assert network_location(tmp_path / "meeting.db") is None  # the test's own folder
    open_database(tmp_path / "meeting.db").close()


def test_the_command_line_refuses_a_share_with_what_to_do(on_nfs, capsys):
    path = on_nfs / "meeting.db"
    assert main(["--db", str(path), "sessions"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "共有フォルダ" in err and "meeting backup --to" in err and "--shared-folder" in err
    assert not path.exists()


def test_a_unc_database_is_refused_by_the_command_line(tmp_path, capsys):
    assert main(["--db", "//fileserver/kyoyu/meeting.db", "sessions"]) == 1
    assert "UNC" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["before", "after"])
def test_shared_folder_opens_it_with_a_rollback_journal(on_nfs, capsys, where):
    path = on_nfs / "meeting.db"
    flag = ["--shared-folder"]
    args = flag + ["--db", str(path), "demo"] if where == "before" else ["demo", "--db", str(path)]
    assert main(args + ([] if where == "before" else flag)) == 0
    assert main(["--db", str(path), "--shared-folder", "sessions"]) == 0
    assert "ひばり野市" in capsys.readouterr().out
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()
    assert not path.with_name("meeting.db-wal").exists()
    assert not path.with_name("meeting.db-shm").exists()


def test_a_database_in_wal_mode_leaves_it_when_opened_on_a_share(tmp_path, monkeypatch):
    path = tmp_path / "meeting.db"
    open_database(path).close()  # made on the PC, in WAL mode
    other = sqlite3.connect(path)  # another program has it open: the mode cannot change
    other.execute("SELECT count(*) FROM councils").fetchone()
    other.execute("PRAGMA busy_timeout = 0")
    monkeypatch.setattr("meeting.db.BUSY_TIMEOUT_MS", 100)
    try:
        with pytest.raises(DatabaseFileError, match="使用中|開いています"):
            open_database(path, shared_folder=True)
    finally:
        other.close()
    db = open_database(path, shared_folder=True)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        from meeting.db_writes import Checkpointer

        checkpointer = Checkpointer(db)
        assert checkpointer._thread is None  # no log to move
        checkpointer.stop()
    finally:
        db.close()
