"""The launch builds the home screen's first frame and nothing more (bench/README.md, launch).

What the first frame does not show — the other screens, the documents, the demo loader, the
answers due, the other screens' styles — is loaded when it is first needed or just after the
frame. These tests hold that line: a module that creeps back into the launch, or a rule of
screens.tcss that would style the home screen before it is read, fails here.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App
from textual.css.stylesheet import Stylesheet

from meeting.app import SCREENS_CSS, MeetingApp
from meeting.clock import fixed_clock
from meeting.entry.demo import load_demo
from tests.test_app import NOW

ROOT = Path(__file__).resolve().parent.parent

NOT_AT_LAUNCH = (
    "docx",
    "docxtpl",
    "jinja2",
    "openpyxl",
    "icalendar",
    "exports",
    "agendas",
    "minutes",
    "meeting.entry.demo",
    "meeting.roster_import",
    "meeting.roster_file",
    "meeting.screens.chair",
    "meeting.screens.live",
    "meeting.screens.session",
    "meeting.screens.session_form",
    "meeting.screens.council_form",
    "meeting.widgets.speaker_keys",
)
"""Modules (and packages) the home screen's first frame has no use for."""

PROBE = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    from meeting.app import MeetingApp, SCREENS_CSS
    from meeting.clock import fixed_clock
    from meeting.db import open_database
    from datetime import datetime
    from meeting.entry.cli import _load_demo
    from meeting.screens.home import HomeScreen

    class Probe(MeetingApp):
        seen = None

        def _display(self, screen, renderable):
            super()._display(screen, renderable)
            if isinstance(screen, HomeScreen) and self.seen is None:
                self.seen = {
                    "modules": sorted(sys.modules),
                    "screens_css": self.stylesheet.has_source(os.path.abspath(SCREENS_CSS)),
                    "rows": screen.query_one("#sessions").row_count,
                }

        def on_ready(self):  # after MeetingApp's own (Textual calls each class's handler)
            self.call_after_refresh(self.exit)

    db = open_database(Path(sys.argv[1]))
    app = Probe(db, clock=fixed_clock(datetime.fromisoformat(sys.argv[2])), demo=_load_demo)
    app.run(headless=True, size=(120, 40))
    print(json.dumps(app.seen))
    """
)


def first_frame(db_path: Path) -> dict[str, object]:
    """What a fresh process holds when the home screen's first frame is drawn."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(db_path), NOW.isoformat()],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    seen: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def test_the_first_frame_loads_only_what_it_shows(db, tmp_path):
    load_demo(db, now=NOW)
    seen = first_frame(Path(db.conn.execute("PRAGMA database_list").fetchone()[2]))
    assert seen["rows"], "the first frame shows the sessions"
    modules = seen["modules"]
    assert isinstance(modules, list)
    loaded = [m for m in modules if any(m == n or m.startswith(n + ".") for n in NOT_AT_LAUNCH)]
    assert loaded == []
    assert seen["screens_css"] is False  # the other screens' styles come after the frame


WARM_PROBE = textwrap.dedent(
    """
    import gc, json, sys, time
    from pathlib import Path
    from meeting.app import MeetingApp, WARM_AFTER, WARM_MODULES
    from meeting.clock import fixed_clock
    from meeting.db import open_database
    from datetime import datetime

    class Probe(MeetingApp):
        seen = {}

        def on_ready(self):  # runs before MeetingApp.on_ready
            self.seen["at_ready"] = [m for m in WARM_MODULES if m in sys.modules]
            self.call_later(self.frozen, "frozen_at_ready")
            self.started = time.monotonic()
            if sys.argv[3] == "search":  # the clerk opens a screen before the warm-up
                self.open_search()
                self.set_timer(WARM_AFTER + 1, self.stop)
            else:
                self.set_interval(0.02, self.check)

        def frozen(self, name):
            self.seen[name] = gc.get_freeze_count()

        def stop(self):
            self.seen["after"] = [m for m in WARM_MODULES if m in sys.modules]
            self.frozen("frozen_after")
            self.exit()

        def check(self):
            if "waited" in self.seen:
                return
            if all(m in sys.modules for m in WARM_MODULES):
                self.seen["waited"] = time.monotonic() - self.started
                self.set_timer(0.3, self.stop)  # the warm-up's last step comes after its import
            elif time.monotonic() - self.started > 30:  # what came, for the failure to show
                self.stop()

    if sys.argv[4] == "cli":  # as the command line starts the app: the collector off
        gc.disable()
    db = open_database(Path(sys.argv[1]))
    app = Probe(db, clock=fixed_clock(datetime.fromisoformat(sys.argv[2])))
    app.run(headless=True, size=(120, 40))
    print(json.dumps(app.seen))
    """
)


