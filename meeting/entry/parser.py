"""The ``meeting`` command's argument parser: every command's arguments, their help, and the
types that read an ID, a sitting or a fiscal year in Japanese as the clerk types them.

Built only off the quick path (``meeting.entry.cli._app_arguments``): opening the app reads its
own few words without it. The commands it describes run from their own modules.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from typing import Any

from meeting.errors import InputError
from meeting.locations import DB_ENV
from meeting.text import visible

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
