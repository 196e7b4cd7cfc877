"""Every read and write of councils, members and sessions: the only modules with their SQL.

Writes validate first (``meeting.roster``, ``meeting.sessions``) so nothing half-checked is
saved; read-then-write work runs under ``BEGIN IMMEDIATE``. Beside them, ``record`` reads and
writes a session's whole record for the record file, and ``rows`` holds what every store of
the app (agendas' and minutes' too) shares: rows by column name, the id of a new row.
"""

from meeting.store._base import UID_DOMAIN, NotFound
from meeting.store.councils import (
    add_council,
    add_member,
    delete_member,
    get_council,
    get_member,
    import_roster,
    invited_members,
    list_councils,
    list_members,
    preview_roster_import,
    update_council,
    update_member,
)
from meeting.store.sessions import (
    cancel_session,
    ensure_draft,
    get_session,
    list_sessions,
    mark_held,
    merge_upcoming_first,
    next_session_number,
    reschedule_session,
    schedule_session,
    session_and_next,
    session_of_the_day,
    session_years,
    set_speaker_names,
    speaker_names_of,
    upcoming_first,
)

__all__ = [
    "UID_DOMAIN",
    "NotFound",
    "add_council",
    "add_member",
    "cancel_session",
    "delete_member",
    "ensure_draft",
    "get_council",
    "get_member",
    "get_session",
    "import_roster",
    "invited_members",
    "list_councils",
    "list_members",
    "list_sessions",
    "merge_upcoming_first",
    "mark_held",
    "next_session_number",
    "preview_roster_import",
    "reschedule_session",
    "schedule_session",
    "session_and_next",
    "session_of_the_day",
    "set_speaker_names",
    "speaker_names_of",
    "update_council",
    "update_member",
    "session_years",
    "upcoming_first",
]