def warm_up(db, opened: str, collector: str = "on") -> dict[str, object]:
    """What the warm-up imported in a fresh process, the clerk having ``opened`` a screen at
    the first frame (``search``) or nothing (``none``); the collector held off for the launch
    as the command line does (``cli``) or left on (``on``)."""
    load_demo(db, now=NOW)
    path = Path(db.conn.execute("PRAGMA database_list").fetchone()[2])
    done = subprocess.run(
        [sys.executable, "-c", WARM_PROBE, str(path), NOW.isoformat(), opened, collector],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    seen: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def test_the_next_screens_modules_are_imported_soon_after_the_first_frame(db):
    from meeting.app import WARM_AFTER, WARM_MODULES

    seen = warm_up(db, "none")
    assert seen["at_ready"] == []  # none at the first frame
    assert seen["after"] == list(WARM_MODULES)
    assert isinstance(seen["waited"], float) and seen["waited"] >= WARM_AFTER


def test_the_warm_up_stops_once_the_clerk_opens_a_screen(db):
    seen = warm_up(db, "search")
    assert seen["at_ready"] == []
    # the search screen loaded what it needs; the warm-up nothing of its own
    assert "meeting.screens.export" not in seen["after"]  # type: ignore[operator]
    assert "exports.templating" not in seen["after"]  # type: ignore[operator]


def test_the_modules_warmed_up_are_set_aside_from_the_collector_with_the_launch_s(db):
    """A full collection walking them took ~60 ms, inside the next screen's opening."""
    seen = warm_up(db, "none", "cli")
    assert seen["frozen_at_ready"] > 0  # type: ignore[operator]  # the launch's objects
    # the modules' objects: tens of thousands (the count drops as set-aside objects are freed)
    assert seen["frozen_after"] > seen["frozen_at_ready"] + 5000  # type: ignore[operator]


def test_nothing_more_is_set_aside_once_the_clerk_has_opened_a_screen(db):
    """A screen's widgets die with it: set aside, they would never be collected."""
    seen = warm_up(db, "search", "cli")
    assert seen["frozen_at_ready"] > 0  # type: ignore[operator]
    # it drops as set-aside objects are freed; it grows only by a freeze
    assert seen["frozen_after"] <= seen["frozen_at_ready"]  # type: ignore[operator]


def test_nothing_is_set_aside_when_the_collector_was_left_on(db):
    from meeting.app import WARM_MODULES

    seen = warm_up(db, "none")
    assert seen["after"] == list(WARM_MODULES)
    assert seen["frozen_at_ready"] == seen["frozen_after"] == 0


def screens_rules() -> list:
    return Stylesheet(variables=App().get_css_variables())._parse_rules(
        SCREENS_CSS.read_text(encoding="utf-8"), (str(SCREENS_CSS), "")
    )


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_no_rule_read_after_the_frame_styles_the_home_screen(db, size):
    load_demo(db, now=NOW)
    rules = screens_rules()
    assert len(rules) > 50  # the file is read and holds the screens' rules
    app = MeetingApp(db, clock=fixed_clock(NOW), demo=load_demo)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        home = app.screen
        nodes = list(home.walk_children(with_self=True))
        assert len(nodes) > 10
        for node in nodes:
            path = node.css_path_nodes
            matched = [r.selectors for r in rules if list(Stylesheet._check_rule(r, path))]
            assert matched == [], f"{node!r} is styled by screens.tcss: {matched}"


async def test_the_screens_rules_are_read_before_the_first_key(db):
    load_demo(db, now=NOW)
    app = MeetingApp(db, clock=fixed_clock(NOW), demo=load_demo)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.stylesheet.has_source(os.path.abspath(SCREENS_CSS))
        await pilot.press("l")  # the live screen, styled by screens.tcss
        await pilot.pause()
        record = app.screen.query_one("#live-record")
        assert record.styles.border_top[0] != ""  # its border comes from screens.tcss


async def test_the_collector_held_off_for_the_launch_comes_back_on(db):
    gc.disable()
    try:
        app = MeetingApp(db, clock=fixed_clock(NOW), demo=load_demo)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()  # the rest of the test session collects as usual


async def test_the_collector_is_left_alone_when_it_was_on(db):
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    app = MeetingApp(db, clock=fixed_clock(NOW), demo=load_demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


WORDS = ["--db", "x.db", "--db=y.db", "--db=", "", "app", "--shared-folder", "--shared", "-x"]
WORDS += ["sessions", "--json", "--help", "--version", "chair", "app"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=5))
def test_the_app_s_command_lines_read_without_the_whole_parser_read_as_it_does(argv):
    from meeting.entry.cli import _app_arguments
    from meeting.entry.parser import build_parser

    quick = _app_arguments(argv)
    if quick is None:
        return  # the whole parser reads it, as before
    full = build_parser().parse_args(argv)  # never exits for a line the quick path takes
    assert full.command in (None, "app")
    assert vars(quick) == {k: getattr(full, k) for k in ("command", "db", "shared_folder")}


@pytest.mark.parametrize(
    "argv",
    [[], ["--db", "x.db"], ["app"], ["app", "--db", "x.db", "--shared-folder"], ["--db=x.db"]],
)
def test_the_app_s_usual_command_lines_take_the_quick_path(argv):
    from meeting.entry.cli import _app_arguments

    assert _app_arguments(argv) is not None


@pytest.mark.parametrize("chair", [False, True])
async def test_only_the_clerk_s_process_warms_up_the_next_screens(db, chair):
    """The chair's view (one process per browser in `meeting chair --serve`) opens none of the
    clerk's screens: it never imports them."""
    from meeting.app import WARM_AFTER
    from meeting.store import list_sessions

    council = load_demo(db, now=NOW)
    session = list_sessions(db, council.id)[0]
    app = MeetingApp(db, clock=fixed_clock(NOW), chair_session=session.id if chair else None)
    started: list[str] = []
    app.warm_up = lambda: started.append("warm-up")  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(WARM_AFTER + 0.3)
    assert started == ([] if chair else ["warm-up"])
