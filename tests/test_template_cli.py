"""``meeting template``: the clerk copies a template out, edits it, imports it and chooses."""

from __future__ import annotations

import io
import os
import sqlite3

import pytest
from docx import Document

from meeting.entry.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def templates_held(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT council_id, kind, version, label FROM templates").fetchall()
    finally:
        conn.close()


def test_copy_edit_import_use(tmp_path, capsys):
    db = str(tmp_path / "m.db")
    assert run(capsys, "--db", db, "demo")[0] == 0
    code, out, _ = run(capsys, "--db", db, "template", "list")
    assert code == 0 and "minutes（会議録）: 既定: standard" in out and "yotsukaido" in out

    docx, md = tmp_path / "会議録.docx", tmp_path / "会議録.md"
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "template",
        "copy",
        "minutes",
        "--default",
        "yotsukaido",
        "-o",
        str(docx),
        "--markdown",
        str(md),
    )
    assert code == 0 and docx.exists() and "会議概要" in md.read_text(encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "template", "copy", "minutes", "-o", str(docx))
    assert code == 2 and "既にあります" in err

    document = Document(str(docx))
    document.add_paragraph("作成：{{ council.name }}事務局")
    document.save(str(docx))
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "template",
        "import",
        "minutes",
        str(docx),
        "--markdown",
        str(md),
        "--council",
        "1",
        "--label",
        "事務局で修正",
    )
    assert code == 0 and "第1版" in out
    code, out, _ = run(capsys, "--db", db, "template", "list", "--council", "1")
    assert "独自（第1版）" in out and "* own 第1版" in out and "事務局で修正" in out

    written = tmp_path / "out.docx"
    assert (
        run(capsys, "--db", db, "export", "minutes", "--session", "1", "-o", str(written))[0] == 0
    )
    text = [p.text for p in Document(str(written)).paragraphs]
    assert "作成：ひばり野市情報公開・個人情報保護審議会事務局" in text

    code, out, _ = run(
        capsys, "--db", db, "template", "use", "minutes", "standard", "--council", "1"
    )
    assert code == 0 and "standard" in out
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "template",
        "copy",
        "minutes",
        "--council",
        "1",
        "-o",
        str(tmp_path / "now.docx"),
    )
    assert code == 0
    assert "作成：" not in "".join(p.text for p in Document(str(tmp_path / "now.docx")).paragraphs)
    assert run(capsys, "--db", db, "template", "use", "minutes", "own", "--council", "1")[0] == 0


def test_a_refused_import_says_why_and_keeps_nothing(tmp_path, capsys):
    db = tmp_path / "m.db"
    run(capsys, "--db", str(db), "demo")
    bad = tmp_path / "会議録.docx"
    document = Document(io.BytesIO(_default()))
    document.add_paragraph("議長：{{ chairman }}")
    document.save(str(bad))
    code, _, err = run(
        capsys, "--db", str(db), "template", "import", "minutes", str(bad), "--council", "1"
    )
    assert (
        code == 2
        and "「議長：{{ chairman }}」" in err
        and "「chairman」という項目はありません" in err
    )
    assert templates_held(db) == []
    code, _, err = run(
        capsys, "--db", str(db), "template", "import", "summary", str(bad), "--council", "1"
    )
    # the 会議録's template offered as the 会議概要's: its names are not the summary's
    assert code == 2 and "という項目はありません" in err
    assert templates_held(db) == []
    code, _, err = run(
        capsys, "--db", str(db), "template", "use", "minutes", "own", "--council", "1"
    )
    assert code == 2 and "まだありません" in err
    code, _, err = run(
        capsys,
        "--db",
        str(db),
        "template",
        "import",
        "minutes",
        str(tmp_path / "ない.docx"),
        "--council",
        "1",
    )
    assert code == 2
    with pytest.raises(SystemExit) as usage:
        run(capsys, "--db", str(db), "template", "use", "minutes")
    assert usage.value.code == 2


def _default() -> bytes:
    from exports.template_sets import default_named

    return default_named("minutes", "standard").load().docx


def test_the_twin_goes_beside_and_comes_back_with_it(tmp_path, capsys):
    db = str(tmp_path / "m.db")
    run(capsys, "--db", db, "demo")
    docx = tmp_path / "yotsukaido.docx"
    args = ("--db", db, "template", "copy", "minutes", "--default", "yotsukaido", "-o", str(docx))
    assert run(capsys, *args)[0] == 0
    twin = tmp_path / "yotsukaido.md"
    assert "会議録（会議概要）" in twin.read_text(encoding="utf-8")
    assert os.name != "posix" or oct(docx.stat().st_mode & 0o777) == oct(0o600)
    code, out, _ = run(
        capsys, "--db", db, "template", "import", "minutes", str(docx), "--council", "1"
    )
    assert code == 0 and f"Markdown: {twin}" in out
    md = tmp_path / "out.md"
    run(capsys, "--db", db, "export", "minutes", "--session", "1", "--public", "-o", str(md))
    assert "会議録（会議概要）" in md.read_text(encoding="utf-8").splitlines()[0]  # the .md too


def test_a_copy_never_replaces_the_database(tmp_path, capsys):
    db = tmp_path / "記録.docx"  # a database whatever its name: never written over
    run(capsys, "--db", str(db), "demo")
    before = db.read_bytes()
    args = ("--db", str(db), "template", "copy", "minutes", "-o", str(db), "--force")
    code, _, err = run(capsys, *args)
    assert code == 2 and str(db) in err
    assert db.read_bytes() == before
