"""A document as PDF for the web site, or PDF/A-2b for the archive: the .docx through LibreOffice.

Where LibreOffice is not installed the clerk is told how to install it and nothing else
fails; where it fails or hangs, the message names the file and the target is left as it was.
The conversions themselves run only where ``soffice`` is on PATH (CI installs it).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from exports import pdf
from exports.pdf import NOT_INSTALLED, find_soffice, write_pdf
from meeting.db import open_database
from meeting.entry.cli import main
from meeting.errors import ConversionError

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt install libreoffice-writer-nogui): "
    "the PDF conversion itself is not tested here",
)
COUNCIL = "ひばり野市情報公開・個人情報保護審議会"
PDF_BYTES = b"%PDF-1.7 an earlier PDF the clerk made\n"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def demo_db(tmp_path, capsys) -> Path:
    path = tmp_path / "clerk.db"
    assert run(capsys, "--db", str(path), "demo")[0] == 0
    return path


def held_session(path: Path) -> str:
    db = open_database(path)
    try:
        return str(db.execute("SELECT id FROM sessions WHERE status = 'held'").fetchone()[0])
    finally:
        db.close()


def export_summary(demo_db: Path, out: Path, *extra: str) -> list[str]:
    return ["--db", str(demo_db), "export", "summary", "--session", held_session(demo_db)] + [
        "-o",
        str(out),
        *extra,
    ]


def pdf_text(path: Path) -> str | None:
    """The PDF's text without spaces and line breaks, or None where pdftotext is missing."""
    if shutil.which("pdftotext") is None:
        return None
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    return "".join(text.split())


def claims_pdfa(path: Path) -> bool:
    """The XMP metadata says PDF/A part 2 (PDF/A keeps that stream unfiltered, so readable)."""
    data = path.read_bytes()
    return b"<pdfaid:part>2</pdfaid:part>" in data or b'pdfaid:part="2"' in data


def fake_soffice(folder: Path, script: str) -> Path:
    """A program called ``soffice`` on an otherwise empty PATH, doing what ``script`` says."""
    folder.mkdir(exist_ok=True)
    program = folder / "soffice"
    program.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    program.chmod(0o755)
    return program


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="a shell script as soffice")


# With LibreOffice


