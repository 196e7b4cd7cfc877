"""Reading the transcripts speech-recognition services export (and typed ones): each format,
and each broken file refused with a Japanese message that names what is wrong and where.

The files are written here, with fictional people of かもめ台市.
"""

from __future__ import annotations

import io
import random
from datetime import timedelta

import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from meeting.errors import InputError
from minutes.transcript import (
    NARRATION_LABEL,
    Format,
    Said,
    parse_clock,
    parse_transcript,
    read_transcript,
)
from minutes.transcript_text import split_label


def s(seconds: float) -> timedelta:
    return timedelta(seconds=seconds)


def refused(data: bytes, name: str) -> str:
    with pytest.raises(InputError) as caught:
        parse_transcript(data, name)
    return caught.value.message


# Plain text


TYPED = """\
事務局：ただいまから会議を開会します。
○青木会長　それでは議事に入ります。
上田委員 資料1について伺います。
二点目は保存期間です。

A委員：（A委員）と書かれる方の質問です。
(B委員) 要約の書き方です。
発言者1　音声認識の話者です。
Speaker 2: English label.
～実施機関職員による説明～
[00:01:23] 事務局：時刻つきの発言です。
これは話者のない段落です。
"""


def test_typed_text_names_each_speaker_at_the_start_of_a_paragraph():
    t = parse_transcript(TYPED.encode(), "第2回.txt")
    assert t.format is Format.TEXT
    assert [(x.label, x.text, x.line) for x in t.lines] == [
        ("事務局", "ただいまから会議を開会します。", 1),
        ("青木会長", "それでは議事に入ります。", 2),
        ("上田委員", "資料1について伺います。", 3),
        ("上田委員", "二点目は保存期間です。", 4),
        ("A委員", "（A委員）と書かれる方の質問です。", 6),
        ("B委員", "要約の書き方です。", 7),
        ("発言者1", "音声認識の話者です。", 8),
        ("Speaker 2", "English label.", 9),
        (NARRATION_LABEL, "～実施機関職員による説明～", 10),
        ("事務局", "時刻つきの発言です。", 11),
        ("事務局", "これは話者のない段落です。", 12),
    ]
    assert t.lines[3].continues and not t.lines[2].continues  # a paragraph of the same turn
    assert t.lines[9].time == s(83)


@pytest.mark.parametrize(
    ("paragraph", "label", "text"),
    [
        ("江口委員：はい。", "江口委員", "はい。"),
        ("江口委員:はい。", "江口委員", "はい。"),  # a half-width colon
        ("Ａ委員：全角の記号です。", "A委員", "全角の記号です。"),  # folded: one label
        ("事務局（田中）：担当です。", "事務局(田中)", "担当です。"),
        ("小野委員　全角の空白の後です。", "小野委員", "全角の空白の後です。"),
        ("10:30から再開します。", "", "10:30から再開します。"),  # a time is not a label
        ("https://example.jp を見てください", "", "https://example.jp を見てください"),
        ("委員の皆さん、どうぞ。", "", "委員の皆さん、どうぞ。"),
        ("（1）一点目です。", "", "（1）一点目です。"),  # a list mark is not a label
    ],
)
def test_a_label_is_only_what_reads_as_one(paragraph, label, text):
    found = split_label(paragraph)
    assert (found.label, found.text) == (label, text)


def test_a_label_on_a_line_of_its_own_names_the_paragraphs_under_it():
    text = "加藤 静   0:03\n一つ目の段落です。\n二つ目の段落です。\n井上 花   1:02:05\n答えます。\n"
    lines = parse_transcript(text.encode(), "teams.txt").lines
    assert lines == (
        Said("加藤 静", s(3), "一つ目の段落です。", 2),
        Said("加藤 静", None, "二つ目の段落です。", 3, continues=True),
        Said("井上 花", s(3725), "答えます。", 5),
    )


# Word


