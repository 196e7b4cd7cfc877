"""The 会議概要 and the 会議議事予定 from their templates: the app's own defaults print what the
code-laid documents printed, the second defaults print another city's way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from exports.letters import notice_lines
from exports.markdown import md_inline, md_line
from exports.registry import Prepared, prepare
from exports.summary import summary_text
from exports.template_sets import default_named
from exports.templating import render_docx, render_markdown
from meeting.entry.demo import load_demo
from meeting.model import SessionStatus
from meeting.store import list_sessions


@pytest.fixture
def sessions(db, now):
    """The demo's held session (two days) and its next one (two days, a heading with four
    items under it)."""
    council = load_demo(db, now=now)
    listed = list_sessions(db, council.id)
    held = next(s for s in listed if s.status is SessionStatus.HELD)
    upcoming = next(s for s in listed if s.status is SessionStatus.SCHEDULED and s.sittings)
    return held, upcoming


def _md(prepared: Prepared, name: str) -> list[str]:
    template = default_named(prepared.kind.name, name).load()
    return render_markdown(template.markdown, prepared.context).splitlines()


def _docx(prepared: Prepared, name: str, out: Path) -> list[tuple[str, str]]:
    """(style, text) of every paragraph the default ``name`` makes of ``prepared``."""
    template = default_named(prepared.kind.name, name).load()
    document = Document(render_docx(template.docx, prepared.context, out))
    return [(p.style.name, p.text) for p in document.paragraphs]


def _blank_lines_squeezed(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def _summary_as_lines(summary) -> str:
    """The standard summary's Markdown, as the app wrote it before templates: the title a
    heading, every further line of the summary's text ending in a hard break."""
    lines = summary_text(summary)
    body = "\n".join(f"{md_line(line)}  " if line else "" for line in lines[1:])
    return _blank_lines_squeezed(f"## {md_inline(lines[0])}\n\n{body}\n")


def _notice_as_list(notice) -> str:
    """The standard agenda notice's Markdown, as the app wrote it before templates."""
    lines = notice_lines(notice)
    out = [f"## {md_inline(lines[0])} {md_inline(lines[1])}"]
    out += [md_line(line) for line in lines[2 : lines.index("議題")] if line]
    out.append("### 議題")
    items, depth = [], 0
    for line in lines[lines.index("議題") + 1 :]:
        if line == "以上":
            break
        text = line.strip("　")
        if not text:
            continue
        if text.startswith(("諮問機関：", "利用機関：", "資料：")):  # under the item above
            items.append(f"{'  ' * depth}  - {md_line(text)}")
        else:  # an item; a heading's child is 1字 in, a list inside its heading's item
            depth = len(line) - len(line.lstrip("　"))
            items.append(f"{'  ' * depth}- {md_line(text)}")
    out.append("\n".join(items))
    out.append("以上")
    return "\n\n".join(out) + "\n"


# The 会議概要


@pytest.mark.parametrize("public", [True, False])
@pytest.mark.parametrize("sitting", [None, 1, 2])
def test_the_standard_summary_prints_what_the_code_printed(db, sessions, tmp_path, public, sitting):
    held, _ = sessions
    prepared = prepare(db, "summary", held.id, public=public, sitting=sitting)
    assert prepared.template is not None and prepared.template.name == "standard"
    md = prepared.write(tmp_path / "s.md").read_text("utf-8")
    assert md == _summary_as_lines(prepared.document)
    made = Document(prepared.write(tmp_path / "s.docx"))
    printed = re.sub(
        r"\s",
        "",
        "".join([p.text for p in made.paragraphs])
        + "".join(c.text for t in made.tables for r in t.rows for c in r.cells),
    )
    for line in summary_text(prepared.document):  # every line of it, in a paragraph or a cell
        assert re.sub(r"\s", "", line) in printed, line


def test_the_standard_summary_uses_named_styles(db, sessions, tmp_path):
    held, _ = sessions
    prepared = prepare(db, "summary", held.id, public=True)
    paragraphs = _docx(prepared, "standard", tmp_path / "s.docx")
    style = {text: name for name, text in paragraphs}
    assert style["議事の概要"] == "Heading 1"
    assert style["〔2日目〕"] == "Heading 1"
    assert style["(2)　【諮問案件1】"] == "Heading 2"
    assert style["件名：電子図書館サービス導入に伴う利用者情報の外部提供について（諮問）"] == "箇条"
    assert style["～実施機関職員による説明～"] == "ト書き"
    asked = "(A委員) 事業者に提供する項目は、利用者番号と氏名のほかに何がありますか。"
    assert style[asked] == "発言"
    assert paragraphs[0] == ("右寄せ", "（案）")
    assert paragraphs[1][0] == "Title"
    assert paragraphs[-1] == ("以上", "以上")


