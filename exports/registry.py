"""Every document the app writes, in one table: what it is about, how it is gathered, shown
and written. The command line and the export screens look kinds up here and nowhere else.

A kind's gatherer reads the store (on the main thread) into a :class:`Prepared`: the
document's facts, the council's page, and what the clerk should know. Writing only lays out
and saves, so the app can run it in a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from sqlite_utils import Database

from agendas.notice import AgendaNotice, ConsultationRequest, agenda_notice, consultation_request
from exports.annual import (
    Annual,
    annual_docx,
    annual_lines,
    annual_markdown,
    annual_of,
    read_annual,
)
from exports.answer import AnswerDocument, answer_docx, answer_markdown, answer_of, read_answer
from exports.docx_format import PageFormat
from exports.full_minutes import Minutes, minutes_of, read_minutes
from exports.letters import (
    notice_docx,
    notice_lines,
    notice_markdown,
    request_docx,
    request_lines,
    request_markdown,
)
from exports.summary import Summary, read_summary, summary_of, summary_text
from exports.writers import (
    minutes_docx,
    minutes_markdown,
    summary_docx,
    summary_markdown,
    write_text,
)
from meeting.errors import InputError
from meeting.store import get_council, get_session

D = TypeVar("D")
D_co = TypeVar("D_co", covariant=True)

SUFFIXES = (".docx", ".md")
"""Every kind is written in each of these."""


class About(Enum):
    """What a document is about: the subject its gatherer takes."""

    SESSION = "session"
    """A session's ID."""
    CONSULTATION = "consultation"
    """A consultation's ID."""
    COUNCIL_YEAR = "council_year"
    """A council's ID and a fiscal year, as a pair."""


@dataclass(frozen=True)
class Gathered(Generic[D_co]):
    """What a gatherer hands over: the document's facts and what goes with them."""

    document: D_co
    page: PageFormat
    notes: list[str] = field(default_factory=list)
    replacements: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)


class Gatherer(Protocol[D_co]):
    def __call__(self, db: Database, subject: Any, /, *, public: bool) -> Gathered[D_co]: ...


Writer = Callable[[D, Path, PageFormat], Path]


@dataclass(frozen=True)
class DocumentKind(Generic[D]):
    name: str
    """The command line's word for it: ``meeting export NAME``."""
    label: str
    """Its Japanese name, as the screens and file names show it."""
    about: About
    gather: Gatherer[D]
    preview: Callable[[D], list[str]]
    """The document as lines of text, for the screen."""
    writers: Mapping[str, Writer[D]]
    """By suffix: one for each of :data:`SUFFIXES`."""
    help: str
    """What the command line's help says of it."""
    description: str = ""
    gaps: bool = False
    """Whether the record can be missing parts of it: then it is written only when asked."""

    def prepare(self, db: Database, subject: Any, *, public: bool = True) -> Prepared[D]:
        got = self.gather(db, subject, public=public)
        return Prepared(self, got.document, got.page, got.notes, got.replacements, got.withheld)


@dataclass(frozen=True)
class Prepared(Generic[D]):
    """One document ready to be written: the context a writer (or a template) lays out."""

    kind: DocumentKind[D]
    document: D
    page: PageFormat
    notes: list[str] = field(default_factory=list)
    """What the record is missing; the document is written all the same, gaps and all."""
    replacements: list[str] = field(default_factory=list)
    """Members' names replaced by their labels in an anonymised record's text
    (議事2(1) 14:35 青木委員 → A委員): for the clerk to check, never a gap."""
    withheld: list[str] = field(default_factory=list)
    """Closed parts a public document leaves out that the clerk should know of; never a gap."""

    @property
    def preview(self) -> list[str]:
        return self.kind.preview(self.document)

    def write(self, out: Path) -> Path:
        writer = self.kind.writers.get(out.suffix)
        if writer is None:
            raise InputError("保存先", f"{out.name}: .docx か .md のファイル名にしてください")
        return writer(self.document, out, self.page)


# The gatherers: each reads what its document needs once and hands over the page with it.


def _minutes(db: Database, session_id: int, *, public: bool) -> Gathered[Minutes]:
    read = read_minutes(db, session_id)
    minutes = minutes_of(read, public=public)
    return Gathered(minutes, read.record.page, minutes.notes, minutes.replacements)


def _summary(db: Database, session_id: int, *, public: bool) -> Gathered[Summary]:
    read = read_summary(db, session_id, public=public)
    summary = summary_of(read, public=public)
    return Gathered(summary, read.record.page, replacements=summary.replacements)


def _agenda(db: Database, session_id: int, *, public: bool) -> Gathered[AgendaNotice]:
    notice = agenda_notice(db, session_id)
    page = PageFormat.of(get_council(db, get_session(db, session_id).council_id).page)
    return Gathered(notice, page, [] if notice.items else ["会議次第に議題がありません"])


