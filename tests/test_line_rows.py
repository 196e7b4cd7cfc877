"""A long record is read as tuples (minutes.store.lines.line_of): each line exactly as read by
column name, whatever its kind, speaker, openness or turn."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from agendas.model import ItemKind
from agendas.store import add_agenda_item
from meeting.dates import TOKYO, at
from meeting.model import SessionPlan, SittingPlan
from meeting.store import list_members, schedule_session
from meeting.store.rows import rows
from minutes.model import SpeakerKind
from minutes.speakers import Speaker
from minutes.store import set_line_public, utterances
from minutes.store.lines import LINE_COLUMNS, line_count, line_of, utterance_of
from minutes.utterances import enter_line

DAY = date(2026, 12, 14)
NOW = datetime(2026, 12, 14, 14, 30, tzinfo=TOKYO)


def test_a_line_read_as_a_tuple_is_the_line_read_by_column_name(db, council):
    plan = SessionPlan(sittings=(SittingPlan(at(DAY, time(14)), at(DAY, time(16)), "第1会議室"),))
    session = schedule_session(db, council.id, plan, now=NOW)
    item = add_agenda_item(db, session.id, ItemKind.OTHER)
    member = list_members(db, council.id, on=DAY)[0]
    speakers = [
        Speaker(SpeakerKind.MEMBER, member.id),
        Speaker(SpeakerKind.SECRETARIAT),
        Speaker(SpeakerKind.OBSERVER, label="あおば台新聞"),
        Speaker(SpeakerKind.OTHER, label="参考人"),
        None,  # a narration
    ]
    for n, speaker in enumerate(speakers):
        line = enter_line(
            db,
            session.id,
            f"{n + 1}行目",
            at=NOW + timedelta(minutes=n),
            agenda_item_id=item.id if n % 2 else None,
            speaker=speaker,
            narration=speaker is None,
        )
    set_line_public(db, line.id, False)
    for text, continues in (("問い", False), ("続き", True)):
        enter_line(
            db,
            session.id,
            text,
            at=NOW + timedelta(minutes=9),
            agenda_item_id=item.id,
            speaker=None if continues else speakers[0],
            continues=continues,
        )

    by_name = [
        utterance_of(r)
        for r in rows(db, f"SELECT {LINE_COLUMNS} FROM utterances ORDER BY position", [])
    ]
    assert utterances(db, session.id) == by_name
    assert len(by_name) == 7
    assert line_count(db, session.id) == 7
    assert line_count(db, session.id, up_to=3) == 3  # counted no further
    assert line_count(db, session.id, up_to=70) == 7
    assert {u.speaker_kind for u in by_name} >= {None, SpeakerKind.OBSERVER, SpeakerKind.OTHER}
    assert [u.public for u in by_name].count(False) == 1
    assert [u.continues for u in by_name].count(True) == 1


def test_a_row_of_an_unknown_kind_is_refused_by_name():
    row = (1, 1, None, 1, "shout", None, None, "", "text", "2026-12-14T14:30:00+09:00", 1, None, 0)
    with pytest.raises(ValueError, match="shout"):
        line_of(row)
    with pytest.raises(ValueError, match="crowd"):
        line_of((*row[:4], "speech", "crowd", *row[6:]))
