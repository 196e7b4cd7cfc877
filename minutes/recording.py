"""Checking the record against the sitting's audio recording.

Most offices record the session and check the minutes against it. Each sitting may have one
recording: the file on this PC and the moment the recorder started. A line's place in the
recording is the moment it was entered less that start; it is played from a few seconds before,
since the clerk enters a line after it was said. The start is typed (9:58, 9:58:30, 午前9時58分)
or stamped from the live screen the moment the recorder starts; the file may come later.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from sqlite_utils import Database

from meeting.dates import at, parse_time, to_tokyo
from meeting.errors import InputError
from meeting.model import Session, Sitting
from meeting.sessions import sitting_label
from minutes.model import Utterance
from minutes.player import PLAYER, RecordingPlayer
from minutes.store.recordings import recording_row, save_recording, save_recording_start

LEAD_SECONDS = 5
"""How long before a line's moment the recording plays: a line is entered after it is said."""

FILE = "録音ファイル"
START = "録音の開始時刻"

_WITH_SECONDS = re.compile(r"^(?P<hour>\d{1,2}):(?P<minute>\d{2}):(?P<second>\d{2})$")
_JA_SECONDS = re.compile(r"^(?P<rest>.*分)\s*(?P<second>\d{1,2})\s*秒$")


class NoRecording(InputError):
    """The line's sitting has no recording (or no file) yet: the clerk can attach one."""


@dataclass(frozen=True)
class Recording:
    """A sitting's recording: ``path`` is empty until the file is attached."""

    sitting_id: int
    path: str
    started_at: datetime


def parse_start(text: str, day: date, *, field: str = START) -> datetime:
    """The moment the recorder started, on the sitting's day: 9:58, 9:58:30, 午前9時58分,
    午前9時58分30秒 (full-width digits too). A recorder's counter is read to the second."""
    raw = text.strip()
    s = unicodedata.normalize("NFKC", raw).strip()
    if not s:
        raise InputError(field, "録音を始めた時刻を入力してください（例: 9:58、9:58:30）")
    second = 0
    if m := _WITH_SECONDS.match(s):
        s, second = f"{m['hour']}:{m['minute']}", int(m["second"])
    elif m := _JA_SECONDS.match(s):
        s, second = m["rest"], int(m["second"])
    if second > 59:
        raise InputError(field, f"「{raw}」: 秒は0から59までです")
    clock = parse_time(s, field=field)
    return at(day, time(clock.hour, clock.minute, second))


def audio_file(text: str, *, field: str = FILE) -> Path:
    """The recording's file, which must exist; quotes around a copied path are dropped."""
    s = text.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'":
        s = s[1:-1].strip()  # Windows' パスのコピー puts a path in quotes
    if not s:
        raise InputError(field, "録音ファイルの場所を入力してください（例: D:\\録音\\第2回.mp3）")
    if "\x00" in s:
        raise InputError(field, "ファイル名に NUL（\\0）は使えません")
    path = Path(s).expanduser().absolute()
    if path.is_dir():
        raise InputError(field, f"{path} はフォルダです。録音のファイルを指定してください")
    if not path.is_file():
        raise InputError(field, f"ファイルがありません: {path}")
    return path


def recording_of(db: Database, sitting_id: int) -> Recording | None:
    found = recording_row(db, sitting_id)
    if found is None:
        return None
    return Recording(found["sitting_id"], found["path"], found["started_at"])


@dataclass(frozen=True)
class Attached:
    """A recording attached to a sitting, and the one it replaced (attaching again replaces)."""

    recording: Recording
    sitting: Sitting
    replaced: Recording | None = None

    @property
    def message(self) -> str:
        label = sitting_label(self.sitting.ordinal)
        name = Path(self.recording.path).name
        said = f"{label}の録音を設定しました（{name}、開始 {start_text(self.recording)}）"
        if self.replaced is not None:
            said += "。前の設定は置き換えました"
        return said


def attach_recording(
    db: Database, sitting: Sitting, file_text: str, start_text: str, *, now: datetime
) -> Attached:
    """Attach the file and its start to the sitting; attaching again replaces both."""
    path = audio_file(file_text)
    started_at = parse_start(start_text, to_tokyo(sitting.starts_at).date())
    before = recording_of(db, sitting.id)
    save_recording(db, sitting.id, path=str(path), started_at=started_at, updated_at=now)
    return Attached(Recording(sitting.id, str(path), started_at), sitting, before)


