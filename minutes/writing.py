"""This app instance's part in writing one session's record: the hold, and the draft.

One instance holds a session's record (``minutes.holds``); another opens it read-only and says
who holds it, and takes it over only when the clerk says so. What is typed is saved as a draft
without waiting for a lock; when the database says no, the caller is told why and tries again.
Every refusal comes back as the sentence the clerk reads, never as an exception.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from meeting.clock import Clock
from meeting.dates import format_time, to_tokyo
from meeting.db_errors import database_trouble
from minutes.holds import Holder, current_holder, let_go, still_here, take_hold, take_over
from minutes.utterances import Draft, save_draft


class RecordWriter:
    """Holds a session's record for this instance, and keeps its draft."""

    def __init__(self, db: Database, session_id: int, holder: Holder, clock: Clock) -> None:
        self.db = db
        self.session_id = session_id
        self.holder = holder
        self.clock = clock
        self.read_only = False
        """Another instance holds the record: this one shows it and cannot write."""
        self.draft_unsaved = False
        """The line changed and the database has not taken the draft yet."""

    # Who writes the record

    def hold(self) -> str:
        """Take the record; returns why this instance is read-only, or "" when it writes."""
        try:
            other = take_hold(self.db, self.session_id, self.holder, at=self.clock())
        except sqlite3.Error as error:
            self.read_only = True
            return f"記録を始められません（{database_trouble(error)}）。ctrl+g で再試行"
        if other is not None:
            self.read_only = True
            since = format_time(to_tokyo(other.since).time()) if other.since else ""
            return (
                f"閲覧のみ: この会議の記録は {other.label} が{since}から入力中です"
                "（その画面を閉じるか、ctrl+g で引き継ぐ）"
            )
        self.read_only = False
        return ""

    def heartbeat(self) -> str:
        """Say this instance is still here; returns why it is read-only now, or ""."""
        if self.read_only:
            return ""
        try:
            here = still_here(self.db, self.session_id, self.holder, at=self.clock())
        except sqlite3.Error:
            return ""  # the next beat tries again; the hold stays ours for a minute
        if here:
            return ""
        other = current_holder(self.db, self.session_id)
        self.read_only = True
        return f"閲覧のみ: 記録は {other.label if other else '別の画面'} に引き継がれました"

    def other_holder(self) -> Holder | None:
        """Who holds the record while this instance is read-only."""
        return current_holder(self.db, self.session_id) if self.read_only else None

    def take_over(self) -> str:
        """Hold the record whoever held it (the clerk said the other is gone); as :meth:`hold`."""
        take_over(self.db, self.session_id, self.holder, at=self.clock())
        return self.hold()

    def let_go(self) -> None:
        if self.read_only:
            return
        try:
            let_go(self.db, self.session_id, self.holder)
        except sqlite3.Error:
            pass  # the hold lapses by itself (STALE_AFTER)

    # The draft

    def changed(self) -> None:
        """The line changed: its draft is to be saved."""
        if not self.read_only:
            self.draft_unsaved = True

    def entered(self) -> None:
        """The line was entered: the draft was cleared with it, in one transaction."""
        self.draft_unsaved = False

    def save_draft(self, draft: Draft, *, wait: float = 0) -> str | None:
        """Save the draft if it changed: "" when saved, why not when refused, None if not due.

        It does not wait for another program's lock unless told to (``wait`` seconds).
        """
        if not self.draft_unsaved or self.read_only:
            return None
        try:
            save_draft(self.db, self.session_id, draft, at=self.clock(), wait=wait)
        except sqlite3.Error as error:
            return f"{database_trouble(error)}。入力中の文は画面に残っています（自動で再試行）"
        self.draft_unsaved = False
        return ""
