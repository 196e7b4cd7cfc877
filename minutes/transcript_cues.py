"""Timed transcripts: WebVTT and SRT cues, and CSV rows of speaker, time and text.

A cue whose end comes before its start, or that starts before the cue before it, is a broken
file: it is refused, naming the cue. Cues that overlap (two people at once) are read, and said.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from meeting.errors import InputError
from minutes.transcript import (
    FIELD,
    TIME,
    Said,
    clean_label,
    join_text,
    parse_clock,
    time_text,
)
from minutes.transcript_text import split_label

_CUE_TIME = re.compile(rf"^\s*(?P<start>{TIME})\s*-->\s*(?P<end>{TIME})(?:\s.*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+(?P<name>[^>]*))?>")
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")
_SHOWN_NOTES = 3


@dataclass(frozen=True)
class _Cue:
    name: str
    """How a message names it: キュー3（12行目）."""
    line: int
    start: timedelta
    end: timedelta
    text: list[str]


def parse_vtt(text: str) -> tuple[list[Said], list[str]]:
    """The cues of a WebVTT file, each speaker of a cue (``<v 酒井 花子>``) a line of its own;
    and the notes on cues that overlap."""
    blocks = _blocks(text)
    if blocks:
        start, header = blocks[0]
        body = header[1:]
        blocks[0] = (start + 1, body) if any("-->" in line for line in body) else (start, [])
    cues: list[_Cue] = []
    for start, block in blocks:
        if not block or block[0].strip().startswith(("NOTE", "STYLE", "REGION")):
            continue
        at = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
        if at is None:
            raise InputError(
                FIELD,
                f"{start}行目: キューの時刻の行がありません（例: 00:00:01.000 --> 00:00:04.000）",
            )
        cues.append(_cue(f"キュー{len(cues) + 1}", start + at, block[at], block[at + 1 :]))
    notes = _check_order(cues)
    return [said for cue in cues for said in _voices(cue)], notes


def parse_srt(text: str) -> tuple[list[Said], list[str]]:
    """The subtitles of an SRT file, a label at the start of the text (「酒井委員：…」) naming
    the speaker; and the notes on subtitles that overlap."""
    cues: list[_Cue] = []
    for start, block in _blocks(text):
        number = block[0].strip() if block[0].strip().isdigit() else ""
        at = 1 if number else 0
        if at >= len(block) or "-->" not in block[at]:
            raise InputError(
                FIELD,
                f"{start + at}行目: 字幕の時刻の行がありません"
                "（例: 00:00:01,000 --> 00:00:04,000）",
            )
        name = f"字幕{number or len(cues) + 1}"
        cues.append(_cue(name, start + at, block[at], block[at + 1 :]))
    notes = _check_order(cues)
    out = []
    for cue in cues:
        label, text_ = _labelled([_plain(line) for line in cue.text])
        if text_:
            out.append(Said(label, cue.start, text_, cue.line))
    return out, notes


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines, each with the number of its first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for n, line in enumerate(text.lstrip("\ufeff").split("\n"), start=1):
        if line.strip():
            if not current:
                blocks.append((n, current))
            current.append(line)
        else:
            current = []
    return blocks


def _cue(name: str, line: int, timing: str, text: list[str]) -> _Cue:
    m = _CUE_TIME.match(timing)
    start = parse_clock(m["start"]) if m else None
    end = parse_clock(m["end"]) if m else None
    if start is None or end is None:
        raise InputError(
            FIELD, f"{name}（{line}行目）: 時刻「{timing.strip()}」を読めません（例: 00:01:23.500）"
        )
    return _Cue(f"{name}（{line}行目）", line, start, end, text)


def _check_order(cues: Sequence[_Cue]) -> list[str]:
    """Refuse a cue that ends before it starts or starts before the one before it; note those
    that start before the one before has ended."""
    overlaps = []
    for before, cue in zip([None, *cues], cues, strict=False):
        span = f"{time_text(cue.start)} --> {time_text(cue.end)}"
        if cue.end < cue.start:
            raise InputError(FIELD, f"{cue.name}: 終わりが始まりより前です（{span}）")
        if before is None:
            continue
        if cue.start < before.start:
            raise InputError(
                FIELD,
                f"{cue.name}: 始まり（{time_text(cue.start)}）が前の{before.name}の始まり"
                f"（{time_text(before.start)}）より前です。時刻の順に並んでいません",
            )
        if cue.start < before.end:
            overlaps.append(cue.name)
    if not overlaps:
        return []
    shown = "、".join(overlaps[:_SHOWN_NOTES])
    more = f"ほか{len(overlaps) - _SHOWN_NOTES}件" if len(overlaps) > _SHOWN_NOTES else ""
    return [f"前の発言と時間が重なっています: {shown}{more}（そのまま順に取り込みます）"]


def _voices(cue: _Cue) -> list[Said]:
    """One line per speaker of the cue: text before any voice tag is labelled as in SRT."""
    raw = "\n".join(cue.text)
    tags = list(_VOICE.finditer(raw))
    pieces = [("", raw[: tags[0].start()] if tags else raw, True)]
    following: list[re.Match[str] | None] = [*tags[1:], None] if tags else []
    for tag, after in zip(tags, following, strict=True):
        end = after.start() if after else len(raw)
        pieces.append((clean_label(tag["name"] or ""), raw[tag.end() : end], False))
    out = []
    for voice, part, unvoiced in pieces:
        lines = [_plain(line) for line in part.split("\n")]
        label, text = _labelled(lines) if unvoiced else (voice, _joined(lines))
        if text:
            out.append(Said(label, cue.start, text, cue.line))
    return out


def _labelled(lines: list[str]) -> tuple[str, str]:
    """A cue's label and text: the label on its first line, alone or before the text."""
    lines = [line for line in lines if line]
    if not lines:
        return "", ""
    first = split_label(lines[0])
    if first.label and not first.text and len(lines) > 1:
        return first.label, _joined(lines[1:])
    labelled = split_label(_joined(lines))
    return labelled.label, labelled.text


