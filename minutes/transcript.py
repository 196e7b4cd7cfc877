"""Reading a transcript that a speech-recognition service (or a typist) made: who said what, when.

Many offices already run such a service, and someone retypes its output into the record. These
pure functions read what those services export — plain text and Word (.docx) with speaker
labels at the start of a paragraph, WebVTT and SRT with times, CSV with speaker, time and text
columns — into a list of :class:`Said`, each with the line of the file it came from, so that a
message can point at it. The format is chosen by the file's extension and its content.

What the lines become in the record (whose labels, which item) is decided in
:mod:`minutes.transcript_import`; nothing here reads or writes the database.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from meeting.errors import InputError

FIELD = "文字起こし"
MAX_BYTES = 20 * 1024 * 1024
"""A transcript of a whole day is a few hundred kilobytes; anything far larger is not one."""

NARRATION_LABEL = "（ト書き）"
"""The label of a paragraph written as a stage direction (～実施機関職員による説明～)."""
NO_LABEL = "（話者なし）"
"""How a line that names no speaker is listed for the clerk to assign."""


class Format(StrEnum):
    TEXT = "text"
    DOCX = "docx"
    VTT = "vtt"
    SRT = "srt"
    CSV = "csv"

    @property
    def label(self) -> str:
        return {
            "text": "テキスト",
            "docx": "Word（.docx）",
            "vtt": "WebVTT",
            "srt": "SRT",
            "csv": "CSV",
        }[self.value]

    @property
    def timed(self) -> bool:
        """Cut into short cues by a machine: a speaker's consecutive cues are one turn."""
        return self in (Format.VTT, Format.SRT, Format.CSV)


class Said(NamedTuple):
    """One thing said, as the file has it."""

    label: str
    """The speaker as the file names them (normalised: 全角 letters and digits folded, spaces
    collapsed); "" when it names none."""
    time: timedelta | None
    """As written: from the recording's start (0:01:23) or a clock time (10:02:15)."""
    text: str
    line: int
    """Where it is in the file: the line (the paragraph of a .docx)."""
    continues: bool = False
    """A paragraph under the previous one's speaker, with no label of its own (text, Word)."""


@dataclass(frozen=True)
class Transcript:
    name: str
    """The file's name, kept in each imported line's history."""
    format: Format
    lines: tuple[Said, ...]
    notes: tuple[str, ...] = ()
    """What the clerk should know that does not stop the import (cues that overlap)."""

    def where(self, said: Said) -> str:
        return f"段落{said.line}" if self.format is Format.DOCX else f"{said.line}行目"


def label_text(label: str) -> str:
    """A label as the clerk's lists show it: （話者なし） for none."""
    return label or NO_LABEL


