"""The default Word templates of the answer (答申書), as :mod:`exports.template_build` writes
them; their Markdown twins are ``answer-<name>.md`` in ``exports/default_templates/``.

The tags read :class:`exports.answer_context.AnswerContext`. A text the clerk wrote on the
ladder (諮問する根拠, 実施機関の主張要旨, the reasoning, the remarks) prints one paragraph per
block: a heading of level 1 in Heading 2, deeper ones in Heading 3, each 1字 further in with
its wrapped lines 1字 right of the mark; a 「・」 bullet and what is numbered under it in
箇条 / 箇条2 / 箇条3; a paragraph 1字 in from its heading's text with its first line 1字 more
(本文1–本文4).
"""

from __future__ import annotations

from typing import Any

from exports.docx_format import PageFormat
from exports.template_build import Builder

_BODY = 4
"""本文1–本文4: a paragraph under 第N, under level 1, 2 and 3 (deeper ones as 本文4)."""


def _style(b: Builder, name: str, *, left: int, hanging: int = 0, first: int = 0) -> None:
    """A paragraph style on Normal with indents in 字, written the Word-JP way."""
    from docx.enum.style import WD_STYLE_TYPE

    style = b.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = b.doc.styles["Normal"]
    style.quick_style = True
    _indent(style.element, style.paragraph_format, b.page, left=left, hanging=hanging, first=first)


def _indent(
    element: Any, fmt: Any, page: PageFormat, *, left: int, hanging: int = 0, first: int = 0
) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Twips

    size = page.size_pt
    fmt.left_indent = Twips(round((left + hanging) * size * 20))
    fmt.first_line_indent = Twips(round((first - hanging) * size * 20))
    ind = element.get_or_add_pPr().find(qn("w:ind"))
    ind.set(qn("w:leftChars"), str((left + hanging) * 100))
    if hanging:
        ind.set(qn("w:hangingChars"), str(hanging * 100))
    elif first:
        ind.set(qn("w:firstLineChars"), str(first * 100))


def _styles(b: Builder) -> None:
    for n in range(1, _BODY + 1):
        _style(b, f"本文{n}", left=n, first=1)
    _style(b, "箇条3", left=3, hanging=1)


def _heading(b: Builder, text: str, style: str, level: int) -> None:
    """A ladder heading: the Heading style (the navigation pane's level), the ladder's indent."""
    p = b.p(text, style)
    _indent(p._p, p.paragraph_format, b.page, left=level, hanging=1)


def _ladder(b: Builder, blocks: str) -> None:
    """The blocks of one of the clerk's texts; （未記入） when there are none."""
    line = "{{ x.mark }}　{{ x.text }}"
    b.tag(f"for x in {blocks}")
    b.tag('if x.kind == "heading" and x.level <= 1')
    _heading(b, line, "Heading 2", 1)
    b.tag('elif x.kind == "heading" and x.level == 2')
    _heading(b, line, "Heading 3", 2)
    b.tag('elif x.kind == "heading"')
    _heading(b, line, "Heading 3", 3)
    b.tag('elif x.kind == "item" and x.level <= 1')
    b.p(line, "箇条")
    b.tag('elif x.kind == "item" and x.level == 2')
    b.p(line, "箇条2")
    b.tag('elif x.kind == "item"')
    b.p(line, "箇条3")
    for n in range(1, _BODY):
        b.tag(f"elif x.level == {n - 1}")
        b.p("{{ x.text }}", f"本文{n}")
    b.tag("else")
    b.p("{{ x.text }}", f"本文{_BODY}")
    b.tag("endif")
    b.tag("else")
    b.p("{{ gap }}", "本文1")
    b.tag("endfor")


def _conclusions(b: Builder) -> None:
    """One conclusion per question: ①②③ when there are several, none for one."""
    b.tag("for x in conclusions")
    b.tag("if many_questions")
    b.p("{{ loop.index|circled }}　{{ x }}", "箇条")
    b.tag("else")
    b.p("{{ x }}", "本文1")
    b.tag("endif")
    b.tag("endfor")


def _sections(b: Builder, sections: str) -> None:
    """Each (heading, blocks) of ``sections`` (a Jinja list) as a Heading 1 and its ladder."""
    b.tag(f"for heading, blocks in {sections}")
    b.p()
    b.p("{{ heading }}", "Heading 1")
    _ladder(b, "blocks")
    b.tag("endfor")


_CHAIR = (
    "{% if chair %}{{ chair.role }}　{{ chair.name|replace(' ', '　') }}{% else %}会長{% endif %}"
)


def answer_kamagaya(page: PageFormat | None = None) -> Builder:
    """鎌ヶ谷市's 答申書: 答 申 第 N 号 and the date flush right, the mayor 様, the council and its
    chair, the title 「…の規定による諮問について（答申）」, 「…により諮問のあったことについて、
    下記のとおり答申します。」, 記, 第1 審査会の結論 … 第5 実施にあたっての留意事項 (when there
    is any); no members' list, no 以上."""
    b = Builder(page)
    _styles(b)
    b.p("{% if number == gap %}{{ gap }}{% else %}{{ number|spread('　') }}{% endif %}", "右寄せ")
    b.p("{{ date_text }}", "右寄せ")
    b.p()
    b.p("{{ addressee }}")
    b.p()
    b.p("{{ council.name }}", "右寄せ")
    b.p(_CHAIR, "右寄せ")
    b.p()
    b.p(
        "{% if articles %}{{ articles }}の規定による諮問{% else %}{{ about }}{% endif %}"
        "について（答申）",
        "Title",
    )
    b.p()
    b.p(
        "{{ consultation.filed_text }}付け{{ consultation.number }}により諮問のあったことに"
        "ついて、下記のとおり答申します。",
        "本文字下げ",
    )
    b.p()
    b.p("記", "記")
    b.p()
    b.p("第1　{{ council.kind }}の結論", "Heading 1")
    _conclusions(b)
    b.tag(
        "set sections = [('第2　諮問する根拠', basis), ('第3　実施機関の主張要旨', claims),"
        " ('第4　' ~ council.kind ~ 'の判断', reasoning)]"
        " + ([('第5　実施にあたっての留意事項', attached)] if has_remarks else [])"
    )
    _sections(b, "sections")
    return b


def answer_sections(page: PageFormat | None = None) -> Builder:
    """「…に係る答申書」: the number and date flush right, the title naming the subject, the
    sections 1–5 (結論, 諮問の概要, 実施機関の説明, the council's 判断, 付言 when there is
    any); no 記 and no 以上."""
    b = Builder(page)
    _styles(b)
    b.tag("if number")
    b.p("{{ number }}", "右寄せ")
    b.tag("endif")
    b.p("{{ date_text }}", "右寄せ")
    b.p()
    b.p("{{ addressee }}")
    b.p()
    b.p("{{ council.name }}", "右寄せ")
    b.p(_CHAIR, "右寄せ")
    b.p()
    b.p("{{ about }}に係る答申書", "Title")
    b.p()
    b.p(
        "{{ consultation.filed_text }}付け{{ consultation.number }}で諮問のあった{{ about }}に"
        "ついて、次のとおり答申します。",
        "本文字下げ",
    )
    b.p()
    b.p("1　{{ council.kind }}の結論", "Heading 1")
    _conclusions(b)
    b.tag(
        "set sections = [('2　諮問の概要', overview), ('3　実施機関の説明', claims),"
        " ('4　' ~ council.kind ~ 'の判断', reasoning)]"
        " + ([('5　付言', attached)] if has_remarks else [])"
    )
    _sections(b, "sections")
    return b
