"""The default Word templates of the 会議議事予定, as :mod:`exports.template_build` writes them.

Their Markdown twins are ``agenda-<name>.md`` in ``exports/default_templates/``; the tags
read :class:`exports.notice_context.AgendaNoticeContext`.
"""

from __future__ import annotations

from typing import Any

from exports.docx_format import PageFormat
from exports.template_build import Builder

_WHEN = "{{ s.starts_at|wareki }}{{ s.starts_at|time_range(s.ends_at) }}"


def _indent(paragraph: Any, page: PageFormat, chars: float) -> Any:
    """A paragraph set in ``chars`` 字 from the left, over its style's indent."""
    from docx.shared import Twips

    paragraph.paragraph_format.left_indent = Twips(round(chars * page.size_pt * 20))
    return paragraph


def _departments(b: Builder, *, nested: bool) -> None:
    """諮問機関, 利用機関 and 資料 under a consultation's item: labelled ：, three 字 in under a
    top-level item and four under a heading's child (``nested``); spaced as a table (flat)."""
    lines = (
        ("consulting", "諮問機関：" if nested else "諮問機関　"),
        ("using", "利用機関：" if nested else "利用機関　"),
        ("materials", "資料：" if nested else "資料　　　"),
    )
    for name, label in lines:
        b.tag(f"if e.{name}")
        if nested:
            b.tag("if e.depth")
            _indent(b.p(label + "{{ e." + name + "|join }}"), b.page, 4)
            b.tag("else")
            _indent(b.p(label + "{{ e." + name + "|join }}"), b.page, 3)
            b.tag("endif")
        else:
            _indent(b.p(label + "{{ e." + name + "|join }}"), b.page, 3)
        b.tag("endif")


def agenda_standard(page: PageFormat | None = None) -> Builder:
    """The app's own 会議議事予定: the session and the council as a two-line title, each day's
    日時 and 場所, 議題 numbered the council's way (2 議事, (1) … under it), 以上."""
    b = Builder(page)
    b.p("{{ title }}", "Title")
    b.p("{{ council.name }} 会議議事予定", "Title")
    b.p()
    b.tag("for s in sittings")
    b.p("日時{% if s.label %}（{{ s.label }}）{% endif %}　" + _WHEN, "発言")
    b.p("場所{% if s.label %}（{{ s.label }}）{% endif %}　{{ s.place }}", "発言")
    b.tag("endfor")
    b.p()
    b.p("議題", "Heading 1")
    b.tag("for e in items")
    b.tag("if e.depth")
    b.p("{% if e.listed %}{{ e.listed }}　{% endif %}{{ e.title }}", "箇条")
    b.tag("else")
    b.p("{% if e.listed %}{{ e.listed }}　{% endif %}{{ e.title }}", "発言")
    b.tag("endif")
    _departments(b, nested=True)
    b.tag("endfor")
    b.p("以上", "以上")
    return b


def agenda_flat(page: PageFormat | None = None) -> Builder:
    """会議議事予定 as councils that number straight through print it: the council, then the
    session with （定例会）; 日時 and 場所 once (the days under each other); 記; the items
    1 … 6 with a heading's title 【議事】 above its children; the departments spaced as a
    table; 以上."""
    b = Builder(page)
    b.p("{{ council.name }}", "Title")
    b.p("{{ session.title }}（{{ session_kind }}）会議議事予定", "Title")
    b.p()
    b.tag("for s in sittings")
    b.p(
        "{% if loop.first %}日時　{% else %}　　　{% endif %}"
        + _WHEN
        + "{% if s.label %}（{{ s.label }}）{% endif %}",
        "字下げ1",
    )
    b.tag("endfor")
    b.tag("if session.written_from")
    b.p(
        "日時　{{ session.written_from|wareki }}～{{ session.written_until|wareki }}（書面決議）",
        "字下げ1",
    )
    b.tag("endif")
    b.tag("if one_place")
    b.p("場所　{{ one_place }}", "字下げ1")
    b.tag("else")
    b.tag("for s in sittings")
    b.p(
        "{% if loop.first %}場所　{% else %}　　　{% endif %}{{ s.place }}（{{ s.label }}）",
        "字下げ1",
    )
    b.tag("endfor")
    b.tag("endif")
    b.p()
    b.p("記", "記")
    b.p()
    b.tag("for e in items")
    b.tag("if not loop.first and not e.depth and items[loop.index0 - 1].depth")
    b.p()  # the group has ended: what follows is not under its heading
    b.tag("endif")
    b.tag("if e.heading")
    b.p("【{{ e.title }}】", "Heading 2")
    b.tag("else")
    b.p("{{ e.seq }}　{{ e.title }}", "箇条")
    _departments(b, nested=False)
    b.tag("endif")
    b.tag("endfor")
    b.p()
    b.p("以上", "以上")
    return b


BUILDERS = {
    "agenda-standard.docx": agenda_standard,
    "agenda-flat.docx": agenda_flat,
}
