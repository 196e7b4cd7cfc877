"""Launch to the first frame written to a terminal: ours against a bare Textual app, in a pty.

Each run starts a fresh process on a pseudo-terminal of 120×40, reads what it writes, and stops
the clock when the text of its first full frame has arrived (for ours: a session of the list and
the footer's last key; for the bare app: its label and its footer key). The two sides alternate
run by run (A B A B …); medians with min–max.

Each side runs with bytecode of its own (PYTHONPYCACHEPREFIX), written by an untimed first run,
as an installed program has its .pyc files from the install.

Usage: python bench/launch_pty.py ARCHIVE [--runs N] [--checkout before=PATH] [--marker TEXT]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import textwrap
import time
from pathlib import Path

ANSI = re.compile(
    rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b[P\]X^_].*?(?:\x07|\x1b\\)|\x1b[@-Z\\-_]", re.S
)

BARE = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Footer, Header, Label

    class Bare(App):
        BINDINGS = [("q", "quit", "終了")]

        def compose(self):
            yield Header()
            yield Label("準備完了")
            yield Footer()

    Bare().run()
    """
)

FLOOR = textwrap.dedent(
    """
    import sys
    from sqlite_utils import Database
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Floor(App):
        BINDINGS = [("q", "quit", "終了")]

        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self):
            db = Database(sys.argv[1])
            table = self.query_one(DataTable)
            table.add_columns("回", "日時")
            table.add_row("準備完了", "")
            for row in db.execute("SELECT number, created_at FROM sessions LIMIT 100"):
                table.add_row(*map(str, row))

    Floor().run()
    """
)
"""The stack's own floor: the bare app plus sqlite-utils reading 100 sessions into a DataTable —
what any app on this stack pays before a line of ours."""


def first_frame(
    argv: list[str], markers: list[str], env: dict[str, str] | None = None, timeout: float = 20.0
) -> float:
    """Seconds from spawn until every marker has been written to the pty (escapes removed)."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of 120×40
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode, as an installed program has
        os.environ.update(env or {})
        os.environ["TERM"] = "xterm-256color"
        os.environ["COLUMNS"], os.environ["LINES"] = "120", "40"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    wanted = [marker.encode() for marker in markers]
    seen = b""
    elapsed = float("nan")
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            text = ANSI.sub(b"", seen)
            if all(marker in text for marker in wanted):
                elapsed = time.perf_counter() - started
                break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s ({min(values):.3f}–{max(values):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--marker", action="append", help="text of ours' first frame (repeatable)")
    parser.add_argument(
        "--checkout",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="also run ours from this checkout (e.g. before=/path/to/main); repeatable",
    )
    args = parser.parse_args()
    markers = args.marker or ["^p コマンド"]
    here = str(Path(__file__).resolve().parent.parent)
    sides: dict[str, tuple[list[str], list[str], dict[str, str]]] = {
        "bare": ([sys.executable, "-c", BARE], ["準備完了", "終了"], {}),
        "floor": (
            [sys.executable, "-c", FLOOR, str(args.archive)],
            ["準備完了", "終了"],
            {},
        ),
        "ours": ([sys.executable, "-m", "meeting", "--db", str(args.archive)], markers, {}),
    }
    sides["ours"][2]["PYTHONPATH"] = here
    for given in args.checkout:
        name, _, path = given.partition("=")
        argv = [sys.executable, "-m", "meeting", "--db", str(args.archive)]
        sides[name] = (argv, markers, {"PYTHONPATH": path})
    for name, (_, _, env) in sides.items():  # each side's bytecode of its own, made untimed
        env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "launch-pty-pycache" / name)
    os.chdir("/")  # no checkout on sys.path but the one PYTHONPATH names
    times: dict[str, list[float]] = {name: [] for name in sides}
    for argv, wanted, env in sides.values():  # warm the file cache once, untimed
        first_frame(argv, wanted, env)
    for _ in range(args.runs):  # A B C A B C …
        for name, (argv, wanted, env) in sides.items():
            times[name].append(first_frame(argv, wanted, env))
    bare = times["bare"]
    print(f"{args.archive.name}, {args.runs} runs a side, alternating")
    for name, values in times.items():
        ratio = [v / b for v, b in zip(values, bare, strict=True)]
        print(
            f"{name:>8}: {summary(values)}   / bare, run by run: "
            f"{statistics.median(ratio):.2f}× ({min(ratio):.2f}–{max(ratio):.2f})"
        )


if __name__ == "__main__":
    main()
