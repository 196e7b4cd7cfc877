"""Any text through the record and every writer (docx, md, json, ics): no crash, what can be
kept is kept. Control characters, U+FFFE, lone surrogates, emoji with variation selectors,
10,000-character lines and right-to-left marks included."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from exports.documents import prepare_document
from exports.docx_format import clean as docx_clean
from exports.ics import clean as ics_clean
from exports.ics import session_calendar, write_calendar
from exports.record_json import export_record, import_record
from meeting.db import open_database
from meeting.store import get_council, get_session, list_members
from minutes.model import SpeakerKind
from minutes.speakers import Speaker
from minutes.store import utterances
from minutes.utterances import enter_line, keep_text
from tests.test_minutes_export import afternoon_session
from tests.test_output_injection import rendered_text, squash

ANY = st.characters(codec=None, categories=None, exclude_categories=())
TRICKY = st.sampled_from(
    [
        "\ufffe",
        "\ud800",
        "\udfff",
        "\u200f",
        "\u202e",
        "👍🏽",
        "☺\ufe0f",
        "\x00",
        "\x0b",
        "\r\n",
        "（１）",
        "～",
        "〜",
        "\u3000",
        "ｶﾞ",
        "ﾞ",
    ]
)
TEXT = st.lists(st.one_of(st.text(ANY, max_size=40), TRICKY), max_size=12).map("".join)
SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _session(db, council, now):
    from datetime import date

    return afternoon_session(db, council, now, date(2026, 12, 14))


@SETTINGS
@given(texts=st.lists(TEXT.filter(lambda t: t.strip()), min_size=1, max_size=4))
def test_any_line_goes_through_every_record_writer(db, council, now, tmp_path, texts):
    session = _session(db, council, now)
    member = list_members(db, council.id)[0]
    for n, text in enumerate(texts):
        speaker = (
            Speaker(SpeakerKind.MEMBER, member.id)
            if n % 2
            else Speaker(SpeakerKind.OTHER, None, text[:20])
        )
        enter_line(db, session.id, text, at=now, agenda_item_id=None, speaker=speaker)
    stored = [u.text for u in utterances(db, session.id)]
    assert stored == [keep_text(t) for t in texts]  # stored as entered, surrogates made U+FFFD
    for kind in ("minutes", "summary"):
        prepared = prepare_document(db, kind, session.id, public=False)
        docx = prepared.write(tmp_path / f"{kind}.docx")
        md = prepared.write(tmp_path / f"{kind}.md").read_text(encoding="utf-8")
        body = "\n".join(p.text for p in Document(str(docx)).paragraphs)
        if kind == "minutes":
            for text in stored:
                for piece in re.split(r"[\r\n\x0b]+", docx_clean(text)):
                    assert piece.strip() in body  # every character Word can hold is kept
                shown = squash(rendered_text(md))
                for piece in re.split(r"[\r\n]+", text):
                    assert squash(piece) in shown  # and Markdown shows every character
    data = json.loads(json.dumps(export_record(db, session.id), ensure_ascii=False))
    other = open_database(tmp_path / f"other{len(list(tmp_path.iterdir()))}.db")
    copy = import_record(other, data)
    assert [u.text for u in utterances(other, copy)] == stored
    other.close()


def test_a_ten_thousand_character_line_and_bidi_marks(db, council, now, tmp_path):
    session = _session(db, council, now)
    long = ("個人情報の保護について確認します。" * 600)[:10_000] + "\u202eCBA\u202c"
    enter_line(
        db, session.id, long, at=now, agenda_item_id=None, speaker=Speaker(SpeakerKind.SECRETARIAT)
    )
    path = prepare_document(db, "minutes", session.id, public=True).write(tmp_path / "long.docx")
    assert long in "".join(p.text for p in Document(str(path)).paragraphs)


@SETTINGS
@given(place=TEXT, name=TEXT, council_name=TEXT.filter(lambda t: t.strip()))
def test_any_text_in_an_invite_is_written_and_read_back(
    db, council, now, tmp_path, place, name, council_name
):
    session = _session(db, council, now)
    council = replace(get_council(db, council.id), name=council_name)
    session = get_session(db, session.id)
    session = replace(session, sittings=(replace(session.sittings[0], place=place),))
    member = replace(list_members(db, council.id)[0], name=name)
    path = write_calendar(
        session_calendar(council, session, (member,), stamp=now), tmp_path / "invite.ics"
    )
    (event,) = [c for c in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]
    if ics_clean(place).strip():
        assert str(event["LOCATION"]) == ics_clean(place).strip()
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\ud800-\udfff]", path.read_text("utf-8"))
