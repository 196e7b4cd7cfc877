"""The documents the app writes, by name: what each is about and what the command line says.

Plain data, importing nothing heavy, so that ``meeting --help`` and the parser need not load
python-docx or the store; :mod:`exports.registry` adds to each kind how it is gathered, shown
and written.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class About(Enum):
    """What a document is about: the subject its gatherer takes."""

    SESSION = "session"
    """A session's ID."""
    CONSULTATION = "consultation"
    """A consultation's ID."""
    COUNCIL_YEAR = "council_year"
    """A council's ID and a fiscal year, as a pair."""


@dataclass(frozen=True)
class KindInfo:
    name: str
    """The command line's word for it: ``meeting export NAME``."""
    label: str
    """Its Japanese name, as the screens and file names show it."""
    about: About
    help: str
    """What the command line's help says of it."""
    description: str = ""
    gaps: bool = False
    """Whether the record can be missing parts of it: then it is written only when asked."""
    per_sitting: bool = False
    """Whether it can be made for one sitting (1日目, 2日目…) as well as the whole session."""


def _of_a_session(name: str, label: str, what: str, *, per_sitting: bool = False) -> KindInfo:
    """A document of a session (which has --public), in the command line's words."""
    return KindInfo(
        name,
        label,
        About.SESSION,
        help=f"{what} of a session, as .docx, .md or .pdf",
        description=f"Write {what}. --public leaves closed (非公開) parts out and says where; "
        "without it the internal version holds everything and says so in its title."
        + (
            " --sitting N writes the Nth day (1日目, 2日目…) alone, titled （N日目）."
            if per_sitting
            else ""
        ),
        gaps=True,
        per_sitting=per_sitting,
    )


KIND_INFO: tuple[KindInfo, ...] = (
    _of_a_session("minutes", "会議録", "the full minutes (会議録)", per_sitting=True),
    _of_a_session("summary", "会議概要", "the summary minutes (会議概要)", per_sitting=True),
    _of_a_session("agenda", "会議議事予定", "the agenda notice (会議議事予定)"),
    KindInfo(
        "request",
        "諮問書",
        About.CONSULTATION,
        help="a consultation request (諮問書), as .docx, .md or .pdf",
    ),
    KindInfo(
        "answer",
        "答申書",
        About.CONSULTATION,
        help="the answer (答申書) to a consultation, as .docx, .md or .pdf",
        description="Write the answer from the register, the decision and its opinions, and "
        "the texts written in the app. Unwritten parts are refused unless --allow-gaps.",
        gaps=True,
    ),
    KindInfo(
        "annual",
        "運用状況",
        About.COUNCIL_YEAR,
        help="a fiscal year's table of sessions (運用状況)",
    ),
)
"""Every kind, in the order the command line and the screens list them."""
