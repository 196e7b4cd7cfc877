"""The README's install for a PC on the city's closed network (LGWAN): the wheels gathered on a
connected PC, then installed in a fresh virtual environment with no registry at all.

The gathering needs the registry (as on the connected PC); the install is given none: no index,
no configuration, no find-links but the folder. 30 to 50 s here (a third building the app's
wheel, a third pip asking the registry about the 38 dependencies, a third installing): within
the minute CI allows it (README "On a PC without the internet").
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import meeting

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str | Path], **kwargs: object) -> str:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=300, **kwargs
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _unpacked(to: Path) -> Path:
    """The project as the clerk's office receives it (a build writes build/ and *.egg-info
    beside the sources, which this checkout is spared)."""
    to.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, to / name)
    for package in ("meeting", "agendas", "minutes", "exports"):
        shutil.copytree(ROOT / package, to / package, ignore=shutil.ignore_patterns("__pycache__"))
    return to


def test_the_wheelhouse_installs_in_a_fresh_venv_without_the_registry(tmp_path):
    wheels = tmp_path / "wheels"
    source = _unpacked(tmp_path / "source")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    # On the connected PC: the app's wheel, then every wheel it needs, into one folder.
    _run([*pip, "wheel", "--quiet", "--no-deps", "--wheel-dir", wheels, "."], cwd=source)
    _run([*pip, "download", "--quiet", "--dest", wheels, "--find-links", wheels,
          meeting.DISTRIBUTION])  # fmt: skip
    assert len(list(wheels.glob("*.whl"))) > 30

    # On the clerk's PC: a fresh environment, and nothing but the folder to install from.
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    offline = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    offline |= {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1"}
    _run(
        [*pip, "--python", python, "install", "--quiet", "--no-compile", "--no-index",
         "--find-links", wheels, meeting.DISTRIBUTION],
        env=offline,
    )  # fmt: skip

    command = venv / ("Scripts/meeting.exe" if os.name == "nt" else "bin/meeting")
    assert (
        _run([command, "--version"], cwd=tmp_path, env=offline)
        == f"meeting {meeting.__version__}\n"
    )
    where = _run(
        [python, "-c", "import meeting; print(meeting.__file__)"], cwd=tmp_path, env=offline
    )
    assert Path(where.strip()).is_relative_to(venv)  # the installed copy, not this checkout
