"""``meeting record`` and ``meeting close``/``open``: a session's record as a JSON file and
back, its parts listed with their IDs, and a part closed (非公開) or opened again."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from meeting.clock import system_clock
from meeting.entry.console import format_table
from meeting.errors import InputError
from meeting.text import visible


def run_closing(db: Any, args: argparse.Namespace) -> int:
    closing = args.command == "close"
    state = "非公開" if closing else "公開"
    if args.part == "item":
        from agendas.rules import item_title
        from agendas.store import set_item_public

        item = set_item_public(db, args.id, not closing, getattr(args, "reason", ""))
        reason = f"（{item.closed_reason}）" if item.closed_reason else ""
        print(visible(f"議題 {item.id}「{item_title(item)}」を{state}にしました{reason}"))
        return 0
    from minutes.utterances import set_lines_public

    ids = set_lines_public(db, args.id, args.to, public=not closing, at=system_clock())
    print(f"{len(ids)}行を{state}にしました（行 {ids[0]}～{ids[-1]}）")
    return 0


def run_record(db: Any, args: argparse.Namespace) -> int:
    from exports.record_json import export_record, import_with_notes, read_record, write_record

    if args.action == "show":
        return _record_show(db, args.session)
    if args.action == "transcript":
        from meeting.entry import transcript_cli

        return transcript_cli.run(db, args)
    if args.action == "export":
        out = Path(args.output)
        if out.exists() and not args.force:
            raise InputError("-o", f"{out} は既にあります（上書きするには --force）")
        print(write_record(export_record(db, args.session), out))
        return 0
    imported = import_with_notes(
        db, read_record(Path(args.file)), as_new_council=args.as_new_council, at=system_clock()
    )
    print(f"取り込みました: 会議ID {imported.session_id}")
    for note in imported.notes:
        print(f"  {visible(note)}")
    return 0


def _record_show(db: Any, session_id: int) -> int:
    """The IDs ``meeting close`` and ``meeting open`` take, with what each part is now."""
    from agendas.rules import agenda_numbers, item_title
    from agendas.store import agenda
    from meeting.dates import to_tokyo
    from meeting.store import get_council, get_session
    from meeting.text import one_line
    from minutes.store import lines_in_closed_parts, utterances

    session = get_session(db, session_id)
    items = agenda(db, session_id)
    numbers = agenda_numbers(items, get_council(db, session.council_id).agenda_numbering)
    closed = lines_in_closed_parts(db, session_id)
    mark = "【非公開】"
    if not session.public:
        print(f"{mark}この会議は非公開です")
    rows = [("ID", "番号", "議題")] + [
        (
            str(i.id),
            n,
            (mark if not i.public else "")
            + item_title(i)
            + (f"（{i.closed_reason}）" if i.closed_reason else ""),
        )
        for n, i in zip(numbers, items, strict=True)
    ]
    print(format_table(rows))
    number = {i.id: n for n, i in zip(numbers, items, strict=True)}
    lines = [("行ID", "議題", "時刻", "発言")] + [
        (
            str(u.id),
            number.get(u.agenda_item_id or -1, ""),
            to_tokyo(u.spoken_at).strftime("%H:%M"),
            (mark if u.id in closed else "") + one_line(u.text)[:40],
        )
        for u in utterances(db, session_id)
    ]
    print()
    print(format_table(lines))
    return 0
