"""``meeting export``: a document of the registry (exports.registry) or calendar invites, written
to a file named on the command line, with what the document left out said on stderr."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from meeting.clock import system_clock
from meeting.errors import InputError
from meeting.text import visible


def run_export(db: Any, args: argparse.Namespace) -> int:
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
