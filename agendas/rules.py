"""Rules of consultations and agendas: articles, question marks, numbering, and the order of things.

Pure functions; the stores call them before writing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from agendas.appeals import check_dates
from agendas.model import (
    AgendaItem,
    Appeal,
    Appellant,
    CaseKind,
    Conclusion,
    ConsultationDraft,
    ConsultationStatus,
    Department,
    ItemKind,
    Question,
    Section,
)
from meeting.errors import InputError
from meeting.forms import parse_path, path_text
from meeting.model import AgendaNumbering

_ARTICLE = re.compile(r"^(?:.*?)条例第(\d+)条(?:の(\d+))?(?:第(\d+)項)?(?:第(\d+)号)?$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CARRIED_MARK = "（前回の補足説明）"

# The kinds of item a record from before headings (migration 9) grouped under 議事.
_DELIBERATION = (ItemKind.PREVIOUS_MINUTES, ItemKind.CONSULTATION, ItemKind.REPORT)


@dataclass(frozen=True)
class Article:
    """条例第9条第3項第4号, read into its parts."""

    article: int
    branch: int | None
    paragraph: int | None
    item: int | None


def parse_article(text: str) -> Article | None:
    """Read 条例第N条(第N項)(第N号); None when the text does not have that form.

    An article that does not parse is kept as the clerk wrote it, but flagged.
    """
    s = unicodedata.normalize("NFKC", text).replace(" ", "")
    m = _ARTICLE.match(s)
    if not m:
        return None
    branch, paragraph, item = (int(g) if g else None for g in m.groups()[1:])
    return Article(int(m.group(1)), branch, paragraph, item)


def question_mark(index: int) -> str:
    """①, ②, ③… for the first, second, third question."""
    return _CIRCLED[index] if index < len(_CIRCLED) else f"({index + 1})"


def question_line(index: int, question: Question) -> str:
    """①　目的外利用（条例第9条第3項第4号）　…: a question as the documents print it."""
    text = f"　{question.text}" if question.text else ""
    return f"{question_mark(index)}　{question.kind.label}（{question.article}）{text}"


def parse_departments(text: str, *, field: str) -> tuple[Department, ...]:
    """「総務部／総務課、健康部／保健所／健康づくり課」: a department per 、 or line, each a path
    of any depth (:func:`meeting.forms.parse_path`); 「総務部 総務課」 still reads as two parts."""
    parts = [p.strip() for p in re.split(r"[、,\n;；]", text) if p.strip()]
    return tuple(Department(*parse_path(part, field=field)) for part in parts)


def departments_text(departments: Sequence[Department]) -> str:
    """Departments as the consultation form shows them to edit (:func:`parse_departments`)."""
    return "、".join(path_text(d.path) for d in departments)


def parse_materials(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[、,\n]", text) if p.strip())


def validate_consultation(draft: ConsultationDraft) -> ConsultationDraft:
    """A draft as it is written: texts trimmed, an empty number left empty (not yet numbered).

    A consultation needs its questions; an appeal the decision it is brought against, and its
    dates in order (``agendas.appeals.check_dates``).
    """
    appeal = draft.kind is CaseKind.APPEAL
    title = " ".join(draft.title.split())
    if not title:
        raise InputError("件名", "件名を入れてください")
    if not draft.questions and not appeal:
        raise InputError("諮問事項", "諮問事項（種別と根拠条文）を少なくとも一つ入れてください")
    if not draft.consulting:
        raise InputError("諮問機関", "諮問機関（部署）を入れてください")
    if appeal and draft.appeal.disposition is None:
        raise InputError("処分", "審査請求の対象の処分（不開示、部分開示…）を選んでください")
    if draft.conclusion is Conclusion.OTHER and not draft.conclusion_text.strip():
        raise InputError("答申の内容", "「その他」の結論は、答申の内容を文で入れてください")
    check_dates(draft)
    a = draft.appeal
    return replace(
        draft,
        number=draft.number.strip(),
        title=title,
        sender=draft.sender.strip(),
        consulted_under=draft.consulted_under.strip(),
        sections=tuple(
            Section(s.heading.strip(), s.text.strip("\n"))
            for s in draft.sections
            if s.heading.strip() or s.text.strip()
        ),
        attachments=tuple(n.strip() for n in draft.attachments if n.strip()),
        appeal=replace(
            a,
            disposition_detail=a.disposition_detail.strip(),
            disposition_number=a.disposition_number.strip(),
        )
        if appeal
        else Appeal(),
        conclusion_text=draft.conclusion_text.strip(),
        appellant=draft.appellant if appeal else Appellant(),  # not an appeal: none kept
    )


def flagged_articles(draft: ConsultationDraft) -> list[str]:
    """The articles that do not read as 条例第N条(第N項)(第N号): kept, but shown to the clerk."""
    return [q.article for q in draft.questions if parse_article(q.article) is None]


# Agenda numbering and the tree of headings


@dataclass(frozen=True)
class Numbered:
    """An item as a list prints it: its number, the number as listed under its heading, and
    how deep it sits."""

    item: AgendaItem
    number: str
    """The whole number, the same everywhere: 1, 2(1)… (nested) or 1 … 6 (flat); "" for a
    heading in a flat agenda."""
    listed: str
    """As a list prints it under the heading: (1) for 2(1); else the whole number."""
    depth: int
    """0 for a top-level item, 1 for a heading's child."""

    def line(self, title: str | None = None, *, space: str = "　") -> str:
        """「2　議事」, 「　(1)　…」: the item as a list prints it, indented under its heading
        (one 全角 space a level)."""
        text = item_title(self.item) if title is None else title
        mark = f"{self.listed}{space}" if self.listed else ""
        return "　" * self.depth + mark + text


