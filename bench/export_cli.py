"""`meeting export minutes` as a whole process, against pandoc and a raw python-docx script.

    python bench/export_cli.py [DB] [--runs N] [--lines 100 1000 10000] [--checkout DIR]

Each side is a fresh process from start to exit, as a clerk or a script runs it:

- ours: ``python -m meeting --db DB export minutes --session ID --public -o out.docx``;
- pandoc: ``pandoc -f markdown -t docx in.md -o out.docx`` of the same paragraphs;
- raw: ``python raw.py`` — a script that imports python-docx, ``add_paragraph``\\ s each of the
  same paragraphs into a blank document and saves it.

The paragraphs are the public 会議録's text (``Minutes.text_lines``), the same text for all
three. DB is used as it is when it holds a session of each size asked (exactly that many lines);
the sizes it lacks are added to it as sessions of generated, fictional text (one council, bulk
inserts as in ``bench/archive.py``). Default: ``$TMPDIR/meeting-bench/export.db``, built once.

The sides alternate run by run (A B C A B C …); wall time and the child's CPU time
(``getrusage(RUSAGE_CHILDREN)`` before and after) are given as medians with min–max, and the
ratios of the medians. ``--checkout DIR`` adds a fourth side: the same command run from another
checkout of the project (``PYTHONPATH=DIR``), to measure before → after on the same machine at the
same time. Figures, not tests: CI never runs this.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import archive  # noqa: E402

from meeting.dates import TOKYO, to_iso  # noqa: E402

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=TOKYO)
ITEMS = 5

RAW_SCRIPT = """\
import json
import sys

from docx import Document

doc = Document()
with open(sys.argv[1], encoding="utf-8") as f:
    for text in json.load(f):
        doc.add_paragraph(text)
