"""The ``meeting`` command: the app by default, and a few commands for scripts and tests."""

from __future__ import annotations

import argparse
import gc
import re
import sqlite3
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meeting.clock import system_clock
from meeting.dates import format_fiscal_year, to_iso
from meeting.entry.console import console_safe, json_text
from meeting.errors import ConversionError, DatabaseFileError, FileInUseError, InputError
from meeting.locations import DB_ENV, database_path
from meeting.text import one_line, visible

if TYPE_CHECKING:
    from datetime import datetime

    from sqlite_utils import Database

    from meeting.model import Council

USAGE = 2
"""Exit status for what the caller asked: bad arguments, input refused, an ID that is not there."""
FAILURE = 1
"""Exit status for what went wrong running it: the database file, the disk, a lock, the system."""
MAX_ID = 2**63 - 1
"""The largest row ID SQLite holds; a larger one would overflow before it reached a query."""

DESCRIPTION = """\
Run an advisory council's sessions and keep its records.
審議会の会議の日程・名簿・記録を管理します。

With no command, opens the app on the database.
The database is --db PATH, else $MEETING_DB, else meeting.db in the user data directory."""


SHARED_HELP = (
    "open a database on a network share (refused otherwise) in the safe mode: a rollback "
    "journal, one writer at a time"
)

SESSION_HELP = "the session (its ID in meeting sessions)"
YEAR_HELP = "a fiscal year: 2026, 2026年度, 令和8年度, 令和8, R8 (令和元, R1 for 2019)"

GAPS_HELP = {
    "session": "write a record with no attendance or no lines, each gap marked （記録なし）",
    "consultation": "write it all the same, gaps marked （未記入）",
}
"""What --allow-gaps says, by what the document is about."""


def row_id(text: str) -> int:
    """An ID on the command line: a whole number from 1 to 2**63-1 (what SQLite holds)."""
    s = unicodedata.normalize("NFKC", text).strip()
    if not re.fullmatch(r"[+-]?[0-9]+", s):
        raise argparse.ArgumentTypeError(f"「{visible(text)}」は番号ではありません（1以上の整数）")
    digits = s.lstrip("+-").lstrip("0")
    if s.startswith("-") or not digits or len(digits) > len(str(MAX_ID)) or int(digits) > MAX_ID:
        raise argparse.ArgumentTypeError(f"{visible(text)} は範囲外です（1から{MAX_ID}まで）")
    return int(digits)


def sitting_arg(text: str) -> int:
    """A sitting by its day: 2, ２ or 2日目 (the session's second day)."""
    s = unicodedata.normalize("NFKC", text).strip()
    m = re.fullmatch(r"([0-9]{1,3})(?:日目)?", s)
    if not m or int(m[1]) < 1:
        raise argparse.ArgumentTypeError(
            f"「{visible(text)}」は日程ではありません（1、2… または 2日目）"
        )
    return int(m[1])


def fiscal_year_arg(text: str) -> int:
    """A fiscal year: 2026, 2026年度, 令和8年度 or R8; see ``meeting.dates.check_fiscal_year``."""
    from meeting.forms import parse_fiscal_year

    try:
        year = parse_fiscal_year(text)
    except InputError as e:
        raise argparse.ArgumentTypeError(visible(e.message)) from None
    if year is None:
        raise argparse.ArgumentTypeError("年度を入れてください（例: 2026、令和8年度）")
    return year


