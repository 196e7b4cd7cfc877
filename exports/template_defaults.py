"""The default Word templates, as :mod:`exports.template_build` writes them.

Each function builds one default; its Markdown twin is the ``.md`` file of the same name in
``exports/default_templates/``. The tags read the kind's context (for the 会議録,
:class:`exports.minutes_context.MinutesContext`).
"""

from __future__ import annotations

from collections.abc import Callable

from exports import notice_defaults, summary_defaults
from exports.answer_templates import answer_kamagaya, answer_sections
from exports.docx_format import PageFormat
from exports.letter_templates import (
    annual_sessions,
    annual_standard,
    request_besshi,
    request_standard,
)
from exports.template_build import Builder

# Pieces shared by the 会議録 defaults.

_WHEN = (
    "{% if s.label %}{{ s.label }}　{% endif %}"
    "{{ s.starts_at|wareki }}{{ s.starts_at|time_range(s.ends_at) }}"
)
_WRITTEN = "{{ session.written_from|wareki }}～{{ session.written_until|wareki }}（書面決議）"
_REF = (
    "{% if i.parent_number %}{{ i.parent_number }}{{ i.parent_title }}（{{ i.index }}）"
    "{% else %}{{ i.number }}{{ i.title }}{% endif %}"
)
_ONLY_NESTED = (
    "{% if x.items %}（{% for i in x.items %}議事{{ i.number }}"
    "{% if not loop.last %}・{% endif %}{% endfor %}のみ出席）{% endif %}"
)
_ONLY = (
    "{% if x.items %}（{% for i in x.items %}"
    + _REF
    + "{% if not loop.last %}・{% endif %}{% endfor %}のみ出席）{% endif %}"
)


def _body(b: Builder, *, closing: bool, labelled_turns: bool = True) -> None:
    """会議の内容: a speech under its speaker, a turn's further paragraph without (a council
    that labels every paragraph gets the label again), ト書き centred, an opinion at its item."""
    b.tag("for line in body")
    b.tag('if line.kind == "heading"')
    b.p("{{ line.text }}", "Heading 2")
    b.tag(
        'elif line.kind == "speech" and line.continued' + ("" if labelled_turns else " and false")
    )
    b.p("{{ line.text }}", "発言続き")
    b.tag('elif line.kind == "speech"')
    b.p("{{ line.speaker }}：{{ line.text }}", "発言")
    b.tag('elif line.kind == "opinion"')
    b.p("【{{ line.opinion }}】{{ line.text }}", "箇条")
    b.tag("elif not line.closing" if not closing else "else")
    b.p("{{ line.text }}", "ト書き")
    b.tag("endif")
    b.tag("endfor")


def _errata(b: Builder) -> None:
    b.tag("if errata")
    b.p()
    b.p("正誤", "Heading 1")
    b.tag("for e in errata")
    b.p("{{ e }}", "箇条")
    b.tag("endfor")
    b.tag("endif")


def minutes_yotsukaido(page: PageFormat | None = None) -> Builder:
    """四街道市's 会議録（会議概要）: 日 時 / 場 所 / 出席者 (出席委員：… 事務局：… 実施機関：…),
    2 議事 with (1) (2) under it, one label a turn; no （案）, no closing line, no 以上."""
    b = Builder(page)
    b.p(
        "{{ session.title }}{{ council.name }}会議録（会議概要）"
        "{% if day %}（{{ day }}）{% endif %}"
        "{% if internal %}（内部用・非公開部分を含む）{% endif %}",
        "Title",
    )
    b.p()
    b.table(
        [
            (
                "日　時",
                [
                    "{%p for s in sittings %}",
                    _WHEN,
                    "{%p endfor %}",
                    "{%p if session.written_from %}",
                    _WRITTEN,
                    "{%p endif %}",
                ],
            ),
            (
                "場　所",
                [
                    "{%p for s in sittings %}",
                    "{% if s.label %}{{ s.label }}　{% endif %}{{ s.place }}",
                    "{%p endfor %}",
                ],
            ),
            (
                "出席者",
                [
                    "{%p for s in sittings %}",
                    "{% if s.label %}{{ s.label }}　{% endif %}出席委員："
                    "{% if s.roll_taken %}{{ s.present|map(attribute='label')|join }}"
                    "{% else %}（記録なし）{% endif %}",
                    "{% if s.label %}{{ s.label }}　{% endif %}欠席委員："
                    "{% if s.roll_taken %}{{ (s.absent|map(attribute='label')|join) or 'なし' }}"
                    "{% else %}（記録なし）{% endif %}",
                    "{%p endfor %}",
                    "事務局：{{ (secretariat_names|join) or 'なし' }}",
                    "{%p if agencies %}",
                    "実施機関：{% if agencies_only %}{{ agency_names|join }}"
                    "{% set x = agencies[0] %}" + _ONLY + "{% else %}"
                    "{% for x in agencies %}{{ x.names|join }}" + _ONLY + ""
                    "{% if not loop.last %}、{% endif %}{% endfor %}{% endif %}",
                    "{%p endif %}",
                    "{%p if observers %}",
                    "オブザーバー：{% for x in observers %}{{ x.organisation }}{{ x.headcount }}人"
                    + _ONLY
                    + "{% if not loop.last %}、{% endif %}{% endfor %}",
                    "{%p endif %}",
                ],
            ),
            ("公開・非公開の別", ["{{ openness }}"]),
            ("傍聴人", ["{{ audience }}人"]),
        ],
        first_chars=9,
    )
    b.p()
    b.p("会議次第", "Heading 1")
    b.tag("for e in agenda")
    b.tag("if e.depth")
    b.p("{{ e.own }}{{ e.title }}{% if e.closed_mark %}　{{ e.closed_mark }}{% endif %}", "字下げ2")
    b.tag("else")
    b.p(
        "{{ e.number }} {{ e.title }}{% if e.closed_mark %}　{{ e.closed_mark }}{% endif %}",
        "字下げ1",
    )
    b.tag("endif")
    b.tag("endfor")
    b.p()
    b.p("会議の内容", "Heading 1")
    _body(b, closing=False)
    _errata(b)
    return b


