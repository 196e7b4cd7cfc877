"""The one place the current time comes from, so tests and demos can fix it.

``MEETING_NOW`` (an ISO 8601 moment) freezes the clock of a whole process: the command-line
tests use it, since they cannot pass a clock in.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime

from meeting.dates import TOKYO, to_tokyo

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    if fixed := os.environ.get("MEETING_NOW"):
        return to_tokyo(datetime.fromisoformat(fixed))
    return datetime.now(TOKYO)


def fixed_clock(moment: datetime) -> Clock:
    moment = to_tokyo(moment)
    return lambda: moment