def _plain(line: str) -> str:
    return html.unescape(_TAG.sub("", line)).replace("\xa0", " ").strip()


def _joined(lines: list[str]) -> str:
    text = ""
    for line in lines:
        text = join_text(text, line.strip())
    return text


# CSV

_HEADERS = {
    "speaker": (
        "話者",
        "発言者",
        "speaker",
        "話者名",
        "発言者名",
        "speakername",
        "speakerlabel",
        "名前",
        "氏名",
        "name",
    ),
    "time": (
        "時刻",
        "開始",
        "開始時刻",
        "開始時間",
        "time",
        "start",
        "starttime",
        "begin",
        "timestamp",
        "タイムスタンプ",
        "時間",
    ),
    "text": (
        "発言",
        "発言内容",
        "テキスト",
        "text",
        "内容",
        "本文",
        "transcript",
        "content",
        "文章",
        "文字起こし",
        "認識結果",
    ),
}


def parse_csv(text: str) -> list[Said]:
    """The rows of a CSV (or tab-separated) file whose first row names its columns."""
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    numbered = []
    start = 1
    try:
        for row in reader:
            numbered.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(FIELD, f"{start}行目: CSV として読めません（{error}）") from None
    return rows_to_said(numbered)


def rows_to_said(numbered: list[tuple[int, list[str]]], *, where: str = "{n}行目") -> list[Said]:
    """Rows under a header row that names the speaker, time and text columns (Japanese or
    English: 話者/発言者/speaker, 時刻/開始/time/start, 発言/テキスト/text)."""
    rows = [(n, row) for n, row in numbered if any(cell.strip() for cell in row)]
    if not rows:
        return []
    header = rows[0][1]
    columns = _columns(header)
    if "text" not in columns:
        shown = "、".join(f"「{cell.strip()}」" for cell in header if cell.strip())
        raise InputError(
            FIELD,
            f"発言の列がありません。1行目の見出しに「発言」「テキスト」「text」のいずれかを"
            f"入れてください（今の見出し: {shown}）",
        )
    out = []
    for n, row in rows[1:]:

        def cell(kind: str, row: list[str] = row) -> str:
            index = columns.get(kind)
            return row[index].strip() if index is not None and index < len(row) else ""

        said = cell("text")
        if not said:
            continue
        out.append(Said(clean_label(cell("speaker")), _row_time(cell("time"), where, n), said, n))
    return out


def _columns(header: list[str]) -> dict[str, int]:
    """Which column holds what: exact names first, then names that begin with one (開始時刻)."""
    names = [re.sub(r"[\s_\-()（）]", "", unicodedata.normalize("NFKC", h).lower()) for h in header]
    found: dict[str, int] = {}
    for exact in (True, False):
        for kind, candidates in _HEADERS.items():
            if kind in found:
                continue
            for i, name in enumerate(names):
                if i in found.values():
                    continue
                if name in candidates or (not exact and name.startswith(candidates)):
                    found[kind] = i
                    break
    return found


def _row_time(value: str, where: str, n: int) -> timedelta | None:
    if not value:
        return None
    s = unicodedata.normalize("NFKC", value).strip()
    if (t := parse_clock(s)) is not None:
        return t
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return timedelta(seconds=float(s))
    m = re.fullmatch(rf"\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}[T\s]+(?P<time>{TIME})(?:\S*)", s)
    if m and (t := parse_clock(m["time"])) is not None:
        return t
    raise InputError(
        FIELD,
        f"{where.format(n=n)}: 時刻「{value}」を読めません（例: 0:01:23、00:01:23.500）",
    )