class _Version(argparse.Action):
    """--version: read from the installed metadata only when asked (meeting.__version__)."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        import meeting

        print(f"meeting {meeting.__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="meeting",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help=f"the database file (default: ${DB_ENV}, else the user data dir)",
    )
    parser.add_argument("--shared-folder", action="store_true", help=SHARED_HELP)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("app", help="open the app (the default)")

    sessions = commands.add_parser("sessions", help="list sessions: a table, or --json")
    sessions.add_argument("--council", type=row_id, metavar="ID", help="only this council")
    sessions.add_argument(
        "--year", type=fiscal_year_arg, metavar="FY", help=f"only this year; {YEAR_HELP}"
    )
    sessions.add_argument("--json", action="store_true", help="print JSON instead of a table")

    export = commands.add_parser("export", help="write documents and calendar invites")
    kinds = export.add_subparsers(dest="kind", metavar="KIND", required=True)
    ics = kinds.add_parser(
        "ics",
        help="calendar invites (.ics): one session, or a council's upcoming sessions",
        description="Write an .ics file. A cancelled session is written as METHOD:CANCEL; "
        "a rescheduled one carries a higher SEQUENCE, so calendars update in place.",
    )
    target = ics.add_mutually_exclusive_group(required=True)
    target.add_argument("--session", type=row_id, metavar="ID", help="every sitting of one session")
    target.add_argument("--council", type=row_id, metavar="ID", help="all upcoming sessions")
    ics.add_argument(
        "-o", "--output", metavar="FILE", help="where to write (default: ./<name>.ics)"
    )

    chair = commands.add_parser(
        "chair",
        help="the chair's read-only view, following the clerk's file live",
        description="Open the chair's view on a second terminal: quorum, who is present, the "
        "agenda with the current item, decisions. It follows the clerk within a second.",
    )
    chair.add_argument(
        "--session", type=row_id, metavar="ID", help="default: today's or the next session"
    )
    from meeting.entry.serve import add_serve_arguments

    add_serve_arguments(chair)

    _document_parsers(kinds)

    record = commands.add_parser(
        "record", help="a session's whole record as JSON (format meeting-record, version 1)"
    )
    actions = record.add_subparsers(dest="action", metavar="ACTION", required=True)
    out = actions.add_parser("export", help="write one session's record to a JSON file")
    out.add_argument("--session", type=row_id, metavar="ID", required=True, help=SESSION_HELP)
    out.add_argument("-o", "--output", metavar="FILE", required=True, help="the JSON file")
    out.add_argument("--force", action="store_true", help="overwrite an existing file")
    back = actions.add_parser("import", help="add a session's record from a JSON file")
    back.add_argument("file", metavar="FILE", help="a file written by meeting record export")
    back.add_argument(
        "--as-new-council",
        action="store_true",
        help="when a council of the same name here differs, add the file's as a separate council"
        " instead of refusing",
    )
    show = actions.add_parser(
        "show",
        help="print a session's items and lines with their IDs, closed parts marked 【非公開】",
    )
    show.add_argument("--session", type=row_id, metavar="ID", required=True, help=SESSION_HELP)
    from meeting.entry import transcript_cli

    transcript_cli.add_parser(actions, row_id, sitting_arg)

    _closing_parsers(commands)

    from meeting.entry.templates_cli import add_parsers

    add_parsers(commands, row_id)
    from meeting.entry import roster_cli

    roster_cli.add_parsers(commands, row_id)

    from meeting.entry import backup_cli

    backup_cli.add_parsers(commands)
    commands.add_parser("demo", help="fill the database with a fictional city's council")
    from meeting.entry import settings_cli

    settings_cli.add_parsers(commands)  # settings, path
    _db_after_the_command(parser)
    return parser


def _app_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The app's own command lines — ``meeting``, ``meeting --db F``, ``meeting app
    --shared-folder`` … — read without building every command's parser, which is a launch's
    largest piece of work before the app's own (bench/README.md, the launch). Anything else,
    help and mistakes included, is None: the whole parser reads it, as before."""
    db: str | None = None
    shared = app = False
    words = iter(argv)
    for word in words:
        if word == "--shared-folder" and not shared:
            shared = True
        elif word == "app" and not app:
            app = True
        elif word == "--db" and db is None:
            db = next(words, None)
            if db is None or db.startswith("-"):
                return None  # the parser names what is missing
        elif word.startswith("--db=") and db is None:
            db = word.removeprefix("--db=")
        else:
            return None
    return argparse.Namespace(command="app" if app else None, db=db, shared_folder=shared)


