"""The agenda notice (会議議事予定): its title centred, the date and place of each sitting,
the numbered items with the departments and materials of each consultation, 以上 flush right.
The consultation request (諮問書) is :mod:`exports.request`."""

from __future__ import annotations

from pathlib import Path

from agendas.notice import AgendaNotice, NoticeItem
from exports.docx_format import PageFormat, new_document, paragraph
from meeting.dates import format_date, format_time_range, to_tokyo


def notice_lines(notice: AgendaNotice) -> list[str]:
    out = [notice.title, f"{notice.council} 会議議事予定", ""]
    many = len(notice.sittings) > 1
    for s in notice.sittings:
        start = to_tokyo(s.starts_at)
        day = f"（{s.ordinal}日目）" if many else ""
        out.append(
            f"日時{day}　{format_date(start.date())}{format_time_range(s.starts_at, s.ends_at)}"
        )
        out.append(f"場所{day}　{s.place}")
    out += ["", "議題"]
    for item in notice.items:
        out += _item_lines(item)
    return out


def _item_lines(item: NoticeItem) -> list[str]:
    """「2　議事」, a child 「　(1)　…」 under it, with 諮問機関, 利用機関 and 資料 further in."""
    indent = "　" * item.depth
    mark = f"{item.listed or item.number}　" if (item.listed or item.number) else ""
    return [f"{indent}{mark}{item.title}", *(f"{indent}{line}" for line in _under(item))]


def _under(item: NoticeItem) -> list[str]:
    """諮問機関, 利用機関 and 資料 under a consultation's item."""
    out = []
    if item.consulting:
        out.append("　　諮問機関：" + "、".join(d.label for d in item.consulting))
    if item.using:
        out.append("　　利用機関：" + "、".join(d.label for d in item.using))
    if item.materials:
        out.append("　　資料：" + "、".join(item.materials))
    return out


def notice_markdown(notice: AgendaNotice) -> str:
    """The notice as Markdown: its title a heading, each line of the date and place its own
    paragraph (no line relies on a hard break), the items a list with their departments and
    materials under them; every stored text escaped."""
    from exports.markdown import md_inline, md_line

    lines = notice_lines(notice)
    out = [f"## {md_inline(lines[0])} {md_inline(lines[1])}"]
    body = lines[2 : lines.index("議題")]
    out += [md_line(line) for line in body if line]
    out.append("### 議題")
    items = []
    for item in notice.items:
        head, *under = _item_lines(item)
        nest = "  " * item.depth  # a heading's child is a list inside its heading's item
        items.append(f"{nest}- {md_line(head.strip('　'))}")
        items += [f"{nest}  - {md_line(line.strip('　'))}" for line in under]
    out.append("\n".join(items))
    out.append("以上")
    return "\n\n".join(out) + "\n"


def notice_docx(notice: AgendaNotice, path: Path, *, page: PageFormat | None = None) -> Path:
    from exports.writers import save

    page = page or PageFormat()
    doc = new_document(page)
    lines = notice_lines(notice)
    for title in lines[:2]:
        paragraph(doc, title, align="center", size_pt=14, bold=True, page=page)
    listed = len(lines) - sum(len(_item_lines(item)) for item in notice.items)
    for line in lines[2:listed]:
        paragraph(doc, line, hanging=1, page=page)
    for item in notice.items:
        head, *under = _item_lines(item)
        paragraph(doc, head.lstrip("　"), left=item.depth, hanging=1, page=page)
        for line in under:  # 諮問機関 / 利用機関 under their item
            paragraph(doc, line.lstrip("　"), left=item.depth + 3, page=page)
    paragraph(doc, "以上", align="right", page=page)
    return save(path, doc.save)
