"""Every document the app writes, in one table: what it is about, how it is gathered, shown
and written. The command line and the export screens look kinds up here and nowhere else.

A kind's gatherer reads the store (on the main thread) into a :class:`Prepared`: the
document's facts, the council's page, and what the clerk should know. Writing only lays out
and saves, so the app can run it in a worker thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from exports.docx_format import PageFormat
from exports.kinds import KIND_INFO, KindInfo
from exports.kinds import About as About  # what a kind is about, for its callers
from exports.template_sets import TemplateSet
from meeting.errors import InputError

if TYPE_CHECKING:
    # Each kind's modules load when that kind is gathered: `meeting export minutes` as a
    # process loads the 会議録's and not the 答申書's or the 年次報告's (bench/README.md).
    from sqlite_utils import Database

    from agendas.notice import AgendaNotice, ConsultationRequest
    from exports.annual import Annual
    from exports.answer import AnswerDocument
    from exports.full_minutes import Minutes
    from exports.summary import Summary

D = TypeVar("D")
D_co = TypeVar("D_co", covariant=True)

SUFFIXES = (".docx", ".md", ".pdf")
"""Every kind is written in each of these; a .pdf is its .docx converted (:mod:`exports.pdf`)."""

SUFFIX_HINT = ".docx、.md か .pdf のファイル名にしてください"


@dataclass(frozen=True)
class Gathered(Generic[D_co]):
    """What a gatherer hands over: the document's facts and what goes with them."""

    document: D_co
    page: PageFormat
    notes: list[str] = field(default_factory=list)
    replacements: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)
    context: Any = None
    """What a template is given (a kind rendered from templates); None for the others."""
    template: TemplateSet | None = None


class Gatherer(Protocol[D_co]):
    def __call__(
        self, db: Database, subject: Any, /, *, public: bool, sitting: int | None = None
    ) -> Gathered[D_co]: ...


@dataclass(frozen=True)
class DocumentKind(Generic[D]):
    """A kind (:class:`exports.kinds.KindInfo`) with how it is gathered, shown and written."""

    info: KindInfo
    gather: Gatherer[D]

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def label(self) -> str:
        return self.info.label

    @property
    def about(self) -> About:
        return self.info.about

    @property
    def gaps(self) -> bool:
        return self.info.gaps

    @property
    def per_sitting(self) -> bool:
        return self.info.per_sitting

    def prepare(
        self, db: Database, subject: Any, *, public: bool = True, sitting: int | None = None
    ) -> Prepared[D]:
        """The document about ``subject``; of its ``sitting``-th day alone (1日目…) when the
        kind is made per sitting (:attr:`per_sitting`), else of the whole session."""
        if sitting is not None and not self.per_sitting:
            raise InputError("日程", f"{self.label}は日程ごとには作れません（会議全体のみ）")
        got = self.gather(db, subject, public=public, sitting=sitting)
        return Prepared(
            self,
            got.document,
            got.page,
            got.notes,
            got.replacements,
            got.withheld,
            got.context,
            got.template,
        )


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
    context: Any = None
    """What the template is given: the document's facts, the public filter applied."""
    template: TemplateSet | None = None
    """The council's template for the kind (or the kind's default), when it has templates."""

    @property
    def preview(self) -> list[str]:
        """The document as the screen shows it: what its template makes, as plain lines."""
        return list(self.preview_stream())

    def preview_stream(self) -> Iterator[str]:
        """:attr:`preview` line by line, each rendered when it is asked for: a screen shows
        the first page of a long document before the rest is made."""
        if self.template is None:
            raise InputError("テンプレート", f"{self.kind.label}のテンプレートがありません")
        from exports.templating import preview_stream

        return preview_stream(self.template.markdown, self.context)

    def write(self, out: Path, *, pdfa: bool = False) -> Path:
        """Write at ``out``, in the format its suffix names; a .pdf as PDF/A-2b when ``pdfa``.
        A kind with templates is rendered from the council's template, the others in code."""
        if out.suffix == ".pdf":
            from exports.pdf import write_pdf

            return write_pdf(lambda tmp: self._write(tmp), out, pdfa=pdfa)
        if out.suffix not in (".docx", ".md"):
            raise InputError("保存先", f"{out.name}: {SUFFIX_HINT}")
        return self._write(out)

    def _write(self, out: Path) -> Path:
        if self.template is not None:
            from exports.templating import render_docx, render_markdown
            from exports.writers import write_text

            if out.suffix == ".docx":
                return render_docx(self.template.docx, self.context, out)
            return write_text(render_markdown(self.template.markdown, self.context), out)
        raise InputError("テンプレート", f"{self.kind.label}のテンプレートがありません")


