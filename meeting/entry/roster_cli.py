"""``meeting roster``: a council's members from the office's CSV or Excel file, and back.

``import`` prints what the file would add and update and the rows it refuses, then asks (or,
with ``--yes``, goes on); a file with a bad row imports nothing. ``export`` writes the roster
with the same headers, so that a file exported, edited in Excel and imported round-trips.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from meeting.errors import InputError
from meeting.text import visible

DECLINED = 1
"""Exit status when the clerk answers no (or cannot be asked): nothing was imported."""


COUNCIL_HELP = "the council whose roster it is (its ID: meeting sessions lists them)"


def add_parsers(commands: Any, row_id: Any) -> None:
    roster = commands.add_parser(
        "roster",
        help="a council's members from a CSV or Excel (.xlsx) file, and back",
        description="Import members from the office's roster file (CSV in UTF-8, UTF-8 with "
        "BOM or Shift_JIS/cp932, or .xlsx), by its Japanese headers: 氏名 (required), "
        "ふりがな, 役職, 任期開始, 任期終了, 所属, メール. Export writes the same headers.",
    )
    actions = roster.add_subparsers(dest="action", metavar="ACTION", required=True)
    imported = actions.add_parser(
        "import",
        help="show what the file adds and updates, then import it (all rows or none)",
        description="Members are matched by name (and by reading when names collide); "
        "members the file does not name are left as they are. A file with a bad row "
        "imports nothing: each bad row is listed with its row number and the reason.",
    )
    imported.add_argument("file", metavar="FILE", help="a .csv or .xlsx roster")
    imported.add_argument(
        "--council",
        type=row_id,
        metavar="ID",
        required=True,
        help="the council whose roster it is (meeting sessions lists them)",
    )
    imported.add_argument(
        "--yes", action="store_true", help="import without asking (after printing the preview)"
    )
    exported = actions.add_parser(
        "export", help="write the council's roster as CSV (UTF-8 with BOM) or .xlsx"
    )
    exported.add_argument(
        "--council",
        type=row_id,
        metavar="ID",
        required=True,
        help="the council whose roster it is (meeting sessions lists them)",
    )
    exported.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="FILE.csv or FILE.xlsx"
    )
    exported.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(db: Any, args: argparse.Namespace) -> int:
    if args.action == "import":
        return _import(db, args)
    return _export(db, args)


def _import(db: Any, args: argparse.Namespace) -> int:
    from meeting.roster_file import read_roster_file
    from meeting.roster_import import preview_lines
    from meeting.store import get_council, import_roster, preview_roster_import

    get_council(db, args.council)  # an unknown council is named before the file is read
    file = read_roster_file(Path(args.file))
    plan = preview_roster_import(db, args.council, file)
    for line in preview_lines(plan):
        print(visible(line))
    if plan.bad:
        raise InputError(
            "名簿",
            f"問題のある行が{len(plan.bad)}件あります。ファイルを直してから、もう一度取り込んで"
            "ください。何も取り込んでいません",
        )
    if not plan.writes:
        print("名簿は変わりません。")
        return 0
    if not args.yes and not _confirmed():
        print("取り込みませんでした。", file=sys.stderr)
        return DECLINED
    done = import_roster(db, args.council, file, plan)
    print(visible(f"取り込みました: {done.done}"))
    return 0


def _confirmed() -> bool:
    """Ask; with nothing to read the answer from (a script without --yes), the answer is no."""
    try:
        answer = input("取り込みますか？ [y/N] ")
    except EOFError:
        print("\n確認できないため取り込みません（確認なしに取り込むには --yes）", file=sys.stderr)
        return False
    return answer.strip().lower() in ("y", "yes", "はい")


def _export(db: Any, args: argparse.Namespace) -> int:
    from exports.roster import SUFFIXES, write_roster
    from meeting.store import get_council, list_members

    out = Path(args.output)
    if out.suffix.lower() not in SUFFIXES:
        raise InputError("-o", f"{out.name}: .csv か .xlsx のファイル名にしてください")
    if out.exists() and not args.force:
        raise InputError("-o", f"{out} は既にあります（上書きするには --force）")
    get_council(db, args.council)
    members = list_members(db, args.council)
    written = write_roster(members, out)
    print(visible(f"{written}（{len(members)}名）"))
    return 0
