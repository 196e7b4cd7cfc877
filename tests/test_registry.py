"""Every document goes through one table: the command line and the export screen find each kind
there, every kind is written in every format through it, and a gatherer reads each table once."""

from __future__ import annotations

import argparse
import re
import shutil
from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import pytest
from docx import Document

from agendas.consultations import list_consultations
from agendas.model import ItemKind
from agendas.store import agenda
from exports.full_minutes import gather_minutes
from exports.registry import KINDS, SUFFIXES, About, document_kind, kinds_about, prepare
from exports.template_sets import defaults_of, templated
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.entry.cli import main
from meeting.entry.demo import load_demo
from meeting.entry.parser import build_parser
from meeting.errors import InputError
from meeting.model import SessionStatus
from meeting.store import list_sessions
from minutes.approval import confirm_minutes, record_erratum
from minutes.store import utterances
from tests.conftest import NOW
from tests.test_pdf import pdf_text


@pytest.fixture
def demo(db, now):
    council = load_demo(db, now=now)
    held = next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)
    consultation = next(
        i.consultation_id for i in agenda(db, held.id) if i.kind is ItemKind.CONSULTATION
    )
    return council, held, consultation


def subjects(demo) -> dict[About, Any]:
    council, held, consultation = demo
    return {
        About.SESSION: held.id,
        About.CONSULTATION: consultation,
        About.COUNCIL_YEAR: (council.id, held.fiscal_year),
    }


def test_the_table_names_every_document_once():
    assert list(KINDS) == ["minutes", "summary", "agenda", "request", "answer", "annual"]
    assert [k.label for k in KINDS.values()] == [
        "会議録",
        "会議概要",
        "会議議事予定",
        "諮問書",
        "答申書",
        "運用状況",
    ]
    assert SUFFIXES == (".docx", ".md", ".pdf")  # a .pdf is the .docx converted
    for name in KINDS:  # every kind is written from its templates
        assert templated(name) and len(defaults_of(name)) >= 2, name


@pytest.mark.parametrize("name", list(KINDS))
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_every_kind_is_written_in_every_format_through_the_table(db, demo, tmp_path, name, suffix):
    if suffix == ".pdf" and not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed (apt install libreoffice-writer-nogui)")
    kind = KINDS[name]
    prepared = prepare(db, name, subjects(demo)[kind.about])
    assert prepared.kind is kind
    assert prepared.preview and all(isinstance(line, str) for line in prepared.preview)
    written = prepared.write(tmp_path / f"{name}{suffix}")
    if suffix == ".docx":
        text = "\n".join(p.text for p in Document(str(written)).paragraphs)
    elif suffix == ".pdf":
        assert written.read_bytes().startswith(b"%PDF-")
        text = pdf_text(written) or "(no pdftotext)"
        assert "ひばり野市" in text  # the demo city: every document names it
    else:
        text = written.read_text(encoding="utf-8")
    assert text.strip()


def test_an_unknown_kind_is_refused_naming_the_choices(db):
    with pytest.raises(InputError, match="minutes, summary, agenda）"):
        document_kind("request", about=About.SESSION)
    with pytest.raises(InputError, match="invoice という文書はありません"):
        prepare(db, "invoice", 1)


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices


def test_the_command_line_offers_each_kind_with_its_subject():
    export = subcommands(subcommands(build_parser())["export"])
    assert list(export) == ["ics", *KINDS]
    needs = {
        About.SESSION: {"--session", "--public"},
        About.CONSULTATION: {"--consultation"},
        About.COUNCIL_YEAR: {"--council", "--year"},
    }
    for kind in KINDS.values():
        options = {o for a in export[kind.name]._actions for o in a.option_strings}
        assert needs[kind.about] | {"-o", "--force"} <= options, kind.name
        assert ("--allow-gaps" in options) is kind.gaps, kind.name
        others = set().union(*needs.values()) - needs[kind.about]
        assert not options & others, kind.name