def in_tree_order(items: Sequence[AgendaItem]) -> list[AgendaItem]:
    """Top-level items by position, each followed by its children by position: the only order
    an agenda is kept in. An item whose heading is not a top-level item of the agenda (a record
    from elsewhere, never one the app wrote) stands at the top."""
    by_id = {i.id: i for i in items}
    ordered = sorted(items, key=lambda i: (i.position, i.id))
    children: dict[int, list[AgendaItem]] = {}
    top: list[AgendaItem] = []
    for item in ordered:
        parent = by_id.get(item.parent_id) if item.parent_id is not None else None
        if parent is not None and parent.id != item.id and parent.parent_id is None:
            children.setdefault(parent.id, []).append(item)
        else:
            top.append(item)
    out: list[AgendaItem] = []
    for item in top:
        out.append(item)
        out += children.get(item.id, [])
    return out


def headings(items: Sequence[AgendaItem]) -> set[int]:
    """The items that have children."""
    by_id = {i.id: i for i in items}
    return {
        i.parent_id
        for i in items
        if i.parent_id is not None
        and i.parent_id != i.id
        and i.parent_id in by_id
        and by_id[i.parent_id].parent_id is None
    }


def numbered(
    items: Sequence[AgendaItem], numbering: AgendaNumbering = AgendaNumbering.NESTED
) -> list[Numbered]:
    """Every item with its number, in the agenda's order.

    Nested: top-level items 1, 2, 3…, a heading's children (1), (2)… under it (2(1), 2(2)).
    Flat: one run 1 … N over every item that is not a heading; a heading prints unnumbered.
    """
    order = in_tree_order(items)
    parents = headings(order)
    out: list[Numbered] = []
    whole: dict[int, str] = {}
    top = sub = run = 0
    for item in order:
        child = item.parent_id in whole
        if numbering is AgendaNumbering.FLAT:
            number = "" if item.id in parents else str(run := run + 1)
            listed = number
        elif child:
            sub += 1
            listed = f"({sub})"
            number = whole[item.parent_id or 0] + listed
        else:
            top += 1
            sub = 0
            number = listed = str(top)
        if not child:
            whole[item.id] = number
        out.append(Numbered(item, number, listed, 1 if child else 0))
    return out


def item_numbered(items: Sequence[Numbered], text: str, *, field: str = "議題") -> AgendaItem:
    """The item whose number the clerk typed as the agenda shows it: 3, 2(1), ２（１）; a
    number the agenda does not have is named with the ones it has."""
    typed = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    for n in items:
        if n.number and n.number == typed:
            return n.item
    shown = "、".join(n.number for n in items if n.number) or "なし"
    raise InputError(field, f"「{text.strip()}」という番号の議題はありません（{shown}）")


def items_numbered(
    items: Sequence[Numbered], text: str, *, field: str = "議題"
) -> list[AgendaItem]:
    """Items by the numbers the agenda shows, separated by 「、」 or 「,」 (2(1)、3); none for an
    empty text."""
    parts = [p for p in re.split(r"[,、]", unicodedata.normalize("NFKC", text)) if p.strip()]
    return [item_numbered(items, part, field=field) for part in parts]


def agenda_numbers(
    items: Sequence[AgendaItem], numbering: AgendaNumbering = AgendaNumbering.NESTED
) -> list[str]:
    """The numbers the documents print, in the order of ``items``: 1, 2(1), 2(2), 3 (nested) or
    1 … 6 (flat)."""
    by_id = {n.item.id: n.number for n in numbered(items, numbering)}
    return [by_id[i.id] for i in items]


