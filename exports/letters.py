"""The agenda notice (会議議事予定): its title centred, the date and place of each sitting,
the numbered items with the departments and materials of each consultation, 以上 flush right.
The consultation request (諮問書) is :mod:`exports.request`."""

from __future__ import annotations

from agendas.notice import AgendaNotice, NoticeItem
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