def _db_after_the_command(parser: argparse.ArgumentParser) -> None:
    """``--db PATH`` wherever the clerk puts it: ``meeting --db F chair`` and ``meeting chair
    --db F`` alike, at every level of the commands (given after, it wins)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                sub.add_argument(
                    "--db", metavar="PATH", default=argparse.SUPPRESS, help=argparse.SUPPRESS
                )
                sub.add_argument(
                    "--shared-folder",
                    action="store_true",
                    default=argparse.SUPPRESS,
                    help=argparse.SUPPRESS,
                )
                _db_after_the_command(sub)


def _closing_parsers(commands: Any) -> None:
    """meeting close|open item|line: mark a part of the record 非公開, or public again."""
    for command, verb in (("close", "close (非公開)"), ("open", "open (公開) again")):
        closing = command == "close"
        parser = commands.add_parser(
            command,
            help=f"{verb} an agenda item or a range of lines",
            description=f"{verb.capitalize()} an agenda item, or a line or a range of lines of "
            "one session. A closed part never reaches a public document: the public minutes "
            "and summary say where it was left out. A confirmed record is locked.",
        )
        what = parser.add_subparsers(dest="part", metavar="PART", required=True)
        item = what.add_parser("item", help=f"{verb} an agenda item (its ID in the agenda)")
        item.add_argument("id", type=row_id, metavar="ID", help="the item (meeting record show)")
        if closing:
            item.add_argument(
                "--reason",
                default="",
                metavar="TEXT",
                help="why, as the documents print it "
                "(e.g. 〇〇市情報公開条例第7条第2号に該当する情報を含むため)",
            )
        line = what.add_parser("line", help=f"{verb} a line, or lines ID to --to ID")
        line.add_argument("id", type=row_id, metavar="ID", help="the line (meeting record show)")
        line.add_argument(
            "--to", type=row_id, metavar="ID", help="the last line of a range in the same session"
        )


def _document_parsers(kinds: Any) -> None:
    """One command per document of the registry: its subject, -o, --force, and the rest."""
    from exports.kinds import KIND_INFO, About

    for kind in KIND_INFO:
        document = kinds.add_parser(kind.name, help=kind.help, description=kind.description or None)
        if kind.about is About.SESSION:
            document.add_argument(
                "--session", type=row_id, metavar="ID", required=True, help=SESSION_HELP
            )
            document.add_argument("--public", action="store_true", help="the public version")
            if kind.per_sitting:
                document.add_argument(
                    "--sitting",
                    type=sitting_arg,
                    metavar="N",
                    help="the Nth day (1日目, 2日目…) alone; the whole session without it",
                )
        elif kind.about is About.CONSULTATION:
            document.add_argument(
                "--consultation",
                type=row_id,
                metavar="ID",
                required=True,
                help="the consultation (its ID on the 諮問 screen)",
            )
        else:
            document.add_argument(
                "--council", type=row_id, metavar="ID", required=True, help="the council"
            )
            document.add_argument(
                "--year",
                type=fiscal_year_arg,
                metavar="FY",
                required=True,
                help=YEAR_HELP,
            )
        document.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            required=True,
            help=".docx, .md or .pdf (a .pdf needs LibreOffice)",
        )
        document.add_argument("--force", action="store_true", help="overwrite an existing file")
        document.add_argument(
            "--pdfa", action="store_true", help="with -o FILE.pdf: PDF/A-2b, for the archive"
        )
        if kind.gaps:
            document.add_argument(
                "--allow-gaps", action="store_true", help=GAPS_HELP[kind.about.value]
            )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit 2 for a usage error (argparse exits 2 itself), 1 for a runtime one
    (the app too, when it stopped on an error), 130 when stopped with Ctrl+C (128 + SIGINT, as
    a shell reports it).

    Every expected error is one line on stderr, never a traceback.
    """
    console_safe()
    args = _app_arguments(sys.argv[1:] if argv is None else argv) or build_parser().parse_args(argv)
    path = database_path(args.db)
    shared = args.shared_folder
    try:
        if args.command in (None, "app"):
            return _run_app(path, shared)
        if args.command == "path":
            from meeting.entry.settings_cli import print_paths

            return print_paths(path)
        if args.command == "settings":
            from meeting.entry.settings_cli import run_settings

            return run_settings(args)
        if args.command == "restore":
            from meeting.entry.backup_cli import run_restore

            return run_restore(path, args)
        from meeting.db import open_database, open_read_only

        # The chair's view served to a browser reads the file and never writes it.
        if getattr(args, "served", False):
            db = open_read_only(path)
        else:
            db = open_database(path, shared_folder=shared)
        try:
            if args.command == "sessions":
                return _sessions(db, args)
            if args.command == "export":
                return _export(db, args)
            if args.command == "demo":
                return _demo(db)
            if args.command == "record":
                return _record(db, args)
            if args.command == "chair":
                return _chair(db, path, args)
            if args.command in ("close", "open"):
                return _closing(db, args)
            if args.command == "template":
                from meeting.entry import templates_cli

                return templates_cli.run(db, args)
            if args.command == "backup":
                from meeting.entry.backup_cli import run_backup

                return run_backup(db, path, args)
            if args.command == "roster":
                from meeting.entry import roster_cli

                return roster_cli.run(db, args)
        finally:
            db.close()
    except (InputError, LookupError) as e:  # LookupError: store.NotFound, an unknown ID
        return _fail(str(e), USAGE)
    except (DatabaseFileError, ConversionError) as e:
        return _fail(str(e), FAILURE)
    except sqlite3.Error as e:  # after opening: a lock held too long, a full disk…
        from meeting.db_errors import explain

        return _fail(f"{path}: {explain(e, path)}", FAILURE)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, FileExistsError) as e:
        return _fail(_os_error(e), USAGE)  # a path given on the command line that is wrong
    except OSError as e:  # a document or a record file that cannot be read or written
        return _fail(_os_error(e), FAILURE)
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # noqa: BLE001 - a crash: one line and the log's path
        from meeting.entry.settings_cli import unexpected

        return unexpected(e, args.command)
    return 0  # pragma: no cover - argparse rejects unknown commands