def test_the_summary_a_day_default_prints_each_sitting_as_its_own_document(db, sessions):
    held, _ = sessions
    lines = _md(prepare(db, "summary", held.id, public=True), "by-day")
    titles = [line for line in lines if line.startswith("## ")]
    assert titles == [
        "## 令和8年度第1回ひばり野市情報公開・個人情報保護審議会会議概要（1日目）",
        "## 令和8年度第1回ひばり野市情報公開・個人情報保護審議会会議概要（2日目）",
    ]
    assert "1　開催日時　令和8年10月21日（水）午後2時～午後4時  " in lines
    assert any(line.startswith("3　審議者　　森川会長、石田副会長、") for line in lines)
    assert not any(line.startswith("出席者") for line in lines)
    assert (
        "#### 【諮問案件1】電子図書館サービス導入に伴う利用者情報の外部提供について（諮問）"
    ) in lines
    assert "(1)　諮問機関　教育部中央図書館  " in lines
    assert "(2)　出席した実施機関職員　教育部中央図書館（岡部館長、関主査）  " in lines
    # every paragraph of a turn labelled
    assert any(line.startswith("(実施機関) 消去したときは") for line in lines)
    assert "以上" not in lines and "以上  " not in lines
    day = _md(prepare(db, "summary", held.id, public=True, sitting=2), "by-day")
    assert [line for line in day if line.startswith("## ")] == [titles[1]]
    assert any(line.startswith("#### 【諮問案件2】防災アプリ") for line in day)


def test_the_summary_a_day_default_in_word(db, sessions, tmp_path):
    held, _ = sessions
    prepared = prepare(db, "summary", held.id, public=True)
    template = default_named("summary", "by-day").load()
    document = Document(render_docx(template.docx, prepared.context, tmp_path / "d.docx"))
    titles = [p for p in document.paragraphs if p.style.name == "Title"]
    assert [t.text.splitlines()[-1] for t in titles] == ["会議概要（1日目）", "会議概要（2日目）"]
    assert all(t.paragraph_format.page_break_before for t in titles)  # a page each
    cases = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert cases[:2] == ["1　会長挨拶", "2　議事"]
    assert any(c.startswith("【諮問案件2】防災アプリ") for c in cases)
    assert not any(p.style.name == "以上" for p in document.paragraphs)


# The 会議議事予定


def test_the_standard_agenda_notice_prints_what_the_code_printed(db, sessions, tmp_path):
    _, upcoming = sessions
    prepared = prepare(db, "agenda", upcoming.id, public=True)
    assert prepared.template is not None and prepared.template.name == "standard"
    md = prepared.write(tmp_path / "n.md").read_text("utf-8")
    assert md == _notice_as_list(prepared.document)
    made = Document(prepared.write(tmp_path / "n.docx"))
    texts = [p.text for p in made.paragraphs]
    for line in notice_lines(prepared.document):
        assert line.strip("　") in [t.strip("　") for t in texts], line
    styles = {p.text: p.style.name for p in made.paragraphs}
    assert styles["議題"] == "Heading 1"
    assert styles["令和8年度第2回定例会"] == "Title"
    assert styles["以上"] == "以上"


def test_the_flat_agenda_notice_numbers_straight_through_under_a_group_heading(
    db, sessions, tmp_path
):
    _, upcoming = sessions
    prepared = prepare(db, "agenda", upcoming.id, public=True)
    lines = _md(prepared, "flat")
    assert lines[0] == (
        "## ひばり野市情報公開・個人情報保護審議会 令和8年度第2回（定例会）会議議事予定"
    )
    assert "日時　令和8年12月16日（水）午前10時～正午（1日目）  " in lines
    assert "場所　ひばり野市役所本庁舎3階 第2会議室" in lines  # the same place: once
    numbered = [line.split("　")[0] for line in lines if re.match(r"\d+　", line)]
    assert numbered == ["1", "2", "3", "4", "5", "6"]
    assert "#### 【議事】" in lines
    assert "　　諮問機関　危機管理部防災課  " in lines
    assert lines.index("記") < lines.index("#### 【議事】") < lines.index("以上")
    paragraphs = _docx(prepared, "flat", tmp_path / "f.docx")
    assert ("記", "記") in paragraphs and paragraphs[-1] == ("以上", "以上")
    assert ("Heading 2", "【議事】") in paragraphs
    assert ("箇条", "6　次回の日程について") in paragraphs
    assert [text for style, text in paragraphs if style == "Title"] == [
        "ひばり野市情報公開・個人情報保護審議会",
        "令和8年度第2回（定例会）会議議事予定",
    ]


def test_the_preview_is_what_the_chosen_template_makes(db, sessions):
    from dataclasses import replace

    from exports.template_sets import default_named

    held, upcoming = sessions
    summary = prepare(db, "summary", held.id, public=True)
    assert summary.preview[0] == summary.document.title  # the heading's marks gone
    assert "\\" not in "".join(summary.preview)  # and the escapes
    by_day = replace(summary, template=default_named("summary", "by-day").load())
    assert by_day.preview != summary.preview and "審議者" in "".join(by_day.preview)
    notice = prepare(db, "agenda", upcoming.id, public=True).preview[0]
    assert notice == "令和8年度第2回定例会 ひばり野市情報公開・個人情報保護審議会 会議議事予定"
