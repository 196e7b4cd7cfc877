"""Playing a recording from a given second, through the player the PC has.

No player is bundled: an office PC has one of mpv, ffplay (FFmpeg) or VLC, each of which takes
its own start option. The first found on PATH is used (on Windows also VLC's usual install
folder). It is started detached, without a shell, its output discarded; one playback at a time,
so playing another line replaces the one playing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from meeting.errors import InputError

PLAYERS = ("mpv", "ffplay", "vlc")
"""In the order tried: mpv and ffplay start quickly and take a start second reliably."""

WINDOWS_FOLDERS = ("ProgramFiles", "ProgramFiles(x86)")
"""Where the Windows installer puts VLC: <folder>\\VideoLAN\\VLC\\vlc.exe."""

NOT_FOUND = (
    "録音を再生するプログラムが見つかりません。mpv、ffplay（FFmpeg に含まれます）、"
    "VLC のどれかをインストールしてください（PATH から探します）"
)

Which = Callable[[str], str | None]


@dataclass(frozen=True)
class Player:
    """A player found on this PC: its kind (``mpv``, ``ffplay`` or ``vlc``) and program."""

    name: str
    program: str


def find_player(
    which: Which = shutil.which, *, windows: bool = sys.platform == "win32"
) -> Player | None:
    """The first of :data:`PLAYERS` this PC has, or None."""
    for name in PLAYERS:
        if found := which(name):
            return Player(name, found)
    if windows:
        if found := which("vlc.exe"):
            return Player("vlc", found)
        folders = [os.environ.get(variable) for variable in WINDOWS_FOLDERS]
        for folder in filter(None, [*folders, "C:\\Program Files"]):
            program = Path(folder) / "VideoLAN" / "VLC" / "vlc.exe"
            if program.is_file():
                return Player("vlc", str(program))
    return None


def has_display() -> bool:
    """Whether a player can open a window: always on Windows and macOS; elsewhere only with
    X11 or Wayland (not over ssh or on a console)."""
    if sys.platform == "win32" or sys.platform == "darwin":
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def player_command(player: Player, file: Path, seconds: int, *, window: bool = True) -> list[str]:
    """The argument list that plays ``file`` from ``seconds`` in. With a window the clerk can
    pause and close it; an audio file gives mpv none unless asked, and ffplay cannot open one
    without a display."""
    start = str(max(0, int(seconds)))
    target = str(Path(file).absolute())  # absolute: never read as an option
    if player.name == "mpv":
        shown = ["--force-window=yes"] if window else []
        return [player.program, f"--start={start}", *shown, target]
    if player.name == "ffplay":
        shown = [] if window else ["-nodisp"]
        return [player.program, "-ss", start, "-autoexit", *shown, target]
    if player.name == "vlc":
        return [player.program, f"--start-time={start}", target]
    raise ValueError(f"unknown player {player.name!r}")


class RecordingPlayer:
    """Plays one recording at a time: starting another stops the one playing."""

    def __init__(self, which: Which = shutil.which) -> None:
        self.which = which
        self.process: subprocess.Popen[bytes] | None = None

    def play(self, file: Path, seconds: int) -> Player:
        """Start the player on ``file`` at ``seconds``; :class:`InputError` naming the players
        when the PC has none, or saying why it would not start."""
        player = find_player(self.which)
        if player is None:
            raise InputError("再生", NOT_FOUND)
        command = player_command(player, file, seconds, window=has_display())
        self.stop()
        try:
            self.process = subprocess.Popen(  # noqa: S603 - a found player and a path, no shell
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                creationflags=getattr(subprocess, "DETACHED_PROCESS", 0),
            )
        except OSError as error:
            raise InputError("再生", f"{player.name} を起動できません: {error}") from error
        return player

    def stop(self) -> None:
        """Stop the playback this app started, if it is still playing."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()


PLAYER = RecordingPlayer()
"""The app's one playback: a second line played replaces the first, never two at once."""
