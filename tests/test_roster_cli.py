"""``meeting roster import|export``: the preview printed, asked or --yes, and a round trip."""

from __future__ import annotations

import io

import pytest

from meeting.db import open_database
from meeting.entry.cli import main
from meeting.store import list_members
from tests.roster_files import HEADER, write_csv, write_xlsx

NEWCOMER = [
    "新井 三郎",
    "あらい さぶろう",
    "委員",
    "令和８年４月１日",
    "R10.3.31",
    "○○大学",
    "arai@example.jp",
]


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo(tmp_path, capsys) -> str:
    db = str(tmp_path / "c.db")
    assert run(capsys, "--db", db, "demo")[0] == 0
    return db


def members(db: str) -> list:
    database = open_database(db)
    try:
        return list_members(database, 1)
    finally:
        database.close()


def test_export_edit_import_and_back(demo, tmp_path, capsys):
    exported = tmp_path / "名簿.csv"
    code, out, _ = run(
        capsys, "--db", demo, "roster", "export", "--council", "1", "-o", str(exported)
    )
    assert code == 0 and out.strip() == f"{exported}（9名）"

    # The clerk edits it in Excel (saved as cp932) and adds a member.
    text = exported.read_text(encoding="utf-8-sig")
    text = text.replace("ishida@example.jp", "ishida@law.example.jp")
    rows = [line.split(",") for line in text.splitlines()] + [NEWCOMER]
    edited = write_csv(tmp_path / "編集後.csv", rows, "cp932")
    code, out, _ = run(
        capsys, "--db", demo, "roster", "import", str(edited), "--council", "1", "--yes"
    )
    assert code == 0
    assert out.splitlines() == [
        "編集後.csv（Shift_JIS（cp932）として読みました）",
        "追加 1名、更新 1名、変更なし 8名、問題のある行 0件",
        "  更新  3行目  石田 健一: メール: ishida@example.jp → ishida@law.example.jp",
        "  追加  11行目  新井 三郎（委員、令和8年4月1日～令和10年3月31日、○○大学）",
        "取り込みました: 追加 1名、更新 1名",
    ]
    assert len(members(demo)) == 10

    workbook = tmp_path / "名簿.xlsx"
    assert (
        run(capsys, "--db", demo, "roster", "export", "--council", "1", "-o", str(workbook))[0] == 0
    )
    code, out, _ = run(capsys, "--db", demo, "roster", "import", str(workbook), "--council", "1")
    assert code == 0
    assert "変更なし 10名" in out and out.strip().endswith("名簿は変わりません。")


@pytest.mark.parametrize(("answer", "code", "count"), [("y\n", 0, 10), ("n\n", 1, 9), ("", 1, 9)])
def test_import_asks_before_writing(demo, tmp_path, capsys, monkeypatch, answer, code, count):
    path = write_csv(tmp_path / "名簿.csv", [HEADER, NEWCOMER])
    monkeypatch.setattr("sys.stdin", io.StringIO(answer))
    got, out, err = run(capsys, "--db", demo, "roster", "import", str(path), "--council", "1")
    assert got == code
    assert "取り込みますか？ [y/N]" in out
    assert len(members(demo)) == count
    if code:
        assert "取り込みませんでした" in err


def test_a_file_with_bad_rows_imports_nothing_and_says_why(demo, tmp_path, capsys):
    rows = [HEADER, NEWCOMER, ["", "", "", "", "", "", "x@example.jp"], ["宇野 恵", "", "顧問"]]
    path = write_xlsx(tmp_path / "名簿.xlsx", rows)
    code, out, err = run(
        capsys, "--db", demo, "roster", "import", str(path), "--council", "1", "--yes"
    )
    assert code == 2
    assert "  問題  3行目  （氏名なし）: 氏名が空です" in out
    assert "  問題  4行目  宇野 恵: 役職: 「顧問」は会長・副会長・委員のどれでもありません" in out
    assert "問題のある行が2件あります" in err and "何も取り込んでいません" in err
    assert len(members(demo)) == 9


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["import", "{tmp}/none.csv", "--council", "1"], "No such file"),
        (["import", "{tmp}/empty.csv", "--council", "1"], "empty.csv は空です"),
        (["import", "{tmp}/empty.csv", "--council", "99"], "審議会 99 はありません"),
        (["export", "--council", "1", "-o", "{tmp}/名簿.txt"], ".csv か .xlsx"),
        (
            ["export", "--council", "1", "-o", "{tmp}/empty.csv"],
            "既にあります（上書きするには --force）",
        ),
        (["export", "--council", "99", "-o", "{tmp}/x.csv"], "審議会 99 はありません"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(demo, tmp_path, capsys, args, words):
    (tmp_path / "empty.csv").write_bytes(b"")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code, _, err = run(capsys, "--db", demo, "roster", *argv)
    assert code == 2
    assert words in err and err.count("\n") == 1


def test_export_force_overwrites(demo, tmp_path, capsys):
    target = write_csv(tmp_path / "名簿.csv", [HEADER])
    args = ["--db", demo, "roster", "export", "--council", "1", "-o", str(target), "--force"]
    assert run(capsys, *args)[0] == 0
    assert "森川 聡子" in target.read_text(encoding="utf-8-sig")


def test_help_names_every_option(capsys):
    for action, options in (("import", ("--council", "--yes")), ("export", ("-o", "--force"))):
        with pytest.raises(SystemExit):
            main(["roster", action, "--help"])
        out = capsys.readouterr().out
        assert all(o in out for o in options)