def heading_of(item: AgendaItem) -> str:
    """議事 for an item under a heading (or one of the deliberation kinds), else its kind."""
    if item.parent_id is not None or item.kind in _DELIBERATION:
        return "議事"
    return item.kind.label


def check_parent(items: Sequence[AgendaItem], item: AgendaItem, parent_id: int | None) -> None:
    """That ``item`` may sit under ``parent_id`` (None: at the top): headings are one level
    deep, so an item with children cannot go under another, nor any item under a child."""
    if parent_id is None:
        return
    by_id = {i.id: i for i in items}
    parent = by_id.get(parent_id)
    if parent is None:
        raise InputError("見出し", f"議題 {parent_id} はこの会議次第にありません")
    if parent.id == item.id:
        raise InputError("見出し", f"「{item_title(item)}」を自分の下には入れられません")
    if parent.parent_id is not None:
        raise InputError(
            "見出し",
            f"「{item_title(parent)}」は見出しの下の議題です。見出しは一段だけです",
        )
    if item.id in headings(items):
        raise InputError(
            "見出し",
            f"「{item_title(item)}」の下に議題があるため、ほかの見出しの下には入れられません",
        )


def item_title(item: AgendaItem) -> str:
    """The title as printed: a continued item carries the mark 前回の補足説明."""
    return item.title + (
        CARRIED_MARK if item.carried_over and CARRIED_MARK not in item.title else ""
    )


def check_position(position: int, count: int) -> None:
    if not 1 <= position <= count:
        raise InputError("順番", f"{position}番目には移せません（1から{count}までです）")


# A consultation's life

_NEXT: dict[ConsultationStatus, set[ConsultationStatus]] = {
    ConsultationStatus.FILED: {ConsultationStatus.ON_AGENDA, ConsultationStatus.WITHDRAWN},
    ConsultationStatus.ON_AGENDA: {
        ConsultationStatus.DELIBERATED,
        ConsultationStatus.CARRIED_OVER,
        ConsultationStatus.FILED,
        ConsultationStatus.WITHDRAWN,
    },
    ConsultationStatus.DELIBERATED: {
        ConsultationStatus.DECIDED,
        ConsultationStatus.CARRIED_OVER,
        ConsultationStatus.WITHDRAWN,
    },
    ConsultationStatus.CARRIED_OVER: {
        ConsultationStatus.ON_AGENDA,
        ConsultationStatus.DECIDED,
        ConsultationStatus.WITHDRAWN,
    },
    ConsultationStatus.DECIDED: {ConsultationStatus.ANSWERED, ConsultationStatus.CARRIED_OVER},
    ConsultationStatus.ANSWERED: set(),
    ConsultationStatus.WITHDRAWN: set(),
}


def next_statuses(current: ConsultationStatus) -> list[ConsultationStatus]:
    """Where a consultation may go from here, in the order of its life."""
    return [s for s in ConsultationStatus if s in _NEXT[current]]


def check_transition(current: ConsultationStatus, new: ConsultationStatus) -> None:
    if new is current:
        return
    if new not in _NEXT[current]:
        raise InputError("状態", f"「{current.label}」の諮問を「{new.label}」にはできません")


CLOSED_MARK = "【非公開】"
"""How the screens and the internal documents mark what a public document leaves out."""


def closed_item_mark(item: AgendaItem) -> str:
    """【非公開】 with the reason, as the internal version and the screens mark a closed item."""
    return CLOSED_MARK + (f"（{item.closed_reason}）" if item.closed_reason else "")


def agenda_lines(
    items: Sequence[AgendaItem],
    *,
    current_id: int | None = None,
    sitting_ordinals: dict[int, int] | None = None,
    numbering: AgendaNumbering = AgendaNumbering.NESTED,
) -> list[str]:
    """The agenda as the screens list it: ▶ at the current item, a heading's children indented
    under it, ［2日目］ when split by sitting, 【非公開】 on a closed item."""
    lines = []
    for entry in numbered(items, numbering):
        item = entry.item
        mark = "▶" if current_id is not None and item.id == current_id else "  "
        day = ""
        if sitting_ordinals and len(set(sitting_ordinals.values())) > 1:
            day = f"［{sitting_ordinals.get(item.sitting_id or 0, 1)}日目］"
        closed = "" if item.public else CLOSED_MARK
        number = f"{entry.listed} " if entry.listed else ""
        lines.append(f"{mark}{'  ' * entry.depth}{number}{closed}{item_title(item)}{day}")
    return lines