def docx_bytes(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    document = Document()
    for p in paragraphs:
        document.add_paragraph(p)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_paragraphs_are_read_as_typed_text_numbered_as_paragraphs():
    t = parse_transcript(
        docx_bytes("事務局：開会します。", "", "江口委員　質問です。", "続きの段落です。"),
        "議事.docx",
    )
    assert t.format is Format.DOCX
    assert [(x.label, x.text, x.line, x.continues) for x in t.lines] == [
        ("事務局", "開会します。", 1, False),
        ("江口委員", "質問です。", 3, False),
        ("江口委員", "続きの段落です。", 4, True),
    ]
    assert t.where(t.lines[1]) == "段落3"


def test_a_word_table_is_read_by_its_header_row():
    data = docx_bytes(table=[["時刻", "話者", "発言"], ["0:00:05", "発言者1", "はじめます。"]])
    (said,) = parse_transcript(data, "表.docx").lines
    assert (said.label, said.time, said.text) == ("発言者1", s(5), "はじめます。")


def test_a_broken_word_file_is_named():
    assert "Word（.docx）として読めません" in refused(b"PK\x03\x04 not really a zip", "議事.docx")
    assert "Word（.docx）として読めません" in refused("ただの文字".encode(), "議事.docx")
    assert ".docx として保存" in refused(b"\xd0\xcf\x11\xe0" + bytes(100), "古い.doc")


# WebVTT


VTT = """\
WEBVTT
Kind: captions

NOTE 音声認識サービスの書き出し

1
00:00:05.000 --> 00:00:09.000 align:start
<v 発言者1>ただいまから</v>

00:00:09.000 --> 00:00:12.500
<v.loud 発言者1>開会します。&amp;以上
<c>です</c>

00:01:02.000 --> 00:01:05.000
<v 上田 進>質問です。<v 事務局>お答えします。

01:02.500 --> 01:04.000
加藤委員：字幕の中の名前です。
"""


def test_webvtt_cues_carry_their_times_and_voices():
    t = parse_transcript(VTT.encode(), "会議.vtt")
    assert t.format is Format.VTT
    assert [(x.label, x.time, x.text, x.line) for x in t.lines] == [
        ("発言者1", s(5), "ただいまから", 7),
        ("発言者1", s(9), "開会します。&以上です", 10),
        ("上田 進", s(62), "質問です。", 14),
        ("事務局", s(62), "お答えします。", 14),
        ("加藤委員", s(62.5), "字幕の中の名前です。", 17),
    ]
    assert t.notes == (
        "前の発言と時間が重なっています: キュー4（17行目）（そのまま順に取り込みます）",
    )


def test_webvtt_is_known_by_its_first_line_whatever_its_name():
    assert parse_transcript(VTT.encode("utf-8-sig"), "export.txt").format is Format.VTT
    assert "WEBVTT" in refused(b"00:00:01.000 --> 00:00:02.000\nx\n", "a.vtt")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "00:00:05.000 --> 00:00:04.000\n戻る時刻\n",
            "キュー1（3行目）: 終わりが始まりより前です（0:00:05 --> 0:00:04）",
        ),
        (
            "00:00:05.000 --> 00:00:06.000\n一つ目\n\n00:00:04.000 --> 00:00:05.000\n二つ目\n",
            "キュー2（6行目）: 始まり（0:00:04）が前のキュー1（3行目）の始まり（0:00:05）"
            "より前です",
        ),
        ("00:00:05 --> 00:00:0x\n壊れた時刻\n", "キュー1（3行目）: 時刻「00:00:05 --> 00:00:0x」"),
        ("字幕だけ\nで時刻がない\n", "3行目: キューの時刻の行がありません"),
    ],
)
def test_a_broken_webvtt_names_the_cue(body, message):
    assert message in refused(f"WEBVTT\n\n{body}".encode(), "会議.vtt")


# SRT


SRT = """\
1
00:00:01,000 --> 00:00:03,500
事務局：<i>開会します。</i>

2
00:00:04,000 --> 00:00:06,000
発言者2
二行に分かれた
字幕です。

3
00:00:07,000 --> 00:00:08,000
話者のない字幕
"""


def test_srt_subtitles_carry_their_times_and_labels():
    t = parse_transcript(SRT.encode("cp932"), "会議.srt")
    assert t.format is Format.SRT
    assert [(x.label, x.time, x.text, x.line) for x in t.lines] == [
        ("事務局", s(1), "開会します。", 2),
        ("発言者2", s(4), "二行に分かれた字幕です。", 6),
        ("", s(7), "話者のない字幕", 12),
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("7\n00:00:03,000 --> 00:00:01,000\n逆\n", "字幕7（2行目）: 終わりが始まりより前です"),
        (
            "1\n00:00:03,000 --> 00:00:04,000\na\n\n2\n00:00:02,000 --> 00:00:05,000\nb\n",
            "字幕2（6行目）: 始まり（0:00:02）が前の字幕1（2行目）の始まり（0:00:03）より前です",
        ),
        (
            "1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n時刻なし\n",
            "6行目: 字幕の時刻の行がありません",
        ),
    ],
)
def test_a_broken_srt_names_the_subtitle(body, message):
    assert message in refused(body.encode(), "会議.srt")


