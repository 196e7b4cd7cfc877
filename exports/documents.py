"""One entry point for a session's documents, shared by the app and the command line.

``prepare_document`` reads the store (main thread); ``Prepared.write`` only lays out and saves,
so the app can run it in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from agendas.consultations import get_consultation
from agendas.notice import AgendaNotice, ConsultationRequest, agenda_notice, consultation_request
from exports.answer import AnswerDocument, answer_docx, answer_markdown, gather_answer
from exports.atomic import check_replaceable
from exports.docx_format import PageFormat
from exports.full_minutes import Minutes, gather_minutes
from exports.letters import (
    notice_docx,
    notice_lines,
    notice_markdown,
    request_docx,
    request_lines,
    request_markdown,
)
from exports.summary import Summary, gather_summary, summary_text
from meeting.errors import InputError
from meeting.store import get_council, get_session

KINDS = {"minutes": "会議録", "summary": "会議概要", "agenda": "会議議事予定"}
"""Documents of a session; the consultation request (諮問書) is written per consultation."""
SUFFIXES = (".docx", ".md")


@dataclass(frozen=True)
class Prepared:
    kind: str
    document: Minutes | Summary | AgendaNotice | ConsultationRequest | AnswerDocument
    notes: list[str]
    """What the record is missing; the document is written all the same, gaps and all."""
    page: PageFormat = PageFormat()
    replacements: list[str] = field(default_factory=list)
    """Members' names replaced by their labels in an anonymised record's text
    (議事2(1) 14:35 青木委員 → A委員): for the clerk to check, never a gap."""
    withheld: list[str] = field(default_factory=list)
    """Closed parts a public document leaves out that the clerk should know of; never a gap."""

    @property
    def preview(self) -> list[str]:
        if isinstance(self.document, AnswerDocument):
            return self.document.text_lines()
        if isinstance(self.document, AgendaNotice):
            return notice_lines(self.document)
        if isinstance(self.document, ConsultationRequest):
            return request_lines(self.document)
        if isinstance(self.document, Minutes):
            return (
                [self.document.title, self.document.stamp, ""]
                + [f"{label}　{value}" for label, value in self.document.header]
                + ["", "会議の内容"]
                + self.document.text_lines()
            )
        return summary_text(self.document)

    def write(self, out: Path) -> Path:
        from exports.writers import (
            minutes_docx,
            minutes_markdown,
            summary_docx,
            summary_markdown,
            write_text,
        )

        if isinstance(self.document, AnswerDocument):
            if out.suffix == ".md":
                return write_text(answer_markdown(self.document), out)
            return answer_docx(self.document, out, page=self.page)
        if out.suffix == ".md":
            if isinstance(self.document, AgendaNotice):
                return write_text(notice_markdown(self.document), out)
            if isinstance(self.document, ConsultationRequest):
                return write_text(request_markdown(self.document), out)
        elif isinstance(self.document, AgendaNotice):
            return notice_docx(self.document, out, page=self.page)
        elif isinstance(self.document, ConsultationRequest):
            return request_docx(self.document, out, page=self.page)
        if isinstance(self.document, Minutes):
            if out.suffix == ".docx":
                return minutes_docx(self.document, out, page=self.page)
            return write_text(minutes_markdown(self.document), out)
        if out.suffix == ".docx":
            return summary_docx(self.document, out, page=self.page)
        return write_text(summary_markdown(self.document), out)


def prepare_document(db: Database, kind: str, session_id: int, *, public: bool) -> Prepared:
    if kind not in KINDS:
        raise InputError("文書", f"{kind} という文書はありません（{', '.join(KINDS)}）")
    page = PageFormat.of(get_council(db, get_session(db, session_id).council_id).page)
    if kind == "minutes":
        minutes = gather_minutes(db, session_id, public=public)
        return Prepared(kind, minutes, minutes.notes, page, minutes.replacements)
    if kind == "agenda":
        notice = agenda_notice(db, session_id)
        return Prepared(kind, notice, [] if notice.items else ["会議次第に議題がありません"], page)
    summary = gather_summary(db, session_id, public=public)
    return Prepared(kind, summary, [], page, summary.replacements)


def prepare_request(db: Database, consultation_id: int) -> Prepared:
    request = consultation_request(db, consultation_id)
    page = PageFormat.of(get_council(db, request.consultation.council_id).page)
    return Prepared("request", request, [], page)


def prepare_answer(db: Database, consultation_id: int) -> Prepared:
    answer = gather_answer(db, consultation_id)
    council_id = get_consultation(db, consultation_id).council_id
    page = PageFormat.of(get_council(db, council_id).page)
    return Prepared("answer", answer, answer.notes, page, withheld=answer.withheld)


def check_target(out: Path, *, force: bool) -> None:
    """Refuse a wrong suffix, a missing folder, or an existing file unless ``force``."""
    check_replaceable(out, kind=out.suffix.lstrip(".") or None)
    if out.suffix not in SUFFIXES:
        raise InputError("保存先", f"{out.name}: .docx か .md のファイル名にしてください")
    if not out.parent.is_dir():
        raise InputError("保存先", f"フォルダがありません: {out.parent}")
    if out.exists() and not force:
        raise InputError("保存先", f"{out} は既にあります（上書きするには --force）")


def check_gaps(prepared: Prepared, *, allow_gaps: bool) -> None:
    """A record with gaps is written only when asked; the document then marks each gap."""
    if prepared.notes and not allow_gaps:
        raise InputError(
            "記録",
            "記録に足りないものがあります: "
            + "、".join(prepared.notes)
            + "。欠けている所を「（記録なし）」「（未記入）」と明記して書き出すには --allow-gaps",
        )


def write_document(
    db: Database,
    kind: str,
    session_id: int,
    out: Path,
    *,
    public: bool,
    force: bool = False,
    allow_gaps: bool = False,
) -> tuple[Path, list[str]]:
    check_target(out, force=force)
    prepared = prepare_document(db, kind, session_id, public=public)
    check_gaps(prepared, allow_gaps=allow_gaps)
    return prepared.write(out), prepared.notes
