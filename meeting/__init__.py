"""meeting: run an advisory council's sessions and keep its records.

The package's core (model, store, dates, sessions) never imports Textual; the app shell lives
in :mod:`meeting.app` and :mod:`meeting.screens`.
"""

DISTRIBUTION = "shingikai-meeting"
"""The name it is installed under (pyproject.toml); the command and the packages are meeting."""


def __getattr__(name: str) -> str:
    """``meeting.__version__``, from the installed metadata: pyproject.toml is the one place it
    is written. Read when asked, since importlib.metadata costs every command start-up time."""
    if name != "__version__":
        raise AttributeError(f"module 'meeting' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return "0+unknown"
