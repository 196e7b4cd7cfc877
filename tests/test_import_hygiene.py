"""The core never imports Textual: screens call it, tests and scripts call it without a terminal.

Every module outside the app layer is imported in a fresh interpreter — found by walking the
packages, so a new module is checked the day it is added.
"""

import pkgutil
import subprocess
import sys

import agendas
import exports
import meeting
import minutes

APP = ("meeting.app", "meeting.screens", "meeting.widgets", "meeting.__main__")


def below_the_app() -> list[str]:
    names = []
    for package in (meeting, agendas, minutes, exports):
        names.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
            if not info.name.startswith(APP):
                names.append(info.name)
    return names


def test_every_module_is_walked():
    names = below_the_app()
    for expected in ("meeting.entry.cli", "meeting.store.sessions", "minutes.holds", "exports.ics"):
        assert expected in names
    assert not [n for n in names if n.startswith(APP)]


def test_core_does_not_import_textual():
    code = "import importlib, sys\n" + "".join(
        f"importlib.import_module({m!r})\n" for m in below_the_app()
    )
    code += (
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