def read_transcript(path: Path) -> Transcript:
    """The transcript in the file at ``path``; a file that is not one is refused, named."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError(FIELD, f"{path.name} は大きすぎます（20MB まで）。文字起こしですか")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(FIELD, f"{path} がありません") from None
    except IsADirectoryError:
        raise InputError(FIELD, f"{path} はフォルダです。ファイルを指定してください") from None
    return parse_transcript(data, path.name)


def parse_transcript(data: bytes, name: str) -> Transcript:
    """The transcript in ``data``, read as its extension and its first bytes say."""
    from minutes.transcript_cues import parse_csv, parse_srt, parse_vtt
    from minutes.transcript_text import parse_docx, parse_text

    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise InputError(FIELD, f"{name} は空のファイルです")
    if suffix in (".xlsx", ".xls", ".xlsm"):
        raise InputError(
            FIELD, "Excel のファイルは読めません。Excel で「CSV UTF-8」として保存してください"
        )
    if suffix == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            FIELD, "古い Word の形式（.doc）は読めません。Word で .docx として保存してください"
        )
    notes: list[str] = []
    if suffix == ".docx" or data.startswith(b"PK\x03\x04"):
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise InputError(
                FIELD, f"{name} は Word（.docx）として読めません（壊れているか別の形式です）"
            )
        lines, format = parse_docx(data), Format.DOCX
    else:
        text = decode(data, name)
        format = _text_format(text, suffix, name)
        if format is Format.VTT:
            lines, notes = parse_vtt(text)
        elif format is Format.SRT:
            lines, notes = parse_srt(text)
        elif format is Format.CSV:
            lines = parse_csv(text)
        else:
            lines = parse_text(text)
    if not lines:
        raise InputError(FIELD, f"{name} には発言が一つもありません")
    return Transcript(name, format, tuple(lines), tuple(notes))


_SRT_START = re.compile(r"\A\s*(?:\d+\s*\n)?\s*\d{1,3}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")


def _text_format(text: str, suffix: str, name: str) -> Format:
    if text.lstrip().startswith("WEBVTT"):
        return Format.VTT
    if suffix == ".vtt":
        raise InputError(FIELD, f"{name}: WebVTT は1行目が「WEBVTT」で始まります")
    if suffix == ".srt" or _SRT_START.match(text):
        return Format.SRT
    if suffix in (".csv", ".tsv"):
        return Format.CSV
    return Format.TEXT


def decode(data: bytes, name: str = "") -> str:
    """The text of a file saved as UTF-8 (with or without the BOM Excel writes), UTF-16 (Excel's
    「Unicode テキスト」) or Shift_JIS (cp932, what Windows and Excel save by default)."""
    where = f"{name}: " if name else ""
    text: str | None = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(data, "utf-16")
    for encoding in ("utf-8-sig", "cp932"):
        if text is None:
            text = _try(data, encoding)
    if text is None:
        raise InputError(
            FIELD,
            f"{where}文字コードを読み取れません（UTF-8 でも Shift_JIS（cp932）でもありません）。"
            "文字起こしのファイルか確かめてください",
        )
    controls = len(_CONTROLS.findall(text))
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise InputError(
            FIELD, f"{where}文字のファイルではありません（中身が文字として読めません）"
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""What text never holds (tab, line ends and form feed aside): many of them is a binary file."""


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


# Times, as the services write them

TIME = r"(?:\d{1,3}:)?\d{1,3}:\d{2}(?:[.,]\d{1,3})?"
_TIME_PARTS = re.compile(r"(?:(?P<h>\d{1,3}):)?(?P<m>\d{1,3}):(?P<s>\d{2})(?:[.,](?P<f>\d{1,3}))?")


def parse_clock(text: str) -> timedelta | None:
    """0:01:23, 00:01:23.500, 01:23,500 (SRT), 1:23 (minutes and seconds); None if not a time."""
    m = _TIME_PARTS.fullmatch(
        (text if text.isascii() else unicodedata.normalize("NFKC", text)).strip()
    )
    if m is None:
        return None
    hours, minutes, seconds = int(m["h"] or 0), int(m["m"]), int(m["s"])
    if seconds >= 60 or (m["h"] is not None and minutes >= 60):
        return None
    millis = int((m["f"] or "0").ljust(3, "0"))
    return timedelta(hours=hours, minutes=minutes, seconds=seconds, milliseconds=millis)


def time_text(t: timedelta) -> str:
    """0:01:23 (or 0:01:23.500): a time as the messages show it."""
    total = int(t.total_seconds())
    millis = t.microseconds // 1000
    text = f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"
    return text + (f".{millis:03d}" if millis else "")


# Labels

_MARKS = "○◯〇●◎◆◇■□▲△"
"""What a typed record puts before a speaker (○酒井委員　…)."""


def clean_label(label: str) -> str:
    """A label as a key: 全角 letters and digits folded (Ａ委員 is A委員), marks before it and
    spaces around it gone, inner spaces one."""
    folded = unicodedata.normalize("NFKC", label).strip().lstrip(_MARKS).strip()
    return re.sub(r"\s+", " ", folded)


def join_text(first: str, second: str) -> str:
    """Two pieces of one turn: Japanese runs on, words of Latin script keep a space."""
    if not first:
        return second
    if not second:
        return first
    if first[-1].isascii() and first[-1].isalnum() and second[0].isascii() and second[0].isalnum():
        return f"{first} {second}"
    return first + second
