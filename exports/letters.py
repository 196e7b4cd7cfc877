"""The agenda notice (会議議事予定) and the consultation request (諮問書), laid out as the
municipal 往復文書 form lays them out: number and date flush right, addressee left with 様,
sender right, title centred, 記 centred, 以上 flush right."""

from __future__ import annotations

from pathlib import Path

from agendas.notice import AgendaNotice, ConsultationRequest, NoticeItem
from agendas.rules import question_mark
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
    """「2　議事」, a child 「　(1)　…」 under it, each with 諮問機関 and 利用機関 further in."""
    indent = "　" * item.depth
    mark = f"{item.listed or item.number}　" if (item.listed or item.number) else ""
    out = [f"{indent}{mark}{item.title}"]
    if item.consulting:
        out.append(f"{indent}　　諮問機関：" + "、".join(d.label for d in item.consulting))
    if item.using:
        out.append(f"{indent}　　利用機関：" + "、".join(d.label for d in item.using))
    return out


def request_lines(request: ConsultationRequest) -> list[str]:
    c = request.consultation
    articles = "、".join(dict.fromkeys(q.article for q in c.questions if q.article))
    out = [
        c.number,
        format_date(c.filed_on, weekday=False) if c.filed_on else "",
        f"{request.council}会長　{request.chair}　様"
        if request.chair
        else f"{request.council}会長　様",
        f"{request.municipality}長",
        c.title,
        f"{articles}の規定に基づき、下記のとおり諮問します。"
        if articles
        else "下記のとおり諮問します。",
        "記",
        f"1　件名　{c.title}",
        "2　諮問の内容",
    ]
    out += [
        f"　{question_mark(i)}　{q.kind.label}（{q.article}）{('　' + q.text) if q.text else ''}"
        for i, q in enumerate(c.questions)
    ]
    out.append("3　諮問機関　" + "、".join(d.label for d in c.consulting))
    if c.using:
        out.append("4　利用機関　" + "、".join(d.label for d in c.using))
    if c.materials:
        out.append(f"{5 if c.using else 4}　資料　" + "、".join(c.materials))
    out.append("以上")
    return out


def notice_markdown(notice: AgendaNotice) -> str:
    return _lines_markdown(notice_lines(notice))


def request_markdown(request: ConsultationRequest) -> str:
    return _lines_markdown(request_lines(request))


def _lines_markdown(lines: list[str]) -> str:
    """Each line of the letter on its own line (a hard break), every character text."""
    from exports.markdown import md_line

    return "\n".join(f"{md_line(line)}  " if line else "" for line in lines) + "\n"


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


def request_docx(
    request: ConsultationRequest, path: Path, *, page: PageFormat | None = None
) -> Path:
    from exports.writers import save

    page = page or PageFormat()
    doc = new_document(page)
    lines = request_lines(request)
    number, day, addressee, sender, title, lead = lines[:6]
    paragraph(doc, number, align="right", page=page)
    paragraph(doc, day, align="right", page=page)
    paragraph(doc, page=page)
    paragraph(doc, addressee, first=1, page=page)
    paragraph(doc, page=page)
    paragraph(doc, sender, align="right", page=page)
    paragraph(doc, page=page)
    paragraph(doc, "諮問書", align="center", size_pt=14, bold=True, page=page)
    paragraph(doc, title, align="center", page=page)
    paragraph(doc, page=page)
    paragraph(doc, lead, first=1, page=page)
    paragraph(doc, "記", align="center", page=page)
    for line in lines[7:-1]:
        if line.startswith("　"):  # ① ② under 諮問の内容
            paragraph(doc, line.strip("　"), left=1, hanging=1, page=page)
        else:
            paragraph(doc, line, hanging=1, page=page)
    paragraph(doc, "以上", align="right", page=page)
    return save(path, doc.save)