@dataclass(frozen=True)
class Marked:
    """The moment the recorder started, stamped from the live screen."""

    recording: Recording
    sitting: Sitting

    @property
    def message(self) -> str:
        label = sitting_label(self.sitting.ordinal)
        said = f"{label}の録音開始を {start_text(self.recording)} と記録しました"
        if not self.recording.path:
            said += "（録音ファイルは、記録を直す画面で設定します）"
        return said


def mark_recording_start(db: Database, sitting: Sitting, *, now: datetime) -> Marked:
    """The recorder started at ``now``: stamp it, to the second, replacing an earlier stamp;
    a file already attached stays attached, and one can be attached later."""
    started_at = to_tokyo(now).replace(microsecond=0)
    save_recording_start(db, sitting.id, started_at=started_at, updated_at=now)
    return Marked(recording_of(db, sitting.id) or Recording(sitting.id, "", started_at), sitting)


def moment_text(moment: datetime) -> str:
    """A moment as a recorder's counter is read, to the second: 9:58:30."""
    here = to_tokyo(moment)
    return f"{here.hour}:{here.minute:02}:{here.second:02}"


def start_text(recording: Recording | None) -> str:
    """The recording's start as the form shows it (empty when there is none)."""
    return moment_text(recording.started_at) if recording is not None else ""


def sitting_of(session: Session, line: Utterance | None, sitting_id: int | None = None) -> Sitting:
    """The sitting a line was said in: its own, else the sitting of its day; with no line, the
    item's sitting (``sitting_id``) or the session's first."""
    if line is not None and line.sitting_id is not None:
        sitting_id = line.sitting_id
    for sitting in session.sittings:
        if sitting.id == sitting_id:
            return sitting
    active = session.active_sittings or session.sittings
    if line is not None:
        day = to_tokyo(line.spoken_at).date()
        for sitting in active:
            if to_tokyo(sitting.starts_at).date() == day:
                return sitting
    if not active:
        raise InputError("日程", "この会議には日程がありません")
    return active[0]


def offset_seconds(spoken_at: datetime, started_at: datetime, lead: int = LEAD_SECONDS) -> int:
    """Where to start playing for a line said at ``spoken_at``: ``lead`` seconds before it,
    and never before the recording's beginning."""
    return max(0, int((spoken_at - started_at).total_seconds()) - lead)


def clock_text(seconds: int) -> str:
    """A place in the recording as a player shows it: 0:05, 12:03, 1:02:35."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


@dataclass(frozen=True)
class Place:
    """Where in which file a line is heard."""

    path: Path
    seconds: int
    sitting: Sitting


def place_of(db: Database, session: Session, line: Utterance) -> Place:
    """The file and the second to play a line from, or :class:`NoRecording` saying what is
    missing."""
    sitting = sitting_of(session, line)
    label = sitting_label(sitting.ordinal)
    recording = recording_of(db, sitting.id)
    if recording is None:
        raise NoRecording(
            "録音", f"{label}の録音がありません。録音ファイルと開始時刻を設定してください"
        )
    if not recording.path:
        raise NoRecording(
            "録音",
            f"{label}の録音ファイルがまだありません"
            f"（開始時刻 {start_text(recording)} は記録済み）。録音ファイルを設定してください",
        )
    path = Path(recording.path)
    if not path.is_file():
        raise NoRecording("録音", f"録音ファイルが見つかりません: {path}。設定し直してください")
    return Place(path, offset_seconds(line.spoken_at, recording.started_at), sitting)


@dataclass(frozen=True)
class Played:
    """A line being played: which player, from where."""

    player: str
    place: Place

    @property
    def message(self) -> str:
        label = sitting_label(self.place.sitting.ordinal)
        return f"{label}の録音を {clock_text(self.place.seconds)} から再生します（{self.player}）"


def play_line(
    db: Database, session: Session, line: Utterance, *, player: RecordingPlayer = PLAYER
) -> Played:
    """Play the recording from a few seconds before the line was entered."""
    place = place_of(db, session, line)
    found = player.play(place.path, place.seconds)
    return Played(found.name, place)
