"""Closed (非公開) parts never reach a public file: every part of every public .docx, and every
public .md and .ics, scanned for any closed text."""

from __future__ import annotations

import pytest

from agendas.model import ItemKind
from agendas.store import agenda, set_item_public
from exports.annual import annual_docx, annual_markdown, annual_rows, annual_title
from exports.documents import KINDS, prepare_answer, prepare_document
from exports.invites import export_session_invites
from exports.writers import write_text
from meeting.demo import load_demo
from meeting.model import SessionStatus
from meeting.store import list_sessions
from minutes.record import correct_line
from minutes.store import set_line_public, utterances
from tests.test_minutes_export import docx_text

SECRETS = ("秘匿語その一の審議内容", "秘匿語その二の審議内容", "秘匿語その三の審議内容")


@pytest.fixture
def closed(db, now):
    """The demo's held session with a closed item and a closed stretch of two lines."""
    council = load_demo(db, now=now)
    held = next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)
    items = [i for i in agenda(db, held.id) if i.kind is ItemKind.CONSULTATION]
    open_item, closed_item = items[0], items[1]
    lines = utterances(db, held.id)
    in_closed = next(u for u in lines if u.agenda_item_id == closed_item.id)
    stretch = [u for u in lines if u.agenda_item_id == open_item.id][2:4]
    for secret, line in zip(SECRETS, [in_closed, *stretch], strict=True):
        correct_line(db, line.id, f"{line.text}{secret}", at=now)
    set_item_public(db, closed_item.id, False)
    for line in stretch:
        set_line_public(db, line.id, False)
    return council, held


def test_no_public_file_holds_closed_text(db, closed, now, tmp_path):
    council, held = closed
    written = []
    for kind in KINDS:
        prepared = prepare_document(db, kind, held.id, public=True)
        written += [
            prepared.write(tmp_path / f"{kind}.docx"),
            prepared.write(tmp_path / f"{kind}.md"),
        ]
    for consultation_id in {
        i.consultation_id for i in agenda(db, held.id) if i.consultation_id is not None
    }:
        answer = prepare_answer(db, consultation_id)
        written += [
            answer.write(tmp_path / f"answer{consultation_id}.docx"),
            answer.write(tmp_path / f"answer{consultation_id}.md"),
        ]
    title = annual_title(db, council.id, 2026)
    rows = annual_rows(db, council.id, 2026)
    written += [
        annual_docx(title, rows, tmp_path / "annual.docx"),
        write_text(annual_markdown(title, rows), tmp_path / "annual.md"),
        export_session_invites(db, held.id, tmp_path / "invite.ics", now=now),
    ]
    for path in written:
        text = docx_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8")
        for secret in SECRETS:
            assert secret not in text, f"{secret} in {path.name}"
    minutes = (tmp_path / "minutes.md").read_text(encoding="utf-8")
    assert "（非公開部分につき省略）" in minutes


def test_the_internal_version_holds_everything_and_says_so(db, closed, tmp_path):
    _, held = closed
    prepared = prepare_document(db, "minutes", held.id, public=False)
    text = docx_text(prepared.write(tmp_path / "internal.docx"))
    assert all(secret in text for secret in SECRETS)  # the scan above can find them
    assert "内部用・非公開部分を含む" in text


def test_an_export_writes_only_the_path_given(db, closed, tmp_path, monkeypatch):
    _, held = closed
    work = tmp_path / "cwd"
    out = tmp_path / "out"
    work.mkdir()
    out.mkdir()
    monkeypatch.chdir(work)
    prepare_document(db, "minutes", held.id, public=True).write(out / "会議録.docx")
    prepare_document(db, "summary", held.id, public=True).write(out / "会議概要.md")
    assert sorted(p.name for p in out.iterdir()) == ["会議概要.md", "会議録.docx"]
    assert list(work.iterdir()) == []
