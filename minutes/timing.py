"""Where a session stands for the clerk: which sitting, which moment, which item.

The roll-call screen opens on today's sitting (or the next one) and counts the quorum at a
moment held within that sitting; the live record resumes at the item of the last line
entered, and moving to another sitting goes to its first item.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from agendas.model import AgendaItem
from meeting.dates import to_tokyo
from meeting.model import Sitting


def sitting_index_for(sittings: Sequence[Sitting], today: date) -> int:
    """The sitting to open on: the first from today on, else the last one."""
    for i, s in enumerate(sittings):
        if to_tokyo(s.starts_at).date() >= today:
            return i
    return max(0, len(sittings) - 1)


def moment_in(sitting: Sitting | None, now: datetime) -> datetime:
    """Now, held within the sitting; on another day, the sitting's opening."""
    if sitting is None:
        return now
    if to_tokyo(now).date() != to_tokyo(sitting.starts_at).date():
        return sitting.starts_at
    held = max(now, sitting.starts_at)
    return min(held, sitting.ends_at) if sitting.ends_at is not None else held


def written_answer_day(today: date, until: date | None) -> date:
    """The day a written answer is recorded as received: today, at the latest the deadline."""
    return min(today, until or date.max)


def resume_index(items: Sequence[AgendaItem], latest_item_id: int | None) -> int:
    """The live record resumes at the item of the last line entered (the first if none)."""
    return index_of(items, latest_item_id, default=0)


def index_of(items: Sequence[AgendaItem], item_id: int | None, *, default: int) -> int:
    ids = [i.id for i in items]
    return ids.index(item_id) if item_id in ids else default


def first_item_of(items: Sequence[AgendaItem], sitting_id: int) -> int | None:
    """The index of a sitting's first item, if the agenda gives it any."""
    return next((n for n, i in enumerate(items) if i.sitting_id == sitting_id), None)
