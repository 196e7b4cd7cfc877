"""Write the full minutes as .docx (the official format) and as Markdown (for the web page)."""

from __future__ import annotations

from pathlib import Path

from exports.docx_format import PageFormat, new_document, paragraph, two_column_table
from exports.full_minutes import Line, Minutes
from exports.markdown import md_inline, md_line
from exports.summary import Summary, summary_text


def minutes_docx(minutes: Minutes, path: Path, *, page: PageFormat | None = None) -> Path:
    page = page or PageFormat()
    doc = new_document(page)
    _head(doc, minutes.stamp, minutes.title, page)
    paragraph(doc, page=page)
    two_column_table(doc, minutes.header, page.columns(9))
    paragraph(doc, page=page)
    paragraph(doc, "会議次第", bold=True, page=page, keep_with_next=True)
    for entry in minutes.agenda:
        depth = len(entry) - len(entry.lstrip("　"))
        paragraph(doc, entry.lstrip("　"), left=1 + depth, hanging=2, page=page)
    paragraph(doc, page=page)
    paragraph(doc, "会議の内容", bold=True, page=page, keep_with_next=True)
    for line in minutes.body:
        if line.text == "以上" and line.narration:
            paragraph(doc, "以上", align="right", page=page)
        elif line.heading:  # 〔2日目〕
            paragraph(doc, line.text, bold=True, page=page, keep_with_next=True)
        else:
            _line(doc, line, anonymised=minutes.anonymised, page=page)
    if minutes.errata:
        paragraph(doc, page=page)
        paragraph(doc, "正誤", bold=True, page=page, keep_with_next=True)
        for entry in minutes.errata:
            paragraph(doc, entry, left=1, hanging=1, page=page)
    return save(path, doc.save)


def summary_docx(summary: Summary, path: Path, *, page: PageFormat | None = None) -> Path:
    page = page or PageFormat()
    doc = new_document(page)
    _head(doc, summary.stamp, summary.title, page)
    for sitting in summary.sittings:
        paragraph(doc, page=page)
        if sitting.label:
            paragraph(doc, f"〔{sitting.label}〕", bold=True, page=page, keep_with_next=True)
        two_column_table(doc, sitting.header, page.columns(7))
        paragraph(doc, page=page)
        paragraph(doc, "議事の概要", bold=True, page=page, keep_with_next=True)
        for section in sitting.sections:
            # the blank line, the heading (【諮問案件1】) and its facts go with what follows
            paragraph(doc, page=page, keep_with_next=True)
            paragraph(doc, section.heading, bold=True, page=page, keep_with_next=True)
            for label, value in section.facts:
                if label:
                    paragraph(
                        doc, f"{label}：{value}", left=1, hanging=1, page=page, keep_with_next=True
                    )
                else:  # a question (①…) under the title
                    paragraph(doc, value, left=2, hanging=1, page=page, keep_with_next=True)
            for line in section.lines:
                _line(doc, line, anonymised=True, page=page)
    paragraph(doc, "以上", align="right", page=page)
    return save(path, doc.save)


def _line(doc, line: Line, *, anonymised: bool, page: PageFormat) -> None:  # type: ignore[no-untyped-def]
    """A narration centred; a speech hanging under its tag; a paragraph that continues a turn
    indented 1字 like any paragraph; an attached opinion 1字 in, under the item's decision."""
    text = line.printed(anonymised=anonymised)
    if line.narration:
        paragraph(doc, text, align="center", page=page)
    elif line.continued:
        paragraph(doc, text, first=1, page=page)
    elif line.attached:
        paragraph(doc, text, left=1, hanging=1, page=page)
    else:
        paragraph(doc, text, hanging=1, page=page)


def _head(doc, stamp: str, title: str, page: PageFormat) -> None:  # type: ignore[no-untyped-def]
    """The approval stamp flush right, then the title centred on two lines."""
    if stamp:
        paragraph(doc, stamp, align="right", page=page)
    paragraph(doc, two_line_title(title), align="center", size_pt=14, bold=True, page=page)


def summary_markdown(summary: Summary) -> str:
    """The summary as Markdown: every line of it text, each ending in a hard break."""
    lines = summary_text(summary)
    return (
        f"## {md_inline(lines[0])}\n\n"
        + "\n".join(f"{md_line(line)}  " if line else "" for line in lines[1:])
        + "\n"
    )


def minutes_markdown(minutes: Minutes) -> str:
    """The minutes as Markdown: the header as a list, the record as one paragraph of lines.

    Only the structure is markup; every stored text goes through :mod:`exports.markdown`.
    """
    out = [f"## {md_inline(minutes.title)}", ""]
    if minutes.stamp:
        out += [md_line(minutes.stamp), ""]
    out += [
        f"- {md_inline(label)}: {md_inline(value, joiner=' / ')}" for label, value in minutes.header
    ]
    out += ["", "### 会議次第", ""]
    out += [f"- {md_line(line)}" for line in minutes.agenda]  # a child keeps its 全角 indent
    out += ["", "### 会議の内容", ""]
    out += [md_line(text) + "  " for text in minutes.text_lines()]
    if minutes.errata:
        out += ["", "### 正誤", ""] + [f"- {md_line(entry)}" for entry in minutes.errata]
    return "\n".join(out) + "\n"


def two_line_title(title: str) -> str:
    """令和8年度第1回 on the first line, the council and the document on the second."""
    head, mark, rest = title.partition("回")
    return f"{head}{mark}\n{rest}" if mark and rest else title


def write_text(text: str, path: Path) -> Path:
    return save(path, lambda target: Path(target).write_text(text, encoding="utf-8"))


def save(path: Path, write) -> Path:  # type: ignore[no-untyped-def]
    """Write beside the target and rename, so a crash never leaves half a document."""
    from exports.atomic import save as save_atomically

    return save_atomically(path, write)