doc.save(sys.argv[2])
"""


def _sessions_by_lines(db) -> dict[int, int]:  # type: ignore[no-untyped-def]
    """Line count → a session holding exactly that many lines (the first found)."""
    found: dict[int, int] = {}
    for session_id, n in db.execute(
        "SELECT session_id, count(*) FROM utterances GROUP BY session_id ORDER BY session_id"
    ).fetchall():
        found.setdefault(n, session_id)
    return found


def _add_session(db, lines: int) -> int:  # type: ignore[no-untyped-def]
    """A held session of ``lines`` generated lines over five items, everyone present."""
    from meeting.model import CouncilDraft, MemberDraft, Role
    from meeting.store import add_council, add_member, list_councils

    councils = list_councils(db)
    if councils:
        council_id = councils[0].id
        found = db.execute("SELECT id FROM members WHERE council_id = ?", [council_id])
        members = [r[0] for r in found]
    else:
        council = add_council(db, CouncilDraft("あおば台市審議会", "あおば台市"), now=NOW)
        council_id = council.id
        names = ["森 一郎", "林 二葉", "池田 三夫", "川口 四季", "岡 五月"]
        roles = [Role.CHAIR] + [Role.MEMBER] * (len(names) - 1)
        members = [
            add_member(db, council_id, MemberDraft(n, role=r)).id
            for n, r in zip(names, roles, strict=True)
        ]
    rng = random.Random(lines)
    stamp = to_iso(NOW)
    day = NOW - timedelta(days=30)
    db.execute("BEGIN")
    number = (
        1
        + db.execute(
            "SELECT coalesce(max(number), 0) FROM sessions"
            " WHERE council_id = ? AND fiscal_year = 2026",
            [council_id],
        ).fetchone()[0]
    )
    cur = db.conn.execute(
        "INSERT INTO sessions (council_id, fiscal_year, number, status, uid, created_at,"
        " updated_at) VALUES (?, 2026, ?, 'held', ?, ?, ?)",
        [council_id, number, f"{uuid.uuid4()}@bench", stamp, stamp],
    )
    session_id = cur.lastrowid
    cur = db.conn.execute(
        "INSERT INTO sittings (session_id, ordinal, starts_at, ends_at, place, uid)"
        " VALUES (?, 1, ?, ?, '第1会議室', ?)",
        [session_id, to_iso(day), to_iso(day + timedelta(hours=3)), f"{uuid.uuid4()}@bench"],
    )
    sitting_id = cur.lastrowid
    db.conn.executemany(
        "INSERT INTO attendance (sitting_id, member_id, status) VALUES (?, ?, 'present')",
        [(sitting_id, m) for m in members],
    )
    items = []
    for position in range(1, ITEMS + 1):
        cur = db.conn.execute(
            "INSERT INTO agenda_items (session_id, position, kind, title)"
            " VALUES (?, ?, 'report', ?)",
            [session_id, position, f"報告事項{position}"],
        )
        items.append(cur.lastrowid)
    db.conn.executemany(
        "INSERT INTO utterances (session_id, sitting_id, agenda_item_id, position,"
        " speaker_kind, member_id, text, spoken_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                session_id,
                sitting_id,
                items[(position - 1) * ITEMS // lines],
                position,
                "member",
                rng.choice(members),
                archive.sentence(rng),
                to_iso(day + timedelta(seconds=position)),
            )
            for position in range(1, lines + 1)
        ],
    )
    db.conn.commit()
    return session_id


def _paragraphs(db, session_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    from exports.full_minutes import gather_minutes

    return [p for p in gather_minutes(db, session_id, public=True).text_lines() if p]


def _markdown(paragraphs: list[str]) -> str:
    """The paragraphs as Markdown: one paragraph each, its characters taken literally."""
    special = set("\\`*_{}[]()#+-.!|<>~^$@:'\"&")
    out = []
    for p in paragraphs:
        escaped = "".join("\\" + c if c in special else c for c in p)
        out.append(escaped.replace("\n", "\\\n"))
    return "\n\n".join(out) + "\n"


def _run(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds of one child process, start to exit, and the CPU seconds it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, env=env, cwd=tempfile.gettempdir())
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{argv[:4]}… failed:\n{done.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _cell(samples: list[float]) -> str:
    return f"{statistics.median(samples):.3f} s ({min(samples):.3f}–{max(samples):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "db",
        nargs="?",
        type=Path,
        default=Path(tempfile.gettempdir()) / "meeting-bench" / "export.db",
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lines", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--checkout", type=Path, help="another checkout to run as 'before'")
    args = parser.parse_args()

    from meeting.db import open_database

    args.db.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(args.db)
    found = _sessions_by_lines(db)
    for lines in args.lines:
        if lines not in found:
            print(f"adding a session of {lines:,} lines to {args.db}", file=sys.stderr)
            found[lines] = _add_session(db, lines)
    work = Path(tempfile.mkdtemp(prefix="meeting-bench-export-"))
    raw_py = work / "raw.py"
    raw_py.write_text(RAW_SCRIPT, encoding="utf-8")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise SystemExit("pandoc is not installed")
    # Bytecode as an installed program has it (pip writes it on install): this machine's
    # PYTHONDONTWRITEBYTECODE would have every run compile our modules from source (~0.17 s).
    # Written under a prefix of our own, so that no checkout's tree is written to.
    # The compiled templates likewise, in a cache of the run's own (written by the untimed run).
    env = dict(
        os.environ,
        PYTHONPYCACHEPREFIX=str(work / "pycache"),
        MEETING_CACHE_DIR=str(work / "cache"),
    )
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    rows = []
    for lines in args.lines:
        session_id = found[lines]
        paragraphs = _paragraphs(db, session_id)
        (work / "in.json").write_text(json.dumps(paragraphs, ensure_ascii=False), encoding="utf-8")
        (work / "in.md").write_text(_markdown(paragraphs), encoding="utf-8")

        def ours(prefix: str, session_id: int = session_id) -> list[str]:
            return [
                sys.executable,
                "-m",
                "meeting",
                "--db",
                str(args.db),
                "export",
                "minutes",
                "--session",
                str(session_id),
                "--public",
                "--force",
                "--allow-gaps",
                "-o",
                str(work / f"{prefix}.docx"),
            ]

        sides: dict[str, tuple[list[str], dict[str, str]]] = {
            "ours": (ours("ours"), env),
            "pandoc": (
                [pandoc, "-f", "markdown", "-t", "docx", str(work / "in.md")]
                + ["-o", str(work / "p.docx")],
                env,
            ),
            "raw python-docx": (
                [sys.executable, str(raw_py), str(work / "in.json"), str(work / "raw.docx")],
                env,
            ),
        }
        if args.checkout:
            sides["before (checkout)"] = (
                ours("before"),
                dict(env, PYTHONPATH=str(args.checkout.resolve())),
            )
        for argv, side_env in sides.values():  # once each untimed: the page cache, .pyc files
            _run(argv, side_env)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
        for _ in range(args.runs):  # A B C A B C …
            for name, (argv, side_env) in sides.items():
                samples[name].append(_run(argv, side_env))
        for name, got in samples.items():
            rows.append((lines, name, [w for w, _ in got], [c for _, c in got]))
    db.close()
    print(
        f"{os.uname().nodename}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {args.runs} runs a side"
    )
    print()
    print("| lines | side | wall, median (min–max) | CPU of the child, median (min–max) |")
    print("|---|---|---|---|")
    for lines, name, wall, cpu in rows:
        print(f"| {lines:,} | {name} | {_cell(wall)} | {_cell(cpu)} |")
    print()
    print("Ratios of medians (wall; CPU):")
    for lines in args.lines:
        of = {name: (wall, cpu) for n, name, wall, cpu in rows if n == lines}
        for mine in [n for n in of if n.startswith(("ours", "before"))]:
            for peer in ("pandoc", "raw python-docx"):
                (w, c), (pw, pc) = of[mine], of[peer]
                print(
                    f"  {lines:,} {mine} / {peer}: "
                    f"{statistics.median(w) / statistics.median(pw):.2f}×; "
                    f"{statistics.median(c) / statistics.median(pc):.2f}×"
                )
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
