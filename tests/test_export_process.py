"""`meeting export minutes` as a process (issue 17): it loads what the 会議録 needs and no
other kind's modules, and Jinja's compiled templates kept on disk make the same document."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from exports.registry import prepare
from exports.templating import environment
from tests.test_export_linear import _session

NOT_NEEDED = (
    # the other kinds' gatherers and contexts
    "exports.summary",
    "exports.summary_context",
    "exports.answer",
    "exports.answer_context",
    "exports.annual",
    "exports.annual_context",
    "exports.notice_context",
    "exports.request_context",
    "agendas.notice",
    "agendas.consultations",
    "minutes.answers",
    # the app, and what only the app or other commands use
    "meeting.app",
    "textual",
    "rich",
    "platformdirs",
    "openpyxl",
    "shlex",
)


def test_export_minutes_loads_only_what_the_minutes_need(db, council, tmp_path):
    session_id = _session(db, council, 30)
    out = tmp_path / "会議録.docx"
    argv = ["--db", str(tmp_path / "meeting.db"), "export", "minutes", "--session"]
    argv += [str(session_id), "--public", "--allow-gaps", "-o", str(out)]
    code = (
        "import json, sys\n"
        "from meeting.entry.cli import main\n"
        f"code = main({argv!r})\n"
        "loaded = sorted({m for m in sys.modules for n in json.loads(sys.argv[1])"
        " if m == n or m.startswith(n + '.')})\n"
        "print(json.dumps([code, loaded]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(NOT_NEEDED)],
        capture_output=True,
        text=True,
        check=True,
        env=_env(tmp_path),
    )
    code_, loaded = json.loads(done.stdout.splitlines()[-1])
    assert code_ == 0, done.stderr
    assert out.exists()
    assert loaded == []


def _env(tmp_path: Path) -> dict[str, str]:
    import os

    return dict(os.environ, MEETING_CACHE_DIR=str(tmp_path / "cache"))


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith(".xml") or n.endswith(".rels")}


@pytest.fixture
def fresh_environments():
    """Environments made anew, as in a new process; made anew again after the test."""
    environment.cache_clear()
    yield
    environment.cache_clear()


def test_compiled_templates_kept_on_disk_make_the_same_document(
    db, council, tmp_path, monkeypatch, fresh_environments
):
    cache = tmp_path / "cache"
    monkeypatch.setenv("MEETING_CACHE_DIR", str(cache))
    prepared = prepare(db, "minutes", _session(db, council, 40), public=True)
    prepared.write(tmp_path / "compiled.docx")
    kept = sorted((cache / "templates").iterdir())
    assert kept and all(p.suffix == ".code" for p in kept)

    # A new process: nothing compiled in memory, everything read from the disk.
    environment.cache_clear()

    def no_compiling(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("compiled again")

    with monkeypatch.context() as m:
        m.setattr(type(environment(markdown=False)), "compile", no_compiling)
        prepared.write(tmp_path / "read.docx")
    assert _parts(tmp_path / "read.docx") == _parts(tmp_path / "compiled.docx")

    # A damaged file is compiled again and written anew.
    for path in kept:
        path.write_bytes(b"\x00not code")
    environment.cache_clear()
    prepared.write(tmp_path / "damaged.docx")
    assert _parts(tmp_path / "damaged.docx") == _parts(tmp_path / "compiled.docx")
    assert all(p.read_bytes() != b"\x00not code" for p in kept)


def test_a_cache_that_cannot_be_written_is_no_error(
    db, council, tmp_path, monkeypatch, fresh_environments
):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setenv("MEETING_CACHE_DIR", str(blocked))
    prepared = prepare(db, "minutes", _session(db, council, 10), public=True)
    prepared.write(tmp_path / "out.docx")
    prepared.write(tmp_path / "out.md")
    assert (tmp_path / "out.docx").stat().st_size > 0
    assert blocked.read_text() == ""


def test_the_markdown_and_the_word_environments_keep_separate_code(
    tmp_path, monkeypatch, fresh_environments
):
    """The same text compiles differently for each format (escaping, trimming): each gets a
    file of its own, and each renders as it would compiled afresh."""
    monkeypatch.setenv("MEETING_CACHE_DIR", str(tmp_path / "cache"))
    text = "{% if x %}\n<{{ x }}>\n{% endif %}\n"
    word = environment(markdown=False).from_string(text).render(x="a&b")
    markdown = environment(markdown=True).from_string(text).render(x="a&b")
    assert len(list((tmp_path / "cache" / "templates").iterdir())) == 2
    environment.cache_clear()
    assert environment(markdown=False).from_string(text).render(x="a&b") == word
    assert environment(markdown=True).from_string(text).render(x="a&b") == markdown
    assert word != markdown
