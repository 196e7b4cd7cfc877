"""The default Word templates of the 会議概要, as :mod:`exports.template_build` writes them.

Their Markdown twins are ``summary-<name>.md`` in ``exports/default_templates/``; the tags
read :class:`exports.summary_context.SummaryContext`.
"""

from __future__ import annotations

from typing import Any

from exports.docx_format import PageFormat
from exports.template_build import Builder

_WHEN = "{{ s.starts_at|wareki }}{{ s.starts_at|time_range(s.ends_at) }}"
_PRESENT = (
    "{% if s.present %}委員{{ s.present|length }}名（{{ s.present|map(attribute='label')|join }}）"
    "{% else %}（出欠の記録なし）{% endif %}"
)


def _kept(paragraph: Any) -> Any:
    """A paragraph kept on the page of the one after it (a heading's blank line, a fact)."""
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def summary_standard(page: PageFormat | None = None) -> Builder:
    """The app's own 会議概要: （案） or the version at the head, the title on two lines, a
    header table per sitting (〔2日目〕 above it), 議事の概要 item by item with 件名, 諮問機関,
    利用機関 and 実施機関 under the heading, (A委員) … turns, 以上."""
    b = Builder(page)
    b.tag("if stamp")
    b.p("{{ stamp }}", "右寄せ")
    b.tag("endif")
    b.p(
        "{{ session.title }}{{ '\\n' }}{{ council.name }}会議概要"
        "{% if day %}（{{ day }}）{% endif %}"
        "{% if internal %}（内部用・非公開部分を含む）{% endif %}",
        "Title",
    )
    b.tag("for s in sittings")
    b.p()
    b.tag("if s.label")
    b.p("〔{{ s.label }}〕", "Heading 1")
    b.tag("endif")
    b.table(
        [
            ("日時", [_WHEN]),
            ("場所", ["{{ s.place }}"]),
            ("出席者", [_PRESENT]),
            ("事務局", ["{{ s.secretariat_text or 'なし' }}"]),
            ("{%tr if session_closed %}", [""]),
            ("公開・非公開の別", ["非公開"]),
            ("{%tr endif %}", [""]),
        ],
        first_chars=7,
    )
    b.p()
    b.p("議事の概要", "Heading 1")
    b.tag("for x in s.sections")
    _kept(b.p())
    b.tag("if x.heading")
    b.p("{{ x.heading }}", "Heading 2")
    b.tag("endif")
    b.tag("for label, value in x.facts")
    b.tag("if label")
    _kept(b.p("{{ label }}：{{ value }}", "箇条"))
    b.tag("else")
    _kept(b.p("{{ value }}", "箇条2"))
    b.tag("endif")
    b.tag("endfor")
    _lines(b, labelled_turns=False)
    b.tag("endfor")
    b.tag("endfor")
    b.p("以上", "以上")
    return b


def _lines(b: Builder, *, labelled_turns: bool) -> None:
    """An item's gist: a turn under its label ((A委員) …), a further paragraph of it indented
    (or labelled again, ``labelled_turns``), ト書き centred, an opinion 1字 in."""
    b.tag("for line in x.lines")
    b.tag('if line.kind == "speech" and line.continued' + (" and false" if labelled_turns else ""))
    b.p("{{ line.text }}", "発言続き")
    b.tag('elif line.kind == "speech"')
    b.p("{{ line.label }} {{ line.text }}", "発言")
    b.tag('elif line.kind == "opinion"')
    b.p("【{{ line.opinion }}】{{ line.text }}", "箇条")
    b.tag("else")
    b.p("{{ line.text }}", "ト書き")
    b.tag("endif")
    b.tag("endfor")


def summary_by_day(page: PageFormat | None = None) -> Builder:
    """A 会議概要 a day, as councils that sit several days print it: each sitting its own
    document titled （1日目） (a page each when the whole session is written at once), the
    header numbered 1 開催日時 / 2 開催場所 / 3 審議者 / 4 事務局, each consultation under
    【諮問案件N】 as its heading with 諮問機関, 利用機関 and 出席した実施機関職員 below, every
    paragraph of a turn labelled; no 以上."""
    b = Builder(page)
    b.tag("for s in sittings")
    title = b.p(
        "{{ session.title }}{{ council.name }}{{ '\\n' }}会議概要"
        "{% if day %}（{{ day }}）{% elif s.label %}（{{ s.label }}）{% endif %}"
        "{% if internal %}（内部用・非公開部分を含む）{% endif %}",
        "Title",
    )
    title.paragraph_format.page_break_before = True
    b.tag("if stamp")
    b.p("{{ stamp }}", "右寄せ")
    b.tag("endif")
    b.p()
    b.p("1　開催日時　" + _WHEN, "箇条")
    b.p("2　開催場所　{{ s.place }}", "箇条")
    b.p(
        "3　審議者　　{% if s.present %}{{ s.present|map(attribute='label')|join }}"
        "（{{ s.present|length }}名）{% else %}（出欠の記録なし）{% endif %}",
        "箇条",
    )
    b.p("4　事務局　　{{ s.secretariat_text or 'なし' }}", "箇条")
    b.tag("if session_closed")
    b.p("5　公開・非公開の別　非公開", "箇条")
    b.tag("endif")
    b.p()
    b.p("議事の概要", "Heading 1")
    b.tag("for x in s.sections")
    _kept(b.p())
    b.tag('if x.kind == "consultation"')
    b.p(
        "【諮問案件{{ x.case or '' }}】{{ x.title }}{% if x.closed_mark %}　{{ x.closed_mark }}"
        "{% endif %}",
        "Heading 2",
    )
    b.tag("for q in x.questions")
    _kept(b.p("{{ q }}", "箇条2"))
    b.tag("endfor")
    b.tag("if not x.closed_note")
    _kept(b.p("(1)　諮問機関　{{ x.consulting|join }}", "箇条"))
    b.tag("if x.using")
    _kept(b.p("(2)　利用機関　{{ x.using|join }}", "箇条"))
    b.tag("endif")
    _kept(
        b.p(
            "({{ 3 if x.using else 2 }})　出席した実施機関職員　{{ x.agencies_text or 'なし' }}",
            "箇条",
        )
    )
    b.tag("endif")
    b.tag('elif x.kind == "report"')
    b.p(
        "【報告事項】{{ x.title }}{% if x.closed_mark %}　{{ x.closed_mark }}{% endif %}",
        "Heading 2",
    )
    b.tag('elif x.kind != "closed"')
    b.p(
        "{% if x.own %}{{ x.own }}　{% endif %}{{ x.title }}"
        "{% if x.closed_mark %}　{{ x.closed_mark }}{% endif %}",
        "Heading 2",
    )
    b.tag("endif")
    b.tag("if x.next_session")
    b.p("次回の開催：{{ x.next_session }}", "字下げ1")
    b.tag("endif")
    _lines(b, labelled_turns=True)
    b.tag("endfor")
    b.tag("endfor")
    return b


BUILDERS = {
    "summary-standard.docx": summary_standard,
    "summary-by-day.docx": summary_by_day,
}
