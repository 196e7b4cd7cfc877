"""Plain text and Word (.docx) transcripts: a speaker's label at the start of a paragraph.

The shapes seen in offices and services: 「A委員：…」「事務局:…」 (a colon, 全角 or not),
「○酒井委員　…」「酒井委員　…」 (a title, then a space), 「発言者1　…」「Speaker 2 …」,
「(A委員) …」 as a summary prints it, a label on a line of its own with the paragraphs under
it (「酒井 花子　0:03」 as Teams writes a .docx), and a time before the label
(「[00:01:23] 事務局：…」).
A paragraph with no label continues the previous speaker's turn; 「～…～」 is a stage direction.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import timedelta
from typing import NamedTuple

from meeting.errors import InputError
from minutes.transcript import (
    FIELD,
    NARRATION_LABEL,
    TIME,
    Said,
    clean_label,
    parse_clock,
)

_TITLES = (
    "副委員長|委員長|副会長|会長|副議長|議長|委員|事務局長|事務局|実施機関|部長|次長|課長補佐"
    "|補佐|課長|係長|主査|主任|主事|職員|参考人|説明員|オブザーバー"
)
_NUMBERED = r"(?:発言者|話者|スピーカー|speaker|Speaker|SPEAKER)\s?[0-9０-９A-Za-zＡ-Ｚ]{1,3}"
_MARK = "[○◯〇●◎◆◇■□▲△]"
_NAME = r"[^\s\u3000：:。、，,．！？!?「」『』()（）\[\]【】]"
_SUFFIX = rf"(?:{_TITLES})(?:[（(]{_NAME}{{1,12}}[）)])?"
"""A title, and who in brackets: 事務局（田中）."""

_LEADING_TIME = re.compile(rf"^[\[(（]?(?P<time>{TIME})[\])）]?[\s\u3000]+(?P<rest>.*)$")
_COLON = re.compile(
    rf"^{_MARK}?[\s\u3000]*(?P<label>{_NAME}(?:[ \u3000]?{_NAME}){{0,15}}?"
    rf"(?:[（(]{_NAME}{{1,12}}[）)])?)"
    rf"(?:[\s\u3000]*[\[(（](?P<time>{TIME})[\])）])?[\s\u3000]*(?P<colon>[：:])(?P<text>.*)$"
)
_TITLED = re.compile(
    rf"^{_MARK}?[\s\u3000]*(?P<label>{_NAME}{{0,12}}?{_SUFFIX}|{_NUMBERED})"
    rf"(?:[\s\u3000]*[\[(（]?(?P<time>{TIME})[\])）]?)?(?:[\s\u3000]+(?P<text>.*)|$)"
)
_MARKED = re.compile(rf"^{_MARK}[\s\u3000]*(?P<label>{_NAME}{{1,16}})(?:[\s\u3000]+(?P<text>.*)|$)")
_BRACKETED = re.compile(
    rf"^[（(](?P<label>{_NAME}{{0,12}}?{_SUFFIX}|{_NUMBERED}|委員全員)[）)][\s\u3000]*(?P<text>.+)$"
)
_NAME_AND_TIME = re.compile(
    rf"^(?P<label>{_NAME}{{1,12}}(?:[ \u3000]{_NAME}{{1,12}})?)"
    rf"[\s\u3000]+(?P<time>{TIME})$"
)
_NARRATION = re.compile(r"^[～〜~—―－\-]{1,2}.+[～〜~—―－\-]{1,2}$")


class Labelled(NamedTuple):
    label: str
    time: timedelta | None
    text: str


def split_label(paragraph: str) -> Labelled:
    """The speaker's label, a time, and what was said, from one paragraph; "" for no label.

    A label with no text after it names the speaker of the paragraphs that follow."""
    s = paragraph.strip()
    time = None
    if m := _LEADING_TIME.match(s):
        time, s = parse_clock(m["time"]), m["rest"].strip()
    if _NARRATION.match(s):
        return Labelled(NARRATION_LABEL, time, s)
    for pattern in (_BRACKETED, _COLON, _TITLED, _MARKED, _NAME_AND_TIME):
        m = pattern.match(s)
        if m is None or not _is_label(m["label"], m.groupdict().get("colon") or "", m):
            continue
        said = m.groupdict().get("time")
        return Labelled(
            clean_label(m["label"]),
            parse_clock(said) if said else time,
            (m.groupdict().get("text") or "").strip(),
        )
    return Labelled("", time, s)


def _is_label(label: str, colon: str, m: re.Match[str]) -> bool:
    """Not a time (10:30), a URL (https://…), a number or a list mark taken for a label."""
    plain = label.strip()
    if not plain or re.fullmatch(r"[\d０-９\s.,:()（）]+", plain):
        return False
    text = m.groupdict().get("text") or ""
    return not (colon == ":" and text.startswith("//"))


def parse_text(text: str) -> list[Said]:
    """Every paragraph of a plain-text transcript (one a line; blank lines are skipped)."""
    return _paragraphs((n, line) for n, line in enumerate(text.split("\n"), start=1))


def parse_docx(data: bytes) -> list[Said]:
    """Every paragraph of a Word transcript, numbered as Word counts them; a document that is
    a table (時刻 | 話者 | 発言) is read as a CSV would be."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    from minutes.transcript_cues import rows_to_said

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise InputError(
            FIELD, f"Word（.docx）として読めません（壊れているか別の形式です: {error}）"
        ) from None
    paragraphs = []
    for n, paragraph in enumerate(document.paragraphs, start=1):
        paragraphs += [(n, part) for part in paragraph.text.split("\n")]
    found = _paragraphs(paragraphs)
    if found or not document.tables:
        return found
    table = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    return rows_to_said(list(enumerate(rows, start=1)), where="表の{n}行目")


def _paragraphs(numbered: Iterable[tuple[int, str]]) -> list[Said]:
    out: list[Said] = []
    current = ""
    pending_time: timedelta | None = None
    fresh = False
    """The label stands on a line of its own: its first paragraph begins the turn."""
    for n, paragraph in numbered:
        if not paragraph.strip():
            continue
        label, time, said = split_label(paragraph)
        if label and not said:
            current, pending_time, fresh = label, time, True
            continue
        if label == NARRATION_LABEL:
            out.append(Said(label, time, said, n))
            current = ""
            continue
        if label:
            out.append(Said(label, time, said, n))
            current, pending_time, fresh = label, None, False
            continue
        continues = bool(current) and not fresh and bool(out) and out[-1].label == current
        out.append(Said(current, time or pending_time, said, n, continues))
        pending_time, fresh = None, False
    return out