def _request(db: Database, consultation_id: int, *, public: bool) -> Gathered[ConsultationRequest]:
    request = consultation_request(db, consultation_id)
    page = PageFormat.of(get_council(db, request.consultation.council_id).page)
    return Gathered(request, page)


def _answer(db: Database, consultation_id: int, *, public: bool) -> Gathered[AnswerDocument]:
    record = read_answer(db, consultation_id)
    answer = answer_of(record)
    return Gathered(answer, record.page, answer.notes, withheld=answer.withheld)


def _annual(db: Database, subject: tuple[int, int], *, public: bool) -> Gathered[Annual]:
    council_id, fiscal_year = subject
    record = read_annual(db, council_id, fiscal_year)
    return Gathered(annual_of(record), record.page)


# The writers, all called (document, path, page).


def _docx(write: Callable[..., Path]) -> Writer[Any]:
    return lambda document, out, page: write(document, out, page=page)


def _markdown(render: Callable[[D], str]) -> Writer[D]:
    return lambda document, out, page: write_text(render(document), out)


def _minutes_preview(minutes: Minutes) -> list[str]:
    return (
        [minutes.title, minutes.stamp, ""]
        + [f"{label}　{value}" for label, value in minutes.header]
        + ["", "会議の内容"]
        + minutes.text_lines()
    )


def _of_a_session(what: str) -> dict[str, str]:
    """The command line's words for a document of a session (which has --public)."""
    return {
        "help": f"{what} of a session, as .docx or .md",
        "description": f"Write {what}. --public leaves closed (非公開) parts out and says where; "
        "without it the internal version holds everything and says so in its title.",
    }


_KINDS: tuple[DocumentKind[Any], ...] = (
    DocumentKind(
        name="minutes",
        label="会議録",
        about=About.SESSION,
        gather=_minutes,
        preview=_minutes_preview,
        writers={".docx": _docx(minutes_docx), ".md": _markdown(minutes_markdown)},
        gaps=True,
        **_of_a_session("the full minutes (会議録)"),
    ),
    DocumentKind(
        name="summary",
        label="会議概要",
        about=About.SESSION,
        gather=_summary,
        preview=summary_text,
        writers={".docx": _docx(summary_docx), ".md": _markdown(summary_markdown)},
        gaps=True,
        **_of_a_session("the summary minutes (会議概要)"),
    ),
    DocumentKind(
        name="agenda",
        label="会議議事予定",
        about=About.SESSION,
        gather=_agenda,
        preview=notice_lines,
        writers={".docx": _docx(notice_docx), ".md": _markdown(notice_markdown)},
        gaps=True,
        **_of_a_session("the agenda notice (会議議事予定)"),
    ),
    DocumentKind(
        name="request",
        label="諮問書",
        about=About.CONSULTATION,
        gather=_request,
        preview=request_lines,
        writers={".docx": _docx(request_docx), ".md": _markdown(request_markdown)},
        help="a consultation request (諮問書), as .docx or .md",
    ),
    DocumentKind(
        name="answer",
        label="答申書",
        about=About.CONSULTATION,
        gather=_answer,
        preview=AnswerDocument.text_lines,
        writers={".docx": _docx(answer_docx), ".md": _markdown(answer_markdown)},
        gaps=True,
        help="the answer (答申書) to a consultation, as .docx or .md",
        description="Write the answer from the register, the decision and its opinions, and "
        "the texts written in the app. Unwritten parts are refused unless --allow-gaps.",
    ),
    DocumentKind(
        name="annual",
        label="運用状況",
        about=About.COUNCIL_YEAR,
        gather=_annual,
        preview=annual_lines,
        writers={
            ".docx": lambda a, out, page: annual_docx(a.title, a.rows, out, page=page),
            ".md": _markdown(lambda a: annual_markdown(a.title, a.rows)),
        },
        help="a fiscal year's table of sessions (運用状況)",
    ),
)

KINDS: dict[str, DocumentKind[Any]] = {k.name: k for k in _KINDS}
"""Every kind by its name, in the order the command line and the screens list them."""


def kinds_about(about: About) -> list[DocumentKind[Any]]:
    return [k for k in _KINDS if k.about is about]


def document_kind(name: str, *, about: About | None = None) -> DocumentKind[Any]:
    """The kind called ``name`` (of those about ``about``), or an error naming the choices."""
    choices = [k.name for k in _KINDS if about in (None, k.about)]
    if name not in choices:
        raise InputError("文書", f"{name} という文書はありません（{', '.join(choices)}）")
    return KINDS[name]


def prepare(
    db: Database, name: str, subject: Any, *, public: bool = True, about: About | None = None
) -> Prepared[Any]:
    """Gather the document ``name`` about ``subject`` (public, unless asked for internal)."""
    return document_kind(name, about=about).prepare(db, subject, public=public)
