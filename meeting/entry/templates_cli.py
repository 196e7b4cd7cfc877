"""``meeting template``: the council's templates from the command line — list them, copy one
out to edit in Word, bring the edited file back (checked against the demo data), choose."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from meeting.clock import system_clock
from meeting.errors import InputError
from meeting.text import visible

KIND_HELP = "the document kind: minutes, summary, answer… (meeting template list names them)"
COUNCIL = "the council whose template it is"


def add_parsers(commands: Any, row_id: Any) -> None:
    template = commands.add_parser(
        "template",
        help="the council's document templates (Word and Markdown): list, copy, import, use",
        description="Each document kind is written from a template: a Word file with Jinja2 "
        "tags and its Markdown twin. Copy a default out, edit it in Word, import it (it is "
        "checked against the demo data first), and the council's documents follow. "
        "See docs/templates.md for every variable and filter.",
    )
    actions = template.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="kinds, defaults, the council's own, the choice")
    listing.add_argument("--council", type=row_id, metavar="ID", help="only this council")

    copy = actions.add_parser("copy", help="write a template to a file, to open and edit in Word")
    copy.add_argument("kind", metavar="KIND", help=KIND_HELP)
    copy.add_argument("--default", metavar="NAME", help="this default (else the one in use)")
    copy.add_argument("--council", type=row_id, metavar="ID", help="the council's current one")
    copy.add_argument("-o", "--output", metavar="FILE.docx", required=True, help="the Word file")
    copy.add_argument(
        "--markdown", metavar="FILE.md", help="its Markdown twin (default: FILE.md beside it)"
    )
    copy.add_argument("--force", action="store_true", help="overwrite existing files")

    imported = actions.add_parser(
        "import", help="check an edited template and keep it as the council's new version"
    )
    imported.add_argument("kind", metavar="KIND", help=KIND_HELP)
    imported.add_argument("file", metavar="FILE.docx", help="the edited Word file")
    imported.add_argument(
        "--markdown",
        metavar="FILE.md",
        help="its Markdown twin (default: FILE.md beside it, when there is one)",
    )
    imported.add_argument("--council", type=row_id, metavar="ID", required=True, help=COUNCIL)
    imported.add_argument("--label", default="", help="a name for this version")

    use = actions.add_parser("use", help="choose a default (by name) or the council's own")
    use.add_argument("kind", metavar="KIND", help=KIND_HELP)
    use.add_argument(
        "name", metavar="NAME|own", help="a default's name, or own for the council's latest"
    )
    use.add_argument("--council", type=row_id, metavar="ID", required=True, help=COUNCIL)


def run(db: Any, args: argparse.Namespace) -> int:
    if args.action == "list":
        return _list(db, args.council)
    if args.action == "copy":
        return _copy(db, args)
    if args.action == "import":
        return _import(db, args)
    from exports.council_templates import use_template

    said = use_template(db, args.council, args.kind, args.name)
    print(visible(f"{args.kind}: {said}を使います"))
    return 0


def _list(db: Any, council_id: int | None) -> int:
    from exports.council_templates import council_templates
    from meeting.store import get_council, list_councils

    councils = [get_council(db, council_id)] if council_id is not None else list_councils(db)
    if not councils:
        print("審議会はありません。meeting demo でデモを読み込めます。")
        return 0
    for council in councils:
        print(visible(f"{council.name}（審議会ID {council.id}）"))
        for kind in council_templates(db, council.id):
            print(f"  {kind.kind}（{kind.label}）: {kind.chosen_label}")
            for d in kind.defaults:
                mark = "*" if kind.chosen == d.name else " "
                print(visible(f"    {mark} {d.name}  既定: {d.label}"))
            for n, v in enumerate(kind.own):
                mark = "*" if kind.chosen == "own" and n == 0 else " "
                when = v.created_at.strftime("%Y-%m-%d %H:%M")
                name = f"  {v.label}" if v.label else ""
                print(visible(f"    {mark} own 第{v.version}版  {when}  {v.source}{name}"))
    return 0


def _copy(db: Any, args: argparse.Namespace) -> int:
    from exports.council_templates import template_to_copy, write_copy

    out = Path(args.output)
    twin = Path(args.markdown) if args.markdown else out.with_suffix(".md")
    if out.suffix.lower() != ".docx":
        raise InputError("-o", f"{out.name}: .docx のファイル名にしてください")
    for target in (out, twin):
        if target.exists() and not args.force:
            raise InputError("-o", f"{target} は既にあります（上書きするには --force）")
    template = template_to_copy(db, args.council, args.kind, args.default)
    for written in write_copy(template, out, twin):
        print(written)
    return 0


def _import(db: Any, args: argparse.Namespace) -> int:
    from exports.council_templates import import_template

    path = Path(args.file)
    docx = path.read_bytes()
    twin = Path(args.markdown) if args.markdown else path.with_suffix(".md")
    if args.markdown and not twin.is_file():
        raise InputError("--markdown", f"ファイルがありません: {twin}")
    markdown = twin.read_text(encoding="utf-8") if twin.is_file() else None
    kept = import_template(
        db,
        args.council,
        args.kind,
        docx,
        markdown,
        source=path.name,
        check=check_with_demo,
        at=system_clock(),
        label=args.label,
    )
    print(visible(f"{args.kind}: 独自のテンプレート 第{kept.version}版として取り込み、使います"))
    if markdown is None:
        print("  Markdown は、それまで使っていたテンプレートのものを引き継ぎました")
    else:
        print(visible(f"  Markdown: {twin}"))
    return 0


def check_with_demo(kind: str, docx: bytes, markdown: str | None) -> None:
    """The import check, against the demo data (which lives in this layer)."""
    from exports.template_check import check_against_demo
    from meeting.entry.demo import load_demo

    check_against_demo(kind, docx, markdown, load_demo, now=system_clock())
