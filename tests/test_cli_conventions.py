"""The command line's conventions: every option explained in --help, a fiscal year typed as the
clerk writes it, and one meaning for each exit status (2 usage, 1 runtime, 130 Ctrl+C)."""

from __future__ import annotations

import argparse
import json

import pytest

import meeting.app
import meeting.store
from meeting.entry.cli import main
from meeting.entry.parser import build_parser, fiscal_year_arg


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as e:
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...]):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), "(the command)", helps.get(name)
                yield from _walk(sub, (*path, name))
        elif action.help is not argparse.SUPPRESS:
            yield path, "/".join(action.option_strings) or action.dest, action.help


def test_every_command_and_option_has_help():
    found = list(_walk(build_parser(), ("meeting",)))
    assert len(found) > 100  # the walk reached the commands' own options
    missing = [f"{' '.join(path)} {option}" for path, option, text in found if not text]
    assert not missing, "no --help text: " + ", ".join(missing)


def test_help_says_how_a_year_is_written(capsys):
    code, out, _ = run(capsys, "sessions", "--help")
    assert code == 0 and "令和8" in out and "R8" in out


# --year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2021", 2021),
        ("2021年度", 2021),
        ("令和3", 2021),
        ("令和3年度", 2021),
        ("R3", 2021),
        ("r3", 2021),
        ("Ｒ３", 2021),
        ("令和元", 2019),
        ("令和元年度", 2019),
        ("R1", 2019),
        ("平成31", 2019),
        ("H30", 2018),
        ("昭和63年度", 1988),
        ("S63", 1988),
    ],
)
def test_a_fiscal_year_as_the_clerk_writes_it(text, year):
    assert fiscal_year_arg(text) == year


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("令和0", "「令和0」という年度はありません（令和は元年から）"),
        ("R0", "「R0」という年度はありません"),
        ("平成32", "「平成32」という年度はありません（平成は元年から31年まで）"),
        ("H99", "平成は元年から31年まで"),
        ("明治5", "1872年度は扱えません"),
        ("X3", "「X3」を年度として読めません（例: 令和8年度、R8、2026）"),
        ("令和", "「令和」を年度として読めません"),
        ("", "年度を入れてください"),
    ],
)
def test_a_bad_year_is_named(capsys, tmp_path, text, said):
    db = tmp_path / "never.db"
    code, _, err = run(capsys, "--db", str(db), "sessions", "--year", text)
    assert code == 2 and "argument --year" in err and said in err
    assert not db.exists()  # refused before the database is opened


def test_the_era_and_the_western_year_list_the_same_sessions(capsys, tmp_path):
    db = str(tmp_path / "m.db")
    assert run(capsys, "--db", db, "demo")[0] == 0
    lists = {
        year: json.loads(run(capsys, "--db", db, "sessions", "--year", year, "--json")[1])
        for year in ("2026", "令和8", "R8", "令和8年度")
    }
    assert lists["2026"] and all(found == lists["2026"] for found in lists.values())
    first = {
        year: json.loads(run(capsys, "--db", db, "sessions", "--year", year, "--json")[1])
        for year in ("2019", "令和元", "R1")
    }
    assert first == {"2019": [], "令和元": [], "R1": []}


def test_the_annual_report_takes_an_era_year(capsys, tmp_path):
    db = str(tmp_path / "m.db")
    run(capsys, "--db", db, "demo")
    out = tmp_path / "a.md"
    code, _, err = run(
        capsys, "--db", db, "export", "annual", "--council", "1", "--year", "R8", "-o", str(out)
    )
    assert code == 0, err
    assert "令和8年度" in out.read_text("utf-8")


# Exit status


def test_the_version_exits_0_on_stdout(capsys):
    import meeting as package

    code, out, err = run(capsys, "--version")
    assert code == 0 and out == f"meeting {package.__version__}\n" and not err


def test_a_usage_error_exits_2(capsys, tmp_path):
    db = str(tmp_path / "m.db")
    assert run(capsys, "--db", db, "--no-such-option")[0] == 2
    assert run(capsys, "--db", db, "sessions", "--council", "7")[0] == 2  # no such council
    assert run(capsys, "--db", db, "chair", "--lan")[0] == 2  # --lan without --serve


def test_a_runtime_error_exits_1(capsys, tmp_path):
    (tmp_path / "bad.db").write_text("not a database")
    code, _, err = run(capsys, "--db", str(tmp_path / "bad.db"), "sessions")
    assert code == 1 and err.startswith("meeting: ")


class _Stopped:
    """The app, stopped at once: with Textual's return code 1 (a fatal error, logged) or 0."""

    code = 1

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.return_code: int | None = None

    def run(self) -> None:
        self.return_code = self.code


@pytest.mark.parametrize(("code", "status"), [(1, 1), (0, 0)])
def test_the_app_stopped_by_an_error_exits_1(capsys, tmp_path, monkeypatch, code, status):
    monkeypatch.setattr(meeting.app, "MeetingApp", type("App", (_Stopped,), {"code": code}))
    db = str(tmp_path / "m.db")
    assert run(capsys, "--db", db)[0] == status
    run(capsys, "--db", db, "demo")
    assert run(capsys, "--db", db, "chair", "--session", "1")[0] == status


def test_ctrl_c_exits_130(capsys, tmp_path, monkeypatch):
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(meeting.store, "list_councils", interrupted)
    assert run(capsys, "--db", str(tmp_path / "m.db"), "sessions")[0] == 130