def options(about: About, subject: Any) -> list[str]:
    if about is About.SESSION:
        return ["--session", str(subject)]
    if about is About.CONSULTATION:
        return ["--consultation", str(subject)]
    return ["--council", str(subject[0]), "--year", str(subject[1])]


def test_the_command_line_writes_what_the_table_writes(db, demo, tmp_path, capsys):
    for kind in KINDS.values():
        subject = subjects(demo)[kind.about]
        args = options(kind.about, subject)
        gaps = ["--allow-gaps"] if kind.gaps else []
        out = tmp_path / f"cli-{kind.name}.md"
        database = str(tmp_path / "meeting.db")
        code = main(["--db", database, "export", kind.name, *args, *gaps, "-o", str(out)])
        assert code == 0, capsys.readouterr().err
        expected = prepare(db, kind.name, subject, public=False).write(tmp_path / f"{kind.name}.md")
        assert out.read_text("utf-8") == expected.read_text("utf-8"), kind.name


async def test_the_export_screen_offers_the_sessions_kinds_of_the_table(db, demo):
    from textual.widgets import Input, Select
    from textual.widgets.select import InvalidSelectValueError

    from meeting.screens.export import ExportScreen

    _, held, _ = demo
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ExportScreen(held))
        screen = app.screen
        select = screen.query_one("#kind", Select)
        for kind in kinds_about(About.SESSION):
            select.value = kind.name
            await pilot.pause()
            assert kind.label in screen.query_one("#path", Input).value
            assert screen.prepared is not None and screen.prepared.kind is kind
            assert screen.prepared.preview == prepare(db, kind.name, held.id).preview
        with pytest.raises(InvalidSelectValueError):
            select.value = "request"  # not a session's document


# Reading once


def reads(db, gather: Callable[[], object]) -> Counter[str]:
    """How many statements read each table (by the table they select from)."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        gather()
    finally:
        db.conn.set_trace_callback(None)
    found = (re.search(r"\bFROM\s+(\w+)", s, re.I) for s in statements)
    return Counter(m.group(1) for m in found if m)


@pytest.mark.parametrize("public", [True, False])
def test_the_minutes_read_the_lines_and_the_agenda_once(db, demo, public):
    _, held, _ = demo
    lines = utterances(db, held.id)
    before = reads(db, lambda: gather_minutes(db, held.id, public=public))
    confirm_minutes(db, held.id, on=date(2026, 11, 20))
    for line in lines[:5]:  # one query per erratum, before
        record_erratum(db, line.id, line.text + "（訂正）", reason="誤記", at=NOW)
    after = reads(db, lambda: gather_minutes(db, held.id, public=public))
    assert after == before
    assert after["agenda_items"] == 1
    assert after["utterances"] == 1  # each line carries whether it is closed
    assert after["speaker_letters"] == 1


def every_subject(db, council) -> dict[About, list[Any]]:
    """Every session, consultation and fiscal year of the council: what each kind is about."""
    sessions = list_sessions(db, council.id)
    return {
        About.SESSION: [s.id for s in sessions],
        About.CONSULTATION: [c.id for c in list_consultations(db, council.id)],
        About.COUNCIL_YEAR: sorted({(council.id, s.fiscal_year) for s in sessions}),
    }


@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_reads_each_table_once(db, demo, name):
    council, _, _ = demo
    sessions = list_sessions(db, council.id)
    # What a gatherer might read once per thing is there twice: a session with two
    # consultations on its agenda, one with two sittings.
    on_agenda = [sum(i.kind is ItemKind.CONSULTATION for i in agenda(db, s.id)) for s in sessions]
    assert max(on_agenda) >= 2
    assert max(len(s.active_sittings) for s in sessions) >= 2
    subjects = every_subject(db, council)[KINDS[name].about]
    assert subjects
    for subject in subjects:
        for public in (True, False):
            counted = reads(db, partial(prepare, db, name, subject, public=public))
            assert counted, (subject, public)
            twice = {table: n for table, n in counted.items() if n > 1}
            assert not twice, (subject, public, twice)
