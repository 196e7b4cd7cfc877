"""The core never imports Textual: screens call it, tests and scripts call it without a terminal."""

import subprocess
import sys

CORE = [
    "meeting.model",
    "meeting.store",
    "meeting.db",
    "meeting.dates",
    "meeting.sessions",
    "meeting.roster",
    "meeting.demo",
    "meeting.cli",
    "agendas",
    "minutes",
    "exports.ics",
    "exports.invites",
    "agendas.store",
    "minutes.store",
    "minutes.roll",
    "minutes.record",
    "minutes.opinions",
    "minutes.decide",
    "minutes.speakers",
    "meeting.demo_record",
    "agendas.notice",
    "exports.minutes",
    "exports.writers",
    "exports.docx_format",
    "exports.summary",
    "exports.documents",
    "exports.record_json",
    "exports.letters",
    "exports.annual",
    "meeting.quorum",
    "meeting.demo_record",
    "meeting.forms",
    "agendas.consultations",
    "agendas.rules",
    "meeting.demo_consultations",
]


def test_core_does_not_import_textual():
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in CORE)
    code += (
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