def _os_error(e: OSError) -> str:
    from meeting.db_errors import explain, is_space_or_permission

    if isinstance(e, FileInUseError):
        return e.message
    where = f"{e.filename}: " if e.filename else ""
    return where + (explain(e) if is_space_or_permission(e) else (e.strerror or str(e)))


def _fail(message: str, code: int) -> int:
    if code == FAILURE and (error := sys.exc_info()[1]) is not None:  # kept with its traceback
        from meeting.crashlog import log_error

        log_error(error, where="meeting (command line)", at=system_clock(), what=message)
    print(f"meeting: {visible(message)}", file=sys.stderr)
    return code


def _run_app(path: Path, shared: bool) -> int:
    # The launch builds a few hundred thousand objects that all live on (modules, styles,
    # widgets); the collector would walk them again and again before the first frame. It is off
    # until then (MeetingApp.on_ready turns it back on), and back on here if the app never got
    # that far.
    gc.disable()
    try:
        return _app_until_closed(path, shared)
    finally:
        gc.enable()


def _app_until_closed(path: Path, shared: bool) -> int:
    from meeting.app import MeetingApp
    from meeting.db import open_database

    db = open_database(path, shared_folder=shared)  # a bad file is named before the screen
    from meeting.entry.backup_cli import backup_after_app
    from meeting.entry.settings_cli import after_app

    app = MeetingApp(db, db_path=path, demo=_load_demo)
    app.run()
    backup_after_app(db, path)
    return after_app(app)  # 1 when the app stopped on an error, the log named


def _load_demo(db: Database, *, now: datetime) -> Council:
    """The demo loader, imported when the clerk asks for the demo (not at every launch)."""
    from meeting.entry.demo import load_demo

    return load_demo(db, now=now)


def _sessions(db: Any, args: argparse.Namespace) -> int:
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
    print(_format_table(table))
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


def _export(db: Any, args: argparse.Namespace) -> int:
    if args.kind == "ics":
        return _export_ics(db, args)
    from exports.documents import check_gaps, check_target
    from exports.registry import About, document_kind

    kind = document_kind(args.kind)
    if kind.about is About.SESSION:
        subject: Any = args.session
    elif kind.about is About.CONSULTATION:
        subject = args.consultation
    else:
        subject = (args.council, args.year)
    out = Path(args.output)
    if args.pdfa and out.suffix != ".pdf":
        raise InputError("--pdfa", f"PDF/A は .pdf に書き出すときだけです（{out.name}）")
    check_target(out, force=args.force)
    prepared = kind.prepare(
        db, subject, public=getattr(args, "public", True), sitting=getattr(args, "sitting", None)
    )
    check_gaps(prepared, allow_gaps=getattr(args, "allow_gaps", False))
    written = prepared.write(out, pdfa=args.pdfa)
    for note in prepared.notes + prepared.withheld:
        print(f"meeting: 注意: {visible(note)}", file=sys.stderr)
    for replaced in prepared.replacements:
        print(f"meeting: 置き換え: {visible(replaced)}", file=sys.stderr)
    print(written)
    return 0


def _closing(db: Any, args: argparse.Namespace) -> int:
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


def _record(db: Any, args: argparse.Namespace) -> int:
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
    print(_format_table(rows))
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
    print(_format_table(lines))
    return 0


def _export_ics(db: Any, args: argparse.Namespace) -> int:
    from exports.invites import export_council_invites, export_session_invites

    now = system_clock()
    if args.session is not None:
        out = Path(args.output or f"session-{args.session}.ics")
        written = export_session_invites(db, args.session, out, now=now)
    else:
        out = Path(args.output or f"council-{args.council}-upcoming.ics")
        written = export_council_invites(db, args.council, out, now=now)
    print(written)
    return 0


def _chair(db: Any, path: Path, args: argparse.Namespace) -> int:
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


def _demo(db: Any) -> int:
    from meeting.entry.demo import load_demo

    council = load_demo(db, now=system_clock())
    print(f"デモを読み込みました: {visible(council.name)}（審議会ID {council.id}）")
    return 0


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _format_table(rows: Sequence[Sequence[str]]) -> str:
    """Columns padded by terminal cells; stored text shown with its control characters visible."""
    rows = [[one_line(cell) for cell in row] for row in rows]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(
            cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)
        ).rstrip()
        for row in rows
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