@needs_soffice
def test_the_summary_becomes_a_pdf_with_its_title(demo_db, tmp_path, capsys):
    out = tmp_path / "概要.pdf"
    code, printed, err = run(capsys, *export_summary(demo_db, out))
    assert code == 0, err
    assert printed.strip() == str(out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not claims_pdfa(out)
    text = pdf_text(out)
    if text is not None:
        assert COUNCIL in text and "会議概要" in text
    assert not list(tmp_path.glob(".*.tmp"))


@needs_soffice
def test_pdfa_is_asked_for_on_the_command_line(demo_db, tmp_path, capsys):
    out = tmp_path / "archive.pdf"
    code, _, err = run(capsys, *export_summary(demo_db, out, "--pdfa"))
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF-")
    assert claims_pdfa(out)
    if shutil.which("pdfinfo"):
        meta = subprocess.run(
            ["pdfinfo", "-meta", str(out)], capture_output=True, check=True, timeout=60
        ).stdout.decode("utf-8", "replace")
        assert "<pdfaid:part>2</pdfaid:part>" in meta
        assert "<pdfaid:conformance>B</pdfaid:conformance>" in meta


@needs_soffice
def test_a_pdf_is_replaced_only_with_force(demo_db, tmp_path, capsys):
    out = tmp_path / "概要.pdf"
    out.write_bytes(PDF_BYTES)
    code, _, err = run(capsys, *export_summary(demo_db, out))
    assert code == 2 and "既にあります" in err
    assert out.read_bytes() == PDF_BYTES
    assert run(capsys, *export_summary(demo_db, out, "--force"))[0] == 0
    assert out.read_bytes() != PDF_BYTES and out.read_bytes().startswith(b"%PDF-")


def test_pdfa_without_a_pdf_is_refused(demo_db, tmp_path, capsys):
    out = tmp_path / "概要.docx"
    code, _, err = run(capsys, *export_summary(demo_db, out, "--pdfa"))
    assert code == 2 and "--pdfa" in err and ".pdf" in err
    assert not out.exists()


def test_a_file_named_pdf_that_is_not_one_is_never_replaced(demo_db, tmp_path, capsys):
    out = tmp_path / "notes.pdf"
    out.write_text("the clerk's notes, misnamed", encoding="utf-8")
    code, _, err = run(capsys, *export_summary(demo_db, out, "--force"))
    assert code == 2 and "PDFではありません" in err
    assert out.read_text(encoding="utf-8") == "the clerk's notes, misnamed"


# Without LibreOffice


@pytest.fixture
def no_soffice(tmp_path, monkeypatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(sys, "platform", "linux")  # no Program Files to look in either


def test_without_libreoffice_the_clerk_is_told_how_to_install_it(
    demo_db, tmp_path, capsys, no_soffice
):
    out = tmp_path / "概要.pdf"
    code, printed, err = run(capsys, *export_summary(demo_db, out))
    assert code == 1
    assert printed == ""
    assert "LibreOffice" in err and "sudo apt install libreoffice-writer-nogui" in err
    assert "https://ja.libreoffice.org/" in err
    assert err.count("\n") == 1  # one line
    assert not out.exists()


def test_without_libreoffice_nothing_else_fails(demo_db, tmp_path, capsys, no_soffice):
    for name in ("概要.docx", "概要.md"):
        assert run(capsys, *export_summary(demo_db, tmp_path / name))[0] == 0
        assert (tmp_path / name).stat().st_size > 0


def test_the_lookup_names_the_install(no_soffice):
    with pytest.raises(ConversionError) as caught:
        find_soffice()
    assert caught.value.message == NOT_INSTALLED


def test_libreoffice_is_found_by_either_name_or_where_windows_installs_it(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    fake_soffice(bin_dir, "exit 0\n").rename(bin_dir / "libreoffice")
    monkeypatch.setenv("PATH", str(bin_dir))
    assert find_soffice() == bin_dir / "libreoffice"

    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    monkeypatch.setattr(sys, "platform", "win32")
    program = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"MZ")
    monkeypatch.setenv("PROGRAMFILES", str(tmp_path / "Program Files"))
    assert find_soffice() == program


# A LibreOffice that fails


def _docx(tmp: Path) -> None:
    Path(tmp).write_bytes(b"PK\x03\x04 a document")


@posix_only
@pytest.mark.parametrize(
    ("script", "why"),
    [
        ("echo 'Error: source file could not be loaded' >&2\nexit 1\n", "could not be loaded"),
        ("exit 0\n", "PDF が作られませんでした"),
        (  # something where the PDF should be that is not one
            'for a; do last="$a"; done\necho "not a pdf" > "${last%/*}/pdf/document.pdf"\n',
            "PDF が作られませんでした",
        ),
    ],
    ids=["exits-1", "writes-nothing", "writes-no-pdf"],
)
def test_a_failed_conversion_names_the_file_and_leaves_the_target(
    tmp_path, monkeypatch, script, why
):
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    fake_soffice(tmp_path / "bin", script)
    out = tmp_path / "会議録.pdf"
    out.write_bytes(PDF_BYTES)
    with pytest.raises(ConversionError) as caught:
        write_pdf(_docx, out)
    assert "会議録.pdf を PDF にできませんでした" in caught.value.message
    assert why in caught.value.message
    assert out.read_bytes() == PDF_BYTES
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "会議録.pdf"]


@posix_only
def test_a_conversion_that_hangs_is_stopped_with_what_it_started(tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    # like soffice → soffice.bin: the program LibreOffice starts must not outlive the timeout
    fake_soffice(tmp_path / "bin", f"/bin/sleep 60 &\necho $! > {pids}\nwait\n")
    monkeypatch.setattr(pdf, "TIMEOUT_SECONDS", 1.0)
    out = tmp_path / "会議録.pdf"
    started = time.monotonic()
    with pytest.raises(ConversionError) as caught:
        write_pdf(_docx, out)
    assert time.monotonic() - started < 20
    message = caught.value.message
    assert "会議録.pdf" in message and "1秒で終わりませんでした" in message
    assert not out.exists()
    child = int(pids.read_text())
    for _ in range(50):  # reaped by init once its parent is gone
        if not _alive(child):
            break
        time.sleep(0.1)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(") ")[-1].startswith("Z"))


@posix_only
def test_the_command_line_says_a_failed_conversion_in_one_line(
    demo_db, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    fake_soffice(tmp_path / "bin", "exit 3\n")
    out = tmp_path / "概要.pdf"
    code, _, err = run(capsys, *export_summary(demo_db, out))
    assert code == 1
    assert "概要.pdf を PDF にできませんでした" in err and "終了コード 3" in err
    assert not out.exists()


@posix_only
def test_libreoffice_gets_a_profile_of_its_own_and_a_plain_file_name(tmp_path, monkeypatch):
    """A LibreOffice the clerk has open is never asked; the document's name never reaches it."""
    args = tmp_path / "args"
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    fake_soffice(tmp_path / "bin", f'for a; do echo "$a"; done > {args}\nexit 1\n')
    with pytest.raises(ConversionError):
        write_pdf(_docx, tmp_path / "-rf 会議録.pdf", pdfa=True)
    given = args.read_text(encoding="utf-8").splitlines()
    profile = next(a for a in given if a.startswith("-env:UserInstallation=file:///"))
    assert "meeting-pdf-" in profile and "--headless" in given
    assert given[-1].endswith("/document.docx")
    assert pdf.PDFA in given


# The export screen


async def _export_screen(demo_db: Path, pilot_keys: list[str], path: Path, suffix: str = ""):
    from textual.widgets import DataTable, Input, Select

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.dates import TOKYO
    from meeting.screens.export import ExportScreen

    db = open_database(demo_db)
    app = MeetingApp(db, clock=fixed_clock(datetime(2026, 11, 25, 9, tzinfo=TOKYO)))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            home = app.screen
            held = int(held_session(demo_db))
            ids = [s.id for s in home.sessions]
            home.query_one("#sessions", DataTable).move_cursor(row=ids.index(held))
            await pilot.press("w")
            assert isinstance(app.screen, ExportScreen)
            if suffix:  # the format list: the path proposed follows it
                app.screen.query_one("#suffix", Select).value = suffix
                await pilot.pause()
                assert app.screen.query_one("#path", Input).value.endswith(suffix)
            app.screen.query_one("#path", Input).value = str(path)
            await pilot.press(*pilot_keys)
            await app.workers.wait_for_complete()
            await pilot.pause()
            return [n.message for n in app._notifications]
    finally:
        db.close()


@needs_soffice
async def test_the_export_screen_writes_the_pdf_beside_the_word_file(demo_db, tmp_path):
    messages = await _export_screen(demo_db, ["ctrl+e"], tmp_path / "会議録_公開用.docx")
    written = tmp_path / "会議録_公開用.pdf"
    assert any(f"書き出しました: {written}" in m for m in messages), messages
    assert written.read_bytes().startswith(b"%PDF-")
    assert not (tmp_path / "会議録_公開用.docx").exists()
    text = pdf_text(written)
    if text is not None:
        assert COUNCIL in text


async def test_the_export_screen_says_how_to_install_libreoffice(demo_db, tmp_path, no_soffice):
    messages = await _export_screen(demo_db, ["ctrl+e"], tmp_path / "会議録_公開用.docx")
    assert any("sudo apt install libreoffice-writer-nogui" in m for m in messages), messages
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".docx")) == []
    messages = await _export_screen(demo_db, ["ctrl+s"], tmp_path / "会議録.pdf", ".pdf")
    assert any("https://ja.libreoffice.org/" in m for m in messages), messages
    assert not (tmp_path / "会議録.pdf").exists()
    # and Word still works
    messages = await _export_screen(demo_db, ["ctrl+s"], tmp_path / "会議録_公開用.docx")
    assert (tmp_path / "会議録_公開用.docx").exists(), messages