def minutes_standard(page: PageFormat | None = None) -> Builder:
    """The app's own 会議録: （案） or the version at the head, the title on two lines, a
    header table with one label per fact, the decision's closing line, 以上."""
    b = Builder(page)
    b.p("{{ stamp }}", "右寄せ")
    b.p(
        "{{ session.title }}{{ '\\n' }}{{ council.name }}会議録{% if day %}（{{ day }}）{% endif %}"
        "{% if internal %}（内部用・非公開部分を含む）{% endif %}",
        "Title",
    )
    b.p()
    b.table(
        [
            (
                "日時",
                [
                    "{%p for s in sittings %}",
                    _WHEN,
                    "{%p endfor %}",
                    "{%p if session.written_from %}",
                    _WRITTEN,
                    "{%p endif %}",
                ],
            ),
            (
                "場所",
                [
                    "{%p for s in sittings %}",
                    "{% if s.label %}{{ s.label }} {% endif %}{{ s.place }}",
                    "{%p endfor %}",
                    "{%p if session.written_from %}",
                    "書面による",
                    "{%p endif %}",
                ],
            ),
            (
                "出席委員",
                [
                    "{%p for s in sittings %}",
                    "{% if s.label %}{{ s.label }} {% endif %}"
                    "{% if s.roll_taken %}{{ s.present|map(attribute='label')|join }}"
                    "{% else %}（記録なし）{% endif %}",
                    "{%p endfor %}",
                ],
            ),
            (
                "欠席委員",
                [
                    "{%p for s in sittings %}",
                    "{% if s.label %}{{ s.label }} {% endif %}"
                    "{% if s.roll_taken %}{{ (s.absent|map(attribute='label')|join) or 'なし' }}"
                    "{% else %}（記録なし）{% endif %}",
                    "{%p endfor %}",
                ],
            ),
            ("事務局", ["{{ (secretariat|map(attribute='text')|join) or 'なし' }}"]),
            ("{%tr if agencies %}", [""]),
            (
                "実施機関",
                [
                    "{% for x in agencies %}{{ x.text }}"
                    + _ONLY_NESTED
                    + "{% if not loop.last %}、{% endif %}{% endfor %}"
                ],
            ),
            ("{%tr endif %}", [""]),
            ("{%tr if observers %}", [""]),
            (
                "オブザーバー",
                [
                    "{% for x in observers %}{{ x.organisation }}{{ x.headcount }}人"
                    + _ONLY_NESTED
                    + "{% if not loop.last %}、{% endif %}{% endfor %}"
                ],
            ),
            ("{%tr endif %}", [""]),
            ("公開・非公開の別", ["{{ openness }}"]),
            ("傍聴人", ["{{ audience }}人"]),
        ],
        first_chars=9,
    )
    b.p()
    b.p("会議次第", "Heading 1")
    b.tag("for e in agenda")
    b.tag("if e.depth")
    b.p("{{ e.own }} {{ e.title }}{% if e.closed_mark %}　{{ e.closed_mark }}{% endif %}", "箇条2")
    b.tag("else")
    b.p(
        "{{ e.number }} {{ e.title }}{% if e.closed_mark %}　{{ e.closed_mark }}{% endif %}", "箇条"
    )
    b.tag("endif")
    b.tag("endfor")
    b.p()
    b.p("会議の内容", "Heading 1")
    _body(b, closing=True)
    b.p("以上", "以上")
    _errata(b)
    return b


BUILDERS: dict[str, Callable[[PageFormat | None], Builder]] = {
    "minutes-yotsukaido.docx": minutes_yotsukaido,
    "minutes-standard.docx": minutes_standard,
    **summary_defaults.BUILDERS,
    **notice_defaults.BUILDERS,
    "request-standard.docx": request_standard,
    "request-besshi.docx": request_besshi,
    "annual-standard.docx": annual_standard,
    "annual-sessions.docx": annual_sessions,
    "answer-kamagaya.docx": answer_kamagaya,
    "answer-sections.docx": answer_sections,
}
"""Every default's Word file, by its name in ``exports/default_templates/``."""
