"""The clerk's side of the two-process test: lines, attendance and decisions, as fast as they go.

Usage: python probe_writer.py DB SESSION_ID OPS [SECONDS]. Each operation is one write the
clerk's screens make: mostly a line, every 25th a member arriving late or leaving, every
100th a decision on the next consultation item. With SECONDS it runs that long instead of OPS.
Prints DONE with the counts.
"""

import sys
import time
from datetime import timedelta

from agendas.model import ItemKind, Outcome
from agendas.store import agenda
from meeting.clock import system_clock
from meeting.db import open_database
from meeting.quorum import Presence
from meeting.store import get_session, list_members
from minutes.decide import DecisionDraft, decide
from minutes.model import SpeakerKind
from minutes.roll import set_presence
from minutes.speakers import Speaker
from minutes.utterances import enter_line


def main(path: str, session_id: int, ops: int, seconds: float) -> None:
    db = open_database(path)
    session = get_session(db, session_id)
    sitting = session.sittings[0]
    members = list_members(db, session.council_id, on=sitting.starts_at.date())
    items = [i for i in agenda(db, session_id) if i.kind is ItemKind.CONSULTATION]
    lines = presences = decided = 0
    end = time.monotonic() + seconds if seconds else None
    i = 0
    while (end is None and i < ops) or (end is not None and time.monotonic() < end):
        now = system_clock()
        if i % 100 == 99 and decided < len(items):
            decide(
                db,
                items[decided].id,
                DecisionDraft(Outcome.APPROVED, f"—議題{decided + 1}は承認される。—"),
                at=now,
            )
            decided += 1
        elif i % 25 == 24:
            member = members[-1 - (presences % 2)]  # two members come and go; quorum stands
            late = sitting.starts_at + timedelta(minutes=presences % 60)
            set_presence(db, session_id, sitting.id, member.id, Presence(True, arrived_at=late))
            presences += 1
        else:
            enter_line(
                db,
                session_id,
                f"書込{i}番の発言です。",
                at=now,
                agenda_item_id=None,
                speaker=Speaker(SpeakerKind.MEMBER, members[i % len(members)].id),
            )
            lines += 1
        i += 1
    print(f"DONE {i} lines={lines} presences={presences} decisions={decided}", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], int(args[1]), int(args[2]), float(args[3]) if len(args) > 3 else 0.0)