def _now() -> datetime:
    """When the document is made: its properties' created and modified time."""
    from meeting.clock import system_clock

    return system_clock()


# The gatherers: each reads what its document needs once and hands over the page with it.


def _minutes(
    db: Database, session_id: int, *, public: bool, sitting: int | None = None
) -> Gathered[Minutes]:
    from exports.full_minutes import minutes_of, read_minutes
    from exports.minutes_context import minutes_context
    from exports.template_sets import session_template

    read = read_minutes(db, session_id)
    minutes = minutes_of(read, public=public, sitting=sitting)
    context = minutes_context(read, minutes, public=public, sitting=sitting, now=_now())
    return Gathered(
        minutes,
        read.record.page,
        minutes.notes,
        minutes.replacements,
        context=context,
        template=session_template(db, read.record, "minutes"),
    )


def _summary(
    db: Database, session_id: int, *, public: bool, sitting: int | None = None
) -> Gathered[Summary]:
    from exports.summary import read_summary, summary_of
    from exports.summary_context import summary_context
    from exports.template_sets import session_template

    read = read_summary(db, session_id, public=public)
    summary = summary_of(read, public=public, sitting=sitting)
    context = summary_context(read, summary, public=public, sitting=sitting, now=_now())
    return Gathered(
        summary,
        read.record.page,
        replacements=summary.replacements,
        context=context,
        template=session_template(db, read.record, "summary"),
    )


def _agenda(
    db: Database, session_id: int, *, public: bool, sitting: int | None = None
) -> Gathered[AgendaNotice]:
    from agendas.notice import notice_of, read_notice
    from exports.notice_context import notice_context
    from exports.template_sets import council_template

    read = read_notice(db, session_id)
    notice = notice_of(read)
    page = PageFormat.of(read.council.page)
    return Gathered(
        notice,
        page,
        [] if notice.items else ["会議次第に議題がありません"],
        context=notice_context(read, notice, now=_now()),
        template=council_template(db, read.council.id, "agenda", page=page),
    )


def _request(
    db: Database, consultation_id: int, *, public: bool, sitting: int | None = None
) -> Gathered[ConsultationRequest]:
    from agendas.notice import read_request, request_of
    from exports.request_context import request_context
    from exports.template_sets import council_template

    read = read_request(db, consultation_id)
    request = request_of(read)
    page = PageFormat.of(read.council.page)
    return Gathered(
        request,
        page,
        context=request_context(read, request, now=_now()),
        template=council_template(db, read.council.id, "request", page=page),
    )


def _answer(
    db: Database, consultation_id: int, *, public: bool, sitting: int | None = None
) -> Gathered[AnswerDocument]:
    from exports.answer import answer_of, read_answer
    from exports.answer_context import answer_context, template_gaps
    from exports.template_sets import council_template

    record = read_answer(db, consultation_id)
    answer = answer_of(record)
    context = answer_context(record, answer, now=_now())
    template = council_template(db, record.council.id, "answer", page=record.page)
    notes = answer.notes + (template_gaps(template, context) if template else [])
    return Gathered(
        answer, record.page, notes, withheld=answer.withheld, context=context, template=template
    )


def _annual(
    db: Database, subject: tuple[int, int], *, public: bool, sitting: int | None = None
) -> Gathered[Annual]:
    from exports.annual import annual_of, read_annual
    from exports.annual_context import annual_context
    from exports.template_sets import council_template

    council_id, fiscal_year = subject
    record = read_annual(db, council_id, fiscal_year)
    return Gathered(
        annual_of(record),
        record.page,
        context=annual_context(record, now=_now()),
        template=council_template(db, council_id, "annual", page=record.page),
    )


_HOW: dict[str, Gatherer[Any]] = {
    "minutes": _minutes,
    "summary": _summary,
    "agenda": _agenda,
    "request": _request,
    "answer": _answer,
    "annual": _annual,
}
"""How each kind of :data:`exports.kinds.KIND_INFO` is gathered (its template shows and
writes it)."""

_KINDS: tuple[DocumentKind[Any], ...] = tuple(
    DocumentKind(info, _HOW[info.name]) for info in KIND_INFO
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
    db: Database,
    name: str,
    subject: Any,
    *,
    public: bool = True,
    about: About | None = None,
    sitting: int | None = None,
) -> Prepared[Any]:
    """Gather the document ``name`` about ``subject`` (public, unless asked for internal; of
    one sitting, when asked and the kind is made per sitting)."""
    return document_kind(name, about=about).prepare(db, subject, public=public, sitting=sitting)
