"""``meeting record transcript``: a speech-recognition service's transcript into a session's
record, from the command line — the labels and the plan printed, then the lines added."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from meeting.clock import system_clock
from meeting.errors import InputError
from meeting.text import one_line, visible

MAP_HELP = (
    "what a label of the file is: LABEL=a member's name or surname (or 会長), 事務局, 実施機関, "
    "委員全員, ト書き, 取り込まない, or その他:NAME for someone not on the roster; repeat for "
    "each label. The session remembers it for the next file."
)


def add_parser(actions: Any, row_id: Any, sitting_arg: Any) -> None:
    transcript = actions.add_parser(
        "transcript",
        help="import a transcript (text, .docx, WebVTT, SRT, CSV) into a session's record",
        description="Read a transcript a speech-recognition service exported (or a typed one), "
        "print its speaker labels and what they map to, and add its lines after the record's "
        "last line, each with 取り込み in its history; nothing in the record is changed. Labels "
        "that name a member (酒井, 酒井委員, 会長), 事務局 or a letter the session has given "
        "(A委員) are mapped by themselves, and every mapping is remembered for the session.",
    )
    transcript.add_argument("file", metavar="FILE", help=".txt, .docx, .vtt, .srt or .csv")
    transcript.add_argument(
        "--session",
        type=row_id,
        metavar="ID",
        required=True,
        help="the session whose record takes the lines (its ID in meeting sessions)",
    )
    transcript.add_argument(
        "--item",
        metavar="N",
        help="the agenda item every line goes to, by its number as the agenda shows it (3, "
        "2(1)); without it, lines go to the item under way at their time when the live record "
        "has item times",
    )
    transcript.add_argument(
        "--sitting",
        type=sitting_arg,
        metavar="N",
        help="the day the transcript is of (1, 2 or 2日目; default: the first)",
    )
    transcript.add_argument(
        "--map", action="append", default=[], metavar="LABEL=WHO", help=MAP_HELP
    )
    transcript.add_argument(
        "--yes",
        action="store_true",
        help="import labels not mapped as free labels (their own name) instead of refusing",
    )
    transcript.add_argument(
        "--dry-run", action="store_true", help="print the labels and the plan, import nothing"
    )


def run(db: Any, args: argparse.Namespace) -> int:
    from agendas.rules import item_numbered, numbered
    from meeting.store import get_council, get_session
    from minutes.roll import members_for
    from minutes.transcript import read_transcript
    from minutes.transcript_import import (
        UnmappedLabels,
        check_mapped,
        describe,
        import_transcript,
        placement,
        plan_import,
    )
    from minutes.transcript_labels import label_choices

    session = get_session(db, args.session)
    sitting = _sitting(session, args.sitting)
    transcript = read_transcript(Path(args.file))
    members = members_for(db, session)
    choices = label_choices(db, session.id, transcript, members)
    mapping = {c.label: c.assignment for c in choices}
    mapping |= _typed_maps(args.map, [c.label for c in choices], members)
    print(visible(f"{transcript.name}（{transcript.format.label}）のラベル:"))
    for c in choices:
        chosen = mapping[c.label]
        how = "（前回の対応）" if c.remembered and chosen == c.assignment else ""
        who = chosen.text(members) + how if chosen else "（未定）"
        example = f"「{c.first.text[:20]}」（{transcript.where(c.first)}）"
        print(one_line(f"  「{c.shown}」{c.count}行 → {who}　例: {example}"))
    try:
        if not args.yes:
            check_mapped(transcript, mapping)
    except UnmappedLabels as e:
        raise InputError(
            e.field,
            f"{e.message}。--map ラベル=委員名 で割り当てるか、--yes で名前のまま取り込みます",
        ) from None
    where = placement(db, session, transcript, sitting)
    by_time = False
    item_id = None
    if args.item:
        shown = numbered(where.items, get_council(db, session.council_id).agenda_numbering)
        item_id = item_numbered(shown, args.item, field="--item").id
    elif where.by_time:
        by_time = True
    elif where.items:
        numbers = "、".join(n for n in where.numbers.values() if n)
        raise InputError(
            "--item",
            "どの議題の発言か時刻から決められません（記録に議題ごとの時刻がありません）。"
            f"--item で議題の番号を選んでください（{numbers}）",
        )
    plan = plan_import(
        db,
        session,
        transcript,
        mapping,
        item_id=item_id,
        by_time=by_time,
        sitting=sitting,
        free_unmapped=args.yes,
        now=system_clock(),
    )
    for line in describe(plan, where, members):
        print(one_line(line))
    if args.dry_run:
        print("（--dry-run: 取り込んでいません）")
        return 0
    ids = import_transcript(db, plan, at=system_clock())
    print(
        f"取り込みました: {len(ids)}行（行 {ids[0]}～{ids[-1]}）。記録を直す画面で確かめてください"
    )
    return 0


def _sitting(session: Any, ordinal: int | None) -> Any:
    sittings = session.active_sittings
    if ordinal is None:
        return sittings[0] if sittings else None
    if not 1 <= ordinal <= len(sittings):
        raise InputError(
            "--sitting", f"この会議に{ordinal}日目はありません（{len(sittings)}日まで）"
        )
    return sittings[ordinal - 1]


def _typed_maps(typed: list[str], labels: list[str], members: Any) -> dict[str, Any]:
    """--map LABEL=WHO, each label one of the file's (as the list shows it)."""
    from minutes.transcript import NO_LABEL, clean_label
    from minutes.transcript_labels import assignment_from_text

    out = {}
    for entry in typed:
        parts = re.split(r"[=＝]", entry, maxsplit=1)
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise InputError("--map", f"「{entry}」は ラベル=委員名 の形ではありません")
        raw = parts[0].strip()
        label = raw if raw in labels else "" if raw == NO_LABEL else clean_label(raw)
        if label not in labels:
            shown = "、".join(f"「{x or NO_LABEL}」" for x in labels)
            raise InputError("--map", f"「{raw}」というラベルはこのファイルにありません（{shown}）")
        out[label] = assignment_from_text(parts[1], members)
    return out