def test_overlapping_subtitles_are_read_and_said():
    body = "".join(
        f"{n}\n00:00:{n:02d},000 --> 00:00:{n + 5:02d},000\n発言者1：{n}番目\n\n"
        for n in range(1, 7)
    )
    t = parse_transcript(body.encode(), "重なり.srt")
    assert len(t.lines) == 6
    assert t.notes == (
        "前の発言と時間が重なっています: 字幕2（6行目）、字幕3（10行目）、字幕4（14行目）"
        "ほか2件（そのまま順に取り込みます）",
    )


# CSV


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "utf-16"])
def test_csv_in_the_encodings_excel_saves(encoding):
    text = "話者,開始時刻,終了時刻,発言内容\r\n発言者1,00:00:05,00:00:08,はじめます。\r\n"
    text += '小野 大樹,0:01:02.5,0:01:04,"読点、と,カンマ"\r\n事務局,,,時刻のない行\r\n'
    t = parse_transcript(text.encode(encoding), "認識結果.csv")
    assert [(x.label, x.time, x.text, x.line) for x in t.lines] == [
        ("発言者1", s(5), "はじめます。", 2),
        ("小野 大樹", s(62.5), "読点、と,カンマ", 3),
        ("事務局", None, "時刻のない行", 4),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "speaker,start,text",
        "Speaker,Start Time,Transcript",
        "発言者,時刻,テキスト",
        "話者,time,発言",
    ],
)
def test_csv_headers_in_japanese_or_english(header):
    (said,) = parse_transcript(f"{header}\n上田 進,83.5,はい\n".encode(), "x.csv").lines
    assert (said.label, said.time, said.text) == ("上田 進", s(83.5), "はい")


def test_tab_separated_and_clock_times_with_dates():
    text = "時刻\t話者\t発言\n2026/12/14 10:02:15\t事務局\t開会します。\n"
    (said,) = parse_transcript(text.encode(), "x.tsv").lines
    assert said.time == timedelta(hours=10, minutes=2, seconds=15)


def test_a_csv_without_the_text_column_is_refused_with_its_headers():
    message = refused("話者,時刻\n発言者1,0:00:01\n".encode(), "x.csv")
    assert message == (
        "発言の列がありません。1行目の見出しに「発言」「テキスト」「text」のいずれかを"
        "入れてください（今の見出し: 「話者」、「時刻」）"
    )


def test_a_bad_time_in_a_csv_names_its_line():
    message = refused("話者,時刻,発言\nA委員,0:00:01,はい\nB委員,午後,いいえ\n".encode(), "x.csv")
    assert message == "3行目: 時刻「午後」を読めません（例: 0:01:23、00:01:23.500）"


# Files that are not transcripts


def test_binary_garbage_is_not_read_as_text():
    garbage = random.Random(16).randbytes(4096)
    assert "文字コードを読み取れません" in refused(garbage, "録音.txt")
    assert "文字のファイルではありません" in refused(b"abc\x00\x01\x02def" * 50, "x.csv")


def test_an_empty_file_and_a_file_with_nothing_said():
    assert refused(b"", "empty.txt") == "empty.txt は空のファイルです"
    assert refused(b"  \r\n\r\n", "blank.vtt") == "blank.vtt は空のファイルです"
    assert refused(b"WEBVTT\n\nNOTE only\n", "notes.vtt") == "notes.vtt には発言が一つもありません"
    assert refused("話者,発言\n".encode(), "header.csv") == "header.csv には発言が一つもありません"


def test_excel_files_are_asked_for_as_csv():
    assert "CSV UTF-8" in refused(b"PK\x03\x04....", "話者.xlsx")


def test_a_missing_file_and_a_folder_are_named(tmp_path):
    with pytest.raises(InputError, match="がありません"):
        read_transcript(tmp_path / "ない.vtt")
    with pytest.raises(InputError, match="フォルダです"):
        read_transcript(tmp_path)


# Times


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("0:03", 3), ("1:02:03", 3723), ("00:01:23.500", 83.5), ("00:01:23,5", 83.5), ("75:00", 4500)],
)
def test_times_as_the_services_write_them(text, seconds):
    assert parse_clock(text) == s(seconds)


@pytest.mark.parametrize("text", ["1:60", "1:61:00", "abc", "10時", ""])
def test_what_is_not_a_time(text):
    assert parse_clock(text) is None


@given(st.text(max_size=200))
def test_any_text_is_read_or_refused_with_a_message(text):
    try:
        t = parse_transcript(text.encode("utf-8"), "any.txt")
    except InputError as error:
        assert error.message
        return
    assert all(said.text.strip() for said in t.lines)
