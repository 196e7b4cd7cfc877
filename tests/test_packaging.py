"""What the package declares is what it is: one version, an SPDX license with its file, and
dependencies that are exactly the third-party packages the code imports."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, packages_distributions, requires, version
from pathlib import Path

import meeting

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
PACKAGES = ("meeting", "agendas", "minutes", "exports")
DATA_ONLY = {"tzdata": "zoneinfo"}
"""Declared for the data another module reads, never imported: zoneinfo falls back to tzdata's
files where the system has no time zone database (Windows)."""


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    return {_normal(re.match(r"[A-Za-z0-9._-]+", spec)[0]) for spec in PROJECT["dependencies"]}


def imported_top_levels() -> dict[str, Path]:
    """Every top-level module the packages import (at any depth in a function too), and a file
    that imports it."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], path)
    return found


def third_party() -> dict[str, Path]:
    own = set(PACKAGES)
    return {
        name: path
        for name, path in imported_top_levels().items()
        if name not in own and name not in sys.stdlib_module_names
    }


def test_the_version_is_written_once_and_read_from_the_metadata():
    assert PROJECT["version"] == version(meeting.DISTRIBUTION) == meeting.__version__
    assert "version" not in PROJECT.get("dynamic", [])
    written = [
        p.relative_to(ROOT)
        for package in PACKAGES
        for p in (ROOT / package).rglob("*.py")
        if re.search(r"""__version__\s*=\s*["']\d""", p.read_text("utf-8"))
    ]
    assert not written, f"a version written in the code: {written}"


def test_meeting_version_prints_it():
    done = subprocess.run(
        [sys.executable, "-m", "meeting", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and not done.stderr
    assert done.stdout == f"meeting {PROJECT['version']}\n"


def test_the_distribution_name_and_the_command():
    assert PROJECT["name"] == meeting.DISTRIBUTION == "shingikai-meeting"
    assert PROJECT["scripts"] == {"meeting": "meeting.entry.cli:main"}


def test_an_spdx_license_with_its_file():
    assert PROJECT["license"] == "MIT"  # a string: the table form is deprecated
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text("utf-8")
    assert text.startswith("MIT License") and "Copyright (c) 2026" in text
    build = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["build-system"]
    (setuptools,) = [r for r in build["requires"] if r.startswith("setuptools")]
    assert int(re.search(r">=\s*(\d+)", setuptools)[1]) >= 77  # PEP 639 support


def test_every_third_party_import_is_declared():
    owners = packages_distributions()
    missing = {}
    for name, path in third_party().items():
        dists = {_normal(d) for d in owners.get(name, [])}
        assert dists, f"{name} (imported in {path.relative_to(ROOT)}) is not installed"
        if not dists & declared():
            missing[name] = str(path.relative_to(ROOT))
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_every_declared_dependency_is_imported():
    owners = packages_distributions()
    used = {_normal(d) for name in third_party() for d in owners.get(name, [])}
    stdlib_used = imported_top_levels()
    unused = set()
    for dist in declared():
        if dist in DATA_ONLY:
            assert DATA_ONLY[dist] in stdlib_used, f"{dist} is declared for {DATA_ONLY[dist]}"
        elif dist not in used:
            unused.add(dist)
    assert not unused, f"declared in pyproject.toml but never imported: {sorted(unused)}"
    assert "python-dateutil" not in declared()  # arrow brings it; the code never imports it


def _closure(dist: str, seen: set[str]) -> set[str]:
    """The distribution and what it requires, as installed (one whose marker excludes this
    system is not installed, and not followed)."""
    if dist in seen:
        return seen
    try:
        specs = requires(dist) or []
    except PackageNotFoundError:
        return seen
    seen.add(dist)
    for spec in specs:
        name, _, marker = spec.partition(";")
        if "extra" not in marker:
            _closure(_normal(re.match(r"[A-Za-z0-9._-]+", name)[0]), seen)
    return seen


def test_no_dependency_is_for_windows_alone():
    """The README's offline recipe may gather Windows wheels on another system (pip download
    --platform win_amd64): pip then reads environment markers as the system it runs on, and a
    dependency needed on Windows alone would be missing from the wheels."""
    windows_only = re.compile(
        r"sys_platform\s*==\s*.win32|platform_system\s*==\s*.Windows|os_name\s*==\s*.nt"
    )
    found = [
        f"{dist}: {spec}"
        for dist in sorted(_closure(meeting.DISTRIBUTION, set()))
        for spec in requires(dist) or []
        if windows_only.search(spec.partition(";")[2]) and "extra" not in spec.partition(";")[2]
    ]
    assert not found, f"add these to the README's offline recipe: {found}"
