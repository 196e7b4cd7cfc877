"""Stored text as Markdown that renders as the same text, never as markup.

A line of the record can hold anything the clerk typed or pasted: ``# 見出し``, ``- 項目``,
``1. 第一``, ``> 引用``, a fence, ``<!--``, ``<script>``, ``[リンク](…)``, ``| 表 |``. Written
into a Markdown document as it is, it would become a heading, a list, a comment hiding the
rest of the page, or a link. Every writer of a ``.md`` passes the clerk's text through
:func:`escape` (one line) or :func:`md_line` (line ends kept as hard breaks) and adds only its
own structure (``## title``, ``- label:``, table rows) around it.

The rules, for CommonMark and GitHub's tables and strikethrough:

* ``\\ ` * _ [ ] # | ~`` are backslash-escaped wherever they are: emphasis, code spans, links
  and images (``!`` is harmless once ``[`` is escaped), closing ``#``\\ s of a heading, table
  cells, strikethrough and ``~~~`` fences;
* ``&`` is written ``&amp;`` (an entity such as ``&lt;`` stays as typed) and ``<`` as ``&lt;``
  (raw HTML, comments, autolinks);
* at the start of a line, ``> - + = `` and a number followed by ``.`` or ``)`` are escaped
  (block quotes, lists, setext underlines and thematic breaks);
* leading and trailing spaces and tabs are written as character references, so a line is never
  an indented code block and its spaces are kept.
"""

from __future__ import annotations

import re

_ANYWHERE = re.compile(r"[\\`*_\[\]#|~]")
_LINE_START = re.compile(r"^(?:[>+=-]|[0-9]+[.)])")
_EDGES = re.compile(r"^[ \t]+|[ \t]+$")


def escape(text: str) -> str:
    """One line of stored text as Markdown inline text; line ends are the caller's business."""
    if not text:
        return text
    out = text.replace("&", "&amp;").replace("<", "&lt;")
    out = _ANYWHERE.sub(lambda m: "\\" + m.group(), out)
    out = _EDGES.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), out)
    return _LINE_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], out)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def md_line(text: str) -> str:
    """One paragraph: each line escaped, line ends inside it as hard breaks, never a new block."""
    return "  \n".join(escape(line) for line in _lines(text))


def md_inline(text: str, *, joiner: str = " ") -> str:
    """Text for a place that holds one line (a heading, a list label): line ends as ``joiner``."""
    return joiner.join(escape(line) for line in _lines(text))


def md_cell(text: str) -> str:
    """A table cell: line ends as ``<br>`` (the one piece of HTML the writer adds itself)."""
    return md_inline(text, joiner="<br>")
