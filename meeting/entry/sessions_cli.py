"""``meeting sessions``, ``meeting chair`` and ``meeting demo``: which sessions there are, the
chair's view on one of them, and the fictional ones to try the product on."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from meeting.clock import system_clock
from meeting.dates import format_fiscal_year, to_iso
from meeting.entry.console import format_table, json_text
from meeting.errors import InputError
from meeting.text import visible


def run_sessions(db: Any, args: argparse.Namespace) -> int:
    from meeting.sessions import session_full_title, session_when
    from meeting.store import list_councils, list_sessions

    councils = [c for c in list_councils(db) if args.council in (None, c.id)]
    if args.council is not None and not councils:
        raise InputError("--council", f"審議会 {args.council} はありません")
    rows = [
        (council, session)
        for council in councils
        for session in list_sessions(db, council.id, fiscal_year=args.year)
    ]
    if args.json:
        print(json_text([_session_json(c, s) for c, s in rows]))
        return 0
    if not rows:
        print("会議はありません。meeting demo でデモを読み込めます。")
        return 0
    table = [("ID", "審議会", "回", "日時", "形式", "状態")] + [
        (
            str(s.id),
            c.name,
            session_full_title(s),
            session_when(s),
            s.form.label,
            s.status.label,
        )
        for c, s in rows
    ]
    print(format_table(table))
    return 0


def _session_json(council: Any, s: Any) -> dict[str, Any]:
    from meeting.sessions import session_full_title

    return {
        "id": s.id,
        "council_id": council.id,
        "council": council.name,
        "fiscal_year": s.fiscal_year,
        "fiscal_year_label": format_fiscal_year(s.fiscal_year),
        "number": s.number,
        "title": session_full_title(s),
        "kind": s.kind.value,
        "form": s.form.value,
        "public": s.public,
        "status": s.status.value,
        "sequence": s.sequence,
        "written_from": s.written_from.isoformat() if s.written_from else None,
        "written_until": s.written_until.isoformat() if s.written_until else None,
        "sittings": [
            {
                "ordinal": t.ordinal,
                "starts_at": to_iso(t.starts_at),
                "ends_at": to_iso(t.ends_at) if t.ends_at else None,
                "place": t.place,
                "online": t.online,
                "status": t.status.value,
                "uid": t.uid,
            }
            for t in s.sittings
        ],
    }


def run_chair(db: Any, path: Path, args: argparse.Namespace) -> int:
    from meeting.app import MeetingApp
    from meeting.entry.serve import check_serve_arguments, serve_chair
    from meeting.store import get_session, session_of_the_day

    check_serve_arguments(args)
    session_id = args.session
    session = get_session(db, session_id) if session_id else session_of_the_day(db, system_clock())
    if session is None:
        raise InputError("--session", _no_session_today(db))
    if args.serve:
        return serve_chair(path, session, lan=args.lan, port=args.port)
    app = MeetingApp(db, db_path=path, chair_session=session.id, served=args.served)
    app.run()
    from meeting.entry.settings_cli import after_app

    return after_app(app)


def _no_session_today(db: Any) -> str:
    """What to say when no session sits today or comes later: the latest ones, to choose from."""
    from meeting.sessions import session_name
    from meeting.store import list_councils, list_sessions

    held = [s for c in list_councils(db) for s in list_sessions(db, c.id)]
    held.sort(key=lambda s: s.sittings[0].starts_at.timestamp() if s.sittings else 0, reverse=True)
    latest = "、".join(f"{s.id} {session_name(s)}" for s in held[:5])
    choose = f"（最近の会議: {visible(latest)}）" if latest else "（会議がまだありません）"
    return f"今日の会議も今後の会議もありません。--session ID で選んでください{choose}"


def run_demo(db: Any) -> int:
    from meeting.entry.demo import load_demo

    council = load_demo(db, now=system_clock())
    print(f"デモを読み込みました: {visible(council.name)}（審議会ID {council.id}）")
    return 0
