"""meeting: run an advisory council's sessions and keep its records.

The package's core (model, store, dates, sessions) never imports Textual; the app shell lives
in :mod:`meeting.app` and :mod:`meeting.screens`.
"""

__version__ = "0.1.0"
