"""Correcting from the recording: where a line is heard, which player plays it, and what the
clerk is told when something is missing."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from meeting.dates import TOKYO, at
from meeting.errors import InputError
from meeting.model import SessionPlan, SittingPlan
from meeting.store import schedule_session
from minutes.model import SpeakerKind
from minutes.player import (
    NOT_FOUND,
    Player,
    RecordingPlayer,
    find_player,
    player_command,
)
from minutes.recording import (
    NoRecording,
    attach_recording,
    audio_file,
    clock_text,
    mark_recording_start,
    offset_seconds,
    parse_start,
    place_of,
    recording_of,
    sitting_of,
)
from minutes.speakers import Speaker
from minutes.utterances import enter_line

DAYS = (date(2026, 12, 14), date(2026, 12, 15))


def moment(day: date, h: int, m: int, s: int = 0) -> datetime:
    return datetime.combine(day, time(h, m, s), tzinfo=TOKYO)


@pytest.fixture
def two_days(db, council, now):
    plan = SessionPlan(
        sittings=tuple(SittingPlan(at(d, time(10)), at(d, time(12)), "第1会議室") for d in DAYS)
    )
    return schedule_session(db, council.id, plan, now=now)


@pytest.fixture
def audio(tmp_path) -> Path:
    path = tmp_path / "録音" / "第2回 1日目.mp3"
    path.parent.mkdir()
    path.write_bytes(b"ID3")
    return path


def line_at(db, session, sitting, when: datetime):
    return enter_line(
        db,
        session.id,
        "個人情報の項目は何ですか。",
        at=when,
        agenda_item_id=None,
        speaker=Speaker(SpeakerKind.SECRETARIAT),
        sitting_id=sitting.id if sitting else None,
    )


# The start as the clerk types it


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9:58", time(9, 58)),
        ("9:58:30", time(9, 58, 30)),
        ("09:58:05", time(9, 58, 5)),
        ("９：５８：３０", time(9, 58, 30)),
        ("午前9時58分", time(9, 58)),
        ("午前9時58分30秒", time(9, 58, 30)),
        ("午後1時30分", time(13, 30)),
        ("13時半", time(13, 30)),
        (" 10:00 ", time(10, 0)),
    ],
)
def test_the_start_is_read_as_typed_on_the_sittings_day(typed, expected):
    assert parse_start(typed, DAYS[1]) == at(DAYS[1], expected)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "録音を始めた時刻を入力してください"),
        ("   ", "録音を始めた時刻を入力してください"),
        ("9:61", "存在しない時刻"),
        ("25:00", "存在しない時刻"),
        ("9:58:75", "秒は0から59まで"),
        ("午前9時58分75秒", "秒は0から59まで"),
        ("朝", "時刻として読めません"),
        ("9.58", "時刻として読めません"),
        ("9:58:3", "時刻として読めません"),
        ("午前13時", "午前13時はありません"),
    ],
)
def test_a_bad_start_is_named(typed, words):
    with pytest.raises(InputError) as caught:
        parse_start(typed, DAYS[0])
    assert caught.value.field == "録音の開始時刻"
    assert words in caught.value.message


# The file


def test_the_file_must_exist(tmp_path, audio):
    assert audio_file(str(audio)) == audio
    assert audio_file(f'"{audio}"') == audio  # Windows' パスのコピー quotes it
    with pytest.raises(InputError) as caught:
        audio_file(str(tmp_path / "ない.mp3"))
    assert caught.value.field == "録音ファイル"
    assert "ファイルがありません" in caught.value.message
    assert "ない.mp3" in caught.value.message


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "録音ファイルの場所を入力してください"),
        ('""', "録音ファイルの場所を入力してください"),
        ("a\x00b", "NUL"),
    ],
)
def test_a_bad_file_name_is_named(typed, words):
    with pytest.raises(InputError) as caught:
        audio_file(typed)
    assert words in caught.value.message


def test_a_folder_is_not_a_recording(tmp_path):
    with pytest.raises(InputError, match="フォルダです"):
        audio_file(str(tmp_path))


# Where a line is heard


@pytest.mark.parametrize(
    ("spoken", "expected"),
    [
        (moment(DAYS[0], 10, 0, 0), 85),  # 1 min 30 s in, 5 s before
        (moment(DAYS[0], 9, 58, 33), 0),  # 3 s in: from the beginning
        (moment(DAYS[0], 9, 58, 35), 0),
        (moment(DAYS[0], 9, 58, 36), 1),
        (moment(DAYS[0], 9, 50, 0), 0),  # before the recorder started
        (moment(DAYS[0], 11, 2, 35), 3840),
    ],
)
def test_the_offset_is_the_line_less_the_start_less_five_seconds(spoken, expected):
    assert offset_seconds(spoken, moment(DAYS[0], 9, 58, 30)) == expected


def test_places_in_a_recording_read_as_a_player_shows_them():
    assert [clock_text(s) for s in (0, 5, 85, 723, 3755)] == [
        "0:00",
        "0:05",
        "1:25",
        "12:03",
        "1:02:35",
    ]


def test_each_sitting_is_heard_in_its_own_recording(db, two_days, audio, now):
    first, second = two_days.sittings
    day_two = audio.with_name("2日目.mp3")
    day_two.write_bytes(b"ID3")
    attach_recording(db, first, str(audio), "9:58:30", now=now)
    attach_recording(db, second, str(day_two), "13:00", now=now)
    on_day_one = line_at(db, two_days, first, moment(DAYS[0], 10, 0))
    on_day_two = line_at(db, two_days, second, moment(DAYS[1], 13, 10))

    assert place_of(db, two_days, on_day_one).seconds == 85
    assert place_of(db, two_days, on_day_one).path == audio
    here = place_of(db, two_days, on_day_two)
    assert (here.path, here.seconds, here.sitting.ordinal) == (day_two, 595, 2)


def test_a_line_of_a_sitting_with_no_recording_says_so(db, two_days, audio, now):
    first, second = two_days.sittings
    attach_recording(db, first, str(audio), "9:58", now=now)
    on_day_two = line_at(db, two_days, second, moment(DAYS[1], 10, 30))
    with pytest.raises(NoRecording) as caught:
        place_of(db, two_days, on_day_two)
    assert "2日目の録音がありません" in caught.value.message
    assert "録音ファイルと開始時刻を設定してください" in caught.value.message


def test_a_line_without_its_sitting_is_placed_by_its_day(db, two_days):
    line = line_at(db, two_days, None, moment(DAYS[1], 10, 30))
    assert line.sitting_id is None
    assert sitting_of(two_days, line).ordinal == 2
    assert sitting_of(two_days, None).ordinal == 1
    assert sitting_of(two_days, None, two_days.sittings[1].id).ordinal == 2


def test_a_file_moved_away_since_is_named(db, two_days, audio, now):
    first = two_days.sittings[0]
    attach_recording(db, first, str(audio), "9:58", now=now)
    audio.unlink()
    line = line_at(db, two_days, first, moment(DAYS[0], 10, 0))
    with pytest.raises(NoRecording, match="録音ファイルが見つかりません"):
        place_of(db, two_days, line)


# Attaching and marking


def test_attaching_again_replaces_and_says_so(db, two_days, audio, now):
    first = two_days.sittings[0]
    done = attach_recording(db, first, str(audio), "9:58", now=now)
    assert done.replaced is None
    assert done.message == "1日目の録音を設定しました（第2回 1日目.mp3、開始 9:58:00）"
    other = audio.with_name("取り直し.m4a")
    other.write_bytes(b"")
    again = attach_recording(db, first, str(other), "9:59:10", now=now)
    assert again.replaced is not None and again.replaced.path == str(audio)
    assert again.message.endswith("前の設定は置き換えました")
    kept = recording_of(db, first.id)
    assert (kept.path, kept.started_at) == (str(other), moment(DAYS[0], 9, 59, 10))
    assert recording_of(db, two_days.sittings[1].id) is None


def test_a_bad_attachment_keeps_what_was_there(db, two_days, audio, now):
    first = two_days.sittings[0]
    attach_recording(db, first, str(audio), "9:58", now=now)
    with pytest.raises(InputError, match="ファイルがありません"):
        attach_recording(db, first, str(audio.with_name("x.mp3")), "10:00", now=now)
    with pytest.raises(InputError, match="時刻として読めません"):
        attach_recording(db, first, str(audio), "十時", now=now)
    assert recording_of(db, first.id).started_at == moment(DAYS[0], 9, 58)


def test_the_start_marked_live_waits_for_its_file(db, two_days, audio, now):
    first = two_days.sittings[0]
    marked = mark_recording_start(
        db, first, now=datetime(2026, 12, 14, 9, 58, 30, 123456, tzinfo=TOKYO)
    )
    assert marked.message == (
        "1日目の録音開始を 9:58:30 と記録しました（録音ファイルは、記録を直す画面で設定します）"
    )
    line = line_at(db, two_days, first, moment(DAYS[0], 10, 0))
    with pytest.raises(NoRecording) as caught:
        place_of(db, two_days, line)
    assert "録音ファイルがまだありません（開始時刻 9:58:30 は記録済み）" in caught.value.message

    attach_recording(db, first, str(audio), "9:58:30", now=now)
    remarked = mark_recording_start(db, first, now=moment(DAYS[0], 10, 1))
    assert remarked.recording.path == str(audio)  # the file stays attached
    assert place_of(db, two_days, line).seconds == 0


# The player


MPV = Player("mpv", "/usr/bin/mpv")
FFPLAY = Player("ffplay", "/usr/bin/ffplay")
VLC = Player("vlc", "C:\\Program Files\\VideoLAN\\VLC\\vlc.exe")


@pytest.mark.parametrize(
    ("player", "window", "expected"),
    [
        (MPV, True, ["/usr/bin/mpv", "--start=85", "--force-window=yes", "{file}"]),
        (MPV, False, ["/usr/bin/mpv", "--start=85", "{file}"]),
        (FFPLAY, True, ["/usr/bin/ffplay", "-ss", "85", "-autoexit", "{file}"]),
        (FFPLAY, False, ["/usr/bin/ffplay", "-ss", "85", "-autoexit", "-nodisp", "{file}"]),
        (VLC, True, [VLC.program, "--start-time=85", "{file}"]),
    ],
)
def test_each_player_gets_its_own_start_option(audio, player, window, expected):
    command = player_command(player, audio, 85, window=window)
    assert command == [str(audio) if a == "{file}" else a for a in expected]


def test_a_relative_file_is_given_as_an_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    command = player_command(MPV, Path("-x.mp3"), 0, window=False)
    assert command[-1] == str(tmp_path / "-x.mp3")  # never read as an option


def test_players_are_tried_in_order(tmp_path, monkeypatch):
    def which_of(*names):
        return lambda name: f"/bin/{name}" if name in names else None

    assert find_player(which_of("vlc", "ffplay", "mpv"), windows=False) == Player("mpv", "/bin/mpv")
    assert find_player(which_of("vlc", "ffplay"), windows=False) == Player("ffplay", "/bin/ffplay")
    assert find_player(which_of("vlc"), windows=False) == Player("vlc", "/bin/vlc")
    assert find_player(which_of(), windows=False) is None

    # On Windows, VLC is looked for where its installer puts it, too.
    program = tmp_path / "VideoLAN" / "VLC" / "vlc.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"")
    monkeypatch.setenv("ProgramFiles", str(tmp_path))
    assert find_player(which_of(), windows=False) is None
    assert find_player(which_of(), windows=True) == Player("vlc", str(program))
    assert find_player(which_of("vlc.exe"), windows=True) == Player("vlc", "/bin/vlc.exe")


def test_with_no_player_the_message_names_the_three(audio):
    with pytest.raises(InputError) as caught:
        RecordingPlayer(which=lambda name: None).play(audio, 10)
    assert caught.value.message == NOT_FOUND
    for name in ("mpv", "ffplay", "VLC"):
        assert name in caught.value.message
