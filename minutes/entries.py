"""Narrations that mark a department's staff entering the room for an item.

The clerk's narration 「～実施機関入室～」 (or the staff being introduced) is how the record says
the consulting department came in: the staff listed as present then count as attending that
item, which the minutes print beside their names.
"""

from __future__ import annotations

from sqlite_utils import Database

from minutes.roll import ENTRY_WORDS, OtherAttendee, note_agency_entry

__all__ = ["ENTRY_WORDS", "marks_entry", "note_entry"]


def marks_entry(narration: str) -> bool:
    """Does this narration say the department's staff came in?"""
    return any(word in narration for word in ENTRY_WORDS)


def note_entry(
    db: Database, session_id: int, agenda_item_id: int, narration: str
) -> list[OtherAttendee]:
    """Mark the department's staff present for the item if the narration says they came in.

    Returns the staff now attending the item; empty for any other narration.
    """
    if not marks_entry(narration):
        return []
    return note_agency_entry(db, session_id, agenda_item_id)
