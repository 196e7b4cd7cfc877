"""The layers' arrows point one way, checked by import-linter (contracts in pyproject.toml).

The contracts pass on the repository; and a copy of it with one wrong arrow — an agenda rule
reaching up into minutes, Textual in the core, a module placed in no layer, a screen importing
another screen — fails, naming the contract it breaks. So a wrong import makes CI fail.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("meeting", "agendas", "minutes", "exports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "lint-imports"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "importlinter.cli"]
    return subprocess.run(
        [*command, "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("file", "line", "broken"),
    [
        (
            "agendas/rules.py",
            "from minutes.store import utterances",
            "entry → app → exports → minutes → agendas → core",
        ),
        ("meeting/dates.py", "import textual", "Textual only in the app layer"),
        ("meeting/stray.py", "X = 1", "every module of meeting/ is in a layer"),
        ("exports/ics.py", "from meeting.screens.base import AppScreen", "entry → app"),
        (
            "meeting/screens/live.py",
            "from meeting.screens.lines import LinesScreen",
            "screens reach each other through the app",
        ),
    ],
)
def test_a_wrong_arrow_breaks_a_contract(tmp_path, file, line, broken):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / file
    target.write_text(
        (target.read_text(encoding="utf-8") if target.exists() else "") + f"\n{line}  # noqa\n",
        encoding="utf-8",
    )
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert f"{broken}" in result.stdout and "BROKEN" in result.stdout, result.stdout
